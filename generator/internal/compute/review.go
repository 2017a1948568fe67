package compute

import (
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// A build publishes the as-of period and the review periods before it, each
// scored as of that period from the same data (docs/site.md, "Review
// periods"). Scoring a site as of a period is mostly scoring every measure as
// of every period of the score history, which the link evidence needs anyway:
// that is done once, for all the review periods, and each review period's
// result is assembled from it. A past period's result is therefore what
// Compute would give with that period as the as-of period, but that its
// score history begins where the as-of period's does.

// scoring is every measure scored as of every period of the score history,
// and the review periods' measures in full.
type scoring struct {
	periods  []period.Period
	scores   [][]model.Opt    // by period, then by Measure.Index
	statuses [][]model.Status // by period, then by Measure.Index
	// review are the indexes in periods of the review periods, newest first:
	// those published, and the one before the oldest of them when there is
	// one, for the oldest's Since.
	review []int
	full   [][]MeasureResult // by review period, then by Measure.Index
}

// reviewIndexes are the indexes in periods (the score history, the as-of
// period last) of the review periods a build publishes, newest first, and
// of the period before the oldest of them, when the history holds them.
func (e *engine) reviewIndexes(periods []period.Period) []int {
	n := max(e.site.ReviewPeriods, 1) + 1
	var out []int
	for k := len(periods) - 1; k >= 0 && len(out) < n; k-- {
		out = append(out, k)
	}
	return out
}

// published is how many of the review periods in s are published: all but
// the one kept only to compare the oldest with.
func (e *engine) published(s *scoring) int {
	return min(len(s.review), max(e.site.ReviewPeriods, 1))
}

// scoreAll scores every measure as of every period of the history, in full
// as of the review periods.
func (e *engine) scoreAll(periods []period.Period, review []int) *scoring {
	s := &scoring{
		periods: periods, review: review,
		scores:   make([][]model.Opt, len(periods)),
		statuses: make([][]model.Status, len(periods)),
		full:     make([][]MeasureResult, len(review)),
	}
	ms := e.measures()
	parallel(len(periods), func(k int) {
		j := slices.Index(review, k)
		if j >= 0 {
			s.full[j] = make([]MeasureResult, e.site.Measures)
		}
		s.scores[k], s.statuses[k] = make([]model.Opt, e.site.Measures), make([]model.Status, e.site.Measures)
		for _, m := range ms {
			mr := e.measureAt(m, periods[k])
			if j >= 0 {
				e.describe(m, &mr, periods[k])
				s.full[j][m.Index] = mr
			}
			s.scores[k][m.Index], s.statuses[k][m.Index] = mr.Score, mr.Status
		}
	})
	parallel(len(ms), func(i int) {
		cur := &s.full[0][ms[i].Index]
		cur.History = e.history(ms[i], cur.Current)
	})
	return s
}

// measures lists every measure of the site.
func (e *engine) measures() []*model.Measure {
	var ms []*model.Measure
	for _, u := range e.site.Units {
		ms = append(ms, u.Measures...)
	}
	return ms
}

// assemble makes the result of each review period from s, and returns the
// as-of period's, the others in its Past.
func (e *engine) assemble(s *scoring) *Result {
	objHist := e.objectiveHistories(s)
	results := make([]*Result, len(s.review))
	parallel(len(s.review), func(j int) {
		results[j] = e.reviewResult(s, j, objHist)
	})
	for j := 0; j+1 < len(results); j++ {
		results[j].Since = e.since(results[j+1], results[j])
	}
	cur := results[0]
	cur.Past = results[1:e.published(s)]
	return cur
}

// reviewResult is the result as of the review period s.review[j].
func (e *engine) reviewResult(s *scoring, j int, objHist [][]model.Opt) *Result {
	k := s.review[j]
	r := e.newResult(s.periods[:k+1])
	cur := s.full[0]
	for i := range r.Measures {
		mr := s.full[j][i]
		if j > 0 {
			mr.History = historyTo(cur[i].History, mr.Current)
		}
		if k > 0 {
			mr.Previous = s.statuses[k-1][i]
		}
		r.Measures[i] = mr
	}
	e.rollUp(r)
	for i := range r.Objectives {
		r.Objectives[i].History = objHist[i][:k+1]
	}
	e.links(r)
	e.initiatives(r)
	return r
}

// historyTo is the part of a measure's history up to period c: its history
// begins at the same period whatever the as-of period.
func historyTo(h []PeriodResult, c period.Period) []PeriodResult {
	if len(h) == 0 {
		return nil
	}
	n := min(max(c.N-h[0].Period.N+1, 0), len(h))
	if n == 0 {
		return nil
	}
	return h[:n:n]
}

// objectiveHistories is the score of every objective (by Objective.Index)
// as of each period of s.
func (e *engine) objectiveHistories(s *scoring) [][]model.Opt {
	out := make([][]model.Opt, len(e.objs))
	for i := range out {
		out[i] = make([]model.Opt, len(s.periods))
	}
	parallel(len(s.periods), func(k int) {
		scores := make([]model.Opt, len(e.objs))
		e.objectiveScores(s.scores[k], scores)
		for i, v := range scores {
			out[i][k] = v
		}
	})
	return out
}
