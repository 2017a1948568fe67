package render

import (
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// The initiatives' part of scores.json (docs/scores-json.md).
type (
	initiativeEntry struct {
		ID                string           `json:"id"`
		Name              string           `json:"name"`
		Objectives        []string         `json:"objectives"`
		Start             *string          `json:"start"`
		End               *string          `json:"end"`
		Schedule          string           `json:"schedule"`
		Phase             string           `json:"phase"`
		Period            *string          `json:"period"`
		Complete          num              `json:"complete"`
		Expected          num              `json:"expected"`
		Health            string           `json:"health"`
		Score             num              `json:"score"`
		Stale             bool             `json:"stale"`
		Spend             num              `json:"spend"`
		Budget            num              `json:"budget"`
		Spent             num              `json:"spent"`
		BudgetStatus      string           `json:"budget_status"`
		Reported          *string          `json:"reported"`
		OverdueMilestones int              `json:"overdue_milestones"`
		Milestones        []milestoneEntry `json:"milestones"`
	}
	milestoneEntry struct {
		Name   string  `json:"name"`
		Due    string  `json:"due"`
		State  string  `json:"state"`
		DoneOn *string `json:"done_on"`
		Late   bool    `json:"late"`
	}
	exceptionsEntry struct {
		BehindSchedule    []string           `json:"behind_schedule"`
		OverBudget        []string           `json:"over_budget"`
		SpendingAhead     []string           `json:"spending_ahead"`
		OverdueMilestones []overdueMilestone `json:"overdue_milestones"`
		Unaddressed       []string           `json:"unaddressed"`
	}
	overdueMilestone struct {
		Initiative string `json:"initiative"`
		Milestone  string `json:"milestone"`
		Due        string `json:"due"`
	}
)

// dateOrNull is a date as scores.json writes it, or null.
func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func initiative(r *compute.Result, in *model.Initiative) initiativeEntry {
	ir := r.Initiative(in)
	e := initiativeEntry{
		ID: in.ID, Name: in.Name, Objectives: []string{},
		Start: dateOrNull(in.Start), End: dateOrNull(in.End),
		Schedule: in.Schedule.String(), Phase: ir.Phase.String(),
		Complete: num(ir.Complete), Expected: num(ir.Expected),
		Health: ir.Health.String(), Score: num(ir.Score), Stale: ir.Stale,
		Spend: num(ir.Spend), Budget: num(in.Budget), Spent: num(ir.Spent), BudgetStatus: ir.Budget.String(),
		OverdueMilestones: ir.Overdue, Milestones: []milestoneEntry{},
	}
	for _, o := range in.Objectives {
		e.Objectives = append(e.Objectives, o.ID)
	}
	if ir.Complete.OK {
		p := ir.Period.String()
		e.Period = &p
	}
	if ir.Reported != model.None {
		s := ir.Reported.ReportedName()
		e.Reported = &s
	}
	for i, m := range in.Milestones {
		mr := ir.Milestones[i]
		me := milestoneEntry{Name: m.Name, Due: m.Due.Format(time.DateOnly), State: mr.State.String(), Late: mr.Late}
		if mr.State == compute.Done {
			me.DoneOn = dateOrNull(m.DoneOn)
		}
		e.Milestones = append(e.Milestones, me)
	}
	return e
}

// exceptions lists, in site order, what the exceptions page shows of the
// initiatives, by "unit-id/initiative-id" (and for red objectives that no
// active initiative serves, "unit-id/objective-id").
func exceptions(r *compute.Result) exceptionsEntry {
	x := exceptionsEntry{BehindSchedule: []string{}, OverBudget: []string{}, SpendingAhead: []string{}, OverdueMilestones: []overdueMilestone{}, Unaddressed: []string{}}
	for _, u := range r.Site.Units {
		for _, in := range u.Initiatives {
			ir := r.Initiative(in)
			if ir.Health == model.Amber || ir.Health == model.Red {
				x.BehindSchedule = append(x.BehindSchedule, in.Key())
			}
			switch ir.Budget {
			case model.Red:
				x.OverBudget = append(x.OverBudget, in.Key())
			case model.Amber:
				x.SpendingAhead = append(x.SpendingAhead, in.Key())
			}
			for i, m := range in.Milestones {
				if ir.Milestones[i].State == compute.Overdue {
					x.OverdueMilestones = append(x.OverdueMilestones, overdueMilestone{Initiative: in.Key(), Milestone: m.Name, Due: m.Due.Format(time.DateOnly)})
				}
			}
		}
		for _, o := range u.Objectives {
			if _, active := r.Serving(o); r.Objective(o).Status == model.Red && active == 0 {
				x.Unaddressed = append(x.Unaddressed, o.Key())
			}
		}
	}
	return x
}
