package compute_test

import (
	"math"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// This year's actuals, January to March: 10, 30, 20 (docs/scoring.md's
// projection examples use the same numbers).
const thisYear = `
org,m,2026-01,10,,,
org,m,2026-02,30,,,
org,m,2026-03,20,,,
`

// Last year's, a whole year: 5, 5, 10 in its first quarter (20), then 10 a
// month (90 more): 110 in all.
const lastYear = `
org,m,2025-01,5,,,
org,m,2025-02,5,,,
org,m,2025-03,10,,,
org,m,2025-04,10,,,
org,m,2025-05,10,,,
org,m,2025-06,10,,,
org,m,2025-07,10,,,
org,m,2025-08,10,,,
org,m,2025-09,10,,,
org,m,2025-10,10,,,
org,m,2025-11,10,,,
org,m,2025-12,10,,,
`

func yearOf(t *testing.T, agg, csv string) *compute.YearToDate {
	t.Helper()
	r := sitetest.MustCompile(t, oneUnit(`period = "2026-03"`, measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "`+agg+`"
target = 25`), csv))
	y := sitetest.Measure(t, r, "org/m").Year
	if y == nil {
		t.Fatal("no year")
	}
	return y
}

func near4(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func checkPath(t *testing.T, what string, got []model.Opt, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d periods; want %d", what, len(got), len(want))
	}
	for i := range want {
		switch {
		case math.IsNaN(want[i]) && got[i].OK:
			t.Errorf("%s[%d] = %v; want missing", what, i, got[i].V)
		case !math.IsNaN(want[i]) && (!got[i].OK || !near4(got[i].V, want[i])):
			t.Errorf("%s[%d] = %v (present %v); want %v", what, i, got[i].V, got[i].OK, want[i])
		}
	}
}

var x = math.NaN()

// TestProjectionRunRate: no whole year before, so the rest of the year goes
// at the year to date's pace. Sum: 60 after three months is 20 a month, 240
// by December. The target, 25 a month, is 300 for the year; its red flag by
// default 300 − 10% = 270, so the projection is red.
func TestProjectionRunRate(t *testing.T) {
	y := yearOf(t, "sum", thisYear)
	checkPath(t, "actual", y.Actual, []float64{10, 40, 60, x, x, x, x, x, x, x, x, x})
	checkPath(t, "target", y.Target, []float64{25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 275, 300})
	checkPath(t, "projection", y.Projection, []float64{x, x, 60, 80, 100, 120, 140, 160, 180, 200, 220, 240})
	if y.Method != compute.RunRate || !near4(y.Projected.V, 240) || y.ProjectedStatus != model.Red {
		t.Errorf("%s, %v, %s; want run-rate, 240, red", y.Method, y.Projected, y.ProjectedStatus)
	}
	if ft := y.FullYear; !near4(ft.Target.V, 300) || !near4(ft.Red.V, 270) || !near4(ft.Stretch.V, 330) {
		t.Errorf("full year %+v; want 300, 270, 330", ft)
	}
	// Average: the rest of the year at the average so far, 20.
	y = yearOf(t, "average", thisYear)
	checkPath(t, "projection", y.Projection, []float64{x, x, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20})
	checkPath(t, "actual", y.Actual, []float64{10, 20, 20, x, x, x, x, x, x, x, x, x})
}

// TestProjectionSeasonal: with last year whole, the rest of the year keeps
// its shape. Sum: last year had 20 by March and 110 by December, so 60 by
// March projects to 60 × 110 / 20 = 330, and April to 60 × 30 / 20 = 90.
// Average: last year's average was 6.6667 by March and 9.1667 for the year,
// so 20 projects to 20 × 9.1667 / 6.6667 = 27.5.
func TestProjectionSeasonal(t *testing.T) {
	y := yearOf(t, "sum", lastYear+thisYear)
	checkPath(t, "projection", y.Projection, []float64{x, x, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330})
	if y.Method != compute.Seasonal || !near4(y.Projected.V, 330) || y.ProjectedStatus != model.Green {
		t.Errorf("%s, %v, %s; want seasonal, 330, green", y.Method, y.Projected, y.ProjectedStatus)
	}
	y = yearOf(t, "average", lastYear+thisYear)
	if y.Method != compute.Seasonal || !near4(y.Projected.V, 27.5) {
		t.Errorf("%s, %v; want seasonal, 27.5", y.Method, y.Projected)
	}
	// A year with a month missing is no shape: run rate.
	y = yearOf(t, "sum", strings.Replace(lastYear, "org,m,2025-07,10,,,\n", "", 1)+thisYear)
	if y.Method != compute.RunRate || !near4(y.Projected.V, 240) {
		t.Errorf("%s, %v; want run-rate, 240", y.Method, y.Projected)
	}
}

// TestProjectionThroughAFormula: a ratio of two sums is projected as the
// ratio of its inputs' projections: 60 and 300 by March at their pace are
// 240 and 1,200 by December, 0.2; not the pace of the monthly ratios.
func TestProjectionThroughAFormula(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit(`period = "2026-03"`,
		measure("a", `polarity = "higher"
aggregation = "sum"`)+measure("b", `polarity = "higher"
aggregation = "sum"`)+measure("ratio", `polarity = "higher"
formula = "a / b"
basis = "ytd"
aggregation = "average"
target = 0.2`), `
org,a,2026-01,10,,,
org,a,2026-02,30,,,
org,a,2026-03,20,,,
org,b,2026-01,100,,,
org,b,2026-02,50,,,
org,b,2026-03,150,,,
`))
	y := sitetest.Measure(t, r, "org/ratio").Year
	if y.Method != compute.RunRate || !near4(y.Projected.V, 0.2) {
		t.Errorf("%s, %v; want run-rate, 0.2", y.Method, y.Projected)
	}
	checkPath(t, "actual", y.Actual, []float64{0.1, 40.0 / 150, 0.2, x, x, x, x, x, x, x, x, x})
}

// TestNoProjection: nothing is projected for an aggregation that a pace
// does not extend (last, min, max), nor once the year is over.
func TestNoProjection(t *testing.T) {
	if y := yearOf(t, "last", thisYear); y.Method != compute.NoProjection || y.Projected.OK {
		t.Errorf("last: %s, %v; want none", y.Method, y.Projected)
	}
	r := sitetest.MustCompile(t, oneUnit(`period = "2025-12"`, measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "sum"
target = 10`), lastYear))
	y := sitetest.Measure(t, r, "org/m").Year
	if y.Method != compute.NoProjection || !near4(y.Actual[11].V, 110) {
		t.Errorf("a whole year: %s, December %v; want none, 110", y.Method, y.Actual[11])
	}
}
