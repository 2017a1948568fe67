package compute

import (
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// TestSinceOutlookAlone: an objective whose score and status stay the same
// but which falls at risk (or recovers from it) is a move; one whose
// outlook stays the same too is not, nor are a unit and a measure that did
// not change.
func TestSinceOutlookAlone(t *testing.T) {
	u := &model.Unit{ID: "acme"}
	falls := &model.Objective{ID: "falls", Unit: u, Index: 0}
	stays := &model.Objective{ID: "stays", Unit: u, Index: 1}
	m := &model.Measure{ID: "sales", Unit: u, Objective: stays, Index: 0}
	u.Objectives, u.Measures = []*model.Objective{falls, stays}, []*model.Measure{m}
	site := &model.Site{Units: []*model.Unit{u}}
	result := func(fallsOutlook model.Outlook) *Result {
		return &Result{
			Site:       site,
			Units:      []UnitResult{{Score: model.Some(5), Status: model.Amber}},
			Objectives: []ObjectiveResult{{Score: model.Some(5), Status: model.Amber, Outlook: fallsOutlook}, {Score: model.Some(7), Status: model.Green}},
			Measures:   []MeasureResult{{Measure: m, Score: model.Some(7), Status: model.Green, Value: model.Some(1)}},
		}
	}
	e := &engine{site: site}
	prev, cur := result(model.Steady), result(model.AtRisk)
	s := e.since(prev, cur)
	if s.Moves() != 1 {
		t.Fatalf("%d moves, want 1: the objective that fell at risk", s.Moves())
	}
	want := Move{Unit: u, Objective: falls, From: model.Some(5), To: model.Some(5), FromStatus: model.Amber, ToStatus: model.Amber, Delta: model.Some(0), AtRisk: true}
	if got := s.Move(0); got != want {
		t.Errorf("move: %+v, want %+v", got, want)
	}
	if first, end := s.MovesOf(u); first != 0 || end != 1 {
		t.Errorf("MovesOf(acme) = %d, %d; want 0, 1", first, end)
	}
	if n := e.since(prev, result(model.Steady)).Moves(); n != 0 {
		t.Errorf("nothing changed: %d moves", n)
	}
}
