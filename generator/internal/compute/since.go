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
	to   *Result // the result this is part of
	// moves are the units, objectives and measures whose score, status or
	// outlook changed, in the site's order: each unit, then its objectives,
	// then its measures (Move). A site's measures mostly move from one
	// month to the next, and what a Move says is in the two results: 24
	// bytes a move rather than a Move's 120 (40,000 moves a period on the
	// L workload).
	moves []moveRef
	spans [][2]int32 // by Unit.Index: the unit's own moves are moves[first:end]
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

// moveRef is which unit, objective or measure moved: one of its fields is
// set.
type moveRef struct {
	unit      *model.Unit
	objective *model.Objective
	measure   *model.Measure
}

// Moves is the number of moves.
func (s *Since) Moves() int { return len(s.moves) }

// MovesOf returns which moves are u's, its objectives' and its measures':
// Move(i) for first ≤ i < end, u's own first.
func (s *Since) MovesOf(u *model.Unit) (first, end int) {
	sp := s.spans[u.Index]
	return int(sp[0]), int(sp[1])
}

// Of returns which unit moved in move i, and which of its objectives or
// measures, if either: Move's Unit, Objective and Measure, without the rest.
func (s *Since) Of(i int) (*model.Unit, *model.Objective, *model.Measure) {
	switch ref := s.moves[i]; {
	case ref.measure != nil:
		return ref.measure.Unit, nil, ref.measure
	case ref.objective != nil:
		return ref.objective.Unit, ref.objective, nil
	default:
		return ref.unit, nil, nil
	}
}

// Move returns move i, 0 ≤ i < Moves().
func (s *Since) Move(i int) Move {
	switch ref := s.moves[i]; {
	case ref.measure != nil:
		return measureMove(s.From, s.to, ref.measure)
	case ref.objective != nil:
		return objectiveMove(s.From, s.to, ref.objective)
	default:
		return unitMove(s.From, s.to, ref.unit)
	}
}

func unitMove(prev, cur *Result, u *model.Unit) Move {
	a, b := prev.Unit(u), cur.Unit(u)
	mv := move(a.Score, b.Score, a.Status, b.Status)
	mv.Unit = u
	return mv
}

func objectiveMove(prev, cur *Result, o *model.Objective) Move {
	a, b := prev.Objective(o), cur.Objective(o)
	mv := move(a.Score, b.Score, a.Status, b.Status)
	mv.WasAtRisk, mv.AtRisk = a.Outlook == model.AtRisk, b.Outlook == model.AtRisk
	mv.Unit, mv.Objective = o.Unit, o
	return mv
}

func measureMove(prev, cur *Result, m *model.Measure) Move {
	a, b := prev.Measure(m), cur.Measure(m)
	mv := move(a.Score, b.Score, a.Status, b.Status)
	mv.Unit, mv.Measure = m.Unit, m
	mv.FromValue, mv.ToValue = a.Value, b.Value
	return mv
}

// Due is a milestone whose due date falls in the period.
type Due struct {
	Initiative *model.Initiative
	Milestone  *model.Milestone
}

// since compares cur with prev, the result as of the review period before.
func (e *engine) since(prev, cur *Result) *Since {
	s := &Since{From: prev, to: cur, spans: make([][2]int32, len(e.site.Units))}
	for _, u := range e.site.Units {
		s.spans[u.Index][0] = int32(len(s.moves))
		if moved(unitMove(prev, cur, u)) {
			s.moves = append(s.moves, moveRef{unit: u})
		}
		for _, o := range u.Objectives {
			if mv := objectiveMove(prev, cur, o); moved(mv) || mv.WasAtRisk != mv.AtRisk {
				s.moves = append(s.moves, moveRef{objective: o})
			}
		}
		for _, m := range u.Measures {
			if moved(measureMove(prev, cur, m)) {
				s.moves = append(s.moves, moveRef{measure: m})
			}
		}
		s.spans[u.Index][1] = int32(len(s.moves))
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
