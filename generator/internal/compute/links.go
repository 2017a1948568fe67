package compute

import (
	"math"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Link evidence: how well a cause's score history predicts its effect's.
const (
	MinLinkPeriods = 8 // fewer paired periods than this is not enough data
	MaxLag         = 3 // lags 0..MaxLag periods are tried
)

// Link is the evidence for one drives link, From → To.
type Link struct {
	From, To *model.Objective
	// Enough is false when no lag had MinLinkPeriods paired periods with varying
	// scores; Lag, R and N are then zero.
	Enough bool
	Lag    int     // periods by which the effect follows the cause
	R      float64 // Pearson correlation at Lag, the highest of the lags tried
	N      int     // paired periods at Lag
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
	for lag := 0; lag <= MaxLag; lag++ {
		var xs, ys []float64
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
			continue
		}
		if !best.Enough || r > best.R {
			best = Link{From: from, To: to, Enough: true, Lag: lag, R: r, N: len(xs)}
		}
	}
	return best
}

// pearson returns the correlation of xs and ys, or false when either does not vary.
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
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	r := sxy / math.Sqrt(sxx*syy)
	return math.Max(-1, math.Min(1, r)), true
}
