package compute

import (
	"math"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Link evidence: how well a cause's score history predicts its effect's.
const (
	MinLinkPeriods = 8 // fewer paired periods than this is not enough data
	MaxLag         = 3 // lags 0..MaxLag periods are tried
	// FlatTolerance is how little a score history may vary and still count
	// as constant: a standard deviation of at most this fraction of its
	// largest score. Scores that are equal in exact arithmetic differ in
	// their last bits (a weighted mean of 84 and 106 is not quite that of 85
	// and 105), about 1e-16 of their size; a correlation of such noise is
	// any r at all. Scores are shown to 4 decimals, so 1e-9 is far below
	// any change a reader can see and far above the noise.
	FlatTolerance = 1e-9
)

// Link is the evidence for one drives link, From → To.
type Link struct {
	From, To *model.Objective
	// Enough is false when no lag had MinLinkPeriods paired periods with varying
	// scores; Lag, R and N are then zero.
	Enough bool
	// Flat, when Enough is false, says that some lag had the periods but a
	// score history did not vary: not enough variation, rather than data.
	Flat bool
	Lag  int     // periods by which the effect follows the cause
	R    float64 // Pearson correlation at Lag, the highest of the lags tried
	N    int     // paired periods at Lag
}

// links computes the evidence for every drives link from the score histories.
func (e *engine) links(r *Result) {
	for _, o := range e.objs {
		or := &r.Objectives[o.Index]
		for _, to := range o.Drives {
			or.Effects = append(or.Effects, evidence(o, to, or.History, r.Objectives[to.Index].History))
		}
	}
}

// evidence correlates cause[t] with effect[t+lag] for each lag and keeps the lag
// with the highest r among those with enough pairs and some variation.
func evidence(from, to *model.Objective, cause, effect []model.Opt) Link {
	best := Link{From: from, To: to}
	xs, ys := make([]float64, 0, len(cause)), make([]float64, 0, len(cause))
	for lag := 0; lag <= MaxLag; lag++ {
		xs, ys = xs[:0], ys[:0]
		for t := 0; t+lag < len(effect) && t < len(cause); t++ {
			if cause[t].OK && effect[t+lag].OK {
				xs = append(xs, cause[t].V)
				ys = append(ys, effect[t+lag].V)
			}
		}
		if len(xs) < MinLinkPeriods {
			continue
		}
		r, ok := pearson(xs, ys)
		if !ok {
			best.Flat = !best.Enough
			continue
		}
		if !best.Enough || r > best.R {
			best = Link{From: from, To: to, Enough: true, Lag: lag, R: r, N: len(xs)}
		}
	}
	return best
}

// pearson returns the correlation of xs and ys, or false when either does
// not vary beyond FlatTolerance.
func pearson(xs, ys []float64) (float64, bool) {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if flat(sxx, xs) || flat(syy, ys) {
		return 0, false
	}
	r := sxy / math.Sqrt(sxx*syy)
	return math.Max(-1, math.Min(1, r)), true
}

// flat reports whether vs, whose sum of squared deviations from their mean
// is ss, vary by no more than FlatTolerance of their largest magnitude.
func flat(ss float64, vs []float64) bool {
	var big float64
	for _, v := range vs {
		big = max(big, math.Abs(v))
	}
	limit := FlatTolerance * big
	return ss <= float64(len(vs))*limit*limit
}
