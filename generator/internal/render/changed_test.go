package render

import (
	"reflect"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
)

// TestChangedComparesEveryField guards the comparisons of Changed:
// a field added to a result must be compared too, or a page that shows it
// would not be rendered again when it changes. Update the comparison, then
// the count here.
func TestChangedComparesEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{compute.MeasureResult{}, 16},
		{compute.YearToDate{}, 8},
		{compute.PeriodResult{}, 5},
		{compute.Thresholds{}, 3},
		{compute.ObjectiveResult{}, 7},
		{compute.Link{}, 7},
		{compute.UnitResult{}, 4},
		{compute.PerspectiveResult{}, 4},
		{compute.InitiativeResult{}, 16},
		{compute.MilestoneResult{}, 2},
		{compute.ProgressPoint{}, 4},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, but sameMeasure, sameObjective, sameUnit and sameInitiative know of %d", c.v, n, c.want)
		}
	}
}

// TestWantsUnder: Only lists a review period's pages when a wanted path is
// in its folder; the as-of period's folder is the root, less periods/.
func TestWantsUnder(t *testing.T) {
	for _, c := range []struct {
		paths  []string
		prefix string
		want   bool
	}{
		{[]string{"index.html"}, "", true},
		{[]string{"index.html"}, "periods/2026-08/", false},
		{[]string{"periods/2026-08/index.html"}, "", false},
		{[]string{"periods/2026-08/index.html"}, "periods/2026-08/", true},
		{[]string{"periods/2026-08/index.html"}, "periods/2026-07/", false},
		{[]string{"periods/2026-08/index.html", "data/scores.json"}, "", true},
		{nil, "", false},
	} {
		if got := wantsUnder(c.paths, c.prefix); got != c.want {
			t.Errorf("wantsUnder(%q, %q) = %v; want %v", c.paths, c.prefix, got, c.want)
		}
	}
}
