package compute

import (
	"math"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

var none = model.Opt{}

func some(v float64) model.Opt { return model.Some(v) }

func th(g, r, s float64) Thresholds { return Thresholds{some(g), some(r), some(s)} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

// Higher polarity, target 100, red 90, stretch 110: the map runs through
// (80, 0), (90, 10/3), (100, 20/3) and (110, 10).
func TestScoreHigherIsBetter(t *testing.T) {
	tests := []struct {
		v      float64
		score  float64
		status model.Status
	}{
		{75, 0, model.Red},             // below 80: clamped
		{80, 0, model.Red},             // red − (target − red)
		{85, 1.6667, model.Red},        // 5/10 of the way to 10/3
		{90, 3.3333, model.Amber},      // at red: amber, red ≤ v < target
		{89.99, 3.3300, model.Red},     // just below red
		{95, 5, model.Amber},           // 10/3 + (5/10)·(10/3)
		{100, 6.6667, model.Green},     // at target: green
		{105, 8.3333, model.Green},     // 20/3 + (5/10)·(10/3)
		{110, 10, model.Green},         // at stretch
		{1000, 10, model.Green},        // clamped
		{-1e300, 0, model.Red},         // far below
		{99.9999, 6.6666, model.Amber}, // status compares values, not scores
	}
	for _, tc := range tests {
		t3 := th(100, 90, 110)
		sc := MeasureScore(model.Higher, some(tc.v), t3, model.Band{})
		st := MeasureStatus(model.Higher, some(tc.v), t3, model.Band{})
		if !sc.OK || !near(sc.V, tc.score) || st != tc.status {
			t.Errorf("v=%v: score %v %s; want %v %s", tc.v, sc.V, st, tc.score, tc.status)
		}
	}
}

// Lower polarity, target 10, red 12, stretch 8: the mirror image, through
// (14, 0), (12, 10/3), (10, 20/3) and (8, 10).
func TestScoreLowerIsBetter(t *testing.T) {
	tests := []struct {
		v      float64
		score  float64
		status model.Status
	}{
		{15, 0, model.Red},
		{14, 0, model.Red},
		{13, 1.6667, model.Red},
		{12.5, 2.5, model.Red},    // v > red
		{12, 3.3333, model.Amber}, // at red: amber, target < v ≤ red
		{11, 5, model.Amber},
		{10, 6.6667, model.Green}, // at target: green
		{9, 8.3333, model.Green},
		{8, 10, model.Green},
		{2, 10, model.Green},
	}
	for _, tc := range tests {
		t3 := th(10, 12, 8)
		sc := MeasureScore(model.Lower, some(tc.v), t3, model.Band{})
		st := MeasureStatus(model.Lower, some(tc.v), t3, model.Band{})
		if !sc.OK || !near(sc.V, tc.score) || st != tc.status {
			t.Errorf("v=%v: score %v %s; want %v %s", tc.v, sc.V, st, tc.score, tc.status)
		}
	}
}

// Where two points of the map coincide, the segment between them is a step.
func TestScoreSteps(t *testing.T) {
	tests := []struct {
		name   string
		pol    model.Polarity
		t      Thresholds
		v      float64
		score  float64
		status model.Status
	}{
		{"target = red: below target scores 0", model.Higher, th(100, 100, 110), 99.9, 0, model.Red},
		{"target = red: at target 20/3", model.Higher, th(100, 100, 110), 100, 6.6667, model.Green},
		{"target = red: halfway to stretch", model.Higher, th(100, 100, 110), 105, 8.3333, model.Green},
		{"stretch = target: at target 10", model.Higher, th(100, 90, 100), 100, 10, model.Green},
		{"stretch = target: beyond 10", model.Higher, th(100, 90, 100), 150, 10, model.Green},
		{"stretch = target: below unchanged", model.Higher, th(100, 90, 100), 95, 5, model.Amber},
		{"all equal: at target 10", model.Higher, th(100, 100, 100), 100, 10, model.Green},
		{"all equal: below 0", model.Higher, th(100, 100, 100), 99, 0, model.Red},
		{"lower, target = red: above scores 0", model.Lower, th(10, 10, 8), 10.01, 0, model.Red},
		{"lower, target = red: at target 20/3", model.Lower, th(10, 10, 8), 10, 6.6667, model.Green},
		{"lower, stretch = target: at target 10", model.Lower, th(10, 12, 10), 10, 10, model.Green},
	}
	for _, tc := range tests {
		sc := MeasureScore(tc.pol, some(tc.v), tc.t, model.Band{})
		st := MeasureStatus(tc.pol, some(tc.v), tc.t, model.Band{})
		if !sc.OK || !near(sc.V, tc.score) || st != tc.status {
			t.Errorf("%s: score %v %s; want %v %s", tc.name, sc.V, st, tc.score, tc.status)
		}
	}
}

func TestDefaultRedAndStretch(t *testing.T) {
	tests := []struct {
		name string
		pol  model.Polarity
		in   Thresholds
		band float64
		r, s float64
	}{
		{"higher: red 10% below", model.Higher, Thresholds{Target: some(200)}, 0.10, 180, 220},
		{"lower: red 10% above", model.Lower, Thresholds{Target: some(200)}, 0.10, 220, 180},
		{"negative target uses |target|", model.Higher, Thresholds{Target: some(-50)}, 0.10, -55, -45},
		{"given red sets stretch", model.Higher, Thresholds{Target: some(100), Red: some(80)}, 0.10, 80, 120},
		{"given stretch kept", model.Higher, Thresholds{Target: some(100), Stretch: some(101)}, 0.10, 90, 101},
		{"band 0", model.Higher, Thresholds{Target: some(100)}, 0, 100, 100},
		{"target 0", model.Lower, Thresholds{Target: some(0)}, 0.25, 0, 0},
	}
	for _, tc := range tests {
		got := tc.in.WithDefaults(tc.pol, tc.band)
		if got.Red.V != tc.r || got.Stretch.V != tc.s || !got.Red.OK || !got.Stretch.OK {
			t.Errorf("%s: red %v stretch %v; want %v %v", tc.name, got.Red, got.Stretch, tc.r, tc.s)
		}
	}
	if got := (Thresholds{}).WithDefaults(model.Higher, 0.1); got.Red.OK || got.Stretch.OK {
		t.Errorf("no target: defaults %v; want none", got)
	}
}

func TestNoValueOrNoTargetHasNoScore(t *testing.T) {
	if s := MeasureScore(model.Higher, none, th(1, 0, 2), model.Band{}); s.OK {
		t.Error("no value: score present")
	}
	if st := MeasureStatus(model.Higher, none, th(1, 0, 2), model.Band{}); st != model.None {
		t.Errorf("no value: status %s", st)
	}
	if s := MeasureScore(model.Lower, some(5), Thresholds{}, model.Band{}); s.OK {
		t.Error("no target: score present")
	}
	if st := MeasureStatus(model.Lower, some(5), Thresholds{}, model.Band{}); st != model.None {
		t.Errorf("no target: status %s", st)
	}
}

// Range 95–105 with tolerance 5: middle 100 scores 10, the edges 20/3, edge ± 5
// 10/3 and edge ± 10 zero.
func TestScoreRange(t *testing.T) {
	band := model.Band{Low: 95, High: 105, Tolerance: 5}
	tests := []struct {
		band   model.Band
		v      float64
		score  float64
		status model.Status
	}{
		{band, 100, 10, model.Green},
		{band, 102.5, 8.3333, model.Green}, // 10 − (10/3)·(2.5/5)
		{band, 95, 6.6667, model.Green},
		{band, 105, 6.6667, model.Green},
		{band, 107.5, 5, model.Amber}, // 20/3 − (10/3)·(2.5/5)
		{band, 110, 3.3333, model.Amber},
		{band, 90, 3.3333, model.Amber},
		{band, 112.5, 1.6667, model.Red},
		{band, 89, 2.6667, model.Red}, // 20/3 − (10/3)·(6/5)
		{band, 115, 0, model.Red},
		{band, 200, 0, model.Red},
		{model.Band{Low: 95, High: 105}, 105.1, 0, model.Red}, // no tolerance: a step
		{model.Band{Low: 100, High: 100, Tolerance: 5}, 100, 10, model.Green},
		{model.Band{Low: 100, High: 100, Tolerance: 5}, 101, 6, model.Amber}, // 20/3 − (10/3)·(1/5)
	}
	for _, tc := range tests {
		sc := MeasureScore(model.Range, some(tc.v), Thresholds{}, tc.band)
		st := MeasureStatus(model.Range, some(tc.v), Thresholds{}, tc.band)
		if !sc.OK || !near(sc.V, tc.score) || st != tc.status {
			t.Errorf("band %v v=%v: score %v %s; want %v %s", tc.band, tc.v, sc.V, st, tc.score, tc.status)
		}
	}
}

func TestRollupStatus(t *testing.T) {
	tests := []struct {
		score model.Opt
		want  model.Status
	}{
		{some(10), model.Green},
		{some(20.0 / 3), model.Green},
		{some((6.666666666666667*3 - 1e-12) / 3), model.Green}, // within 1e-9 of 20/3
		{some(6.666), model.Amber},
		{some(10.0 / 3), model.Amber},
		{some(3.3333333332), model.Amber}, // within 1e-9 of 10/3
		{some(3.333), model.Red},
		{some(0), model.Red},
		{none, model.None},
	}
	for _, tc := range tests {
		if got := RollupStatus(tc.score); got != tc.want {
			t.Errorf("RollupStatus(%v) = %s; want %s", tc.score, got, tc.want)
		}
	}
}

// TestTrend: the least-squares line through the window's actuals, worked by
// hand. 95, 94, 92, 93: x̄ = 1.5, ȳ = 93.5, Σ(x−x̄)(y−ȳ) = −2.25 − 0.25 −
// 0.75 − 0.75 = −4, Σ(x−x̄)² = 5, slope −0.8, a change of −2.4 over the three
// steps: worsening, although 93 after 92 rose. 100, 100.2, 99.9, 100.3:
// Σ(x−x̄)(y−ȳ) = 0.15 − 0.05 − 0.1 + 0.3 = 0.3, slope 0.06, change 0.18,
// less than half of 1, the step "#,##0" shows: flat; with "0.0" it shows
// (0.18 ≥ 0.05): improving.
func TestTrend(t *testing.T) {
	band := model.Band{Low: 95, High: 105, Tolerance: 5}
	tests := []struct {
		name   string
		pol    model.Polarity
		window []model.Opt
		res    float64
		want   model.Trend
	}{
		{"higher up", model.Higher, []model.Opt{some(4), some(5)}, 1e-9, model.Improving},
		{"higher down", model.Higher, []model.Opt{some(4), some(3)}, 1e-9, model.Worsening},
		{"lower up", model.Lower, []model.Opt{some(4), some(5)}, 1e-9, model.Worsening},
		{"lower down", model.Lower, []model.Opt{some(4), some(3)}, 1e-9, model.Improving},
		{"equal", model.Higher, []model.Opt{some(4), some(4)}, 1e-9, model.Flat},
		{"one actual", model.Higher, []model.Opt{none, some(4)}, 1e-9, model.NoTrend},
		{"none", model.Higher, []model.Opt{none, none}, 1e-9, model.NoTrend},
		{"falling line, last step up", model.Higher, []model.Opt{some(95), some(94), some(92), some(93)}, 1, model.Worsening},
		{"falling line, lower is better", model.Lower, []model.Opt{some(95), some(94), some(92), some(93)}, 1, model.Improving},
		{"change below the format's step", model.Higher, []model.Opt{some(100), some(100.2), some(99.9), some(100.3)}, 1, model.Flat},
		{"change the format shows", model.Higher, []model.Opt{some(100), some(100.2), some(99.9), some(100.3)}, 0.1, model.Improving},
		{"gap left out", model.Higher, []model.Opt{some(1), none, some(3)}, 1e-9, model.Improving},
		{"range closer to middle", model.Range, []model.Opt{some(103), some(101)}, 1e-9, model.Improving},
		{"range further", model.Range, []model.Opt{some(104), some(108)}, 1e-9, model.Worsening},
		{"range same distance", model.Range, []model.Opt{some(101), some(99)}, 1e-9, model.Flat},
	}
	for _, tc := range tests {
		if got := MeasureTrend(tc.pol, tc.window, band, tc.res); got != tc.want {
			t.Errorf("%s: %s; want %s", tc.name, got, tc.want)
		}
	}
}

func TestPearson(t *testing.T) {
	r, ok := pearson([]float64{1, 2, 3, 4}, []float64{2, 4, 6, 8})
	if !ok || !near(r, 1) {
		t.Errorf("perfect line: %v %v", r, ok)
	}
	r, ok = pearson([]float64{1, 2, 3, 4}, []float64{8, 6, 4, 2})
	if !ok || !near(r, -1) {
		t.Errorf("perfect inverse: %v %v", r, ok)
	}
	// xs 1..5, ys 2,1,4,3,5: Sxy = 8, Sxx = Syy = 10, r = 0.8.
	r, ok = pearson([]float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5})
	if !ok || !near(r, 0.8) {
		t.Errorf("r = %v; want 0.8", r)
	}
	if _, ok := pearson([]float64{1, 1, 1}, []float64{1, 2, 3}); ok {
		t.Error("constant series: want no correlation")
	}
}

// TestScaleProblem: the defaults and the score's scale of each set of
// thresholds, worked by hand with amber_band 0.1. The largest float64 is
// about 1.7977e308.
func TestScaleProblem(t *testing.T) {
	tests := []struct {
		name     string
		pol      model.Polarity
		t        Thresholds
		key, msg string
	}{
		// 1e308: red 0.9e308, stretch 1.1e308, 0 point 0.8e308, all numbers.
		{"large but fine", model.Higher, Thresholds{Target: some(1e308)}, "", ""},
		// stretch 1.7e308 + 0.17e308 = 1.87e308.
		{"default stretch", model.Higher, Thresholds{Target: some(1.7e308)}, "target",
			"target 1.7e+308 is too far from zero (give one nearer, or a stretch): its default stretch, target + (target − red), is beyond ±1.8e308, the largest a number can be"},
		// red −1.7e308 − 0.17e308 = −1.87e308.
		{"default red", model.Higher, Thresholds{Target: some(-1.7e308)}, "target",
			"target -1.7e+308 is too far from zero (give one nearer, or a red): its default red, target − 10% of |target|, is beyond ±1.8e308, the largest a number can be"},
		// Lower: red −1.7e308 + 0.17e308 = −1.53e308 is fine; stretch
		// −1.7e308 − 0.17e308 is not.
		{"lower default stretch", model.Lower, Thresholds{Target: some(-1.7e308)}, "target",
			"target -1.7e+308 is too far from zero (give one nearer, or a stretch): its default stretch, target + (target − red), is beyond ±1.8e308, the largest a number can be"},
		// 0 point −1e308 − 2e308 = −3e308.
		// Stretch 1e308 + 2e308.
		{"default stretch from a far red", model.Higher, Thresholds{Target: some(1e308), Red: some(-1e308)}, "red",
			"red -1e+308 is too far from target 1e+308 (give a stretch, or a nearer red): the default stretch, target + (target − red), is beyond ±1.8e308, the largest a number can be"},
		{"0 point", model.Higher, Thresholds{Target: some(1e308), Red: some(-1e308), Stretch: some(1.5e308)}, "red",
			"red -1e+308 is too far from target 1e+308: the score's 0 point, red − (target − red), is beyond ±1.8e308, the largest a number can be"},
		// Lower, red 1e308 above target −0.5e308: 0 point 1e308 + 1.5e308.
		{"lower 0 point", model.Lower, Thresholds{Target: some(-0.5e308), Red: some(1e308), Stretch: some(-1e308)}, "red",
			"red 1e+308 is too far from target -5e+307: the score's 0 point, red + (target − red), is beyond ±1.8e308, the largest a number can be"},
		// 0 point −0.5e308 − 0.5e308 = −1e308, stretch 1.5e308: 2.5e308 wide.
		{"scale", model.Higher, Thresholds{Target: some(0), Red: some(-0.5e308), Stretch: some(1.5e308)}, "stretch",
			"red -5e+307 and stretch 1.5e+308 are too far apart: the score's scale, from red − (target − red) to the stretch, is wider than 1.8e308, the largest a number can be"},
		// The same with the stretch by default (0.5e308): 1.5e308 wide, fine.
		{"scale by default", model.Higher, Thresholds{Target: some(0), Red: some(-0.5e308)}, "", ""},
		{"no target", model.Higher, Thresholds{Red: some(-1.7e308), Stretch: some(1.7e308)}, "", ""},
		{"range", model.Range, Thresholds{Target: some(1.7e308)}, "", ""},
	}
	for _, tc := range tests {
		msg, key := ScaleProblem(tc.pol, 0.1, tc.t)
		if msg != tc.msg || key != tc.key {
			t.Errorf("%s: %q, %q\nwant %q, %q", tc.name, msg, key, tc.msg, tc.key)
		}
	}
}

func TestBandProblem(t *testing.T) {
	tests := []struct {
		b        model.Band
		key, msg string
	}{
		{model.Band{Low: 1.7e308, High: 1.7e308, Tolerance: 1}, "", ""},
		{model.Band{Low: -1e308, High: 1e308}, "target_high",
			"target_low -1e+308 and target_high 1e+308 are too far apart: the band is wider than 1.8e308, the largest a number can be"},
		// 1 + 4·0.5e308 = 2e308.
		{model.Band{Low: 0, High: 1, Tolerance: 0.5e308}, "tolerance",
			"tolerance 5e+307 is too large: the score's scale, from target_low − 2×tolerance to target_high + 2×tolerance, is wider than 1.8e308, the largest a number can be"},
	}
	for _, tc := range tests {
		if msg, key := BandProblem(tc.b); msg != tc.msg || key != tc.key {
			t.Errorf("%+v: %q, %q\nwant %q, %q", tc.b, msg, key, tc.msg, tc.key)
		}
	}
}

// TestRangeScoreAndTrendFarFromTheBand: the band [1.7e308, 1.7e308] with
// tolerance 1 has its middle at 1.7e308, and (low + high) / 2 would be an
// infinity; −1.7e308 is 3.4e308 from it, which no float64 holds.
func TestRangeScoreAndTrendFarFromTheBand(t *testing.T) {
	b := model.Band{Low: 1.7e308, High: 1.7e308, Tolerance: 1}
	if got := rangeScore(1.7e308, b); got != 10 {
		t.Errorf("in the band: %v; want 10", got)
	}
	if got := rangeScore(-1.7e308, b); got != 0 {
		t.Errorf("far below: %v; want 0", got)
	}
	// −1e308 is nearer the middle than −1.7e308: improving; the reverse is
	// worsening. Both distances are beyond ±1.8e308.
	if got := MeasureTrend(model.Range, []model.Opt{some(-1.7e308), some(-1e308)}, b, 1e-9); got != model.Improving {
		t.Errorf("trend %s; want improving", got)
	}
	if got := MeasureTrend(model.Range, []model.Opt{some(-1e308), some(-1.7e308)}, b, 1e-9); got != model.Worsening {
		t.Errorf("trend %s; want worsening", got)
	}
}

// TestPearsonOfRoundingNoise: 5 and the numbers one bit either side of it
// are a constant in exact arithmetic; a standard deviation of 1e-9 of the
// largest value or less is no variation, whatever the other series does.
func TestPearsonOfRoundingNoise(t *testing.T) {
	u := 0x1p-50 // the gap between 5 and the next float64
	xs := []float64{1, 2, 1, 2, 1, 2, 1, 2}
	ys := []float64{5 + u, 5 - u, 5 + u, 5 - u, 5 + u, 5 - u, 5 + u, 5 - u}
	if r, ok := pearson(xs, ys); ok {
		t.Errorf("noise: r = %v; want no correlation", r)
	}
	if r, ok := pearson(ys, xs); ok {
		t.Errorf("noise as the cause: r = %v; want no correlation", r)
	}
	// A change of 1e-6 in a score of 5 is far above the tolerance: r = 1.
	ys = []float64{5, 5 + 1e-6, 5, 5 + 1e-6, 5, 5 + 1e-6, 5, 5 + 1e-6}
	if r, ok := pearson(xs, ys); !ok || !near(r, 1) {
		t.Errorf("a small real change: r = %v, %v; want 1", r, ok)
	}
	if _, ok := pearson(xs, make([]float64, 8)); ok {
		t.Error("all 0: want no correlation")
	}
}
