package generator

import (
	"context"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// criticalSite has a unit with three measures where config allows two, an
// objective with no measure that supports nothing, and a perspective whose
// objective has no measure; the child's objectives are measured through
// support, or measured.
const criticalSite = `
-- config.toml --
title = "T"
[critical_few]
max_measures = 2
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
  target = 100
  [[objectives.measures]]
  id = "margin"
  name = "Margin"
  polarity = "higher"
  target = 100
[[objectives]]
id = "delight"
perspective = "customer"
name = "Delight"
  [[objectives.measures]]
  id = "nps"
  name = "NPS"
  polarity = "higher"
  target = 100
[[objectives]]
id = "vague"
perspective = "internal"
name = "Be excellent"
[[objectives]]
id = "learn"
perspective = "learning"
name = "Learn"
-- content/ops/scorecard.toml --
name = "Ops"
[[objectives]]
id = "sell"
perspective = "financial"
name = "Sell"
supports = ["learn"]
  [[objectives.measures]]
  id = "sales"
  name = "Sales"
  polarity = "higher"
  target = 1
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,95
org,margin,2026-09,95
org,nps,2026-09,95
ops,sales,2026-09,1
`

// TestCriticalFewWarnings checks each warning of the critical few, at its
// place, and that --strict makes them errors. "learn" has no measure but
// an objective below supports it: it, and its perspective, are measured
// through the cascade.
func TestCriticalFewWarnings(t *testing.T) {
	want := strings.TrimSpace(`
content/scorecard.toml:21:8: warning: unit "org" has 3 measures, more than the critical few of 2 ([critical_few] max_measures in config.toml): keep the measures that show whether the strategy works, and report the rest elsewhere
content/scorecard.toml:26:6: warning: objective "vague" of unit "org" has no measure, no objective below supports it, and it supports nothing: nothing shows how it is doing, and it counts for nothing above it
content/scorecard.toml:26:6: warning: perspective "internal" of unit "org" has objectives but no measures, and no objective below supports them: nothing in it is measured`)
	_, dl, err := pipeline.Compile(context.Background(), sitetest.FS(criticalSite), pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range dl.Sorted(diag.Warning) {
		got = append(got, d.String())
	}
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", g, want)
	}
	_, _, err = pipeline.Compile(context.Background(), sitetest.FS(criticalSite), pipeline.Options{Strict: true})
	if err == nil || !strings.Contains(err.Error(), `unit "org" has 3 measures`) {
		t.Errorf("with --strict: %v; want the warnings as errors", err)
	}
	// max_measures = 0 turns the bound off.
	off := strings.Replace(criticalSite, "max_measures = 2", "max_measures = 0", 1)
	_, dl, _ = pipeline.Compile(context.Background(), sitetest.FS(off), pipeline.Options{})
	for _, d := range dl.Sorted(diag.Warning) {
		if strings.Contains(d.Msg, "more than the critical few") {
			t.Errorf("max_measures = 0: %s", d)
		}
	}
}
