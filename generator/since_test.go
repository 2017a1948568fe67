package generator

import (
	"context"
	"os"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// TestSinceMovesFromTheResults holds what changed since the last review,
// kept as references to what moved, to the two results it compares: in
// every review period of the example site, the moves are exactly the
// units, objectives and measures whose score or status changed (or an
// objective's outlook), in the site's order, each Move's figures those of
// the results, and each unit's moves where MovesOf says.
func TestSinceMovesFromTheResults(t *testing.T) {
	r, dl, err := pipeline.Compile(context.Background(), os.DirFS(".."), pipeline.Options{})
	if err != nil || dl.HasErrors() {
		t.Fatalf("the example site: %v %v", err, dl.Err())
	}
	periods := 0
	for _, cur := range append([]*compute.Result{r}, r.Past...) {
		s := cur.Since
		if s == nil {
			continue
		}
		periods++
		prev := s.From
		var want []compute.Move
		spans := map[*model.Unit][2]int{}
		for _, u := range cur.Site.Units {
			first := len(want)
			a, b := prev.Unit(u), cur.Unit(u)
			if a.Score != b.Score || a.Status != b.Status {
				want = append(want, compute.Move{Unit: u, From: a.Score, To: b.Score, FromStatus: a.Status, ToStatus: b.Status, Delta: delta(a.Score, b.Score)})
			}
			for _, o := range u.Objectives {
				a, b := prev.Objective(o), cur.Objective(o)
				was, is := a.Outlook == model.AtRisk, b.Outlook == model.AtRisk
				if a.Score != b.Score || a.Status != b.Status || was != is {
					want = append(want, compute.Move{Unit: u, Objective: o, From: a.Score, To: b.Score, FromStatus: a.Status, ToStatus: b.Status, Delta: delta(a.Score, b.Score), WasAtRisk: was, AtRisk: is})
				}
			}
			for _, m := range u.Measures {
				a, b := prev.Measure(m), cur.Measure(m)
				if a.Score != b.Score || a.Status != b.Status {
					want = append(want, compute.Move{Unit: u, Measure: m, From: a.Score, To: b.Score, FromStatus: a.Status, ToStatus: b.Status, Delta: delta(a.Score, b.Score), FromValue: a.Value, ToValue: b.Value})
				}
			}
			spans[u] = [2]int{first, len(want)}
		}
		if s.Moves() != len(want) {
			t.Fatalf("as of %s: %d moves, want %d", cur.AsOf, s.Moves(), len(want))
		}
		for i, w := range want {
			if got := s.Move(i); got != w {
				t.Errorf("as of %s, move %d: %+v, want %+v", cur.AsOf, i, got, w)
			}
			if u, o, m := s.Of(i); u != w.Unit || o != w.Objective || m != w.Measure {
				t.Errorf("as of %s, move %d: Of gives %v %v %v, want those of %+v", cur.AsOf, i, u, o, m, w)
			}
		}
		for u, want := range spans {
			if first, end := s.MovesOf(u); first != want[0] || end != want[1] {
				t.Errorf("as of %s: MovesOf(%s) = %d, %d; want %d, %d", cur.AsOf, u.ID, first, end, want[0], want[1])
			}
		}
	}
	if periods < 2 {
		t.Fatalf("%d review periods compared with the one before; the example publishes four", periods)
	}
}

func delta(from, to model.Opt) model.Opt {
	if from.OK && to.OK {
		return model.Some(to.V - from.V)
	}
	return model.Opt{}
}
