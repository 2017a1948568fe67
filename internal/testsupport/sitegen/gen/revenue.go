package gen

import (
	"math"
	"math/rand/v2"
)

// typicalLeafRevenue is the median monthly revenue of a leaf unit; counts
// (customers, orders) scale with a unit's revenue relative to it.
const typicalLeafRevenue = 400_000

// economy is what a unit's measures are scaled by: its revenue. Leaves draw
// theirs; every other unit's is the total of its children, so that a roll-up
// of revenue and the unit's own money measures (cost of sales, opex) agree.
type economy struct {
	revenue  float64 // monthly revenue at the end of the data, before season
	growth   float64 // monthly growth rate
	amp      float64 // seasonal amplitude
	phase    float64
	size     float64   // revenue relative to a typical leaf
	actuals  []float64 // leaves only: monthly revenue
	targets  []float64 // monthly budget; inner units: the sum of their children's
	weighted bool      // growth, amp and phase are still revenue-weighted sums
}

// buildEconomies draws each leaf's revenue and budget and totals them up the
// tree. Children come after their parent in pre-order, so one pass from the
// end sees every unit's children before the unit.
func buildEconomies(nodes []node, cal calendar, seed uint64) []economy {
	ec := make([]economy, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- {
		if len(nodes[i].children) == 0 {
			ec[i] = leafEconomy(cal, newRand(seed, i, streamRevenue))
		} else {
			ec[i].finish()
		}
		if p := nodes[i].parent; p >= 0 {
			ec[p].add(&ec[i])
		}
	}
	return ec
}

// leafEconomy draws a leaf's revenue: log-normal sizes (a few large branches,
// many small ones), steady growth and a shared peak before the year end.
func leafEconomy(cal calendar, r *rand.Rand) economy {
	s := series{
		level: typicalLeafRevenue * math.Exp(clampNorm(r, 0, 0.6)),
		slope: clampNorm(r, 0.004, 0.003),
		amp:   uniform(r, 0.05, 0.10),
		phase: clampNorm(r, 8, 0.7),
		noise: uniform(r, 0.03, 0.06),
		bias:  clampNorm(r, 0.02, 0.03),
		kind:  currency,
	}
	e := economy{revenue: s.level, growth: s.slope, amp: s.amp, phase: s.phase}
	e.actuals = make([]float64, len(cal.months))
	e.targets = make([]float64, len(cal.months))
	for t, p := range cal.months {
		e.actuals[t] = round(s.value(p, r), revenueTemplate.valueDec)
		e.targets[t] = round(s.target(p)*(1+0.01*r.NormFloat64()), revenueTemplate.targetDec)
	}
	e.size = e.revenue / typicalLeafRevenue
	return e
}

// add folds a child into its parent's totals.
func (e *economy) add(c *economy) {
	if e.targets == nil {
		e.targets = make([]float64, len(c.targets))
		e.weighted = true
	}
	for t, v := range c.targets {
		e.targets[t] += v
	}
	e.revenue += c.revenue
	e.growth += c.growth * c.revenue
	e.amp += c.amp * c.revenue
	e.phase += c.phase * c.revenue
}

// finish turns the weighted sums of an inner unit into means.
func (e *economy) finish() {
	if e.weighted && e.revenue > 0 {
		e.growth /= e.revenue
		e.amp /= e.revenue
		e.phase /= e.revenue
	}
	e.weighted = false
	e.size = e.revenue / typicalLeafRevenue
}

// Random streams: each unit has its own for each purpose, so that the unit's
// numbers do not depend on the order units are generated in.
const (
	streamTree = iota
	streamRevenue
	streamDefinition
	streamData
)

func newRand(seed uint64, unit, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(unit)<<8|uint64(stream)))
}
