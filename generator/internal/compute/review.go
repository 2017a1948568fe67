package compute

import (
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
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
	periods []period.Period
	// scores are kept only by Recompute, for its memo: Compute rolls each
	// period's up into objHist and lets go of them (38 MB on the L
	// workload, 380 MB on XL).
	scores   [][]model.Opt    // by period, then by Measure.Index
	statuses [][]model.Status // by period, then by Measure.Index
	objHist  [][]model.Opt    // by Objective.Index, then period: each objective's score
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
		statuses: make([][]model.Status, len(periods)),
		objHist:  e.newObjHist(len(periods)),
		full:     make([][]MeasureResult, len(review)),
	}
	ms := e.measures()
	parallel.For(len(periods), func(k int) {
		j := slices.Index(review, k)
		if j >= 0 {
			s.full[j] = make([]MeasureResult, e.site.Measures)
		}
		scores := make([]model.Opt, e.site.Measures)
		s.statuses[k] = make([]model.Status, e.site.Measures)
		for _, m := range ms {
			mr := e.measureAt(m, periods[k])
			if j >= 0 {
				e.describe(m, &mr, periods[k])
				s.full[j][m.Index] = mr
			}
			scores[m.Index], s.statuses[k][m.Index] = mr.Score, mr.Status
		}
		e.rollUpPeriod(s, k, scores)
	})
	return s
}

// newObjHist is room for every objective's score as of n periods.
func (e *engine) newObjHist(n int) [][]model.Opt {
	out := make([][]model.Opt, len(e.objs))
	for i := range out {
		out[i] = make([]model.Opt, n)
	}
	return out
}

// rollUpPeriod fills in every objective's score as of period k of s from
// the measures' scores as of then; the periods may be rolled up in
// parallel.
func (e *engine) rollUpPeriod(s *scoring, k int, measures []model.Opt) {
	scores := make([]model.Opt, len(e.objs))
	e.objectiveScores(measures, scores)
	for i, v := range scores {
		s.objHist[i][k] = v
	}
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
	results := make([]*Result, len(s.review))
	parallel.For(len(s.review), func(j int) {
		results[j] = e.reviewResult(s, j)
	})
	for j := 0; j+1 < len(results); j++ {
		results[j].Since = e.since(results[j+1], results[j])
	}
	cur := results[0]
	cur.Past = results[1:e.published(s)]
	return cur
}

// reviewResult is the result as of the review period s.review[j].
func (e *engine) reviewResult(s *scoring, j int) *Result {
	k := s.review[j]
	// The period's measure results are its scoring's, not a copy: on the L
	// workload each review period's take 11 MB.
	r := e.newResult(s.periods[:k+1], s.full[j])
	if k > 0 {
		for i := range r.Measures {
			r.Measures[i].Previous = s.statuses[k-1][i]
		}
	}
	e.rollUp(r)
	for i := range r.Objectives {
		r.Objectives[i].History = s.objHist[i][:k+1]
	}
	e.links(r)
	e.initiatives(r)
	return r
}
