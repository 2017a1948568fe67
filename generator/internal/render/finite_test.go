package render

import (
	"math"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
	"github.com/scorecard-dev/scorecard/themes"
)

// TestSparklineOfActualsSpanningBeyondTheLargestNumber: -1.7e308 and
// 1.7e308 are 3.4e308 apart, which no float64 holds; the line still runs
// from the bottom (y = 3 + 18 = 21) to the top (y = 3), not through NaN.
func TestSparklineOfActualsSpanningBeyondTheLargestNumber(t *testing.T) {
	got := string(sparkline([]model.Opt{model.Some(-1.7e308), model.Some(1.7e308)}, "green"))
	want := `<polyline points="3,21 93,3"/><circle class="dot-green" cx="93" cy="3" r="2.5"/>`
	if !strings.Contains(got, want) {
		t.Errorf("sparkline = %s; want it to hold %s", got, want)
	}
}

// TestBandsTooWideToRepresentAreLeftOut: target 1e308 above red -1e308 is a
// band 2e308 wide. Validation refuses such thresholds; a result that holds
// them anyway draws no band for that period rather than breaking the chart.
func TestBandsTooWideToRepresentAreLeftOut(t *testing.T) {
	m := &model.Measure{Polarity: model.Higher}
	h := periodResult(1e308, -1e308, 1.5e308)
	for _, b := range bands(m, append(h, periodResult(100, 90, 110)...)) {
		if b.data[0].OK {
			t.Errorf("%s: %v in the period too wide; want no band", b.name, b.data[0])
		}
	}
	if bs := bands(m, periodResult(100, 90, 110)); bs[1].data[0] != model.Some(10) || bs[2].data[0] != model.Some(10) {
		t.Errorf("target 100, red 90, stretch 110: bands %v; want widths 10 and 10", bs)
	}
}

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
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,95
`)
	theme, err := NewTheme(fstest.MapFS{}, "default", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Measure(t, r, "org/revenue").Value = model.Some(math.Inf(1))
	const want = `measure "revenue" of unit "org": +Inf is not a number a page can show`
	var out memOutput
	if _, err := Site(r, theme, &out); err == nil || err.Error() != want {
		t.Errorf("Site: %v; want %q", err, want)
	}
	if len(out.files) > 0 {
		t.Errorf("Site wrote %d files", len(out.files))
	}
	if _, err := Pack(r, theme); err == nil || err.Error() != want {
		t.Errorf("Pack: %v; want %q", err, want)
	}
	if _, err := Only(r, theme, &out, []string{ScoresPath}); err == nil || err.Error() != want {
		t.Errorf("Only: %v; want %q", err, want)
	}
	sitetest.Measure(t, r, "org/revenue").Value = model.Some(95)
	sitetest.Objective(t, r, "org/grow").History[0] = model.Some(math.NaN())
	if _, err := Site(r, theme, &out); err == nil || err.Error() != `objective "grow" of unit "org": score history: NaN is not a number a page can show` {
		t.Errorf("Site with a NaN score: %v", err)
	}
}

// TestAPanicInAPageIsAnError: a fault in rendering one page ends that build
// with an error naming the file, not the process (which would leave the
// build's temporary folder behind, and a preview server dead).
func TestAPanicInAPageIsAnError(t *testing.T) {
	jobs := []job{
		{"a.html", func() ([]byte, error) { return []byte("a"), nil }},
		{"units/org/index.html", func() ([]byte, error) { panic("index out of range [3] with length 3") }},
	}
	var out memOutput
	err := run(jobs, &out)
	if err == nil || err.Error() != "units/org/index.html: internal error (please report it): index out of range [3] with length 3" {
		t.Errorf("run = %v", err)
	}
}

func periodResult(target, red, stretch float64) []compute.PeriodResult {
	return []compute.PeriodResult{{Thresholds: compute.Thresholds{Target: model.Some(target), Red: model.Some(red), Stretch: model.Some(stretch)}}}
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
	o.files[name] = data
	return nil
}
