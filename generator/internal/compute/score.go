package compute

import (
	"math"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// The score scale: 0 to MaxScore, with red, target and stretch at the
// thirds. A rolled-up score is green from TargetScore and amber from
// RedScore (RollupStatus); charts draw the same zones.
const (
	RedScore    = 10.0 / 3
	TargetScore = 20.0 / 3
	MaxScore    = 10.0
	// tolerance for comparing rolled-up scores with the status thresholds, so
	// that a mean of scores that is 20/3 in exact arithmetic counts as green.
	statusTolerance = 1e-9
)

// Thresholds are a measure's target, red flag and stretch for one value.
type Thresholds struct {
	Target, Red, Stretch model.Opt
}

// WithDefaults fills a missing red flag and stretch from the target: red is the
// target ∓ band·|target| (below it for higher polarity, above for lower) and
// stretch mirrors red about the target.
func (t Thresholds) WithDefaults(pol model.Polarity, band float64) Thresholds {
	if !t.Target.OK || pol == model.Range {
		return t
	}
	g := t.Target.V
	if !t.Red.OK {
		r := g - band*math.Abs(g)
		if pol == model.Lower {
			r = g + band*math.Abs(g)
		}
		t.Red = model.Some(r)
	}
	if !t.Stretch.OK {
		t.Stretch = model.Some(g + (g - t.Red.V))
	}
	return t
}

// MeasureStatus compares value v with the thresholds (which must have their
// defaults) or, for range polarity, with the band.
func MeasureStatus(pol model.Polarity, v model.Opt, t Thresholds, band model.Band) model.Status {
	if !v.OK {
		return model.None
	}
	switch pol {
	case model.Range:
		return rangeStatus(v.V, band)
	case model.Lower:
		return higherStatus(-v.V, neg(t.Target), neg(t.Red))
	}
	return higherStatus(v.V, t.Target, t.Red)
}

func neg(o model.Opt) model.Opt { return model.Opt{V: -o.V, OK: o.OK} }

func higherStatus(v float64, g, r model.Opt) model.Status {
	switch {
	case !g.OK:
		return model.None
	case v >= g.V:
		return model.Green
	case v >= r.V:
		return model.Amber
	}
	return model.Red
}

func rangeStatus(v float64, b model.Band) model.Status {
	switch {
	case v >= b.Low && v <= b.High:
		return model.Green
	case v >= b.Low-b.Tolerance && v <= b.High+b.Tolerance:
		return model.Amber
	}
	return model.Red
}

// MeasureScore maps value v to 0–10 through the thresholds (which must have their
// defaults) or the band. It has no score when the status would be none.
func MeasureScore(pol model.Polarity, v model.Opt, t Thresholds, band model.Band) model.Opt {
	if !v.OK {
		return model.Opt{}
	}
	switch pol {
	case model.Range:
		return model.Some(rangeScore(v.V, band))
	case model.Lower:
		if !t.Target.OK {
			return model.Opt{}
		}
		return model.Some(higherScore(-v.V, -t.Target.V, -t.Red.V, -t.Stretch.V))
	}
	if !t.Target.OK {
		return model.Opt{}
	}
	return model.Some(higherScore(v.V, t.Target.V, t.Red.V, t.Stretch.V))
}

// higherScore is the piecewise-linear map through (r-(g-r), 0), (r, 10/3),
// (g, 20/3) and (s, 10), clamped. Where two points coincide the segment between
// them is a step, which the half-open search below gives for free: with g = r
// nothing lies in [r, g), so values below g score 0 and g itself 20/3.
func higherScore(v, g, r, s float64) float64 {
	xs := [4]float64{r - (g - r), r, g, s}
	ys := [4]float64{0, RedScore, TargetScore, MaxScore}
	if v < xs[0] {
		return 0
	}
	if v >= xs[3] {
		return MaxScore
	}
	for i := 0; i < 3; i++ {
		if v >= xs[i] && v < xs[i+1] {
			return ys[i] + (ys[i+1]-ys[i])*(v-xs[i])/(xs[i+1]-xs[i])
		}
	}
	return 0 // unreachable: the segments cover [xs[0], xs[3])
}

// rangeScore is 10 at the band's middle, 20/3 at its edges, 10/3 at an edge ±
// tolerance and 0 at an edge ± 2·tolerance, linear between.
//
// BandProblem keeps the band's whole scale a finite width; a value beyond
// it scores 0 before any distance to it is taken, which could overflow.
func rangeScore(v float64, b model.Band) float64 {
	if v < b.Low-2*b.Tolerance || v > b.High+2*b.Tolerance {
		return 0
	}
	mid, half := midpoint(b.Low, b.High), (b.High-b.Low)/2
	d := math.Abs(v - mid)
	if d <= half {
		if half == 0 {
			return MaxScore
		}
		return MaxScore - (MaxScore-TargetScore)*d/half
	}
	out := d - half
	if b.Tolerance == 0 {
		return 0
	}
	return math.Max(0, TargetScore-RedScore*out/b.Tolerance)
}

// midpoint is (a + b) / 2, also when a + b overflows.
func midpoint(a, b float64) float64 {
	if m := (a + b) / 2; number.Finite(m) {
		return m
	}
	return a/2 + b/2
}

// RollupStatus is the status of a score that is a weighted mean of scores:
// green from 20/3, amber from 10/3, red below.
func RollupStatus(score model.Opt) model.Status {
	switch {
	case !score.OK:
		return model.None
	case score.V >= TargetScore-statusTolerance:
		return model.Green
	case score.V >= RedScore-statusTolerance:
		return model.Amber
	}
	return model.Red
}

// TrendPeriods is how many of a measure's latest periods its trend reads:
// the periods its sparkline draws, so that the word beside the line says
// what the line shows.
const TrendPeriods = 12

// MeasureTrend is the direction of the least-squares line through the
// actuals of a window of consecutive periods (a missing actual is left out),
// read through the polarity: for range measures, closer to the band's
// middle is better. The trend is flat when the line's change from the
// window's first actual to its last is less than half of resolution, the
// smallest step the measure's format shows: a change no reader could see in
// the numbers. It is none with fewer than two actuals.
func MeasureTrend(pol model.Polarity, window []model.Opt, band model.Band, resolution float64) model.Trend {
	xs := make([]float64, 0, len(window))
	ys := make([]float64, 0, len(window))
	// A range measure reads half the distance to the band's middle, which is
	// exact and cannot overflow for a value far beyond the band; the line's
	// change is then half the change of the distance.
	unit := 1.0
	if pol == model.Range {
		unit = 2
	}
	var big float64
	for i, v := range window {
		if !v.OK {
			continue
		}
		y := v.V
		switch pol {
		case model.Lower:
			y = -y
		case model.Range:
			y = -math.Abs(y/2 - midpoint(band.Low, band.High)/2)
		}
		xs = append(xs, float64(i))
		ys = append(ys, y)
		big = max(big, math.Abs(y))
	}
	if len(xs) < 2 {
		return model.NoTrend
	}
	change := fittedChange(xs, ys, big) * unit
	switch {
	case math.Abs(change) < resolution/2:
		return model.Flat
	case change > 0:
		return model.Improving
	}
	return model.Worsening
}

// fittedChange is the change of the least-squares line through (xs, ys)
// from the first x to the last. The ys are divided by big, their largest
// magnitude, first, so that no square overflows; the change may be ±Inf
// when it is beyond what a number holds, which still says its direction.
func fittedChange(xs, ys []float64, big float64) float64 {
	if big == 0 {
		return 0
	}
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i] / big
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for i := range xs {
		dx := xs[i] - mx
		sxy += dx * (ys[i]/big - my)
		sxx += dx * dx
	}
	return sxy / sxx * (xs[len(xs)-1] - xs[0]) * big // sxx > 0: the xs differ
}

// weighted accumulates a weighted mean of the scores that are present.
type weighted struct {
	sum, weight float64
}

func (w *weighted) add(score model.Opt, weight float64) {
	if score.OK {
		w.sum += score.V * weight
		w.weight += weight
	}
}

func (w *weighted) mean() model.Opt {
	if w.weight <= 0 {
		return model.Opt{}
	}
	return model.Some(w.sum / w.weight)
}
