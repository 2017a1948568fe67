package compare_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compare"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// leagueSite is a ministry of three regions; East has Eastport and Easton,
// West has Westbury, Weston and Westmoor, North none. Every measure has a
// target of 100, so red 90 and stretch 110 (amber_band 0.1), and a value
// v scores 0 at 80, 10/3 at 90, 20/3 at 100 and 10 at 110, linearly:
//
//	unit      sales        quality       extra        unit score
//	Eastport  105 → 25/3   95 → 5                     (25/3 + 5)/2 = 20/3
//	Easton    100 → 20/3                              20/3
//	Westbury  110 → 10     85 → 5/3      100 → 20/3   (10 + 5/3 + 20/3)/3 = 55/9 ≈ 6.11
//	Weston     90 → 10/3  100 → 20/3                  (10/3 + 20/3)/2 = 5
//	Westmoor   none         none                      none
//	North      95 → 5                                 5
//
// A region's only objective is supported by its units' objectives: East
// scores (20/3 + 20/3)/2 = 20/3, West (55/9 + 5)/2 = 50/9 ≈ 5.56 (Westmoor
// has no score and is left out).
const leagueSite = "../../testdata/sites/league"

func leagueResult(t *testing.T) *compute.Result {
	t.Helper()
	r, dl, err := pipeline.Compile(context.Background(), os.DirFS(leagueSite), pipeline.Options{})
	if err != nil || dl.HasErrors() {
		t.Fatalf("the league site: %v %v", err, dl.Err())
	}
	return r
}

// describe writes a set as text: its rows with their ranks, its columns
// with their spread.
func describe(s *compare.Set) string {
	var b strings.Builder
	switch s.Kind {
	case compare.Children:
		fmt.Fprintf(&b, "units of %s (depth %d):", s.Parent.ID, s.Depth)
	default:
		fmt.Fprintf(&b, "level %d:", s.Depth)
	}
	for _, row := range s.Rows {
		fmt.Fprintf(&b, " %d %s", row.Rank, row.Unit.ID)
		for _, m := range row.Measures {
			if m == nil {
				b.WriteString(" -")
			} else {
				b.WriteString(" " + m.ID)
			}
		}
		b.WriteString(";")
	}
	for _, c := range s.Columns {
		d := c.Dist
		fmt.Fprintf(&b, " [%s %q: %d units, %d/%d/%d/%d, %d scored, %.4f %.4f %.4f]", c.ID, c.Name, d.Units, d.Green, d.Amber, d.Red, d.None, d.Scored, d.Min, d.Median, d.Max)
	}
	return b.String()
}

// TestSetsRankTheUnitsByScore holds the ranks, the order and the columns
// of the league site's comparisons to the numbers worked out by hand above.
func TestSetsRankTheUnitsByScore(t *testing.T) {
	r := leagueResult(t)
	var got []string
	for _, s := range compare.Sets(r) {
		got = append(got, describe(s))
	}
	want := []string{
		// The regions share no measure held by two of them: North alone
		// has sales.
		"units of org (depth 1): 1 east; 2 west; 3 north;",
		// Eastport and Easton tie on 20/3 and share the rank; quality is
		// Eastport's only (one of two is half, but not two).
		"units of east (depth 2): 1 e1 sales; 1 e2 sales; [sales \"Sales\": 2 units, 2/0/0/0, 2 scored, 6.6667 7.5000 8.3333]",
		// extra is Westbury's only: no column. Westmoor has no score: last,
		// no rank, its measures without a status.
		"units of west (depth 2): 1 w1 sales quality; 2 w2 sales quality; 0 w3 sales quality; [sales \"Sales\": 3 units, 1/1/0/1, 2 scored, 3.3333 6.6667 10.0000] [quality \"Quality\": 3 units, 1/0/1/1, 2 scored, 1.6667 4.1667 6.6667]",
		// Level 1 is the ministry's units (one parent): no set of its own.
		// Level 2 has five units of two parents; quality is in four of
		// them, at least half; the median of four sales scores is the
		// mean of the middle two, (20/3 + 25/3)/2 = 7.5.
		"level 2: 1 e1 sales quality; 1 e2 sales -; 3 w1 sales quality; 4 w2 sales quality; 0 w3 sales quality; [sales \"Sales\": 5 units, 3/1/0/1, 4 scored, 3.3333 7.5000 10.0000] [quality \"Quality\": 4 units, 1/1/1/1, 3 scored, 1.6667 5.0000 6.6667]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, u := range r.Site.Units {
		if u.ID == "w1" {
			if s := r.Unit(u).Score.V; math.Abs(s-55.0/9) > 1e-9 {
				t.Errorf("Westbury's score = %v; want 55/9", s)
			}
		}
	}
}

// TestLevelOf finds a level's comparison: the level's own, or the unit's
// whose children make up the whole level.
func TestLevelOf(t *testing.T) {
	sets := compare.Sets(leagueResult(t)) // org's units, east's, west's, level 2
	for depth, want := range []*compare.Set{nil, sets[0], sets[3], nil} {
		if got := compare.LevelOf(sets, depth); got != want {
			t.Errorf("LevelOf(%d) = %v; want %v", depth, got, want)
		}
	}
}

// TestTiesKeepTheSiteOrder: scores within the tolerance of compute's
// status share a rank and keep the site's order, even when the sort by
// exact score would have put the later unit first.
func TestTiesKeepTheSiteOrder(t *testing.T) {
	site := &model.Site{}
	root := &model.Unit{ID: "root", Index: 0}
	site.Units = []*model.Unit{root}
	scores := []model.Opt{{}, model.Some(5), model.Some(7), model.Some(7 + 1e-12), {}, model.Some(7 - 2e-9)}
	r := &compute.Result{Site: site, Units: []compute.UnitResult{{Unit: root}}}
	for i := 1; i < len(scores); i++ {
		u := &model.Unit{ID: fmt.Sprintf("u%d", i), Index: i, Parent: root, Depth: 1}
		root.Children = append(root.Children, u)
		site.Units = append(site.Units, u)
		r.Units = append(r.Units, compute.UnitResult{Unit: u, Score: scores[i]})
	}
	s := compare.Sets(r)[0]
	var got []string
	for _, row := range s.Rows {
		got = append(got, fmt.Sprintf("%d %s", row.Rank, row.Unit.ID))
	}
	// u2 (7) and u3 (7 + 1e-12) tie, in the site's order; u5 is 2e-9
	// below u3: not tied. u1 and u4 have no score.
	want := []string{"1 u2", "1 u3", "3 u5", "4 u1", "0 u4"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %v; want %v", got, want)
	}
}
