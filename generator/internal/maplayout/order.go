package maplayout

import (
	"cmp"
	"slices"
)

// item is something that takes a place in a lane: an objective's box, or a
// passage, the point where a link that spans several lanes crosses a lane
// between its ends (Sugiyama's dummy node).
type item struct {
	obj  int // the objective, or -1 for a passage
	link int // the link of a passage; -1 for an objective
	lane int
	band int
	w    float64
	x    float64 // the centre, once placed
}

// graph is the layered graph of a map: the items of each lane in order, and
// the segments of the links between neighbouring lanes.
type graph struct {
	in    Input
	items []item
	lanes [][]int // each lane's items, left to right
	pos   []int   // each item's place in its lane
	up    [][]int // each item's neighbours in the lane above
	down  [][]int // and in the lane below
	// chains are the items of each link from the cause to the effect: two
	// objectives of one lane (a flat link), or one item in each lane from
	// the cause's to the effect's.
	chains [][]int
	flat   [][]int // each item's partners in flat links (passages have none)
	bands  []Span
	w      float64
}

func newGraph(in Input) *graph {
	g := &graph{in: in, lanes: make([][]int, in.Lanes)}
	for i, o := range in.Objectives {
		g.items = append(g.items, item{obj: i, link: -1, lane: o.Lane, band: o.Band, w: o.W})
	}
	g.flat = make([][]int, len(in.Objectives))
	for li, l := range in.Links {
		from, to := in.Objectives[l.From], in.Objectives[l.To]
		chain := []int{l.From}
		if from.Lane == to.Lane {
			g.flat[l.From] = append(g.flat[l.From], l.To)
			g.flat[l.To] = append(g.flat[l.To], l.From)
		} else {
			step := 1
			if to.Lane < from.Lane {
				step = -1
			}
			for lane := from.Lane + step; lane != to.Lane; lane += step {
				// A passage belongs to the band of the nearer end, so that
				// a link between two themes changes band once, half way.
				band := from.Band
				if abs(lane-to.Lane) < abs(lane-from.Lane) {
					band = to.Band
				}
				chain = append(chain, len(g.items))
				g.items = append(g.items, item{obj: -1, link: li, lane: lane, band: band})
			}
		}
		g.chains = append(g.chains, append(chain, l.To))
	}
	g.flat = append(g.flat, make([][]int, len(g.items)-len(g.flat))...)
	g.up = make([][]int, len(g.items))
	g.down = make([][]int, len(g.items))
	for _, c := range g.chains {
		for j := 0; j+1 < len(c); j++ {
			a, b := c[j], c[j+1]
			if g.items[a].lane == g.items[b].lane {
				continue
			}
			if g.items[a].lane > g.items[b].lane {
				a, b = b, a
			}
			g.down[a] = append(g.down[a], b)
			g.up[b] = append(g.up[b], a)
		}
	}
	for i, it := range g.items {
		g.lanes[it.lane] = append(g.lanes[it.lane], i)
	}
	g.pos = make([]int, len(g.items))
	g.sortByBand()
	return g
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sortByBand keeps each lane's order within each band and puts the bands
// in order; then it numbers the places.
func (g *graph) sortByBand() {
	for _, lane := range g.lanes {
		slices.SortStableFunc(lane, func(a, b int) int { return cmp.Compare(g.items[a].band, g.items[b].band) })
	}
	g.number()
}

func (g *graph) number() {
	for _, lane := range g.lanes {
		for i, it := range lane {
			g.pos[it] = i
		}
	}
}

// keepOrder puts the objectives of each lane in input order and each
// passage where a straight line between its link's ends would cross the
// lane, as a drawing with no crossing reduction would.
func (g *graph) keepOrder() {
	frac := make([]float64, len(g.items))
	for _, lane := range g.lanes {
		n := 0
		for _, it := range lane {
			if g.items[it].obj >= 0 {
				n++
			}
		}
		k := 0
		for _, it := range lane {
			if g.items[it].obj >= 0 {
				frac[it] = (float64(k) + 0.5) / float64(n)
				k++
			}
		}
	}
	for _, c := range g.chains {
		from, to := c[0], c[len(c)-1]
		lf, lt := g.items[from].lane, g.items[to].lane
		for _, it := range c[1 : len(c)-1] {
			t := float64(g.items[it].lane-lf) / float64(lt-lf)
			frac[it] = frac[from] + t*(frac[to]-frac[from])
		}
	}
	for _, lane := range g.lanes {
		slices.SortStableFunc(lane, func(a, b int) int {
			ia, ib := g.items[a], g.items[b]
			return cmp.Or(cmp.Compare(ia.band, ib.band), cmp.Compare(frac[a], frac[b]),
				cmp.Compare(ia.link, ib.link))
		})
	}
	g.number()
}

// maxSweeps bounds the sweeps of crossing reduction, as dot's MaxIter does;
// it stops sooner, after sweepsWithoutGain sweeps that found nothing better,
// as dagre does.
const (
	maxSweeps         = 24
	sweepsWithoutGain = 4
)

// reduceCrossings orders each lane's items to reduce the crossings between
// neighbouring lanes and the length of flat links: of two starting orders
// (the input's, and a breadth-first walk of the links), the better one is
// swept with barycentres and improved by exchanges of neighbours, and the
// best order seen is kept.
func (g *graph) reduceCrossings() {
	g.keepOrder()
	g.transpose(false)
	best, bestCost := g.snapshot(), g.cost()
	g.breadthFirst()
	g.transpose(false)
	if c := g.cost(); c < bestCost {
		best, bestCost = g.snapshot(), c
	}
	g.restore(best)
	for i, since := 0, 0; i < maxSweeps && since < sweepsWithoutGain && bestCost > 0; i++ {
		if i%2 == 0 {
			for k := 1; k < len(g.lanes); k++ {
				g.sortLane(k, g.up, i%4 >= 2)
			}
		} else {
			for k := len(g.lanes) - 2; k >= 0; k-- {
				g.sortLane(k, g.down, i%4 >= 2)
			}
		}
		g.transpose(i%4 >= 2)
		if c := g.cost(); c < bestCost {
			best, bestCost, since = g.snapshot(), c, 0
		} else {
			since++
		}
	}
	g.restore(best)
}

// breadthFirst orders the lanes as dot's first ordering does: items take
// the next place in their lane as a breadth-first walk of the links reaches
// them, starting from each objective in input order.
func (g *graph) breadthFirst() {
	seen := make([]bool, len(g.items))
	for i := range g.lanes {
		g.lanes[i] = g.lanes[i][:0]
	}
	for start := range g.in.Objectives {
		if seen[start] {
			continue
		}
		seen[start] = true
		queue := []int{start}
		for len(queue) > 0 {
			it := queue[0]
			queue = queue[1:]
			g.lanes[g.items[it].lane] = append(g.lanes[g.items[it].lane], it)
			next := slices.Concat(g.up[it], g.down[it], g.flat[it])
			slices.Sort(next)
			for _, n := range next {
				if !seen[n] {
					seen[n] = true
					queue = append(queue, n)
				}
			}
		}
	}
	g.sortByBand()
}

// sortLane orders lane k by the barycentre of each item's neighbours in the
// lane next to it (nbrs), within bands. An item with no neighbour there
// keeps its place. Ties keep the current order, or reverse it when
// biasRight, so that alternate sweeps can leave a tie differently.
func (g *graph) sortLane(k int, nbrs [][]int, biasRight bool) {
	lane := g.lanes[k]
	bary := make(map[int]float64, len(lane))
	for _, it := range lane {
		ns := nbrs[it]
		if len(ns) == 0 {
			bary[it] = float64(g.pos[it])
			continue
		}
		sum := 0
		for _, n := range ns {
			sum += g.pos[n]
		}
		bary[it] = float64(sum) / float64(len(ns))
	}
	slices.SortStableFunc(lane, func(a, b int) int {
		tie := cmp.Compare(g.pos[a], g.pos[b])
		if biasRight {
			tie = -tie
		}
		return cmp.Or(cmp.Compare(g.items[a].band, g.items[b].band), cmp.Compare(bary[a], bary[b]), tie)
	})
	for i, it := range lane {
		g.pos[it] = i
	}
}

// transpose exchanges neighbours of the same band wherever that lowers the
// cost, until no exchange does (dot's transpose). With reverse, it also
// exchanges on a tie that has crossings, to leave a local minimum.
func (g *graph) transpose(reverse bool) {
	for pass := 0; pass < 4*len(g.items)+4; pass++ {
		improved := false
		for _, lane := range g.lanes {
			for i := 0; i+1 < len(lane); i++ {
				v, w := lane[i], lane[i+1]
				if g.items[v].band != g.items[w].band {
					continue
				}
				c0, c1 := g.exchangeCost(v, w)
				if c1 < c0 || reverse && c1 == c0 && c0 > 0 && pass == 0 {
					lane[i], lane[i+1] = w, v
					g.pos[v], g.pos[w] = g.pos[w], g.pos[v]
					improved = improved || c1 < c0
				}
			}
		}
		if !improved {
			return
		}
	}
}

// exchangeCost returns the cost of the links of v and w with v left of w,
// as they are, and with the two exchanged.
func (g *graph) exchangeCost(v, w int) (c0, c1 int) {
	for _, nbrs := range [][][]int{g.up, g.down} {
		for _, x := range nbrs[v] {
			for _, y := range nbrs[w] {
				switch {
				case g.pos[x] > g.pos[y]:
					c0++
				case g.pos[x] < g.pos[y]:
					c1++
				}
			}
		}
	}
	flat := func(a, b int, pa, pb int) int {
		c := 0
		for _, z := range g.flat[a] {
			pz := g.pos[z]
			if z == b {
				pz = pb
			}
			c += abs(pa-pz) - 1
		}
		return c
	}
	pv, pw := g.pos[v], g.pos[w]
	c0 += flat(v, w, pv, pw) + flat(w, v, pw, pv)
	c1 += flat(v, w, pw, pv) + flat(w, v, pv, pw)
	return c0, c1
}

// cost is what ordering reduces: the crossings of segments between each
// pair of neighbouring lanes, and for each flat link the number of items
// between its ends, which its arrow must go round.
func (g *graph) cost() int {
	c := 0
	for k := 0; k+1 < len(g.lanes); k++ {
		c += g.crossings(k)
	}
	for a, ps := range g.flat {
		for _, b := range ps {
			if a < b {
				c += abs(g.pos[a]-g.pos[b]) - 1
			}
		}
	}
	return c
}

// crossings counts the pairs of segments between lanes k and k+1 that
// cross.
func (g *graph) crossings(k int) int {
	type seg struct{ a, b int }
	var segs []seg
	for _, a := range g.lanes[k] {
		for _, b := range g.down[a] {
			segs = append(segs, seg{g.pos[a], g.pos[b]})
		}
	}
	n := 0
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			if (segs[i].a-segs[j].a)*(segs[i].b-segs[j].b) < 0 {
				n++
			}
		}
	}
	return n
}

func (g *graph) snapshot() [][]int {
	out := make([][]int, len(g.lanes))
	for i, l := range g.lanes {
		out[i] = slices.Clone(l)
	}
	return out
}

func (g *graph) restore(s [][]int) {
	for i, l := range s {
		g.lanes[i] = slices.Clone(l)
	}
	g.number()
}
