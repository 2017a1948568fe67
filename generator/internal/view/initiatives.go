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

	Phase    string // Active, Not started, Complete, Ended
	Complete string // "55%", or "–" when not reported
	Expected string // "74.8%", or "–" without a schedule
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

var percent = number.Format{MaxDec: 1}

func percentText(o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return percent.Format(o.V) + "%"
}

func moneyText(o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return money.Format(o.V)
}

var phaseLabels = map[compute.Phase]string{
	compute.Active: "Active", compute.NotStarted: "Not started", compute.Complete: "Complete", compute.Ended: "Ended",
}

func (b *Builder) initiativeView(path string, in *model.Initiative) InitiativeView {
	here := rel(path)
	ir := b.r.Initiative(in)
	v := InitiativeView{
		Anchor: initiativeAnchor(in), Href: here + initiativePath(in),
		Name: in.Name, Owner: in.Owner,
		Unit:  Link{Text: in.Unit.Name, Href: here + unitPath(in.Unit)},
		Start: dateText(in.Start), End: dateText(in.End),
		Phase:    phaseLabels[ir.Phase],
		Complete: percentText(ir.Complete), Expected: percentText(ir.Expected),
		Health: ScoreOf(ir.Score, ir.Health), HealthText: healthText(ir),
		Stale: ir.Stale, Spend: moneyText(ir.Spend),
		BudgetStatus: ir.Budget.String(), BudgetText: budgetText(ir.Budget),
		Reported: ir.Reported.ReportedName(), ReportedText: ir.Reported.ReportedLabel(),
	}
	if ir.Stale {
		v.Period = b.r.Site.Calendar.Name(ir.Period)
	}
	if in.Budget.OK {
		v.Budget = money.Format(in.Budget.V)
	}
	if ir.Spent.OK {
		v.Spent = percent.Format(ir.Spent.V*100) + "%"
	}
	for _, o := range in.Objectives {
		v.Objectives = append(v.Objectives, Link{Text: o.Name, Href: here + objectivePath(o)})
	}
	var overdue, rest []MilestoneView
	for i, m := range in.Milestones {
		mr := ir.Milestones[i]
		mv := MilestoneView{Name: m.Name, Due: dateText(m.Due), State: mr.State.String(), Late: mr.Late}
		if mr.State == compute.Done {
			mv.DoneOn = dateText(m.DoneOn)
			v.Done++
		}
		if mr.State == compute.Overdue {
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

// healthText says an initiative's health in words.
func healthText(ir *compute.InitiativeResult) string {
	switch {
	case ir.Phase == compute.NotStarted:
		return "Not started"
	case !ir.Complete.OK:
		return "No progress reported"
	case !ir.Expected.OK:
		return "No schedule to compare with"
	}
	return map[model.Status]string{model.Green: "On track", model.Amber: "Behind schedule", model.Red: "Off track"}[ir.Health]
}

func budgetText(s model.Status) string {
	return map[model.Status]string{model.Green: "Within budget", model.Amber: "Spending ahead of delivery", model.Red: "Over budget"}[s]
}

// InitiativesView is the page of every initiative: each unit's on a
// timeline and in a table.
type InitiativesView struct {
	Units []InitiativeGroup
	Count int
}

// InitiativeGroup is one unit's initiatives.
type InitiativeGroup struct {
	Unit        Link
	ID          string // the unit's id, for anchors
	Initiatives []InitiativeView
	Timeline    *chart.Chart
}

func (b *Builder) initiativesView(path string) *InitiativesView {
	v := &InitiativesView{}
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
			label := m.Name + ", due " + dateText(m.Due) + ": " + milestoneWords[state]
			rows[i].Milestones = append(rows[i].Milestones, chart.GanttMilestone{Label: label, Due: m.Due, State: state.String()})
		}
	}
	cal := b.r.Site.Calendar
	return chart.Gantt("timeline-"+u.ID, u.Name, rows, cal.LastDay(b.r.AsOf), "As of "+cal.Name(b.r.AsOf))
}

var milestoneWords = map[compute.MilestoneState]string{compute.Done: "done", compute.Overdue: "overdue", compute.Upcoming: "upcoming"}

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
	cal := r.Site.Calendar
	v := &InitiativePageView{InitiativeView: b.initiativeView(path, in), Schedule: scheduleText(in)}
	h := &chart.InitiativeHistory{Key: initiativeAnchor(in), Name: in.Name, Budget: in.Budget, Money: money}
	for _, pt := range ir.History {
		h.Periods = append(h.Periods, cal.ShortName(pt.Period))
		h.Complete = append(h.Complete, pt.Complete)
		h.Expected = append(h.Expected, pt.Expected)
		h.Spend = append(h.Spend, pt.Spend)
	}
	for i := len(ir.History) - 1; i >= 0; i-- {
		pt := ir.History[i]
		if pt.Period.N > r.AsOf.N {
			continue
		}
		v.Rows = append(v.Rows, InitiativePeriodRow{Period: cal.Name(pt.Period),
			Complete: percentText(pt.Complete), Expected: percentText(pt.Expected), Spend: moneyText(pt.Spend)})
	}
	if len(ir.History) > 0 {
		v.Progress = chart.Progress(h)
		v.Spending = chart.Spend(h)
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
	v.From = from.text(r.Data)
	return v
}

// milestoneTimeline lists in's milestones by due date (file order among
// equals), and the end of the as-of period after those due by then.
func (b *Builder) milestoneTimeline(in *model.Initiative) []TimelineItem {
	ir := b.r.Initiative(in)
	order := make([]int, len(in.Milestones))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return in.Milestones[x].Due.Compare(in.Milestones[y].Due) })
	end := b.r.Site.Calendar.LastDay(b.r.AsOf)
	asOf := TimelineItem{MilestoneView: MilestoneView{Name: "As of " + b.site.AsOf, Due: dateText(end)}, AsOf: true}
	var out []TimelineItem
	placed := false
	for _, i := range order {
		m := in.Milestones[i]
		if !placed && m.Due.After(end) {
			out, placed = append(out, asOf), true
		}
		mr := ir.Milestones[i]
		mv := MilestoneView{Name: m.Name, Due: dateText(m.Due), State: mr.State.String(), Late: mr.Late}
		if mr.State == compute.Done {
			mv.DoneOn = dateText(m.DoneOn)
		}
		out = append(out, TimelineItem{MilestoneView: mv})
	}
	if !placed {
		out = append(out, asOf)
	}
	return out
}

func scheduleText(in *model.Initiative) string {
	switch {
	case in.Schedule == model.Stepwise:
		return "In steps: each milestone, once due, expects its share of the work done"
	case in.Start.IsZero() || in.End.IsZero():
		return "None: the initiative needs a start and an end, or milestones to step at"
	}
	return "Linear: from 0% on " + dateText(in.Start) + " to 100% on " + dateText(in.End)
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
				row.Detail = iv.HealthText + ": " + iv.Complete + " complete against " + iv.Expected + " expected"
				row.order = [3]float64{ir.Score.V, float64(in.Index)}
				v.BehindSchedule = append(v.BehindSchedule, row)
			}
			if ir.Budget == model.Red || ir.Budget == model.Amber {
				row.Score = Score{Text: iv.Spent, Status: iv.BudgetStatus}
				row.Detail = iv.BudgetText + ": " + iv.Spend + " spent of " + iv.Budget + ", " + iv.Complete + " complete"
				row.order = [3]float64{float64(rank(ir.Budget)), -ir.Spent.V, float64(in.Index)}
				v.OverBudget = append(v.OverBudget, row)
			}
			for i, m := range in.Milestones {
				if ir.Milestones[i].State != compute.Overdue {
					continue
				}
				v.OverdueMilestones = append(v.OverdueMilestones, ExceptionRow{
					Link: Link{Text: m.Name, Href: here + initiativePath(in)}, Unit: unit, Owner: in.Owner, of: u,
					Score: iv.Health, Value: dateText(m.Due),
					Detail: "Milestone of " + in.Name + ", not done",
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
