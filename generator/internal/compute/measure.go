package compute

import (
	"errors"

	"github.com/scorecard-dev/scorecard/generator/internal/formula"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// MeasureResult is a measure scored as of the as-of period. A site holds
// one for every measure and review period for the whole build (160,000 on
// the L workload), so its one-byte fields are kept together rather than
// each padded to eight bytes.
type MeasureResult struct {
	Measure *model.Measure
	Current period.Period // c: the latest period of the measure's frequency that has ended by the as-of period
	Period  period.Period // the period the value belongs to: c for YTD, the actual's period for period basis
	Value   model.Opt
	Thresholds
	Score model.Opt
	// TrendPeriods is how many periods the trend reads, up to TrendPeriods:
	// fewer when the measure's actuals begin later. Zero without a trend.
	TrendPeriods int

	// YTD only: the window, and the periods in it with no actual.
	WindowFirst period.Period
	Missing     []period.Period

	// Year is a year-to-date measure's fiscal year and its projection; nil
	// for other measures, and before a period of the year has ended.
	Year *YearToDate

	Basis   model.Basis
	Status  model.Status
	Trend   model.Trend
	Stale   bool
	DivZero bool // YTD only

	// Previous is the status as of the site period before the as-of period,
	// for "what changed".
	Previous model.Status
}

// PeriodResult is one period of a measure's history.
type PeriodResult struct {
	Period period.Period
	Actual model.Opt
	Thresholds
	Score  model.Opt
	Status model.Status
}

// thresholdsAt returns the thresholds that apply to period p before defaults:
// the data file's values where given, else the measure's constants.
func (e *engine) thresholdsAt(m *model.Measure, p period.Period) Thresholds {
	return thresholdsAt(e.data, m, p)
}

func thresholdsAt(data *model.Data, m *model.Measure, p period.Period) Thresholds {
	v := data.Of(m).Values(p)
	return Thresholds{
		Target:  v[1].Or(m.Target),
		Red:     v[2].Or(m.Red),
		Stretch: v[3].Or(m.Stretch),
	}
}

// measureAt scores m as of period asOf.
func (e *engine) measureAt(m *model.Measure, asOf period.Period) MeasureResult {
	act := e.act[m.Index]
	c := e.cal.LatestEndingBy(m.Freq, e.cal.End(asOf))
	r := MeasureResult{Measure: m, Basis: m.Basis, Current: c, Period: c}
	if m.Basis == model.YTDBasis {
		e.ytd(m, asOf, &r)
	} else {
		for p := c; !act.empty() && p.N >= act.first.N; p = p.Add(-1) {
			if v := act.at(p); v.OK {
				r.Period, r.Value, r.Stale = p, v, p != c
				break
			}
		}
		r.Thresholds = e.thresholdsAt(m, r.Period)
	}
	r.Thresholds = r.Thresholds.WithDefaults(m.Polarity, e.site.AmberBand)
	r.Status = MeasureStatus(m.Polarity, r.Value, r.Thresholds, m.Band)
	r.Score = MeasureScore(m.Polarity, r.Value, r.Thresholds, m.Band)
	if m.Polarity == model.Range {
		r.Thresholds = Thresholds{}
	}
	return r
}

// describe adds to m's result as of review period asOf what only its pages
// show: the trend, and a year-to-date measure's year.
func (e *engine) describe(m *model.Measure, r *MeasureResult, asOf period.Period) {
	r.Trend, r.TrendPeriods = e.trend(m, r.Current)
	if m.Basis == model.YTDBasis {
		r.Year = e.year(m, asOf)
	}
}

// trend reads the actuals of m's TrendPeriods periods up to c, the periods
// its sparkline draws, whatever the basis.
func (e *engine) trend(m *model.Measure, c period.Period) (model.Trend, int) {
	act := e.act[m.Index]
	first := c.Add(1 - TrendPeriods)
	if !act.empty() && act.first.N > first.N {
		first = act.first
	}
	if first.N > c.N {
		return model.NoTrend, 0
	}
	window := make([]model.Opt, c.N-first.N+1)
	for i := range window {
		window[i] = act.at(first.Add(i))
	}
	t := MeasureTrend(m.Polarity, window, m.Band, m.Format.Resolution())
	if t == model.NoTrend {
		return t, 0
	}
	return t, len(window)
}

// ytd fills the year-to-date value and thresholds of m as of asOf.
func (e *engine) ytd(m *model.Measure, asOf period.Period, r *MeasureResult) {
	first, last, ok := e.cal.YTD(m.Freq, asOf)
	r.WindowFirst = first
	if !ok {
		return // no period of the measure has ended yet this fiscal year
	}
	r.Value, r.Missing, r.DivZero = e.ytdActual(m, first, last)
	// A window is within a fiscal year, at most twelve periods: on the
	// stack rather than allocated, for every measure in every period of a
	// site's history (24 million windows on XL).
	var buf [yearMax]Thresholds
	ts := buf[:0]
	for p := first; p.N <= last.N; p = p.Add(1) {
		ts = append(ts, e.thresholdsAt(m, p))
	}
	r.Thresholds = Thresholds{
		Target:  e.combine(m, last, "targets", ts, func(t Thresholds) model.Opt { return t.Target }),
		Red:     e.combine(m, last, "reds", ts, func(t Thresholds) model.Opt { return t.Red }),
		Stretch: e.combine(m, last, "stretches", ts, func(t Thresholds) model.Opt { return t.Stretch }),
	}
	// Each period's thresholds were checked when read; their totals were not.
	if msg, _ := ScaleProblem(m.Polarity, e.site.AmberBand, r.Thresholds); msg != "" {
		e.faults.add(m.AggregationPos, at("measure %q of unit %q: over the year to date, %s", m.ID, m.Unit.ID, msg), last, "")
		r.Thresholds = Thresholds{}
	}
}

// yearMax is the most periods a year-to-date window holds: twelve months.
const yearMax = 12

// combine aggregates one threshold (what, plural) of m over the window that
// ends in last, or is missing when any period of the window lacks it or the
// total cannot be represented.
func (e *engine) combine(m *model.Measure, last period.Period, what string, ts []Thresholds, get func(Thresholds) model.Opt) model.Opt {
	var buf [yearMax]float64
	vals := buf[:0]
	if len(ts) > yearMax {
		vals = make([]float64, 0, len(ts))
	}
	vals = vals[:len(ts)]
	for i, t := range ts {
		v := get(t)
		if !v.OK {
			return model.Opt{}
		}
		vals[i] = v.V
	}
	v := m.Aggregation.Combine(vals)
	if !number.Finite(v) {
		e.faults.add(m.AggregationPos, at("measure %q of unit %q: the year-to-date %s of its %s %s", m.ID, m.Unit.ID, m.Aggregation, what, beyond), last, "")
		return model.Opt{}
	}
	return model.Some(v)
}

// ytdActual aggregates m's actuals over [first, last]. A formula measure
// aggregates its inputs first and then applies the formula, so that a ratio over
// the year is the ratio of the totals, not the mean of the monthly ratios.
func (e *engine) ytdActual(m *model.Measure, first, last period.Period) (v model.Opt, missing []period.Period, divZero bool) {
	if m.Formula != nil {
		vals := make([]float64, len(m.Inputs))
		ok := true
		for i, in := range m.Inputs {
			iv, im, dz := e.ytdActual(in, first, last)
			missing = mergePeriods(missing, im)
			divZero = divZero || dz
			ok = ok && iv.OK
			vals[i] = iv.V
		}
		if !ok || len(m.Inputs) == 0 {
			return model.Opt{}, missing, divZero
		}
		x, err := m.Formula.Eval(vals)
		var re *formula.RangeError
		switch {
		case errors.Is(err, formula.ErrDivZero):
			return model.Opt{}, missing, true
		case errors.As(err, &re):
			e.formulaFault(m, re, last, "over the year to date, ")
			return model.Opt{}, missing, divZero
		}
		return model.Some(x), missing, divZero
	}
	act := e.act[m.Index]
	var buf [yearMax]float64
	vals := buf[:0]
	for p := first; p.N <= last.N; p = p.Add(1) {
		if a := act.at(p); a.OK {
			vals = append(vals, a.V)
		} else {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 || len(vals) == 0 {
		return model.Opt{}, missing, false
	}
	x := m.Aggregation.Combine(vals)
	if !number.Finite(x) {
		e.faults.add(m.AggregationPos, at("measure %q of unit %q: the year-to-date %s of its actuals %s", m.ID, m.Unit.ID, m.Aggregation, beyond), last, "")
		return model.Opt{}, nil, false
	}
	return model.Some(x), nil, false
}

// mergePeriods returns the sorted union of two sorted lists.
func mergePeriods(a, b []period.Period) []period.Period {
	out := make([]period.Period, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || i < len(a) && a[i].N < b[j].N:
			out = append(out, a[i])
			i++
		case i >= len(a) || b[j].N < a[i].N:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
