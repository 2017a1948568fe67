package compute_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// oneUnit is a site with a single unit and objective; measures and data are
// appended by each test.
func oneUnit(config, measures, csv string) string {
	return "-- config.toml --\ntitle = \"T\"\n" + config +
		"\n-- content/scorecard.toml --\nname = \"Org\"\n[[objectives]]\nid = \"o\"\nperspective = \"financial\"\nname = \"O\"\n" + measures +
		"\n-- data/a.csv --\nunit,measure,period,actual,target,red,stretch\n" + strings.TrimLeft(csv, "\n")
}

func measure(id string, keys string) string {
	return "[[objectives.measures]]\nid = \"" + id + "\"\nname = \"" + id + "\"\n" + keys + "\n"
}

type want struct {
	period        string
	value, target float64 // NaN: missing
	red, stretch  float64
	score         float64
	status, trend string
	stale         bool
}

func check(t *testing.T, got *compute.MeasureResult, w want) {
	t.Helper()
	opt := func(name string, o model.Opt, v float64) {
		t.Helper()
		if math.IsNaN(v) {
			if o.OK {
				t.Errorf("%s = %v; want missing", name, o.V)
			}
			return
		}
		if !o.OK || math.Abs(o.V-v) > 1e-4 {
			t.Errorf("%s = %v (present %v); want %v", name, o.V, o.OK, v)
		}
	}
	if got.Period.String() != w.period {
		t.Errorf("period = %s; want %s", got.Period, w.period)
	}
	opt("value", got.Value, w.value)
	opt("target", got.Target, w.target)
	opt("red", got.Red, w.red)
	opt("stretch", got.Stretch, w.stretch)
	opt("score", got.Score, w.score)
	if got.Status.String() != w.status || got.Trend.String() != w.trend || got.Stale != w.stale {
		t.Errorf("status, trend, stale = %s, %s, %v; want %s, %s, %v", got.Status, got.Trend, got.Stale, w.status, w.trend, w.stale)
	}
}

var missing = math.NaN()

func TestPeriodBasisUsesLatestActualAndMarksStale(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("",
		measure("calls", `polarity = "higher"
target = 100`)+measure("clock", `polarity = "higher"
target = 1`), `
org,calls,2026-06,90,,,
org,calls,2026-07,95,,,
org,clock,2026-09,1,,,
`))
	// P = 2026-09 (from clock). calls' latest actual is July: stale. Target 100,
	// default red 90 and stretch 110; 95 is halfway from red to target:
	// 10/3 + 5/10·10/3 = 5. Trend: 95 after 90 is improving.
	check(t, sitetest.Measure(t, r, "org/calls"), want{"2026-07", 95, 100, 90, 110, 5, "amber", "improving", true})
	check(t, sitetest.Measure(t, r, "org/clock"), want{"2026-09", 1, 1, 0.9, 1.1, 20.0 / 3, "green", "none", false})
}

func TestPeriodBasisTakesThatPeriodsCSVTargets(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("",
		measure("calls", `polarity = "higher"
target = 100
red = 80`), `
org,calls,2026-08,95,,,
org,calls,2026-09,95,120,,
`))
	// September's row sets target 120; red stays the constant 80, stretch
	// defaults to 120 + (120 − 80) = 160. 95 lies between red 80 and target 120:
	// 10/3 + 15/40·10/3 = 4.5833.
	check(t, sitetest.Measure(t, r, "org/calls"), want{"2026-09", 95, 120, 80, 160, 4.583333, "amber", "flat", false})
}

// Actuals 10, 30, 20 in January to March against CSV targets 15, 20, 25.
const ytdData = `
org,m,2026-01,10,15,,
org,m,2026-02,30,20,,
org,m,2026-03,20,25,,
`

func TestYTDAggregations(t *testing.T) {
	tests := []struct {
		agg string
		w   want
	}{
		// The trend reads the monthly actuals 10, 30, 20 whatever the
		// basis: the line through them rises by 10 (slope 5): improving.
		// sum: value 60, target 60, red 54, stretch 66: at target, 20/3.
		{"sum", want{"2026-03", 60, 60, 54, 66, 20.0 / 3, "green", "improving", false}},
		// average: value 20, target 20, red 18, stretch 22: at target.
		{"average", want{"2026-03", 20, 20, 18, 22, 20.0 / 3, "green", "improving", false}},
		// last: value 20 (March), target 25, red 22.5, so 0-point at 20: score 0.
		{"last", want{"2026-03", 20, 25, 22.5, 27.5, 0, "red", "improving", false}},
		// min: value 10, target 15, red 13.5; 0-point at 12: score 0.
		{"min", want{"2026-03", 10, 15, 13.5, 16.5, 0, "red", "improving", false}},
		// max: value 30, target 25, stretch 27.5: beyond stretch, 10.
		{"max", want{"2026-03", 30, 25, 22.5, 27.5, 10, "green", "improving", false}},
	}
	for _, tc := range tests {
		t.Run(tc.agg, func(t *testing.T) {
			r := sitetest.MustCompile(t, oneUnit("", measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "`+tc.agg+`"`), ytdData))
			check(t, sitetest.Measure(t, r, "org/m"), tc.w)
		})
	}
}

func TestYTDCombinesRedOnlyWhenEveryPeriodHasOne(t *testing.T) {
	all := oneUnit("", measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "sum"`), `
org,m,2026-01,10,15,12,
org,m,2026-02,30,20,18,
org,m,2026-03,20,25,20,
`)
	// Reds 12 + 18 + 20 = 50; stretch defaults to 60 + (60 − 50) = 70.
	check(t, sitetest.Measure(t, sitetest.MustCompile(t, all), "org/m"), want{"2026-03", 60, 60, 50, 70, 20.0 / 3, "green", "improving", false})

	gap := strings.Replace(all, "org,m,2026-02,30,20,18,", "org,m,2026-02,30,20,,", 1)
	// February has no red, so red defaults from the combined target: 60 − 6.
	check(t, sitetest.Measure(t, sitetest.MustCompile(t, gap), "org/m"), want{"2026-03", 60, 60, 54, 66, 20.0 / 3, "green", "improving", false})
}

func TestYTDWithAMissingActualIsMissing(t *testing.T) {
	r, dl := sitetest.Compile(t, oneUnit("", measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "sum"
target = 10`), `
org,m,2026-01,10,,,
org,m,2026-03,20,,,
`), pipeline.Options{})
	// The target combines over the window (3 × 10) even though the value is
	// missing. The trend reads the actuals there are: 20 after 10, improving.
	check(t, sitetest.Measure(t, r, "org/m"), want{"2026-03", missing, 30, 27, 33, missing, "none", "improving", false})
	wantWarnings(t, dl, `content/scorecard.toml:7:6: warning: measure "m" of unit "org": the year-to-date value as of 2026-03 is missing because 2026-02 has no actual`)
}

func wantWarnings(t *testing.T, dl *diag.List, want ...string) {
	t.Helper()
	if got := sitetest.Lines(dl, diag.Warning); !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestYTDFiscalYearStartingInApril(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("fiscal_year_start = 4", measure("m", `polarity = "higher"
basis = "ytd"
aggregation = "sum"
target = 10`), `
org,m,2026-03,100,,,
org,m,2026-04,10,,,
org,m,2026-05,20,,,
`))
	// FY 2026 starts in April: March belongs to FY 2025 and is left out.
	// Value 30 against 2 × 10 = 20, stretch 22: score 10. The trend reads
	// the last 12 months, March included: 100, 10, 20 fall (slope −40).
	check(t, sitetest.Measure(t, r, "org/m"), want{"2026-05", 30, 20, 18, 22, 10, "green", "worsening", false})
}

func TestQuarterlyAndAnnualMeasuresInAMonthlySite(t *testing.T) {
	site := oneUnit(`period = "2026-08"`,
		measure("q", `polarity = "higher"
frequency = "quarterly"
target = 60`)+
			measure("qytd", `polarity = "higher"
frequency = "quarterly"
basis = "ytd"
aggregation = "sum"
target = 50`)+
			measure("y", `polarity = "lower"
frequency = "annual"
target = 5`), `
org,q,2026-Q1,50,,,
org,q,2026-Q2,60,,,
org,q,2026-Q3,70,,,
org,qytd,2026-Q1,50,,,
org,qytd,2026-Q2,60,,,
org,y,2025,4,,,
`)
	r := sitetest.MustCompile(t, site)
	// As of 2026-08 the latest ended quarter is Q2; Q3's row is not used yet.
	check(t, sitetest.Measure(t, r, "org/q"), want{"2026-Q2", 60, 60, 54, 66, 20.0 / 3, "green", "improving", false})
	// YTD over Q1 and Q2: 110 against 100, stretch 110: score 10.
	check(t, sitetest.Measure(t, r, "org/qytd"), want{"2026-Q2", 110, 100, 90, 110, 10, "green", "improving", false})
	// The latest ended fiscal year is 2025; 4 is below the lower target 5,
	// stretch 4.5: score 10.
	check(t, sitetest.Measure(t, r, "org/y"), want{"2025", 4, 5, 5.5, 4.5, 10, "green", "none", false})

	r = sitetest.MustCompile(t, strings.Replace(site, `period = "2026-08"`, `period = "2026-09"`, 1))
	check(t, sitetest.Measure(t, r, "org/q"), want{"2026-Q3", 70, 60, 54, 66, 10, "green", "improving", false})
}

func TestAsOfDefaultsToTheSitePeriodHoldingTheLatestActual(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("", measure("q", `polarity = "higher"
frequency = "quarterly"
target = 1`), "org,q,2026-Q3,1,,,\n"))
	if r.AsOf.String() != "2026-09" {
		t.Errorf("as-of = %s; want 2026-09", r.AsOf)
	}
}

// TestLatestIsTheLatestActualReportedOn: the freshness line names the latest
// actual the pages use. A stray row for 2062 is left out of the build, and
// rows after an explicit as-of period are too: neither may make the pages
// say "Latest data: 2062" or claim data the reader cannot see.
func TestLatestIsTheLatestActualReportedOn(t *testing.T) {
	m := measure("a", `polarity = "higher"
target = 1`) + measure("b", `polarity = "higher"
target = 1`) + measure("c", `polarity = "higher"
target = 1`)
	rows := "org,a,2026-08,1,,,\norg,a,2026-09,1,,,\norg,b,2026-09,1,,,\norg,c,2026-07,1,,,\norg,c,2062-09,1,,,\n"
	r, _ := sitetest.Compile(t, oneUnit("", m, rows), pipeline.Options{})
	if r == nil {
		t.Fatal("the site did not compile")
	}
	if r.AsOf.String() != "2026-09" || r.Latest.String() != "2026-09" {
		t.Errorf("as of %s, latest %s; want 2026-09 and 2026-09 (the 2062 row is left out)", r.AsOf, r.Latest)
	}
	r, _ = sitetest.Compile(t, oneUnit(`period = "2026-08"`, m, rows), pipeline.Options{})
	if r == nil {
		t.Fatal("the site did not compile as of 2026-08")
	}
	if r.Latest.String() != "2026-08" {
		t.Errorf("as of 2026-08, latest %s; want 2026-08", r.Latest)
	}
}

func TestFormulaOverYTDAggregatesInputsFirst(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("",
		measure("meals", `polarity = "higher"
aggregation = "sum"`)+
			measure("flights", `polarity = "higher"
aggregation = "sum"`)+
			measure("meal-rate", `polarity = "lower"
formula = "meals / flights"
basis = "ytd"
aggregation = "average"
target = 0.05`)+
			measure("meal-rate-month", `polarity = "lower"
formula = "meals / flights"
target = 0.05`), `
org,meals,2026-01,2,,,
org,meals,2026-02,2,,,
org,flights,2026-01,100,,,
org,flights,2026-02,4,,,
`))
	// Over January and February: 4 / 104 = 0.038462, not the mean of 0.02 and
	// 0.5. Lower target 0.05, red 0.055, stretch 0.045: below stretch, 10.
	// Trend compares the monthly ratios, 0.5 after 0.02: worsening.
	check(t, sitetest.Measure(t, r, "org/meal-rate"), want{"2026-02", 4.0 / 104, 0.05, 0.055, 0.045, 10, "green", "worsening", false})
	// By period, February alone: 2 / 4 = 0.5, far above red: 0.
	check(t, sitetest.Measure(t, r, "org/meal-rate-month"), want{"2026-02", 0.5, 0.05, 0.055, 0.045, 0, "red", "worsening", false})
}

func TestFormulaGapsAreMissingAndExplained(t *testing.T) {
	r, dl := sitetest.Compile(t, oneUnit("",
		measure("b", `polarity = "higher"`)+
			measure("c", `polarity = "higher"`)+
			measure("ratio", `polarity = "higher"
formula = "b / c"
target = 1`), `
org,b,2026-01,4,1,,
org,c,2026-01,2,1,,
org,c,2026-02,5,1,,
org,b,2026-03,4,1,,
org,c,2026-03,0,1,,
org,b,2026-04,3,1,,
org,c,2026-04,3,1,,
`), pipeline.Options{})
	ratio := sitetest.Measure(t, r, "org/ratio")
	// The trend reads January's 2 and April's 1, the periods with a value: worsening.
	check(t, ratio, want{"2026-04", 1, 1, 0.9, 1.1, 20.0 / 3, "green", "worsening", false})
	var got []string
	for _, h := range r.History(ratio.Measure) {
		got = append(got, h.Period.String()+"="+fmtOpt(h.Actual))
	}
	if want := "2026-01=2 2026-02=- 2026-03=- 2026-04=1"; strings.Join(got, " ") != want {
		t.Errorf("history %s; want %s", strings.Join(got, " "), want)
	}
	wantWarnings(t, dl, `content/scorecard.toml:15:6: warning: measure "ratio" of unit "org": its formula's value is missing for 2026-02 (no actual for "b"), 2026-03 (division by zero)`)
}

// EachHistory yields what History lists, a range measure's, a ratio's with
// gaps and a measure with no data alike, and stops when asked to.
func TestEachHistoryIsHistory(t *testing.T) {
	r, dl := sitetest.Compile(t, oneUnit("",
		measure("b", `polarity = "higher"`)+
			measure("c", `polarity = "range"
target_low = 1
target_high = 3`)+
			measure("none", `polarity = "lower"
target = 2`)+
			measure("ratio", `polarity = "higher"
formula = "b / c"
target = 1`), `
org,b,2026-01,4,1,,
org,c,2026-01,2,,,
org,c,2026-02,5,,,
org,b,2026-03,4,1,,
org,b,2026-04,3,1,,
org,c,2026-04,3,,,
`), pipeline.Options{})
	if r == nil {
		t.Fatal(dl.Err())
	}
	for _, id := range []string{"b", "c", "none", "ratio"} {
		m := sitetest.Measure(t, r, "org/"+id).Measure
		all := r.History(m)
		if got := slices.Collect(r.EachHistory(m)); !slices.Equal(got, all) {
			t.Errorf("%s: EachHistory %v; History %v", id, got, all)
		}
		n := 0
		for range r.EachHistory(m) {
			if n++; n == 2 {
				break
			}
		}
		if want := min(2, len(all)); n != want {
			t.Errorf("%s: %d periods yielded before the break; want %d", id, n, want)
		}
	}
}

func fmtOpt(o model.Opt) string {
	if !o.OK {
		return "-"
	}
	return strconv.FormatFloat(o.V, 'f', -1, 64)
}

func TestRollupSumsChildrenAndRefusesPartialTotals(t *testing.T) {
	site := `
-- config.toml --
title = "T"
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  rollup = "sum"
  target = 100
-- content/east/scorecard.toml --
name = "East"
[[objectives]]
id = "sell"
perspective = "financial"
name = "Sell"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  target = 50
-- content/regions/west/scorecard.toml --
name = "West"
[[objectives]]
id = "sell"
perspective = "financial"
name = "Sell"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  target = 50
-- data/a.csv --
unit,measure,period,actual
east,revenue,2026-01,40
west,revenue,2026-01,50
east,revenue,2026-02,45
west,revenue,2026-03,60
east,revenue,2026-03,50
`
	r, dl := sitetest.Compile(t, site, pipeline.Options{})
	// March: 50 + 60 = 110 against 100, stretch 110: 10. February has East only,
	// so the total is missing rather than understated; the trend reads
	// January's 90 and March's 110: improving.
	check(t, sitetest.Measure(t, r, "org/revenue"), want{"2026-03", 110, 100, 90, 110, 10, "green", "improving", false})
	wantWarnings(t, dl, `content/scorecard.toml:7:8: warning: measure "revenue" of unit "org": its roll-up is missing for 2026-02 (no actual from unit "west")`)
	// west sits in a plain folder (regions/), so its parent is still the root.
	if ids := unitIDs(r); ids != "org east west" {
		t.Errorf("units %s; want org east west", ids)
	}
}

func unitIDs(r *compute.Result) string {
	var ids []string
	for _, u := range r.Site.Units {
		ids = append(ids, u.ID)
	}
	return strings.Join(ids, " ")
}

// cascade has an org objective supported by a child objective, two objectives
// driving a third, and weights everywhere.
const cascade = `
-- config.toml --
title = "T"
period = "2026-01"
[[perspectives]]
id = "financial"
name = "Financial"
weight = 3
[[perspectives]]
id = "learning"
name = "Learning"
weight = 1
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "profit"
perspective = "financial"
name = "Profit"
weight = 2
  [[objectives.measures]]
  id = "margin"
  name = "Margin"
  polarity = "higher"
  target = 100
  [[objectives.measures]]
  id = "cost"
  name = "Cost"
  polarity = "lower"
  target = 100
  weight = 3
  [[objectives.measures]]
  id = "unscored"
  name = "No data"
  polarity = "higher"
  target = 1
[[objectives]]
id = "skills"
perspective = "learning"
name = "Skills"
drives = ["profit"]
  [[objectives.measures]]
  id = "training"
  name = "Training"
  polarity = "higher"
  target = 100
[[objectives]]
id = "culture"
perspective = "learning"
name = "Culture"
weight = 3
drives = ["profit"]
  [[objectives.measures]]
  id = "engagement"
  name = "Engagement"
  polarity = "range"
  target_low = 70
  target_high = 80
  tolerance = 5
-- content/ops/scorecard.toml --
name = "Ops"
[[objectives]]
id = "efficiency"
perspective = "financial"
name = "Efficiency"
weight = 4
supports = ["org/profit"]
  [[objectives.measures]]
  id = "uptime"
  name = "Uptime"
  polarity = "higher"
  target = 100
-- data/a.csv --
unit,measure,period,actual
org,margin,2026-01,110
org,cost,2026-01,120
org,training,2026-01,85
org,engagement,2026-01,82.5
ops,uptime,2026-01,100
`

func TestScoresRollUpThroughObjectivesPerspectivesAndUnits(t *testing.T) {
	r := sitetest.MustCompile(t, cascade)
	// Measures: margin 110 = stretch: 10. cost 120 ≥ red-0 point 120: 0.
	// unscored has no actual and drops out. uptime 100 = target: 20/3.
	// training 85: halfway from 80 to red 90: 5/3. engagement 82.5 is 2.5 above
	// the band 70–80 (tolerance 5): 20/3 − 10/3·(2.5/5) = 5.
	ops := sitetest.Objective(t, r, "ops/efficiency")
	if !near(ops.Score, 20.0/3) {
		t.Errorf("ops/efficiency = %v; want 6.6667", ops.Score)
	}
	// profit = (10·1 + 0·3 + 20/3·4) / (1 + 3 + 4) = (10 + 26.6667) / 8 = 4.5833.
	profit := sitetest.Objective(t, r, "org/profit")
	if !near(profit.Score, 36.666667/8) || profit.Status != model.Amber {
		t.Errorf("org/profit = %v %s; want 4.5833 amber", profit.Score, profit.Status)
	}
	// Driver score of profit = (skills 5/3 · 1 + culture 5 · 3) / 4 = 4.1667:
	// amber, so the outlook stays steady.
	if !near(profit.DriverScore, (5.0/3+15)/4) || profit.Outlook != model.Steady {
		t.Errorf("profit driver score %v outlook %s; want 4.1667 steady", profit.DriverScore, profit.Outlook)
	}
	// Perspectives of org: financial 4.5833 (profit alone); learning =
	// (5/3 · 1 + 5 · 3) / 4 = 4.1667. Unit = (4.5833 · 3 + 4.1667 · 1) / 4 = 4.4792.
	org := sitetest.Unit(t, r, "org")
	if !near(org.Perspectives[0].Score, 4.583333) || !near(org.Perspectives[1].Score, 4.166667) {
		t.Errorf("org perspectives %v %v", org.Perspectives[0].Score, org.Perspectives[1].Score)
	}
	if !near(org.Score, (4.583333*3+4.166667)/4) || org.Status != model.Amber {
		t.Errorf("org = %v %s; want 4.4792 amber", org.Score, org.Status)
	}
}

func near(o model.Opt, v float64) bool { return o.OK && math.Abs(o.V-v) < 1e-4 }

func TestOutlookAtRiskWhenDriversAreRed(t *testing.T) {
	// training 80 scores 0 and engagement 100 (20 above the band) scores 0:
	// the driver score of profit is red while profit itself is amber.
	site := strings.NewReplacer("org,training,2026-01,85", "org,training,2026-01,80",
		"org,engagement,2026-01,82.5", "org,engagement,2026-01,100").Replace(cascade)
	profit := sitetest.Objective(t, sitetest.MustCompile(t, site), "org/profit")
	if !near(profit.DriverScore, 0) || profit.Status != model.Amber || profit.Outlook != model.AtRisk {
		t.Errorf("profit: driver %v status %s outlook %s; want 0 amber at-risk", profit.DriverScore, profit.Status, profit.Outlook)
	}
	// A red objective is not "at risk": it is already red.
	site = strings.Replace(site, "org,margin,2026-01,110", "org,margin,2026-01,0", 1)
	site = strings.Replace(site, "ops,uptime,2026-01,100", "ops,uptime,2026-01,0", 1)
	profit = sitetest.Objective(t, sitetest.MustCompile(t, site), "org/profit")
	if profit.Status != model.Red || profit.Outlook != model.Steady {
		t.Errorf("profit: status %s outlook %s; want red steady", profit.Status, profit.Outlook)
	}
}

func TestLinkEvidenceFindsTheLag(t *testing.T) {
	// Scores are (v − 80)/3 for these values (target 100, red 90, stretch 110),
	// so b's score in month t+1 equals a's in month t: at lag 1, r = 1 over the
	// 9 pairs of 10 months.
	a := []string{"85", "100", "90", "105", "95", "85", "105", "90", "100", "95"}
	b := append([]string{"100"}, a[:9]...)
	var csv strings.Builder
	for i := range a {
		month := "2026-" + pad(i+1)
		csv.WriteString("org,ma," + month + "," + a[i] + ",,,\n")
		csv.WriteString("org,mb," + month + "," + b[i] + ",,,\n")
		if i >= 5 {
			csv.WriteString("org,mc," + month + ",100,,,\n")
		}
	}
	site := "-- config.toml --\ntitle = \"T\"\n-- content/scorecard.toml --\nname = \"Org\"\n" +
		objective("a", `drives = ["b", "c"]`, "ma") + objective("b", "", "mb") + objective("c", "", "mc") +
		"-- data/a.csv --\nunit,measure,period,actual,target,red,stretch\n" + csv.String()
	r := sitetest.MustCompile(t, site)
	links := sitetest.Objective(t, r, "org/a").Effects
	if len(links) != 2 {
		t.Fatalf("%d links; want 2", len(links))
	}
	if l := links[0]; l.To.ID != "b" || !l.Enough || l.Lag != 1 || l.N != 9 || math.Abs(l.R-1) > 1e-9 {
		t.Errorf("a → b: %+v; want lag 1, r 1, n 9", l)
	}
	// c has 5 months of scores: not enough data.
	if l := links[1]; l.To.ID != "c" || l.Enough {
		t.Errorf("a → c: %+v; want not enough data", l)
	}
}

// TestLinkEvidenceOfAConstantScoreIsNotEnoughVariation: b's score is 5 in
// every month in exact arithmetic, the mean of three measures' scores whose
// values add up to 285. In floating point the mean of the scores of 80, 99
// and 106 is one bit above 5, and that of 91, 109 and 85 one bit below. a's
// score alternates against that bit, so the noise correlated perfectly: r =
// −1.00 at lag 0 (the only lag with 8 pairs), "strong" evidence that a
// drives b backwards. A score that does not change correlates with nothing:
// not enough variation, and no r.
func TestLinkEvidenceOfAConstantScoreIsNotEnoughVariation(t *testing.T) {
	var csv strings.Builder
	for i := range 8 {
		month := "2026-" + pad(i+1)
		a, b := "85", [3]string{"80", "99", "106"}
		if i%2 == 1 {
			a, b = "105", [3]string{"91", "109", "85"}
		}
		csv.WriteString("org,ma," + month + "," + a + ",,,\n")
		for k := range b {
			csv.WriteString("org,mb" + strconv.Itoa(k) + "," + month + "," + b[k] + ",,,\n")
		}
	}
	thresholds := "polarity = \"higher\"\ntarget = 100\nred = 90\nstretch = 110"
	site := "-- config.toml --\ntitle = \"T\"\n-- content/scorecard.toml --\nname = \"Org\"\n" +
		objective("a", `drives = ["b"]`, "ma") + objective("b", "", "mb0") + measure("mb1", thresholds) + measure("mb2", thresholds) +
		"-- data/a.csv --\nunit,measure,period,actual,target,red,stretch\n" + csv.String()
	r := sitetest.MustCompile(t, site)
	for i, h := range sitetest.Objective(t, r, "org/b").History {
		if want := 5 + math.Pow(-1, float64(i))*0x1p-50; h.V != want {
			t.Fatalf("b's score in month %d is %v; the test needs %v", i+1, h.V, want)
		}
	}
	if l := sitetest.Objective(t, r, "org/a").Effects[0]; l.Enough || !l.Flat || l.R != 0 || l.N != 0 {
		t.Errorf("a → b: %+v; want not enough variation", l)
	}
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func objective(id, keys, m string) string {
	return "[[objectives]]\nid = \"" + id + "\"\nperspective = \"financial\"\nname = \"" + id + "\"\n" + keys + "\n" +
		measure(m, "polarity = \"higher\"\ntarget = 100\nred = 90\nstretch = 110")
}

func TestWarningsForMissingValuesAndTargets(t *testing.T) {
	_, dl := sitetest.Compile(t, oneUnit("",
		measure("no-target", `polarity = "higher"`)+measure("no-data", `polarity = "higher"
target = 1`), "org,no-target,2026-05,3,,,\n"), pipeline.Options{})
	wantWarnings(t, dl,
		`content/scorecard.toml:7:6: warning: measure "no-target" of unit "org" has no target for 2026-05, so it has no status or score`,
		`content/scorecard.toml:11:6: warning: measure "no-data" of unit "org" has no actual for 2026-05 or before`)
	_, dl = sitetest.Compile(t, oneUnit("",
		measure("no-target", `polarity = "higher"`), "org,no-target,2026-05,3,,,\n"), pipeline.Options{Strict: true})
	if got := dl.Err(); got == nil || !strings.Contains(got.Error(), "content/scorecard.toml:7:6: measure \"no-target\"") {
		t.Errorf("strict: %v; want the warning as an error", got)
	}
}
