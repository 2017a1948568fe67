package chart

import (
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// TestSparklineOfActualsSpanningBeyondTheLargestNumber: -1.7e308 and
// 1.7e308 are 3.4e308 apart, which no float64 holds; the line still runs
// from the bottom (y = 3 + 18 = 21) to the top (y = 3), not through NaN.
func TestSparklineOfActualsSpanningBeyondTheLargestNumber(t *testing.T) {
	got := string(Sparkline([]model.Opt{model.Some(-1.7e308), model.Some(1.7e308)}, "green"))
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

func periodResult(target, red, stretch float64) []compute.PeriodResult {
	return []compute.PeriodResult{{Thresholds: compute.Thresholds{Target: model.Some(target), Red: model.Some(red), Stretch: model.Some(stretch)}}}
}
