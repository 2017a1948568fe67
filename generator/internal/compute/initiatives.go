package compute

import (
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// The bands of an initiative's health (docs/scoring.md): percent complete at
// least OnTrackPercent of the expected progress is on track (green), at
// least BehindPercent behind (amber), less off track (red). Cascade's bands.
// Spend more than SpendAheadPoints percentage points of the budget ahead of
// the percent complete is spending ahead of delivery (amber); spend over
// the budget is red.
const (
	OnTrackPercent   = 95
	BehindPercent    = 85
	SpendAheadPoints = 10
)

// MaxInitiativePeriods bounds how many site periods an initiative's history
// reaches before and after the as-of period: a date typed a century out
// must not make a page of a thousand periods.
const MaxInitiativePeriods = 120

// Phase is where an initiative is in its life as of the as-of period.
type Phase uint8

// The phases. An initiative is Active from its start until its owner reports
// it 100 % complete; one past its end with no percent complete reported at
// all has Ended (nothing says whether it delivered).
const (
	Active Phase = iota
	NotStarted
	Complete
	Ended
)

var phaseNames = []string{"active", "not-started", "complete", "ended"}

func (p Phase) String() string { return phaseNames[p] }

// MilestoneState is a milestone's state as of the as-of period.
type MilestoneState uint8

// The states: due after the as-of period and not done, done by its end, or
// due by its end and not done.
const (
	Upcoming MilestoneState = iota
	Done
	Overdue
)

var milestoneStateNames = []string{"upcoming", "done", "overdue"}

func (s MilestoneState) String() string { return milestoneStateNames[s] }

// InitiativeResult is an initiative as of the as-of period: its progress
// against its schedule, its spend against its budget, its milestones.
type InitiativeResult struct {
	Initiative *model.Initiative
	Phase      Phase
	// Expected is the percent complete the schedule expects by the end of
	// the as-of period; missing when the initiative has no schedule (a
	// linear one without start or end).
	Expected model.Opt
	// Complete is the latest percent complete reported for the as-of period
	// or before, Period its period; Stale when that is before the as-of
	// period and short of 100 % (the report is then still held to today's
	// expectation; a finished initiative reports no more).
	Complete model.Opt
	Period   period.Period
	Stale    bool
	// Spend is the latest spend to date reported, SpendPeriod its period.
	Spend       model.Opt
	SpendPeriod period.Period
	Reported    model.Status // the owner's word in the latest report that gives one
	Health      model.Status // complete against expected
	Score       model.Opt    // the health on the 0–10 scale
	Budget      model.Status // spend against budget and progress
	Spent       model.Opt    // spend as a share of the budget: 0.48 is 48 %
	Milestones  []MilestoneResult
	Overdue     int // milestones overdue
	// History covers the site periods from the initiative's start to its end
	// (or the as-of period, when later), at most MaxInitiativePeriods either
	// side of the as-of period.
	History []ProgressPoint
}

// MilestoneResult is a milestone of an initiative as of the as-of period.
type MilestoneResult struct {
	State MilestoneState
	Late  bool // done after its due date
}

// ProgressPoint is one period of an initiative's history: what its schedule
// expects by the period's end and what was reported for it. Periods after
// the as-of period have no reports.
type ProgressPoint struct {
	Period          period.Period
	Expected        model.Opt
	Complete, Spend model.Opt
}

// Initiative returns the result of in.
func (r *Result) Initiative(in *model.Initiative) *InitiativeResult { return &r.Initiatives[in.Index] }

// ExpectedAt is the percent complete in's schedule expects by the end of day
// t. Linear: the share of the days from start to end, both counted, that
// have passed by t. Stepwise: the progress of the last milestone due by t,
// 0 before the first. Before the start it is 0; a linear schedule without
// start or end expects nothing that can be said.
func ExpectedAt(in *model.Initiative, t time.Time) model.Opt {
	if !in.Start.IsZero() && t.Before(in.Start) {
		return model.Some(0)
	}
	if in.Schedule == model.Stepwise {
		e := 0.0
		for _, m := range in.Milestones {
			if !m.Due.After(t) {
				e = max(e, m.Progress)
			}
		}
		return model.Some(e)
	}
	if in.Start.IsZero() || in.End.IsZero() {
		return model.Opt{}
	}
	total := days(in.Start, in.End) + 1
	passed := min(days(in.Start, t)+1, total)
	return model.Some(100 * float64(passed) / float64(total))
}

// days counts the days from a to b, both dates at midnight UTC. Unix
// seconds, unlike a time.Duration, hold any two years apart.
func days(a, b time.Time) int { return int((b.Unix() - a.Unix()) / 86400) }

// Health compares percent complete with the expected progress: green from
// OnTrackPercent of it, amber from BehindPercent, red below. The score maps
// complete through the measure scale with the target at OnTrackPercent of
// expected, the red flag at BehindPercent and the stretch at expected
// itself: on schedule scores 10. Nothing expected yet is on track.
func Health(complete, expected model.Opt) (model.Status, model.Opt) {
	if !complete.OK || !expected.OK {
		return model.None, model.Opt{}
	}
	c, e := complete.V, expected.V
	if e <= 0 {
		return model.Green, model.Some(MaxScore)
	}
	score := model.Some(higherScore(c, OnTrackPercent*e/100, BehindPercent*e/100, e))
	// Statuses compare the products, exact for the percentages people
	// write, rather than 0.95·e, which is not.
	switch {
	case 100*c >= OnTrackPercent*e:
		return model.Green, score
	case 100*c >= BehindPercent*e:
		return model.Amber, score
	}
	return model.Red, score
}

// BudgetStatus reads spend to date against the budget and against the
// percent complete: red over budget, amber when the share of the budget
// spent runs more than SpendAheadPoints points ahead of the percent
// complete (spending ahead of delivery), green otherwise. Without a budget
// or a spend there is nothing to read; without a percent complete, only
// the budget.
func BudgetStatus(budget, spend, complete model.Opt) model.Status {
	switch {
	case !budget.OK || !spend.OK:
		return model.None
	case spend.V > budget.V:
		return model.Red
	case complete.OK && 100*spend.V-complete.V*budget.V > SpendAheadPoints*budget.V:
		return model.Amber
	}
	return model.Green
}

// initiatives scores every initiative of the site as of r's as-of period.
func (e *engine) initiatives(r *Result) {
	r.Initiatives = make([]InitiativeResult, e.site.Initiatives)
	for _, u := range e.site.Units {
		for _, in := range u.Initiatives {
			r.Initiatives[in.Index] = e.initiativeAt(in, r.AsOf)
		}
	}
}

// warnInitiatives reports, for the as-of period's result r, what keeps an
// initiative from having a health.
func (e *engine) warnInitiatives(r *Result) {
	for _, u := range e.site.Units {
		for _, in := range u.Initiatives {
			if ir := r.Initiatives[in.Index]; !ir.Expected.OK && ir.Complete.OK {
				e.dl.Warnf(in.Pos, "initiative %q of unit %q reports its percent complete, but has no schedule to hold it to, so no health: give it start and end, or schedule = \"milestones\"", in.ID, u.ID)
			}
		}
	}
}

// initiativeAt is in's result as of period asOf. Dates are compared with the
// last day of asOf, never with the clock: a build is the same whenever it
// runs.
func (e *engine) initiativeAt(in *model.Initiative, asOf period.Period) InitiativeResult {
	t := e.cal.LastDay(asOf)
	ir := InitiativeResult{Initiative: in, Expected: ExpectedAt(in, t)}
	for _, pr := range e.data.ProgressOf(in) {
		if pr.Period.N > asOf.N {
			break // after the as-of period: left out, as measures' actuals are
		}
		if pr.Complete.OK {
			ir.Complete, ir.Period = pr.Complete, pr.Period
		}
		if pr.Spend.OK {
			ir.Spend, ir.SpendPeriod = pr.Spend, pr.Period
		}
		if pr.Reported != model.None {
			ir.Reported = pr.Reported
		}
	}
	ir.Stale = ir.Complete.OK && ir.Complete.V < 100 && ir.Period != asOf
	ir.Health, ir.Score = Health(ir.Complete, ir.Expected)
	ir.Budget = BudgetStatus(in.Budget, ir.Spend, ir.Complete)
	if in.Budget.OK && in.Budget.V > 0 && ir.Spend.OK {
		// A spend beyond 1.8e308 budgets of the smallest size is no share
		// that can be shown.
		if v := ir.Spend.V / in.Budget.V; number.Finite(v) {
			ir.Spent = model.Some(v)
		}
	}
	switch {
	case ir.Complete.OK && ir.Complete.V >= 100:
		ir.Phase = Complete
	case !in.Start.IsZero() && t.Before(in.Start):
		ir.Phase = NotStarted
	case !in.End.IsZero() && in.End.Before(t) && !ir.Complete.OK:
		ir.Phase = Ended
	}
	ir.Milestones = make([]MilestoneResult, len(in.Milestones))
	for i, m := range in.Milestones {
		mr := &ir.Milestones[i]
		switch {
		case m.Done && !m.DoneOn.After(t):
			mr.State = Done
			mr.Late = m.DoneOn.After(m.Due)
		case !m.Due.After(t):
			mr.State = Overdue
			ir.Overdue++
		}
	}
	ir.History = e.initiativeHistory(in, asOf)
	return ir
}

// initiativeHistory lists the site periods of in's chart with what the
// schedule expects by the end of each and what was reported for it.
func (e *engine) initiativeHistory(in *model.Initiative, asOf period.Period) []ProgressPoint {
	reports := e.data.ProgressOf(in)
	first, last := asOf, asOf
	switch {
	case !in.Start.IsZero():
		first = e.cal.Containing(e.site.Frequency, period.Month(in.Start))
	case len(reports) > 0:
		first = reports[0].Period
	}
	if !in.End.IsZero() {
		last = e.cal.Containing(e.site.Frequency, period.Month(in.End))
	}
	first = period.Period{Freq: asOf.Freq, N: max(min(first.N, asOf.N), asOf.N-MaxInitiativePeriods)}
	last = period.Period{Freq: asOf.Freq, N: min(max(last.N, asOf.N), asOf.N+MaxInitiativePeriods)}
	out := make([]ProgressPoint, 0, last.N-first.N+1)
	k := 0
	for p := first; p.N <= last.N; p = p.Add(1) {
		pt := ProgressPoint{Period: p, Expected: ExpectedAt(in, e.cal.LastDay(p))}
		for k < len(reports) && reports[k].Period.N < p.N {
			k++
		}
		if k < len(reports) && reports[k].Period == p && p.N <= asOf.N {
			pt.Complete, pt.Spend = reports[k].Complete, reports[k].Spend
		}
		out = append(out, pt)
	}
	return out
}

// Serving counts the initiatives that serve objective o, which are its
// unit's, and those of them that are active: a red objective that no
// active initiative serves is an exception.
func (r *Result) Serving(o *model.Objective) (all, active int) {
	for _, in := range o.Unit.Initiatives {
		for _, x := range in.Objectives {
			if x == o {
				all++
				if r.Initiative(in).Phase == Active {
					active++
				}
				break
			}
		}
	}
	return all, active
}
