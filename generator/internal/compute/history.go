package compute

import (
	"iter"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// A measure's history is every period of its data up to its current
// period, each scored on its own actual and thresholds. It is worked out
// again at each call rather than kept in the result: a site's histories
// hold as many periods as its data has points (2.4 million on the L
// workload, 290 MB), and a page or a file that shows one needs it only
// while it is made. It is cheap: a period is a lookup and a score.

// History returns m's history as of r, oldest first: a past review
// period's is the as-of period's up to its own current period.
func (r *Result) History(m *model.Measure) []PeriodResult {
	return r.history(m, period.Period{})
}

// RecentHistory is the last n periods of History(m), or all of it when
// there are fewer.
func (r *Result) RecentHistory(m *model.Measure, n int) []PeriodResult {
	return r.history(m, r.Measures[m.Index].Current.Add(1-n))
}

// SameHistory reports whether History(m) is the same in r and old, results
// of the same site (an update's and the last build's).
func (r *Result) SameHistory(old *Result, m *model.Measure) bool {
	i := m.Index
	a, b := r.act[i], old.act[i]
	if r.Measures[i].Current == old.Measures[i].Current && r.Data.Of(m).Shares(old.Data.Of(m)) &&
		a.first == b.first && a.n == b.n && (a.data != nil) == (b.data != nil) && slices.Equal(a.values, b.values) {
		return true // the same actuals and the same data: an update left the measure as it was
	}
	return slices.Equal(r.History(m), old.History(m))
}

// span returns the first and last periods of history(m, from), and false
// when it has none.
func (r *Result) span(m *model.Measure, from period.Period) (first, last period.Period, ok bool) {
	act, data := r.act[m.Index], r.Data.Of(m)
	if act.empty() && data.Len() == 0 {
		return first, last, false
	}
	first = act.first
	if act.empty() || data.First.N < first.N && data.Len() > 0 {
		first = data.First
	}
	if !from.IsZero() && from.N > first.N {
		first = from
	}
	last = r.Measures[m.Index].Current
	return first, last, first.N <= last.N
}

// Actuals yields the periods of History(m) with their actuals, oldest
// first, without their thresholds, status and score: for the downloads,
// which write the actuals and the thresholds the data gave.
func (r *Result) Actuals(m *model.Measure) iter.Seq2[period.Period, model.Opt] {
	return func(yield func(period.Period, model.Opt) bool) {
		first, last, ok := r.span(m, period.Period{})
		if !ok {
			return
		}
		act := r.act[m.Index]
		for p := first; p.N <= last.N; p = p.Add(1) {
			if !yield(p, act.at(p)) {
				return
			}
		}
	}
}

// EachHistory yields History(m) a period at a time, without making the
// list: for a check that reads each period once.
func (r *Result) EachHistory(m *model.Measure) iter.Seq[PeriodResult] {
	return func(yield func(PeriodResult) bool) {
		first, c, ok := r.span(m, period.Period{})
		if !ok {
			return
		}
		for p := first; p.N <= c.N; p = p.Add(1) {
			if !yield(r.periodResult(m, p)) {
				return
			}
		}
	}
}

// history is History from period from on; all of it when from is zero.
func (r *Result) history(m *model.Measure, from period.Period) []PeriodResult {
	first, c, ok := r.span(m, from)
	if !ok {
		return nil
	}
	out := make([]PeriodResult, 0, c.N-first.N+1)
	for p := first; p.N <= c.N; p = p.Add(1) {
		out = append(out, r.periodResult(m, p))
	}
	return out
}

// periodResult is m's period p of its history.
func (r *Result) periodResult(m *model.Measure, p period.Period) PeriodResult {
	t := thresholdsAt(r.Data, m, p).WithDefaults(m.Polarity, r.Site.AmberBand)
	a := r.act[m.Index].at(p)
	pr := PeriodResult{Period: p, Actual: a, Thresholds: t,
		Status: MeasureStatus(m.Polarity, a, t, m.Band),
		Score:  MeasureScore(m.Polarity, a, t, m.Band)}
	if m.Polarity == model.Range {
		pr.Thresholds = Thresholds{}
	}
	return pr
}
