package compute_test

import (
	"math"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// Every input is finite, but arithmetic on finite numbers need not be:
// 1e200 × 1e200, 1 ÷ 4.9e-324 and 1e308 + 1e308 are all beyond ±1.8e308, the
// largest a float64 holds. Each such result is an error at the key that asked
// for the arithmetic, naming the periods it spoils, and the value is missing:
// never an infinity handed on to the pages.

func wantErrors(t *testing.T, dl *diag.List, want ...string) {
	t.Helper()
	if got := sitetest.Lines(dl, diag.Error); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFormulaBeyondTheLargestNumberIsAnErrorAtTheOperator(t *testing.T) {
	r, dl := sitetest.Compile(t, oneUnit("",
		measure("a", `polarity = "higher"`)+
			measure("b", `polarity = "higher"`)+
			measure("p", `polarity = "higher"
formula = "a * b"
target = 1`)+
			measure("q", `polarity = "higher"
formula = "(a × 2) / b"
target = 1`), `
org,a,2026-08,2,,,
org,b,2026-08,3,,,
org,a,2026-09,1e200,,,
org,b,2026-09,1e200,,,
org,a,2026-10,1,,,
org,b,2026-10,4.9e-324,,,
`), pipeline.Options{})
	// The formula's value lies at line 18 (p) and 24 (q), its quote at
	// column 11: p's "*" is at 11 + 1 + 2, q's "/" at 11 + 1 + 8 (columns
	// count characters: "×" is one, though two bytes). 2026-10 is the as-of
	// period (the latest actual): 1e200 × 1e200 overflows in September, and
	// (1 × 2) ÷ 4.9e-324 in October; 1e200 × 2 ÷ 1e200 is 2.
	wantErrors(t, dl,
		`content/scorecard.toml:18:14: measure "p" of unit "org": a * b is beyond ±1.8e308, the largest a number can be, in 2026-09 (1e+200 * 1e+200)`,
		`content/scorecard.toml:24:20: measure "q" of unit "org": (a × 2) / b is beyond ±1.8e308, the largest a number can be, in 2026-10 (2 / 5e-324)`,
	)
	if r != nil {
		t.Fatal("a result despite the errors")
	}
}

func TestFormulaBeyondTheLargestNumberOverTheYearToDate(t *testing.T) {
	_, dl := sitetest.Compile(t, oneUnit("",
		measure("a", `polarity = "higher"
aggregation = "sum"`)+
			measure("b", `polarity = "higher"
aggregation = "sum"`)+
			measure("p", `polarity = "higher"
formula = "a * b"
basis = "ytd"
aggregation = "sum"
target = 1`), `
org,a,2026-01,1e154,,,
org,b,2026-01,1e154,,,
org,a,2026-02,1e154,,,
org,b,2026-02,1e154,,,
`), pipeline.Options{})
	// Each month, 1e154 × 1e154 = 1e308 is a number. Over January and
	// February the inputs add up first, 2e154 × 2e154 = 4e308, which is not:
	// the year-to-date value as of February overflows, and only it.
	wantErrors(t, dl,
		`content/scorecard.toml:20:14: measure "p" of unit "org": over the year to date, a * b is beyond ±1.8e308, the largest a number can be, in 2026-02 (2e+154 * 2e+154)`,
	)
}

func TestYTDSumBeyondTheLargestNumberIsAnError(t *testing.T) {
	_, dl := sitetest.Compile(t, oneUnit("",
		measure("y", `polarity = "higher"
basis = "ytd"
aggregation = "sum"
target = 1`)+measure("z", `polarity = "higher"
basis = "ytd"
aggregation = "average"
target = 1`), `
org,y,2026-01,1e308,,,
org,y,2026-02,1e308,,,
org,y,2026-03,1,,,
org,z,2026-01,1.7e308,,,
org,z,2026-02,1.7e308,,,
org,z,2026-03,1.7e308,,,
`), pipeline.Options{})
	// y: 1e308 + 1e308 overflows as of February and stays beyond as of
	// March; January alone is 1e308. z's mean of three 1.7e308 is 1.7e308,
	// although their total is not a number: no error.
	wantErrors(t, dl,
		`content/scorecard.toml:11:15: measure "y" of unit "org": the year-to-date sum of its actuals is beyond ±1.8e308, the largest a number can be, in 2026-02, 2026-03`,
	)
}

func TestYTDAverageOfHugeActualsIsTheirMean(t *testing.T) {
	r := sitetest.MustCompile(t, oneUnit("",
		measure("z", `polarity = "higher"
basis = "ytd"
aggregation = "average"
target = 1e308`), `
org,z,2026-01,1.7e308,,,
org,z,2026-02,1.5e308,,,
`))
	// (1.7e308 + 1.5e308) / 2 = 1.6e308; target 1e308, red 0.9e308, stretch
	// 1.1e308: beyond stretch, 10.
	check(t, sitetest.Measure(t, r, "org/z"), want{"2026-02", 1.6e308, 1e308, 0.9e308, 1.1e308, 10, "green", "worsening", false})
	if v := sitetest.Measure(t, r, "org/z").Value.V; math.Abs(v-1.6e308) > 1e293 {
		t.Errorf("value %v; want 1.6e308", v)
	}
}

func TestYTDThresholdsBeyondTheLargestNumberAreAnError(t *testing.T) {
	_, dl := sitetest.Compile(t, oneUnit("",
		measure("t", `polarity = "higher"
basis = "ytd"
aggregation = "sum"`)+measure("s", `polarity = "higher"
basis = "ytd"
aggregation = "sum"
target = 8.5e307`), `
org,t,2026-01,1,1e308,,
org,t,2026-02,1,1e308,,
org,s,2026-01,1,,,
org,s,2026-02,1,,,
`), pipeline.Options{})
	// t: the targets add up to 2e308. s: the constant target counts in both
	// months, 1.7e308, a number; but its default stretch, 1.7e308 + 1.7e307,
	// is not. Each month alone was checked when read, and is fine.
	wantErrors(t, dl,
		`content/scorecard.toml:11:15: measure "t" of unit "org": the year-to-date sum of its targets is beyond ±1.8e308, the largest a number can be, in 2026-02`,
		`content/scorecard.toml:17:15: measure "s" of unit "org": over the year to date, target 1.7e+308 is too far from zero (give one nearer, or a stretch): its default stretch, target + (target − red), is beyond ±1.8e308, the largest a number can be, in 2026-02`,
	)
}

func TestRollupBeyondTheLargestNumberIsAnError(t *testing.T) {
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
  id = "total"
  name = "Total"
  polarity = "higher"
  rollup = "sum"
  target = 1
  [[objectives.measures]]
  id = "mean"
  name = "Mean"
  polarity = "higher"
  rollup = "average"
  target = 1
` + child("east") + child("west") + `
-- data/a.csv --
unit,measure,period,actual
east,total,2026-08,1
west,total,2026-08,2
east,total,2026-09,1e308
west,total,2026-09,1e308
east,mean,2026-09,1.7e308
west,mean,2026-09,1.5e308
`
	r, dl := sitetest.Compile(t, site, pipeline.Options{})
	// 1e308 + 1e308 is beyond; August's 1 + 2 = 3 is not. The mean of
	// 1.7e308 and 1.5e308 is 1.6e308, although their total is beyond.
	wantErrors(t, dl,
		`content/scorecard.toml:10:12: measure "total" of unit "org": the sum of its child units' actuals is beyond ±1.8e308, the largest a number can be, in 2026-09`,
	)
	if r != nil {
		t.Fatal("a result despite the errors")
	}
	r = sitetest.MustCompile(t, strings.Replace(site, "east,total,2026-09,1e308", "east,total,2026-09,1", 1))
	if v := sitetest.Measure(t, r, "org/mean").Value; !v.OK || math.Abs(v.V-1.6e308) > 1e293 {
		t.Errorf("mean roll-up %v; want 1.6e308", v)
	}
}

func child(id string) string {
	return "-- content/" + id + "/scorecard.toml --\nname = \"" + id + "\"\n[[objectives]]\nid = \"g\"\nperspective = \"financial\"\nname = \"G\"\n" +
		measure("total", `polarity = "higher"`) + measure("mean", `polarity = "higher"`)
}
