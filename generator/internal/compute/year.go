package compute

import (
	"errors"

	"github.com/scorecard-dev/scorecard/generator/internal/formula"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// YearToDate is a year-to-date measure's fiscal year as of a review period,
// period by period, and where the year is projected to end
// (docs/scoring.md, "Year to date: the year and its projection").
type YearToDate struct {
	// Periods are the periods of the measure's frequency in the fiscal year.
	Periods []period.Period
	// Actual is the year-to-date value as of each period, up to the current
	// one; missing after it, and from a period without an actual on.
	Actual []model.Opt
	// Target is the year-to-date target as of each period of the year.
	Target []model.Opt
	// FullYear is the whole year's target, red flag and stretch, combined as
	// the year to date's are, with defaults.
	FullYear Thresholds
	// Projection is the projected year-to-date value as of each period from
	// the current one on (there it is the actual); missing before it, and
	// missing throughout when the year is not projected (Method NoProjection).
	Projection []model.Opt
	Method     Method
	// Projected is the projected value at the year's end, and its status
	// against FullYear.
	Projected       model.Opt
	ProjectedStatus model.Status
}

// Method is how a year's end is projected.
type Method uint8

// The methods of projection.
const (
	NoProjection Method = iota
	RunRate             // the periods to come at the year to date's pace
	Seasonal            // the periods to come in the shape of the same periods of the year before
	Mixed               // a formula whose inputs are projected, some one way, some the other
)

func (m Method) String() string {
	return [...]string{"none", "run-rate", "seasonal", "mixed"}[m]
}

// periodsPerYear is how many periods of frequency f a fiscal year holds.
func periodsPerYear(f period.Freq) int {
	switch f {
	case period.Monthly:
		return 12
	case period.Quarterly:
		return 4
	}
	return 1
}

// year is m's fiscal year as of asOf, for a year-to-date measure; nil when
// no period of the year has ended.
func (e *engine) year(m *model.Measure, asOf period.Period) *YearToDate {
	first, last, ok := e.cal.YTD(m.Freq, asOf)
	if !ok {
		return nil
	}
	n, k := periodsPerYear(m.Freq), last.N-first.N+1
	y := &YearToDate{
		Periods:    make([]period.Period, n),
		Actual:     make([]model.Opt, n),
		Target:     make([]model.Opt, n),
		Projection: make([]model.Opt, n),
	}
	ts := make([]Thresholds, n)
	for j := range n {
		y.Periods[j] = first.Add(j)
		ts[j] = e.thresholdsAt(m, y.Periods[j])
		if m.Polarity != model.Range {
			y.Target[j] = combineQuiet(m.Aggregation, ts[:j+1], func(t Thresholds) model.Opt { return t.Target })
		}
	}
	for j := range k {
		if v, missing, _ := e.ytdActualQuiet(m, first, y.Periods[j]); len(missing) == 0 {
			y.Actual[j] = v
		}
	}
	if m.Polarity != model.Range {
		full := Thresholds{
			Target:  y.Target[n-1],
			Red:     combineQuiet(m.Aggregation, ts, func(t Thresholds) model.Opt { return t.Red }),
			Stretch: combineQuiet(m.Aggregation, ts, func(t Thresholds) model.Opt { return t.Stretch }),
		}.WithDefaults(m.Polarity, e.site.AmberBand)
		if msg, _ := ScaleProblem(m.Polarity, e.site.AmberBand, full); msg == "" {
			y.FullYear = full
		}
	}
	if path, method := e.projection(m, first, k, n); method != NoProjection {
		y.Method = method
		copy(y.Projection[k-1:], path[k-1:])
		y.Projected = path[n-1]
		y.ProjectedStatus = MeasureStatus(m.Polarity, y.Projected, y.FullYear, m.Band)
	}
	return y
}

// projection is m's year-to-date value as of each period of the fiscal year
// that starts with first, n periods long, k of them ended: the actual up to
// the k-th, projected after it. A measure with a formula is projected
// through its inputs, each in its own way, and the formula applied to each
// period's projected inputs, as the year to date is (section 2). The method
// is NoProjection when the year cannot be projected: it is over, the year to
// date is missing, the aggregation is not sum or average, or a number would
// be beyond what a number holds.
func (e *engine) projection(m *model.Measure, first period.Period, k, n int) ([]model.Opt, Method) {
	if k >= n || k < 1 {
		return nil, NoProjection
	}
	if m.Formula != nil {
		return e.formulaProjection(m, first, k, n)
	}
	if m.Aggregation != model.Sum && m.Aggregation != model.Average {
		return nil, NoProjection
	}
	act := e.act[m.Index]
	this := make([]float64, k)
	for j := range this {
		v := act.at(first.Add(j))
		if !v.OK {
			return nil, NoProjection
		}
		this[j] = v.V
	}
	// Last year's actuals, all of them, shape the periods to come when
	// what it had reached by the k-th period, and by its end, are both
	// above zero: otherwise the ratio of the two says nothing.
	shape := make([]float64, n)
	method := Seasonal
	for j := range shape {
		v := act.at(first.Add(j - n))
		if !v.OK {
			method = RunRate
			break
		}
		shape[j] = v.V
	}
	if method == Seasonal {
		if a, b := m.Aggregation.Combine(shape[:k]), m.Aggregation.Combine(shape); !(a > 0 && b > 0) || !number.Finite(a) || !number.Finite(b) {
			method = RunRate
		}
	}
	if method == RunRate {
		for j := range shape {
			shape[j] = 1
		}
	}
	// The year to date as of period j is the year to date now times what
	// the shape reaches by j over what it reached by now: for a run rate,
	// j/k of the total, or the average as it is.
	now := m.Aggregation.Combine(this)
	base := m.Aggregation.Combine(shape[:k])
	out := make([]model.Opt, n)
	for j := range n {
		if j < k {
			out[j] = model.Some(m.Aggregation.Combine(this[:j+1]))
			continue
		}
		v := now * (m.Aggregation.Combine(shape[:j+1]) / base)
		if !number.Finite(v) {
			return nil, NoProjection
		}
		out[j] = model.Some(v)
	}
	return out, method
}

// formulaProjection projects a formula measure's inputs and applies the
// formula to them period by period.
func (e *engine) formulaProjection(m *model.Measure, first period.Period, k, n int) ([]model.Opt, Method) {
	if len(m.Inputs) == 0 {
		return nil, NoProjection
	}
	paths := make([][]model.Opt, len(m.Inputs))
	var method Method
	for i, in := range m.Inputs {
		p, im := e.projection(in, first, k, n)
		if im == NoProjection {
			return nil, NoProjection
		}
		switch {
		case method == NoProjection:
			method = im
		case method != im:
			method = Mixed
		}
		paths[i] = p
	}
	out := make([]model.Opt, n)
	vals := make([]float64, len(m.Inputs))
	for j := range n {
		for i := range paths {
			vals[i] = paths[i][j].V
		}
		x, err := m.Formula.Eval(vals)
		var re *formula.RangeError
		switch {
		case errors.Is(err, formula.ErrDivZero):
			continue // this period's projection is missing
		case errors.As(err, &re), err != nil:
			return nil, NoProjection
		}
		out[j] = model.Some(x)
	}
	if !out[n-1].OK {
		return nil, NoProjection
	}
	return out, method
}

// combineQuiet is combine for figures that are shown but not scored (the
// year's targets to come): missing when a period lacks the threshold or
// the total cannot be represented, with no error.
func combineQuiet(agg model.Aggregation, ts []Thresholds, get func(Thresholds) model.Opt) model.Opt {
	vals := make([]float64, len(ts))
	for i, t := range ts {
		v := get(t)
		if !v.OK {
			return model.Opt{}
		}
		vals[i] = v.V
	}
	if v := agg.Combine(vals); number.Finite(v) {
		return model.Some(v)
	}
	return model.Opt{}
}

// ytdActualQuiet is ytdActual without reporting what cannot be
// represented: the year to date as of a period before c was reported, if
// at all, when that period was scored.
func (e *engine) ytdActualQuiet(m *model.Measure, first, last period.Period) (model.Opt, []period.Period, bool) {
	quiet := &engine{site: e.site, data: e.data, cal: e.cal, dl: e.dl, act: e.act, objs: e.objs}
	return quiet.ytdActual(m, first, last)
}
