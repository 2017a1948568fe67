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

// ExceptionsView is what a review meeting starts from.
type ExceptionsView struct {
	RedMeasures    []ExceptionRow
	AtRisk         []ExceptionRow
	StaleOrMissing []ExceptionRow
	Unaddressed    []ExceptionRow // red objectives that no active initiative serves

	BehindSchedule    []ExceptionRow // initiatives whose health is amber or red
	OverBudget        []ExceptionRow // initiatives over budget or spending ahead of delivery
	OverdueMilestones []ExceptionRow
}

// ExceptionRow is one item that needs attention.
type ExceptionRow struct {
	Link
	Unit  Link
	Owner string
	Score Score
	// Value is shown instead of Score where a row has none (an overdue
	// milestone's due date).
	Value  string
	Detail string
	order  [3]float64  // worst first: sort keys
	of     *model.Unit // the unit it belongs to, for the board pack's scope
}

func (b *Builder) exceptionsView(path string) *ExceptionsView {
	r := b.r
	here := rel(path)
	v := &ExceptionsView{}
	for _, u := range r.Site.Units {
		unit := Link{Text: u.Name, Href: here + unitPath(u)}
		for _, m := range u.Measures {
			mr := r.Measure(m)
			if mr.Status != model.Red && mr.Value.OK && !mr.Stale {
				continue // on no list: most measures of a site
			}
			row := ExceptionRow{Link: Link{Text: m.Name, Href: here + measurePath(m)}, Unit: unit, Owner: measureOwner(m), Score: b.score(mr.Score, mr.Status), of: u}
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
			row := ExceptionRow{Link: Link{Text: o.Name, Href: here + objectivePath(o)}, Unit: unit, Owner: o.Owner, Score: b.score(or.Score, or.Status), of: u}
			if or.Outlook == model.AtRisk {
				row.Detail = b.w.Text("detail_at_risk", "score", b.loc.Score(or.DriverScore.V, or.DriverScore.OK))
				row.order = [3]float64{or.DriverScore.V, float64(o.Index)}
				v.AtRisk = append(v.AtRisk, row)
			}
			if served, active := r.Serving(o); or.Status == model.Red && active == 0 {
				row.Detail = b.w.Text("detail_unaddressed")
				if served > 0 {
					row.Detail = b.w.Text("detail_unaddressed_inactive")
				}
				row.order = [3]float64{or.Score.V, float64(o.Index)}
				v.Unaddressed = append(v.Unaddressed, row)
			}
		}
	}
	b.initiativeExceptions(path, v)
	for _, rows := range [][]ExceptionRow{v.RedMeasures, v.AtRisk, v.StaleOrMissing, v.Unaddressed} {
		slices.SortStableFunc(rows, func(a, b ExceptionRow) int {
			return cmp.Or(cmp.Compare(a.order[0], b.order[0]), cmp.Compare(a.order[1], b.order[1]), cmp.Compare(a.order[2], b.order[2]))
		})
	}
	return v
}
