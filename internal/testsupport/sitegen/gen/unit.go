package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Shares of the features the generated sites exercise. They are chances per
// measure; slots taken by revenue, csat and formulas dilute them a little,
// which the values here make up for.
const (
	quarterlyShare  = 0.125 // of ordinary measures
	ytdShare        = 0.14  // of ordinary measures (revenue is year to date too)
	formulaShare    = 0.05  // of all measures: a formula and its input take two slots
	csvTargetShare  = 0.12  // ordinary measures with budgets per period in CSV
	csvTargetMoney  = 0.45  // the same for money, which is budgeted by month
	gapShare        = 0.011
	noAggShare      = 0.15 // measures that leave the optional aggregation out
	supportShare    = 0.75 // objectives that support one of the parent's
	skipLevelShare  = 0.10 // of those, the ones that support a grandparent's
	initiativeShare = 0.10 // units other than the root with an initiative
	csatMinMeasures = 6    // below this a unit has no room for a second roll-up
)

// polarityMix is the chance of higher, lower and range for ordinary measures.
var polarityMix = [...]float64{0.69, 0.25, 0.06}

// perspectiveMix shares ordinary measures among the perspectives, financial
// first; operations usually carry the most.
var perspectiveMix = [numPerspectives]float64{0.24, 0.24, 0.30, 0.22}

type measure struct {
	id, name string
	t        template // display, rounding and kind
	persp    int
	pol      polarity
	quarter  bool
	ytd      bool
	agg      string // "" leaves it out
	formula  string
	rollup   string
	weight   float64 // 0: left out (the default, 1)

	target, red, stretch      float64
	hasTarget, hasRed, hasStr bool
	csvTargets                bool // per-period targets come from CSV instead
	s                         series
	gaps                      bool // may miss actuals; never for roll-up inputs
}

type objective struct {
	id, name, owner string
	persp           int
	weight          float64
	drives          []string
	supports        []string
	measures        []int // indexes into unitDef.measures
}

type milestone struct {
	name string
	due  string
	done bool
}

type initiative struct {
	id, name, owner string
	objectives      []string
	start, end      string
	budget          float64
	milestones      []milestone
}

// unitDef is everything scorecard.toml says about a unit, plus the series
// its data rows are drawn from.
type unitDef struct {
	n           *node
	index       int
	name, owner string
	mission     string
	objectives  []objective
	measures    []measure
	initiatives []initiative
}

// designer makes the units of one site. objIDs remembers each unit's
// objective ids by perspective so that children can support them; units are
// designed in pre-order, so a unit's ancestors are always done.
type designer struct {
	p      Params
	nodes  []node
	econ   []economy
	objIDs [][numPerspectives][]string
}

func newDesigner(p Params, nodes []node, econ []economy) *designer {
	return &designer{p: p, nodes: nodes, econ: econ, objIDs: make([][numPerspectives][]string, len(nodes))}
}

// unitBuilder holds the state of designing one unit.
type unitBuilder struct {
	d    *designer
	u    *unitDef
	r    *rand.Rand
	econ *economy
	used map[string]bool // measure ids taken; only looked up, never iterated
}

func (d *designer) design(i int) *unitDef {
	n := &d.nodes[i]
	b := &unitBuilder{
		d: d, r: newRand(d.p.Seed, i, streamDefinition), econ: &d.econ[i],
		u:    &unitDef{n: n, index: i},
		used: map[string]bool{},
	}
	b.names()
	b.planMeasures()
	b.planObjectives()
	b.link()
	b.planInitiatives()
	for _, o := range b.u.objectives {
		d.objIDs[i][o.persp] = append(d.objIDs[i][o.persp], o.id)
	}
	return b.u
}

func (b *unitBuilder) names() {
	u := b.u
	if u.n.parent < 0 {
		u.name, u.owner = "Synthetic Holdings", "Chief Executive"
		u.mission = "Serve every customer better each year, and grow profitably doing it."
		return
	}
	level := levelWords[min(u.n.depth, len(levelWords)-1)]
	u.name = places[b.r.IntN(len(places))] + " " + level
	u.owner = "Head of " + u.name
	if b.r.Float64() < 0.3 {
		u.mission = "Be the first choice of customers in the " + u.name + "."
	}
}

// planMeasures decides the unit's measures: the two roll-ups every unit has,
// the formulas with their inputs, then ordinary measures until there are M.
func (b *unitBuilder) planMeasures() {
	m := b.d.p.Measures
	b.addRevenue()
	if m >= csatMinMeasures {
		b.addCSAT()
	}
	// Each formula takes two slots (it and its input); keep three slots for
	// the perspectives that still have no measure.
	nf := stochasticRound(b.r, formulaShare*float64(m))
	for len(b.u.measures)+2*nf > m-3 && nf > 0 {
		nf--
	}
	for range nf {
		b.addFormula()
	}
	for _, p := range []int{customer, internal, learning} {
		if !b.hasPerspective(p) {
			b.addOrdinary(p)
		}
	}
	for len(b.u.measures) < m {
		b.addOrdinary(draw(b.r, perspectiveMix[:]))
	}
}

func (b *unitBuilder) hasPerspective(p int) bool {
	return slices.ContainsFunc(b.u.measures, func(m measure) bool { return m.persp == p })
}

func (b *unitBuilder) isLeaf() bool { return len(b.u.n.children) == 0 }

// addRevenue adds the measure every unit has: leaves report revenue against a
// monthly budget, inner units sum their children's and get their budget, the
// sum of the children's, from a separate targets file.
func (b *unitBuilder) addRevenue() {
	t := revenueTemplate
	m := measure{id: t.id, name: "Revenue (year to date)", t: t, persp: financial, pol: higher,
		ytd: true, agg: "sum", csvTargets: true, weight: 2}
	if !b.isLeaf() {
		m.rollup = "sum"
	}
	b.push(m)
}

// addCSAT adds the second measure every unit has, rolled up as an average.
func (b *unitBuilder) addCSAT() {
	m := b.newMeasure(csatTemplate, csatTemplate.id, csatTemplate.name, customer, false)
	m.agg = "average"
	m.gaps = false // a roll-up over children with a gap would be missing
	if !b.isLeaf() {
		m.rollup = "average"
		// The average of the children is near the middle of their range.
		m.s.level = (csatTemplate.lo + csatTemplate.hi) / 2
	}
	b.thresholds(&m)
	b.push(m)
}

// addFormula adds a money measure and a ratio computed from it and revenue:
// either its share of revenue or the margin left after it.
func (b *unitBuilder) addFormula() {
	t, id, name := b.pick(financial, func(t *template) bool { return t.kind == currency && t.flow })
	in := b.newMeasure(t, id, name, financial, false)
	b.thresholds(&in)
	b.push(in)

	share := in.s.level / b.econ.revenue
	t = template{format: "0.0%", kind: ratio, valueDec: 4, targetDec: 3}
	f := measure{t: t, persp: financial, gaps: false}
	if b.r.Float64() < 0.5 {
		f.id, f.name = in.id+"-to-revenue", in.name+" to revenue"
		f.formula = in.id + " / revenue"
		f.pol = in.pol
		f.s.level = share
	} else {
		f.id, f.name = "margin-after-"+in.id, "Margin after "+strings.ToLower(in.name[:1])+in.name[1:]
		// Spaces around the minus: a hyphen between two names is part of a name.
		f.formula = "(revenue - " + in.id + ") / revenue"
		f.pol = opposite(in.pol)
		f.s.level = 1 - share
	}
	f.s.kind = ratio
	f.s.bias = b.bias(f.pol, ratio)
	if b.r.Float64() < ytdShare {
		f.ytd, f.agg = true, "average" // how the monthly targets combine
	}
	b.thresholds(&f)
	b.push(f)
}

func opposite(p polarity) polarity {
	if p == higher {
		return lower
	}
	return higher
}

// addOrdinary adds a measure of perspective p drawn from the catalogue.
func (b *unitBuilder) addOrdinary(p int) {
	pol := polarity(draw(b.r, polarityMix[:]))
	t, id, name := b.pick(p, func(t *template) bool { return t.pol == pol })
	m := b.newMeasure(t, id, name, p, true)
	b.thresholds(&m)
	b.push(m)
}

// newMeasure draws everything about a measure but its thresholds. A measure
// that is not free is monthly, scored by period, with an aggregation and
// constant targets: roll-ups need the same frequency in every unit, and
// formulas the same frequency as their inputs.
func (b *unitBuilder) newMeasure(t template, id, name string, p int, free bool) measure {
	r := b.r
	m := measure{id: id, name: name, t: t, persp: p, pol: t.pol, gaps: true, agg: defaultAggregation(t)}
	if free {
		m.quarter = r.Float64() < quarterlyShare
		m.ytd = t.pol != band && r.Float64() < ytdShare
		switch {
		case m.ytd:
			m.agg = b.ytdAggregation(t)
		case r.Float64() < noAggShare:
			m.agg = ""
		}
		share := csvTargetShare
		if t.kind == currency {
			share = csvTargetMoney
		}
		m.csvTargets = t.pol != band && r.Float64() < share
	}
	m.weight = b.weight()
	m.s = b.series(t, id != t.id, m.quarter)
	return m
}

// ytdAggregation mixes the five aggregations the way real year-to-date
// measures use them: totals for flows, averages and extremes for the rest.
func (b *unitBuilder) ytdAggregation(t template) string {
	x := b.r.Float64()
	if t.flow {
		switch {
		case x < 0.75:
			return "sum"
		case x < 0.9:
			return "max"
		default:
			return "min"
		}
	}
	switch {
	case x < 0.45:
		return "average"
	case x < 0.7:
		return "last"
	case x < 0.85:
		return "min"
	default:
		return "max"
	}
}

func defaultAggregation(t template) string {
	switch {
	case t.flow:
		return "sum"
	case t.kind == currency || t.kind == count:
		return "last" // stocks: a quarter's backlog is its last month's
	default:
		return "average"
	}
}

func (b *unitBuilder) weight() float64 {
	switch x := b.r.Float64(); {
	case x < 0.10:
		return 2
	case x < 0.15:
		return 0.5
	}
	return 0
}

// series draws how a measure moves. Money follows the unit's revenue (so
// ratios of money to revenue are steady); counts scale with the unit's size.
func (b *unitBuilder) series(t template, qualified, quarterly bool) series {
	r := b.r
	s := series{kind: t.kind, phase: uniform(r, 0, 12), bias: b.bias(t.pol, t.kind)}
	if t.pol == band {
		w := t.hi - t.lo
		s.banded = true
		s.level = (t.lo+t.hi)/2 + clampNorm(r, 0, 0.15)*w
		s.amp = 0.1 * w
		s.noise = uniform(r, 0.15, 0.35) * w
		return s
	}
	s.level = uniform(r, t.lo, t.hi)
	s.slope = b.improvement(t.pol)
	switch t.kind {
	case currency:
		s.level *= b.econ.revenue
		s.slope = b.econ.growth + clampNorm(r, 0, 0.001)
		s.amp, s.phase = b.econ.amp, b.econ.phase
		s.noise = uniform(r, 0.03, 0.06)
	case count:
		s.level *= max(b.econ.size, 0.05)
		s.amp = uniform(r, 0.02, 0.08)
		s.noise = min(0.4, uniform(r, 0.04, 0.08)+0.5/math.Sqrt(max(s.level, 1)))
	case ratio:
		s.amp = uniform(r, 0, 0.02)
		s.noise = uniform(r, 0.005, 0.02)
	default:
		s.amp = uniform(r, 0, 0.03)
		s.noise = uniform(r, 0.03, 0.07)
	}
	if qualified && (t.kind == currency || t.kind == count) {
		s.level *= uniform(r, 0.2, 0.5) // one segment of the unit's business
	}
	if quarterly && t.flow {
		s.level *= 3
	}
	return s
}

// improvement is a monthly trend, mostly in the good direction.
func (b *unitBuilder) improvement(p polarity) float64 {
	s := clampNorm(b.r, 0.002, 0.003)
	if p == lower {
		return -s
	}
	return s
}

// redWidth is how far from the target, relative, the red flag sits: the
// default amber_band, or half of it for shares, whose tolerances are tighter.
func redWidth(k kind) float64 {
	if k == ratio {
		return 0.05
	}
	return 0.10
}

// bias places targets against the expected value so that statuses come out
// as a real scorecard's do: about half the measures on target, three in ten
// amber, one in five red (noise and seasons move some across).
func (b *unitBuilder) bias(p polarity, k kind) float64 {
	w := redWidth(k)
	var ahead float64 // how far the measure runs ahead of its target
	switch x := b.r.Float64(); {
	case x < 0.5:
		ahead = uniform(b.r, 0, 0.6*w)
	case x < 0.8:
		ahead = -uniform(b.r, 0, w)
	default:
		ahead = -uniform(b.r, w, 2*w)
	}
	if p == lower {
		return ahead
	}
	return -ahead
}

// thresholds sets the constant target, red and stretch (or the band) of m.
// Rounding is monotonic, so red ≤ target ≤ stretch survives it.
func (b *unitBuilder) thresholds(m *measure) {
	if m.pol == band || m.csvTargets {
		return
	}
	g := m.targetOf(m.s.level)
	m.target, m.hasTarget = round(g, m.t.targetDec), true
	x := b.r.Float64()
	if x >= 0.7 && m.t.kind != ratio {
		return // red and stretch from amber_band
	}
	w := redWidth(m.t.kind)
	lo, hi := uniform(b.r, 0.7*w, 1.3*w), uniform(b.r, 0.7*w, 1.3*w)
	red, stretch := g*(1-lo), g*(1+hi)
	if m.pol == lower {
		red, stretch = g*(1+lo), g*(1-hi)
	}
	if m.t.kind == ratio {
		red, stretch = min(red, 1), min(stretch, 1)
	}
	m.red, m.hasRed = round(red, m.t.targetDec), true
	if x < 0.6 {
		m.stretch, m.hasStr = round(stretch, m.t.targetDec), true
	}
}

// targetOf is the target for an expected value v: biased, and for a share
// short of 100%, which no plan promises.
func (m *measure) targetOf(v float64) float64 {
	g := max(v*(1+m.s.bias), 0)
	if m.t.kind == ratio {
		g = min(g, 0.99)
	}
	return g
}

func (b *unitBuilder) push(m measure) {
	b.used[m.id] = true
	b.u.measures = append(b.u.measures, m)
}

// pick chooses an unused measure of perspective p that ok accepts: a template
// itself when one is free, else a template with a qualifier ("gross profit,
// online"), else a numbered one.
func (b *unitBuilder) pick(p int, ok func(*template) bool) (template, string, string) {
	var pool []template
	for _, t := range catalogue[p] {
		if ok(&t) {
			pool = append(pool, t)
		}
	}
	order := b.r.Perm(len(pool))
	for _, k := range order {
		if t := pool[k]; !b.used[t.id] {
			return t, t.id, t.name
		}
	}
	for _, q := range b.r.Perm(len(qualifiers)) {
		for _, k := range order {
			t, qu := pool[k], qualifiers[q]
			if id := t.id + "-" + qu.id; !b.used[id] {
				return t, id, t.name + " (" + qu.name + ")"
			}
		}
	}
	t := pool[order[0]]
	for n := 2; ; n++ {
		if id := fmt.Sprintf("%s-%d", t.id, n); !b.used[id] {
			return t, id, fmt.Sprintf("%s %d", t.name, n)
		}
	}
}

// draw picks an index with the given probabilities (which add up to 1).
func draw(r *rand.Rand, probs []float64) int {
	x := r.Float64()
	for i, p := range probs {
		if x < p {
			return i
		}
		x -= p
	}
	return len(probs) - 1
}

// stochasticRound rounds x up with the chance of its fraction, so that a
// share of 5% of 30 measures gives 1 or 2 formulas, 1.5 on average.
func stochasticRound(r *rand.Rand, x float64) int {
	n := int(x)
	if r.Float64() < x-float64(n) {
		n++
	}
	return n
}
