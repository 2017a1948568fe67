package view

import (
	"cmp"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// InitiativeView is an initiative with its progress, spend and milestones
// as of the as-of period.
type InitiativeView struct {
	Anchor     string
	Href       string // its page
	Name       string
	Owner      string
	Unit       Link
	Start, End string
	Budget     string
	Objectives []Link
	Milestones []MilestoneView
	Done       int
	Overdue    int
	Total      int
	Percent    int // milestones done, of all

	// Phase is where the initiative is in its life (active, not-started,
	// complete, ended), PhaseText in words.
	Phase     string
	PhaseText string
	Complete  string // "55%", or "–" when not reported
	Expected  string // "74.8%", or "–" without a schedule
	// Health is the score and status of the progress against the expected
	// progress; HealthText says it in words.
	Health     Score
	HealthText string
	// Period names the period of the percent complete when it is older than
	// the as-of period (Stale).
	Period string
	Stale  bool
	Spend  string // to date, "–" when not reported
	Spent  string // share of the budget: "48%"; "" without a budget
	// BudgetStatus is the spend against budget and progress (green, amber,
	// red, none), BudgetText in words.
	BudgetStatus string
	BudgetText   string
	// Reported is the owner's status as written (on-track, at-risk,
	// off-track; "" when none), ReportedText in words.
	Reported     string
	ReportedText string
}

// MilestoneView is a milestone and its state as of the as-of period.
type MilestoneView struct {
	Name   string
	Due    string
	State  string // done, overdue or upcoming
	DoneOn string // the day it was done, when known
	Late   bool   // done after its due date
}

func initiativeAnchor(in *model.Initiative) string { return in.Unit.ID + "-" + in.ID }

// initiativePath is an initiative's page.
func initiativePath(in *model.Initiative) string {
	return "initiatives/" + in.Unit.ID + "/" + in.ID + ".html"
}

// percent is how pages show a percent complete, expected or spent.
var percent = number.Format{MaxDec: 1}

// percentText is a percentage (55 is 55 %) in the builder's language, "–"
// when there is none.
func (b *Builder) percentText(o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return b.loc.Percent(percent, o.V)
}

// moneyText is an amount of an initiative's budget or spend.
func (b *Builder) moneyText(o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return b.loc.Number(money, o.V)
}

// The messages of an initiative's phase, its owner's status, its spend
// against budget and its health, by value.
var (
	phaseMessages    = map[compute.Phase]string{compute.Active: "phase_active", compute.NotStarted: "phase_not_started", compute.Complete: "phase_complete", compute.Ended: "phase_ended"}
	reportedMessages = map[model.Status]string{model.None: "reported_none", model.Green: "reported_on_track", model.Amber: "reported_at_risk", model.Red: "reported_off_track"}
	budgetMessages   = map[model.Status]string{model.Green: "budget_green", model.Amber: "budget_amber", model.Red: "budget_red"}
	healthMessages   = map[model.Status]string{model.None: "health_no_progress", model.Green: "health_green", model.Amber: "health_amber", model.Red: "health_red"}
)

func (b *Builder) initiativeView(path string, in *model.Initiative) InitiativeView {
	here := rel(path)
	ir := b.r.Initiative(in)
	v := InitiativeView{
		Anchor: initiativeAnchor(in), Href: here + initiativePath(in),
		Name: in.Name, Owner: in.Owner,
		Unit:  Link{Text: in.Unit.Name, Href: here + unitPath(in.Unit)},
		Start: b.loc.Date(in.Start), End: b.loc.Date(in.End),
		Phase: ir.Phase.String(), PhaseText: b.w.Text(phaseMessages[ir.Phase]),
		Complete: b.percentText(ir.Complete), Expected: b.percentText(ir.Expected),
		Health: b.score(ir.Score, ir.Health), HealthText: b.healthText(ir),
		Stale: ir.Stale, Spend: b.moneyText(ir.Spend),
		BudgetStatus: ir.Budget.String(), BudgetText: b.budgetText(ir.Budget),
		Reported: ir.Reported.ReportedName(), ReportedText: b.w.Text(reportedMessages[ir.Reported]),
	}
	if ir.Stale {
		v.Period = b.names.Name(ir.Period)
	}
	if in.Budget.OK {
		v.Budget = b.loc.Number(money, in.Budget.V)
	}
	if ir.Spent.OK {
		v.Spent = b.loc.Number(spentFormat, ir.Spent.V)
	}
	for _, o := range in.Objectives {
		v.Objectives = append(v.Objectives, Link{Text: o.Name, Href: here + objectivePath(o)})
	}
	var overdue, rest []MilestoneView
	for i := range in.Milestones {
		mv := b.milestoneView(in, i)
		if mv.State == compute.Done.String() {
			v.Done++
		}
		if mv.State == compute.Overdue.String() {
			overdue = append(overdue, mv)
		} else {
			rest = append(rest, mv)
		}
	}
	v.Overdue = ir.Overdue
	v.Milestones = append(overdue, rest...)
	v.Total = len(in.Milestones)
	if v.Total > 0 {
		v.Percent = v.Done * 100 / v.Total
	}
	return v
}

// spentFormat shows spend as a share of the budget: 0.48 is 48 %.
var spentFormat = number.Format{MaxDec: 1, Percent: true}

// milestoneView is the i-th milestone of in as of the as-of period.
func (b *Builder) milestoneView(in *model.Initiative, i int) MilestoneView {
	m, mr := in.Milestones[i], b.r.Initiative(in).Milestones[i]
	mv := MilestoneView{Name: m.Name, Due: b.loc.Date(m.Due), State: mr.State.String(), Late: mr.Late}
	if mr.State == compute.Done {
		mv.DoneOn = b.loc.Date(m.DoneOn)
	}
	return mv
}

// healthText says an initiative's health in words.
func (b *Builder) healthText(ir *compute.InitiativeResult) string {
	switch {
	case ir.Phase == compute.NotStarted:
		return b.w.Text("health_not_started")
	case !ir.Complete.OK:
		return b.w.Text("health_no_progress")
	case !ir.Expected.OK:
		return b.w.Text("health_no_schedule")
	}
	return b.w.Text(healthMessages[ir.Health])
}

// budgetText says an initiative's spend against its budget in words, ""
// when there is nothing to say.
func (b *Builder) budgetText(s model.Status) string {
	if key, ok := budgetMessages[s]; ok {
		return b.w.Text(key)
	}
	return ""
}

// InitiativesView is the page of every initiative: each unit's on a
// timeline and in a table.
type InitiativesView struct {
	Units []InitiativeGroup
	Count int
	// OnTrack and Behind are the bands of health, as percentages of the
	// expected progress: "95%", "85%".
	OnTrack, Behind string
}

// InitiativeGroup is one unit's initiatives.
type InitiativeGroup struct {
	Unit        Link
	ID          string // the unit's id, for anchors
	Initiatives []InitiativeView
	Timeline    *chart.Chart
}

func (b *Builder) initiativesView(path string) *InitiativesView {
	v := &InitiativesView{
		OnTrack: b.loc.Percent(percent, compute.OnTrackPercent),
		Behind:  b.loc.Percent(percent, compute.BehindPercent),
	}
	for _, u := range b.r.Site.Units {
		if len(u.Initiatives) == 0 {
			continue
		}
		g := InitiativeGroup{Unit: Link{Text: u.Name, Href: rel(path) + unitPath(u)}, ID: u.ID}
		for _, in := range u.Initiatives {
			g.Initiatives = append(g.Initiatives, b.initiativeView(path, in))
		}
		g.Timeline = b.timeline(u)
		v.Count += len(g.Initiatives)
		v.Units = append(v.Units, g)
	}
	return v
}

// timeline is the Gantt chart of a unit's initiatives.
func (b *Builder) timeline(u *model.Unit) *chart.Chart {
	rows := make([]chart.GanttRow, len(u.Initiatives))
	for i, in := range u.Initiatives {
		ir := b.r.Initiative(in)
		rows[i] = chart.GanttRow{Name: in.Name, Start: in.Start, End: in.End, Complete: ir.Complete, Health: ir.Health}
		for k, m := range in.Milestones {
			state := ir.Milestones[k].State
			label := b.w.Text("gantt_label_"+state.String(), "milestone", m.Name, "date", b.loc.Date(m.Due))
			rows[i].Milestones = append(rows[i].Milestones, chart.GanttMilestone{Label: label, Due: m.Due, State: state.String()})
		}
	}
	asOf := b.w.Text("timeline_as_of", "period", b.site.AsOf)
	return chart.Gantt("timeline-"+u.ID, u.Name, rows, b.r.Site.Calendar.LastDay(b.r.AsOf), asOf, b.words)
}

// InitiativePageView is an initiative's page.
type InitiativePageView struct {
	InitiativeView
	Schedule string // how the expected progress grows, in words
	Progress *chart.Chart
	Spending *chart.Chart
	Rows     []InitiativePeriodRow // newest first, up to the as-of period
	Serves   []ObjectiveRow        // the objectives it serves, with their measures
	// Timeline is the milestones by due date, with the end of the as-of
	// period among them.
	Timeline []TimelineItem
	// From names where the progress rows came from: files, sheets,
	// database sources; "" when none was reported.
	From string
}

// TimelineItem is a milestone on an initiative's timeline, or (AsOf) the
// end of the as-of period.
type TimelineItem struct {
	MilestoneView
	AsOf bool
}

// InitiativePeriodRow is a period of an initiative's table: what was
// reported and what the schedule expected by its end.
type InitiativePeriodRow struct {
	Period                    string
	Complete, Expected, Spend string
}

func (b *Builder) initiativePage(path string, in *model.Initiative) *InitiativePageView {
	r := b.r
	ir := r.Initiative(in)
	v := &InitiativePageView{InitiativeView: b.initiativeView(path, in), Schedule: b.scheduleText(in)}
	h := &chart.InitiativeHistory{Key: initiativeAnchor(in), Name: in.Name, Budget: in.Budget, Money: money}
	for _, pt := range ir.History {
		h.Periods = append(h.Periods, b.names.ShortName(pt.Period))
		h.Complete = append(h.Complete, pt.Complete)
		h.Expected = append(h.Expected, pt.Expected)
		h.Spend = append(h.Spend, pt.Spend)
	}
	for i := len(ir.History) - 1; i >= 0; i-- {
		pt := ir.History[i]
		if pt.Period.N > r.AsOf.N {
			continue
		}
		v.Rows = append(v.Rows, InitiativePeriodRow{Period: b.names.Name(pt.Period),
			Complete: b.percentText(pt.Complete), Expected: b.percentText(pt.Expected), Spend: b.moneyText(pt.Spend)})
	}
	if len(ir.History) > 0 {
		v.Progress = chart.Progress(h, b.words)
		v.Spending = chart.Spend(h, b.words)
	}
	for _, o := range in.Objectives {
		v.Serves = append(v.Serves, b.objectiveRow(path, o))
	}
	v.Timeline = b.milestoneTimeline(in)
	from := sourceSet{}
	for _, pr := range r.Data.ProgressOf(in) {
		from.add(pr.Src)
	}
	from.merged(r.Data.MergedFrom.Initiatives[in.Index])
	v.From = from.text(r.Data, b.w)
	return v
}

// milestoneTimeline lists in's milestones by due date (file order among
// equals), and the end of the as-of period after those due by then.
func (b *Builder) milestoneTimeline(in *model.Initiative) []TimelineItem {
	order := make([]int, len(in.Milestones))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return in.Milestones[x].Due.Compare(in.Milestones[y].Due) })
	end := b.r.Site.Calendar.LastDay(b.r.AsOf)
	asOf := TimelineItem{MilestoneView: MilestoneView{Name: b.w.Text("timeline_as_of", "period", b.site.AsOf), Due: b.loc.Date(end)}, AsOf: true}
	var out []TimelineItem
	placed := false
	for _, i := range order {
		m := in.Milestones[i]
		if !placed && m.Due.After(end) {
			out, placed = append(out, asOf), true
		}
		out = append(out, TimelineItem{MilestoneView: b.milestoneView(in, i)})
	}
	if !placed {
		out = append(out, asOf)
	}
	return out
}

// scheduleText says how an initiative's expected progress grows.
func (b *Builder) scheduleText(in *model.Initiative) string {
	switch {
	case in.Schedule == model.Stepwise:
		return b.w.Text("schedule_stepwise")
	case in.Start.IsZero() || in.End.IsZero():
		return b.w.Text("schedule_none")
	}
	return b.w.Text("schedule_linear", "zero", b.loc.Percent(percent, 0), "start", b.loc.Date(in.Start),
		"full", b.loc.Percent(percent, 100), "end", b.loc.Date(in.End))
}

// initiativeExceptions adds the initiatives behind schedule or over budget
// and the overdue milestones to an exceptions view, worst first.
func (b *Builder) initiativeExceptions(path string, v *ExceptionsView) {
	here := rel(path)
	for _, u := range b.r.Site.Units {
		unit := Link{Text: u.Name, Href: here + unitPath(u)}
		for _, in := range u.Initiatives {
			ir := b.r.Initiative(in)
			iv := b.initiativeView(path, in)
			row := ExceptionRow{Link: Link{Text: in.Name, Href: here + initiativePath(in)}, Unit: unit, Owner: in.Owner, Score: iv.Health, of: u}
			if ir.Health == model.Red || ir.Health == model.Amber {
				row.Detail = b.w.Text("detail_behind", "health", iv.HealthText, "complete", iv.Complete, "expected", iv.Expected)
				row.order = [3]float64{ir.Score.V, float64(in.Index)}
				v.BehindSchedule = append(v.BehindSchedule, row)
			}
			if ir.Budget == model.Red || ir.Budget == model.Amber {
				row.Score = Score{Text: iv.Spent, Status: iv.BudgetStatus}
				row.Detail = b.w.Text("detail_over_budget", "budget_status", iv.BudgetText, "spend", iv.Spend, "budget", iv.Budget, "complete", iv.Complete)
				row.order = [3]float64{float64(rank(ir.Budget)), -ir.Spent.V, float64(in.Index)}
				v.OverBudget = append(v.OverBudget, row)
			}
			for i, m := range in.Milestones {
				if ir.Milestones[i].State != compute.Overdue {
					continue
				}
				v.OverdueMilestones = append(v.OverdueMilestones, ExceptionRow{
					Link: Link{Text: m.Name, Href: here + initiativePath(in)}, Unit: unit, Owner: in.Owner, of: u,
					Score: iv.Health, Value: b.loc.Date(m.Due),
					Detail: b.w.Text("detail_overdue_milestone", "initiative", in.Name),
					order:  [3]float64{float64(m.Due.Unix()), float64(in.Index), float64(i)},
				})
			}
		}
	}
	for _, rows := range [][]ExceptionRow{v.BehindSchedule, v.OverBudget, v.OverdueMilestones} {
		slices.SortStableFunc(rows, func(a, b ExceptionRow) int {
			return cmp.Or(cmp.Compare(a.order[0], b.order[0]), cmp.Compare(a.order[1], b.order[1]), cmp.Compare(a.order[2], b.order[2]))
		})
	}
}
