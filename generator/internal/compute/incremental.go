package compute

import (
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Memo is what Recompute reuses of an earlier computation besides its
// result: the score and status of every measure as of each period of the
// score history, the bulk of the work of Compute.
type Memo struct {
	asOf     period.Period
	periods  []period.Period
	scores   [][]model.Opt    // by history period, then by Measure.Index
	statuses [][]model.Status // likewise
}

// NewMemo returns the memo of r, a result of Compute.
func NewMemo(r *Result) *Memo {
	e := newEngine(r.Site, r.Data, &diag.List{}) // the warnings were Compute's
	e.actuals()
	m := &Memo{asOf: r.AsOf, periods: r.Periods, scores: make([][]model.Opt, len(r.Periods)), statuses: make([][]model.Status, len(r.Periods))}
	ms := e.measures()
	parallel.For(len(r.Periods), func(k int) {
		m.scores[k], m.statuses[k] = make([]model.Opt, r.Site.Measures), make([]model.Status, r.Site.Measures)
		for _, x := range ms {
			mr := e.measureAt(x, r.Periods[k])
			m.scores[k][x.Index], m.statuses[k][x.Index] = mr.Score, mr.Status
		}
	})
	return m
}

// Recompute scores prev's site again with new data, in which the series of
// the measures in changed differ from prev's and no other: the results of
// the other measures, unless they are computed from a changed one, are taken
// from prev and its past results, and their history scores from memo, which
// Compute or Recompute made with prev. The result, its warnings and its memo
// are those that Compute and NewMemo would give; when the as-of period or
// the periods of the score history moved, Recompute runs Compute. prev is
// left as it was.
func Recompute(prev *Result, memo *Memo, data *model.Data, changed []*model.Measure, dl *diag.List) (*Result, *Memo) {
	site := prev.Site
	var local diag.List
	e := newEngine(site, data, &local)
	e.actuals()
	periods := e.historyPeriods()
	if data.AsOf != memo.asOf || !slices.Equal(periods, memo.periods) {
		r := Compute(site, data, dl)
		return r, NewMemo(r)
	}
	dirty := dependents(site, changed)
	s := e.rescore(prev, memo, periods, dirty)
	r := e.assemble(s)
	for i := range r.Measures {
		e.warnMeasure(&r.Measures[i])
	}
	e.warnInitiatives(r)
	e.faults.report(&local)
	dl.Merge(&local)
	return r, &Memo{asOf: r.AsOf, periods: periods, scores: s.scores, statuses: s.statuses}
}

// rescore is scoreAll for Recompute: the measures not in dirty are taken
// from memo and from prev's review results.
func (e *engine) rescore(prev *Result, memo *Memo, periods []period.Period, dirty []bool) *scoring {
	review := e.reviewIndexes(periods)
	s := &scoring{
		periods: periods, review: review,
		scores:   make([][]model.Opt, len(periods)),
		statuses: make([][]model.Status, len(periods)),
		objHist:  e.newObjHist(len(periods)),
		full:     make([][]MeasureResult, len(review)),
	}
	before := reviewResults(prev)
	for k, p := range periods {
		s.scores[k], s.statuses[k] = slices.Clone(memo.scores[k]), slices.Clone(memo.statuses[k])
		j := slices.Index(review, k)
		if j >= 0 {
			s.full[j] = slices.Clone(before[j].Measures)
		}
		for i, d := range dirty {
			if !d {
				continue
			}
			m := before[0].Measures[i].Measure
			mr := e.measureAt(m, p)
			if j >= 0 {
				e.describe(m, &mr, p)
				s.full[j][i] = mr
			}
			s.scores[k][i], s.statuses[k][i] = mr.Score, mr.Status
		}
	}
	parallel.For(len(periods), func(k int) { e.rollUpPeriod(s, k, s.scores[k]) })
	return s
}

// reviewResults are r and its past results, newest first, and the result
// the oldest of them was compared with, when there is one: the results of
// the review periods of scoring.
func reviewResults(r *Result) []*Result {
	out := append([]*Result{r}, r.Past...)
	if last := out[len(out)-1]; last.Since != nil {
		out = append(out, last.Since.From)
	}
	return out
}

// dependents marks, by Measure.Index, the measures in changed and every
// measure computed from one of them, through formulas and roll-ups.
func dependents(site *model.Site, changed []*model.Measure) []bool {
	users := make([][]*model.Measure, site.Measures)
	for _, u := range site.Units {
		for _, m := range u.Measures {
			for _, in := range m.Inputs {
				users[in.Index] = append(users[in.Index], m)
			}
			for _, src := range m.RollupFrom {
				users[src.Index] = append(users[src.Index], m)
			}
		}
	}
	dirty := make([]bool, site.Measures)
	todo := slices.Clone(changed)
	for len(todo) > 0 {
		m := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if dirty[m.Index] {
			continue
		}
		dirty[m.Index] = true
		todo = append(todo, users[m.Index]...)
	}
	return dirty
}
