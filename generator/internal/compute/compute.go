// Package compute scores a validated site: measure values, status and trend as of
// the as-of period, the roll-up of scores through objectives, perspectives and
// units, cause-and-effect driver scores and the evidence for each drives link.
// It knows nothing of pages.
package compute

import (
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// MaxHistory bounds how many site periods back the score history reaches. Link
// evidence needs a few years; a stray row dated decades ago must not make every
// build slow.
const MaxHistory = 120

// Result is a scored site.
type Result struct {
	Site       *model.Site
	Data       *model.Data // what it was computed from
	AsOf       period.Period
	Units      []UnitResult      // by Unit.Index
	Objectives []ObjectiveResult // by Objective.Index
	Measures   []MeasureResult   // by Measure.Index
	// Initiatives are by Initiative.Index, scored as of AsOf.
	Initiatives []InitiativeResult
	// Periods are the site periods of the score history, oldest first; the last
	// is AsOf.
	Periods []period.Period
	// Latest is the site period holding the end of the latest actual that
	// ends by the end of AsOf (zero when there is none): how fresh the data
	// the pages show is.
	Latest period.Period
	// Past are the results as of the review periods before AsOf that a
	// build publishes beside it (model.Site.ReviewPeriods), newest first,
	// computed from the same data; nil in a past result.
	Past []*Result
	// Since is what changed since the review period before AsOf; nil when
	// the data begin at AsOf, so that there is nothing to compare with.
	Since *Since

	act []*series // every measure's actuals, by Measure.Index, for History
}

// UnitResult is a unit's score.
type UnitResult struct {
	Unit         *model.Unit
	Score        model.Opt
	Status       model.Status
	Perspectives []PerspectiveResult // config order
}

// PerspectiveResult is a perspective's score within one unit.
type PerspectiveResult struct {
	Perspective *model.Perspective
	Score       model.Opt
	Status      model.Status
	Objectives  []*model.Objective // the unit's objectives in this perspective, file order
}

// ObjectiveResult is an objective's score, its drivers' verdict, and its history.
type ObjectiveResult struct {
	Objective   *model.Objective
	Score       model.Opt
	Status      model.Status
	DriverScore model.Opt
	Outlook     model.Outlook
	History     []model.Opt // score at each of Result.Periods
	Effects     []Link      // one per Objective.Drives, same order
}

// Objective returns the result of o.
func (r *Result) Objective(o *model.Objective) *ObjectiveResult { return &r.Objectives[o.Index] }

// Measure returns the result of m.
func (r *Result) Measure(m *model.Measure) *MeasureResult { return &r.Measures[m.Index] }

// Unit returns the result of u.
func (r *Result) Unit(u *model.Unit) *UnitResult { return &r.Units[u.Index] }

type engine struct {
	site   *model.Site
	data   *model.Data
	cal    period.Calendar
	dl     *diag.List
	act    []*series // by Measure.Index
	objs   []*model.Objective
	faults faults // results that cannot be represented, reported to dl at the end
}

// Compute scores site, with its data, as of data.AsOf, and as of each of
// the review periods before it that a build publishes (Result.Past).
// Warnings (missing values, gaps in computed series) go to dl: those of the
// as-of period, which is the one a reader is told about.
func Compute(site *model.Site, data *model.Data, dl *diag.List) *Result {
	e := newEngine(site, data, dl)
	e.actuals()
	periods := e.historyPeriods()
	h := e.scoreAll(periods, e.reviewIndexes(periods))
	r := e.assemble(h)
	for i := range r.Measures {
		e.warnMeasure(&r.Measures[i])
	}
	e.warnInitiatives(r)
	e.faults.report(dl)
	return r
}

func newEngine(site *model.Site, data *model.Data, dl *diag.List) *engine {
	e := &engine{site: site, data: data, cal: site.Calendar, dl: dl}
	for _, u := range site.Units {
		e.objs = append(e.objs, u.Objectives...)
	}
	return e
}

// newResult is a result as of periods' last with the measure results
// measures, by Measure.Index, and the others empty, sized for e's site.
func (e *engine) newResult(periods []period.Period, measures []MeasureResult) *Result {
	asOf := periods[len(periods)-1]
	return &Result{
		Site:       e.site,
		Data:       e.data,
		AsOf:       asOf,
		Units:      make([]UnitResult, len(e.site.Units)),
		Objectives: make([]ObjectiveResult, len(e.objs)),
		Measures:   measures,
		Periods:    periods,
		Latest:     e.latest(asOf),
		act:        e.act,
	}
}

// rollUp scores objectives, drivers and units from r's measure results.
func (e *engine) rollUp(r *Result) {
	scores := make([]model.Opt, len(e.objs))
	measureScores := make([]model.Opt, e.site.Measures)
	for i := range r.Measures {
		measureScores[i] = r.Measures[i].Score
	}
	e.objectiveScores(measureScores, scores)
	for i, o := range e.objs {
		r.Objectives[i] = ObjectiveResult{Objective: o, Score: scores[i], Status: RollupStatus(scores[i])}
	}
	e.drivers(r)
	e.units(r)
}

// objectiveScores fills scores (by Objective.Index) from the measure scores:
// each objective is the weighted mean of its measures and of the objectives of
// descendant units that support it. Units are done children first.
func (e *engine) objectiveScores(measures, scores []model.Opt) {
	for i := len(e.site.Units) - 1; i >= 0; i-- {
		for _, o := range e.site.Units[i].Objectives {
			var w weighted
			for _, m := range o.Measures {
				w.add(measures[m.Index], m.Weight)
			}
			for _, s := range o.SupportedBy {
				w.add(scores[s.Index], s.Weight)
			}
			scores[o.Index] = w.mean()
		}
	}
}

// drivers sets each objective's driver score and outlook.
func (e *engine) drivers(r *Result) {
	for i, o := range e.objs {
		if len(o.DrivenBy) == 0 {
			continue
		}
		var w weighted
		for _, d := range o.DrivenBy {
			w.add(r.Objectives[d.Index].Score, d.Weight)
		}
		or := &r.Objectives[i]
		or.DriverScore = w.mean()
		if or.Status != model.Red && RollupStatus(or.DriverScore) == model.Red {
			or.Outlook = model.AtRisk
		}
	}
}

// units rolls objective scores up into perspectives and units.
func (e *engine) units(r *Result) {
	for _, u := range e.site.Units {
		ur := UnitResult{Unit: u}
		var uw weighted
		for _, p := range e.site.Perspectives {
			pr := PerspectiveResult{Perspective: p}
			var pw weighted
			for _, o := range u.Objectives {
				if o.Perspective == p {
					pr.Objectives = append(pr.Objectives, o)
					pw.add(r.Objectives[o.Index].Score, o.Weight)
				}
			}
			pr.Score = pw.mean()
			pr.Status = RollupStatus(pr.Score)
			uw.add(pr.Score, p.Weight)
			ur.Perspectives = append(ur.Perspectives, pr)
		}
		ur.Score = uw.mean()
		ur.Status = RollupStatus(ur.Score)
		r.Units[u.Index] = ur
	}
}

// historyPeriods returns the site periods from the one holding the earliest
// actual to the as-of period, at most MaxHistory of them.
func (e *engine) historyPeriods() []period.Period {
	asOf := e.data.AsOf
	earliest := e.cal.End(asOf)
	for _, s := range e.act {
		if !s.empty() {
			earliest = min(earliest, e.cal.End(s.first))
		}
	}
	first := e.cal.Containing(e.site.Frequency, earliest)
	if asOf.N-first.N+1 > MaxHistory {
		first = asOf.Add(1 - MaxHistory)
	}
	var out []period.Period
	for p := first; p.N <= asOf.N; p = p.Add(1) {
		out = append(out, p)
	}
	return out
}

// latest returns the site period holding the end of the latest actual that
// ends by the end of asOf. An actual after it is left out of the
// build (a stray row, or a report on a past period): counting it would tell
// the reader the pages hold data they do not.
func (e *engine) latest(asOf period.Period) period.Period {
	limit := e.cal.End(asOf)
	end := -1
	for _, u := range e.site.Units {
		for _, m := range u.Measures {
			s := e.data.Of(m)
			for i := s.Len() - 1; i >= 0; i-- {
				if pe := e.cal.End(s.First.Add(i)); s.Actual(i).OK && pe <= limit {
					end = max(end, pe)
					break
				}
			}
		}
	}
	if end < 0 {
		return period.Period{}
	}
	return e.cal.Containing(e.site.Frequency, end)
}

// warnMeasure reports what keeps a measure from being scored.
func (e *engine) warnMeasure(r *MeasureResult) {
	m := r.Measure
	switch {
	case r.Basis == model.YTDBasis && len(r.Missing) > 0:
		e.dl.Warnf(m.Pos, "measure %q of unit %q: the year-to-date value as of %s is missing because %s %s no actual", m.ID, m.Unit.ID, e.data.AsOf, periodList(r.Missing), hasHave(len(r.Missing)))
	case r.Basis == model.YTDBasis && r.DivZero:
		e.dl.Warnf(m.Pos, "measure %q of unit %q: the year-to-date value as of %s is missing because its formula divides by zero", m.ID, m.Unit.ID, e.data.AsOf)
	case r.Basis == model.YTDBasis && !r.Value.OK && r.WindowFirst.N > r.Current.N:
		e.dl.Warnf(m.Pos, "measure %q of unit %q is scored year to date, but no %s period has ended yet in the fiscal year of %s", m.ID, m.Unit.ID, m.Freq, e.data.AsOf)
	case !r.Value.OK && r.Basis == model.PeriodBasis:
		e.dl.Warnf(m.Pos, "measure %q of unit %q has no actual for %s or before", m.ID, m.Unit.ID, r.Current)
	case r.Value.OK && m.Polarity != model.Range && !r.Target.OK:
		e.dl.Warnf(m.Pos, "measure %q of unit %q has no target for %s, so it has no status or score", m.ID, m.Unit.ID, r.Period)
	}
}

func periodList(ps []period.Period) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
