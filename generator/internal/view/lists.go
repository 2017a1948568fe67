package view

import (
	"cmp"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// measureOwner is who answers for a measure: its own owner, else its
// objective's.
func measureOwner(m *model.Measure) string {
	if m.Owner != "" {
		return m.Owner
	}
	return m.Objective.Owner
}

// InitiativeView is an initiative with its milestones.
type InitiativeView struct {
	Anchor     string
	Href       string // its entry on the initiatives page
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
}

// MilestoneView is a milestone and its state as of the as-of period.
type MilestoneView struct {
	Name  string
	Due   string
	State string // done, overdue or upcoming
}

func initiativeAnchor(in *model.Initiative) string { return in.Unit.ID + "-" + in.ID }

func (b *Builder) initiativeView(path string, in *model.Initiative) InitiativeView {
	here := rel(path)
	v := InitiativeView{
		Anchor: initiativeAnchor(in), Href: here + initiativesPath + "#" + initiativeAnchor(in),
		Name: in.Name, Owner: in.Owner,
		Unit:  Link{Text: in.Unit.Name, Href: here + unitPath(in.Unit)},
		Start: b.loc.Date(in.Start), End: b.loc.Date(in.End),
	}
	if in.Budget.OK {
		v.Budget = b.loc.Number(money, in.Budget.V)
	}
	for _, o := range in.Objectives {
		v.Objectives = append(v.Objectives, Link{Text: o.Name, Href: here + objectivePath(o)})
	}
	end := asOfEnd(b.r)
	var overdue, rest []MilestoneView
	for _, m := range in.Milestones {
		mv := MilestoneView{Name: m.Name, Due: b.loc.Date(m.Due), State: "upcoming"}
		switch {
		case m.Done:
			mv.State = "done"
			v.Done++
		case !m.Due.After(end):
			mv.State = "overdue"
			v.Overdue++
		}
		if mv.State == "overdue" {
			overdue = append(overdue, mv)
		} else {
			rest = append(rest, mv)
		}
	}
	v.Milestones = append(overdue, rest...)
	v.Total = len(in.Milestones)
	if v.Total > 0 {
		v.Percent = v.Done * 100 / v.Total
	}
	return v
}

// InitiativesView is the page of every initiative.
type InitiativesView struct {
	Units []InitiativeGroup
	Count int
}

// InitiativeGroup is one unit's initiatives.
type InitiativeGroup struct {
	Unit        Link
	Initiatives []InitiativeView
}

func (b *Builder) initiativesView(path string) *InitiativesView {
	v := &InitiativesView{}
	for _, u := range b.r.Site.Units {
		if len(u.Initiatives) == 0 {
			continue
		}
		g := InitiativeGroup{Unit: Link{Text: u.Name, Href: rel(path) + unitPath(u)}}
		for _, in := range u.Initiatives {
			g.Initiatives = append(g.Initiatives, b.initiativeView(path, in))
		}
		v.Count += len(g.Initiatives)
		v.Units = append(v.Units, g)
	}
	return v
}

// ExceptionsView is what a review meeting starts from.
type ExceptionsView struct {
	RedMeasures    []ExceptionRow
	AtRisk         []ExceptionRow
	StaleOrMissing []ExceptionRow
	Unaddressed    []ExceptionRow // red objectives that no initiative serves
}

// ExceptionRow is one item that needs attention.
type ExceptionRow struct {
	Link
	Unit   Link
	Owner  string
	Score  Score
	Detail string
	order  [3]float64 // worst first: sort keys
}

func (b *Builder) exceptionsView(path string) *ExceptionsView {
	r := b.r
	here := rel(path)
	v := &ExceptionsView{}
	served := map[*model.Objective]bool{}
	for _, u := range r.Site.Units {
		for _, in := range u.Initiatives {
			for _, o := range in.Objectives {
				served[o] = true
			}
		}
	}
	for _, u := range r.Site.Units {
		unit := Link{Text: u.Name, Href: here + unitPath(u)}
		for _, m := range u.Measures {
			mr := r.Measure(m)
			row := ExceptionRow{Link: Link{Text: m.Name, Href: here + measurePath(m)}, Unit: unit, Owner: measureOwner(m), Score: b.score(mr.Score, mr.Status)}
			if mr.Status == model.Red {
				row.Detail = b.w.Text("detail_red", "value", b.value(m, mr.Value), "target", b.target(m, mr.Target))
				row.order = [3]float64{mr.Score.V, float64(m.Index)}
				v.RedMeasures = append(v.RedMeasures, row)
			}
			switch {
			case !mr.Value.OK:
				row.Detail = b.w.Text("detail_missing", "period", b.names.Name(mr.Current))
				row.order = [3]float64{0, float64(m.Index)}
				v.StaleOrMissing = append(v.StaleOrMissing, row)
			case mr.Stale:
				row.Detail = b.w.Text("detail_stale", "period", b.names.Name(mr.Period), "current", b.names.Name(mr.Current))
				row.order = [3]float64{1, float64(r.Site.Calendar.End(mr.Period)), float64(m.Index)}
				v.StaleOrMissing = append(v.StaleOrMissing, row)
			}
		}
		for _, o := range u.Objectives {
			or := r.Objective(o)
			row := ExceptionRow{Link: Link{Text: o.Name, Href: here + objectivePath(o)}, Unit: unit, Owner: o.Owner, Score: b.score(or.Score, or.Status)}
			if or.Outlook == model.AtRisk {
				row.Detail = b.w.Text("detail_at_risk", "score", b.loc.Score(or.DriverScore.V, or.DriverScore.OK))
				row.order = [3]float64{or.DriverScore.V, float64(o.Index)}
				v.AtRisk = append(v.AtRisk, row)
			}
			if or.Status == model.Red && !served[o] {
				row.Detail = b.w.Text("detail_unaddressed")
				row.order = [3]float64{or.Score.V, float64(o.Index)}
				v.Unaddressed = append(v.Unaddressed, row)
			}
		}
	}
	for _, rows := range [][]ExceptionRow{v.RedMeasures, v.AtRisk, v.StaleOrMissing, v.Unaddressed} {
		slices.SortStableFunc(rows, func(a, b ExceptionRow) int {
			return cmp.Or(cmp.Compare(a.order[0], b.order[0]), cmp.Compare(a.order[1], b.order[1]), cmp.Compare(a.order[2], b.order[2]))
		})
	}
	return v
}
