package compute

import (
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Memo is what Recompute reuses of an earlier computation besides its
// result: the score of every measure as of each period of the score history,
// the bulk of the work of Compute.
type Memo struct {
	asOf    period.Period
	periods []period.Period
	scores  [][]model.Opt // by history period, then by Measure.Index
}

// NewMemo returns the memo of r, a result of Compute.
func NewMemo(r *Result) *Memo {
	e := newEngine(r.Site, r.Data, &diag.List{}) // the warnings were Compute's
	e.actuals()
	m := &Memo{asOf: r.AsOf, periods: r.Periods, scores: make([][]model.Opt, len(r.Periods))}
	for k, p := range r.Periods {
		row := make([]model.Opt, r.Site.Measures)
		for i := range r.Measures {
			if p == r.AsOf {
				row[i] = r.Measures[i].Score
			} else {
				row[i] = e.measureAt(r.Measures[i].Measure, p).Score
			}
		}
		m.scores[k] = row
	}
	return m
}

// Recompute scores prev's site again with new data, in which the series of
// the measures in changed differ from prev's and no other: the results of
// the other measures, unless they are computed from a changed one, are taken
// from prev, and their history scores from memo, which Compute or Recompute
// made with prev. The result, its warnings and its memo are those that
// Compute and NewMemo would give; when the as-of period or the periods of
// the score history moved, Recompute runs Compute. prev is left as it was.
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
	r := e.newResult(periods)
	for _, u := range site.Units {
		for _, m := range u.Measures {
			mr := prev.Measures[m.Index]
			if dirty[m.Index] {
				mr = e.scoreMeasure(m)
			}
			r.Measures[m.Index] = mr
			e.warnMeasure(&mr)
		}
	}
	e.rollUp(r)
	next := e.scoreHistoryFrom(r, memo, dirty)
	e.links(r)
	e.initiatives(r)
	e.faults.report(&local)
	dl.Merge(&local)
	return r, next
}

// scoreHistoryFrom is scoreHistory with the scores of the measures not in
// dirty taken from memo; it returns the memo of r.
func (e *engine) scoreHistoryFrom(r *Result, memo *Memo, dirty []bool) *Memo {
	next := &Memo{asOf: r.AsOf, periods: r.Periods, scores: make([][]model.Opt, len(r.Periods))}
	for i := range r.Objectives {
		r.Objectives[i].History = make([]model.Opt, len(r.Periods))
	}
	scores := make([]model.Opt, len(e.objs))
	for k, p := range r.Periods {
		row := slices.Clone(memo.scores[k])
		for i, d := range dirty {
			switch {
			case !d:
			case p == r.AsOf:
				row[i] = r.Measures[i].Score
			default:
				row[i] = e.measureAt(r.Measures[i].Measure, p).Score
			}
		}
		next.scores[k] = row
		if p == r.AsOf {
			for i := range r.Objectives {
				r.Objectives[i].History[k] = r.Objectives[i].Score
			}
			continue
		}
		e.objectiveScores(row, scores)
		for i := range r.Objectives {
			r.Objectives[i].History[k] = scores[i]
		}
	}
	return next
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
