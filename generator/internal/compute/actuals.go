package compute

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/formula"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// series is a measure's actuals, from data files or computed, from first
// on: a measure read from data files reads its data's points, which the
// series does not copy; a computed one holds its values.
type series struct {
	first  period.Period
	n      int
	values []model.Opt   // computed, n of them
	data   *model.Series // read from data files
}

func (s *series) at(p period.Period) model.Opt {
	if s.data != nil {
		return s.data.ActualAt(p)
	}
	i := p.N - s.first.N
	if i < 0 || i >= s.n {
		return model.Opt{}
	}
	return s.values[i]
}

// computed is a series of n missing values from first, to fill in.
func computed(first period.Period, n int) *series {
	return &series{first: first, n: n, values: make([]model.Opt, n)}
}

func (s *series) empty() bool { return s.n == 0 }
func (s *series) last() period.Period {
	return s.first.Add(s.n - 1)
}

// span returns the smallest range of periods that covers every non-empty series.
func span(all []*series) (first, last period.Period, ok bool) {
	for _, s := range all {
		if s.empty() {
			continue
		}
		if !ok || s.first.N < first.N {
			first = s.first
		}
		if !ok || s.last().N > last.N {
			last = s.last()
		}
		ok = true
	}
	return first, last, ok
}

// actuals computes the actual series of every measure: the data files' values,
// formulas applied period by period, and roll-ups of the child units. Units are
// done children first, so a roll-up finds its sources ready.
func (e *engine) actuals() {
	e.act = make([]*series, e.site.Measures)
	for i := len(e.site.Units) - 1; i >= 0; i-- {
		for _, m := range e.site.Units[i].Measures {
			e.actualOf(m)
		}
	}
}

func (e *engine) actualOf(m *model.Measure) *series {
	if s := e.act[m.Index]; s != nil {
		return s
	}
	var s *series
	switch {
	case m.Formula != nil:
		s = e.formulaSeries(m)
	case m.Rollup != model.AggNone:
		s = e.rollupSeries(m)
	default:
		d := e.data.Of(m)
		s = &series{first: d.First, n: d.Len(), data: d}
	}
	e.act[m.Index] = s
	return s
}

// formulaFault records that m's formula overflowed in period p, at the
// operator that did; ytd is "" or says that the values were year-to-date
// totals.
func (e *engine) formulaFault(m *model.Measure, re *formula.RangeError, p period.Period, ytd string) {
	pos := m.FormulaPos
	// Past the opening quote; columns count characters, as everywhere else.
	pos.Col += 1 + utf8.RuneCountInString(m.Formula.String()[:min(max(re.Offset, 0), len(m.Formula.String()))])
	e.faults.add(pos, at("measure %q of unit %q: %s%s", m.ID, m.Unit.ID, ytd, re.What()), p, re.Operands())
}

// gaps collects, per measure, the periods a computed actual is missing and why.
type gaps struct {
	notes []string
}

func (g *gaps) add(p period.Period, why string) {
	g.notes = append(g.notes, p.String()+" ("+why+")")
}

// report turns the notes into one warning, listing the first few periods.
func (e *engine) report(m *model.Measure, what string, g *gaps) {
	if len(g.notes) == 0 {
		return
	}
	e.dl.Warnf(m.Pos, "measure %q of unit %q: %s is missing for %s", m.ID, m.Unit.ID, what, listed(g.notes))
}

// reportable reports whether a gap in period p matters for this build: periods
// after the as-of period are not reported on.
func (e *engine) reportable(p period.Period) bool {
	return e.cal.End(p) <= e.cal.End(e.data.AsOf)
}

func (e *engine) formulaSeries(m *model.Measure) *series {
	inputs := make([]*series, len(m.Inputs))
	for i, in := range m.Inputs {
		inputs[i] = e.actualOf(in)
	}
	first, last, ok := span(inputs)
	if !ok || len(m.Inputs) == 0 {
		return &series{}
	}
	s := computed(first, last.N-first.N+1)
	vals := make([]float64, len(inputs))
	var g gaps
	for i := range s.values {
		p := first.Add(i)
		var missing []string
		for k, in := range inputs {
			v := in.at(p)
			vals[k] = v.V
			if !v.OK {
				missing = append(missing, fmt.Sprintf("%q", m.Inputs[k].ID))
			}
		}
		if len(missing) == len(inputs) || !e.reportable(p) && len(missing) > 0 {
			continue
		}
		if len(missing) > 0 {
			g.add(p, "no actual for "+strings.Join(missing, ", "))
			continue
		}
		v, err := m.Formula.Eval(vals)
		var re *formula.RangeError
		switch {
		case errors.As(err, &re):
			if e.reportable(p) {
				e.formulaFault(m, re, p, "")
			}
		case err != nil:
			if e.reportable(p) {
				g.add(p, err.Error())
			}
		default:
			s.values[i] = model.Some(v)
		}
	}
	e.report(m, "its formula's value", &g)
	return s
}

func (e *engine) rollupSeries(m *model.Measure) *series {
	sources := make([]*series, len(m.RollupFrom))
	for i, src := range m.RollupFrom {
		sources[i] = e.actualOf(src)
	}
	first, last, ok := span(sources)
	if !ok {
		return &series{}
	}
	s := computed(first, last.N-first.N+1)
	vals := make([]float64, 0, len(sources))
	var g gaps
	for i := range s.values {
		p := first.Add(i)
		vals = vals[:0]
		var missing []string
		for k, src := range sources {
			if v := src.at(p); v.OK {
				vals = append(vals, v.V)
			} else {
				missing = append(missing, fmt.Sprintf("%q", m.RollupFrom[k].Unit.ID))
			}
		}
		if len(vals) == 0 {
			continue
		}
		// A total over some of the units would look complete and be wrong.
		if len(missing) > 0 {
			if e.reportable(p) {
				g.add(p, "no actual from unit "+strings.Join(missing, ", "))
			}
			continue
		}
		v := m.Rollup.Combine(vals)
		if !number.Finite(v) {
			if e.reportable(p) {
				e.faults.add(m.RollupPos, at("measure %q of unit %q: the %s of its child units' actuals %s", m.ID, m.Unit.ID, m.Rollup, beyond), p, "")
			}
			continue
		}
		s.values[i] = model.Some(v)
	}
	e.report(m, "its roll-up", &g)
	return s
}
