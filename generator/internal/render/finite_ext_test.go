package render_test

import (
	"bytes"
	"math"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/themes"
)

// TestANumberThatIsNotFiniteIsAnErrorNotAPanic: compute never hands render
// an infinity or NaN (every such result is an error at its input), but if
// it did, the site, the pack and an incremental render each refuse it with
// an error naming the number, before any file is written.
func TestANumberThatIsNotFiniteIsAnErrorNotAPanic(t *testing.T) {
	r := sitetest.MustCompile(t, `
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
  target = 100
  [[objectives.measures]]
  id = "costs"
  name = "Costs"
  polarity = "lower"
  target = 100
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,95
org,costs,2026-09,90
`)
	th, err := theme.New(fstest.MapFS{}, "default", "en", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Measure(t, r, "org/revenue").Value = model.Some(math.Inf(1))
	const want = `measure "revenue" of unit "org": +Inf is not a number a page can show`
	var out memOutput
	if _, err := render.Site(r, th, &out); err == nil || err.Error() != want {
		t.Errorf("Site: %v; want %q", err, want)
	}
	if len(out.files) > 0 {
		t.Errorf("Site wrote %d files", len(out.files))
	}
	if _, err := render.Pack(r, th); err == nil || err.Error() != want {
		t.Errorf("Pack: %v; want %q", err, want)
	}
	if _, err := render.Only(r, th, &out, []string{render.ScoresPath}); err == nil || err.Error() != want {
		t.Errorf("Only: %v; want %q", err, want)
	}
	// Measures are checked in parallel; with two at fault, the error is
	// still the first's in the result's order.
	sitetest.Measure(t, r, "org/costs").Value = model.Some(math.Inf(-1))
	for range 20 {
		if _, err := render.Site(r, th, &out); err == nil || err.Error() != want {
			t.Fatalf("Site with two measures at fault: %v; want %q", err, want)
		}
	}
	sitetest.Measure(t, r, "org/revenue").Value = model.Some(95)
	if _, err := render.Site(r, th, &out); err == nil || err.Error() != `measure "costs" of unit "org": -Inf is not a number a page can show` {
		t.Errorf("Site with costs at fault: %v", err)
	}
	sitetest.Measure(t, r, "org/costs").Value = model.Some(90)
	sitetest.Objective(t, r, "org/grow").History[0] = model.Some(math.NaN())
	if _, err := render.Site(r, th, &out); err == nil || err.Error() != `objective "grow" of unit "org": score history: NaN is not a number a page can show` {
		t.Errorf("Site with a NaN score: %v", err)
	}
}

type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (o *memOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.files == nil {
		o.files = map[string][]byte{}
	}
	o.files[name] = bytes.Clone(data) // the render reuses data once this returns
	return nil
}
