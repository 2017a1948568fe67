package compute

import (
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Since is what changed from one review period to the next: what the
// pages "since the last review" show.
type Since struct {
	// From is the result as of the review period before.
	From *Result
	// Moves are the units, objectives and measures whose score, status or
	// outlook changed, in the site's order: each unit, then its objectives,
	// then its measures.
	Moves []Move
	// Due are the milestones due in the period, in the site's order.
	Due []Due
	// Notes are the commentary files of the period, in the site's order.
	Notes []*model.Note
}

// Move is how a unit, an objective or a measure changed between two review
// periods. Unit is always set; Objective or Measure says which it is.
type Move struct {
	Unit      *model.Unit
	Objective *model.Objective
	Measure   *model.Measure
	// Scores and statuses before and now.
	From, To             model.Opt
	FromStatus, ToStatus model.Status
	// Delta is To − From, when both are scored.
	Delta model.Opt
	// For an objective: whether it was at risk and is now.
	WasAtRisk, AtRisk bool
	// For a measure: its value before and now.
	FromValue, ToValue model.Opt
}

// Due is a milestone whose due date falls in the period.
type Due struct {
	Initiative *model.Initiative
	Milestone  *model.Milestone
}

// since compares cur with prev, the result as of the review period before.
func (e *engine) since(prev, cur *Result) *Since {
	s := &Since{From: prev}
	for _, u := range e.site.Units {
		a, b := prev.Unit(u), cur.Unit(u)
		if mv := move(a.Score, b.Score, a.Status, b.Status); moved(mv) {
			mv.Unit = u
			s.Moves = append(s.Moves, mv)
		}
		for _, o := range u.Objectives {
			a, b := prev.Objective(o), cur.Objective(o)
			mv := move(a.Score, b.Score, a.Status, b.Status)
			mv.WasAtRisk, mv.AtRisk = a.Outlook == model.AtRisk, b.Outlook == model.AtRisk
			if moved(mv) || mv.WasAtRisk != mv.AtRisk {
				mv.Unit, mv.Objective = u, o
				s.Moves = append(s.Moves, mv)
			}
		}
		for _, m := range u.Measures {
			a, b := prev.Measure(m), cur.Measure(m)
			if mv := move(a.Score, b.Score, a.Status, b.Status); moved(mv) {
				mv.Unit, mv.Measure = u, m
				mv.FromValue, mv.ToValue = a.Value, b.Value
				s.Moves = append(s.Moves, mv)
			}
		}
		s.Due = append(s.Due, e.due(u, cur.AsOf)...)
		s.Notes = append(s.Notes, notes(u, cur.AsOf)...)
	}
	return s
}

// notes are u's commentary of period p: on the unit, then on its
// objectives and its measures, in file order.
func notes(u *model.Unit, p period.Period) []*model.Note {
	var out []*model.Note
	if n := u.Note(p, nil, nil); n != nil {
		out = append(out, n)
	}
	for _, o := range u.Objectives {
		if n := u.Note(p, o, nil); n != nil {
			out = append(out, n)
		}
	}
	for _, m := range u.Measures {
		if n := u.Note(p, nil, m); n != nil {
			out = append(out, n)
		}
	}
	return out
}

func move(from, to model.Opt, fs, ts model.Status) Move {
	mv := Move{From: from, To: to, FromStatus: fs, ToStatus: ts}
	if from.OK && to.OK {
		mv.Delta = model.Some(to.V - from.V)
	}
	return mv
}

// moved reports whether the score or status changed.
func moved(mv Move) bool { return mv.From != mv.To || mv.FromStatus != mv.ToStatus }

// due lists u's milestones due in period p.
func (e *engine) due(u *model.Unit, p period.Period) []Due {
	first, last := e.cal.Start(p), e.cal.End(p)
	var out []Due
	for _, in := range u.Initiatives {
		for i := range in.Milestones {
			ms := &in.Milestones[i]
			if m := ms.Due.Year()*12 + int(ms.Due.Month()) - 1; !ms.Due.IsZero() && m >= first && m <= last {
				out = append(out, Due{Initiative: in, Milestone: ms})
			}
		}
	}
	return out
}
