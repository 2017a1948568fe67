package render_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// TestHistoryAppendedAsWritten: every measure's download, appended byte by
// byte, is what encoding/csv writes of its typed rows, on the example site
// (range, quarterly and annual measures, computed ones, thresholds from
// data files) and on a generated site of 30 units; and so is the site's
// file of every value.
func TestHistoryAppendedAsWritten(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(dir, gen.Params{Units: 30, Measures: 12, Months: 40, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, site := range []string{"../../..", dir} {
		r, dl, _ := pipeline.Compile(context.Background(), os.DirFS(site), pipeline.Options{})
		if dl.HasErrors() {
			t.Fatalf("%s: %v", site, dl.Err())
		}
		all := render.HistoryHeader()
		n := 0
		for _, u := range r.Site.Units {
			for _, m := range u.Measures {
				got, err := render.MeasureCSV(r, m)
				if err != nil {
					t.Fatal(err)
				}
				if want := render.HistoryCSV(r, m); string(got) != want {
					t.Fatalf("%s: %s/%s:\n%q\nwant\n%q", site, u.ID, m.ID, got, want)
				}
				all += render.HistoryRows(r, m)
				n++
			}
		}
		var got bytes.Buffer
		if err := render.WriteSiteCSV(r, &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != all {
			t.Errorf("%s: the site's file differs from its rows written by encoding/csv", site)
		}
		if n < 10 || len(all) < 1000 {
			t.Fatalf("%s: only %d measures, %d bytes", site, n, len(all))
		}
	}
}

// TestHistoryWithQuotesFallsBack: an id encoding/csv would quote (which
// validation refuses, but the writer does not rely on it) is written by
// encoding/csv.
func TestHistoryWithQuotesFallsBack(t *testing.T) {
	r := sitetest.MustCompile(t, `
-- config.toml --
title = "Org"
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
-- data/a.csv --
unit,measure,period,actual,target
org,revenue,2026-07,90,95.5
org,revenue,2026-08,-0.25,
`)
	m := r.Site.Units[0].Measures[0]
	for _, id := range []string{"revenue", "a,b", `q"t`, " lead", `\.`} {
		m.ID = id
		got, err := render.MeasureCSV(r, m)
		if err != nil {
			t.Fatal(err)
		}
		if want := render.HistoryCSV(r, m); string(got) != want {
			t.Errorf("id %q:\n%q\nwant\n%q", id, got, want)
		}
		if _, ok := render.AppendHistory(nil, r, m); ok != (id == "revenue") {
			t.Errorf("id %q: appended %v", id, ok)
		}
	}
}
