package maplayout

import (
	"cmp"
	"math"
	"slices"
)

// The sides of a box where an arrow leaves for a channel or comes from one
// (an arrow between neighbours meets their facing sides; see arrow).
const (
	sideTop = iota
	sideBottom
)

// Channels are the strips between the rows of boxes: channel c lies above
// lane c's row, channel Lanes below the last one. Every horizontal stretch
// of an arrow runs along a track of a channel, where no box is.

// end is where a link enters or leaves a channel: at a port on a box's top
// or bottom, or where it passes through a lane (a passage, fixed by place,
// moved only to keep clear of another arrow's end).
type end struct {
	link  int
	item  int
	side  int  // of the box; for a passage, which way it leaves its lane
	upper bool // on the channel's upper edge, else its lower edge
	x     float64
	want  float64 // where its port would best be
	fixed bool    // a passage: not placed as a port
}

// hop is one stretch of a link across a channel: from end a, nearer the
// cause, to end b.
type hop struct {
	link, channel int
	a, b          int // ends
	track         int // -1: straight across, no track
}

type router struct {
	g      *graph
	ends   []end
	hops   [][]hop // each link's, from the cause
	beside []bool  // each link: flat, between neighbours, drawn across the gap
	ports  [][]int // the ends on one side of one box, in order
	tracks []int   // each channel's number of tracks
	chanY  []Span
	rowY   []Span
	h      float64
	// cost and from are placeSide's tables, kept for its next call: made
	// anew each time, they were 5% of the bytes a build of the M workload
	// allocated.
	cost []float64
	from []int
}

func (g *graph) route() *router {
	r := &router{g: g, hops: make([][]hop, len(g.chains)), beside: make([]bool, len(g.chains))}
	r.plan()
	r.placePorts()
	r.assignTracks()
	r.measure()
	return r
}

// plan turns each link into hops. A flat link between neighbours goes
// straight across the gap between them; any other flat link goes round the
// row of boxes through the channel above it or below it, whichever fewer
// arrows use between its ends.
func (r *router) plan() {
	g := r.g
	// Non-flat links first: the flat ones choose their channel by them.
	for li, c := range g.chains {
		if g.items[c[0]].lane == g.items[c[1]].lane {
			continue
		}
		for j := 0; j+1 < len(c); j++ {
			a, b := c[j], c[j+1]
			la, lb := g.items[a].lane, g.items[b].lane
			if lb < la { // upwards: leave a by its top, enter b by its bottom
				r.addHop(li, la, a, sideTop, false, b, sideBottom, true)
			} else {
				r.addHop(li, lb, a, sideBottom, true, b, sideTop, false)
			}
		}
	}
	busy := func(a, b int, side int) int {
		lo, hi := min(g.pos[a], g.pos[b]), max(g.pos[a], g.pos[b])
		n := 0
		for _, e := range r.ends {
			if g.items[e.item].lane == g.items[a].lane && g.pos[e.item] > lo && g.pos[e.item] < hi && e.side == side {
				n++
			}
		}
		return n
	}
	for li, c := range g.chains {
		a, b := c[0], c[1]
		if g.items[a].lane != g.items[b].lane {
			continue
		}
		if abs(g.pos[a]-g.pos[b]) == 1 {
			r.beside[li] = true
			continue
		}
		lane := g.items[a].lane
		if busy(a, b, sideBottom) < busy(a, b, sideTop) {
			r.addHop(li, lane+1, a, sideBottom, true, b, sideBottom, true)
		} else {
			r.addHop(li, lane, a, sideTop, false, b, sideTop, false)
		}
	}
}

func (r *router) addHop(link, channel, a, sa int, ua bool, b, sb int, ub bool) {
	h := hop{link: link, channel: channel, a: len(r.ends), b: len(r.ends) + 1, track: -1}
	for _, e := range []end{{link: link, item: a, side: sa, upper: ua}, {link: link, item: b, side: sb, upper: ub}} {
		it := r.g.items[e.item]
		e.x, e.want, e.fixed = it.x, it.x, it.obj < 0
		r.ends = append(r.ends, e)
	}
	r.hops[link] = append(r.hops[link], h)
}

// partner returns the other end of end e's hop.
func (r *router) partner(e int) int {
	if e%2 == 0 {
		return e + 1
	}
	return e - 1
}

// portRounds bounds the rounds of port placement.
const portRounds = 12

// placePorts places the ends on each box's sides: in the order of where
// their arrows go, each as near as it can be to the other end of its hop
// (so that an arrow between boxes that overlap runs straight), PortGap
// apart, clear of the corners, and clear of the ends of other arrows on
// the other edge of the channel (the two would run along each other
// there). Round by round each side is placed given the others, until
// nothing moves.
func (r *router) placePorts() {
	g := r.g
	groups := map[[2]int][]int{}
	var keys [][2]int
	for i, e := range r.ends {
		if e.fixed {
			continue
		}
		k := [2]int{e.item, e.side}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	slices.SortFunc(keys, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, k := range keys {
		es := groups[k]
		slices.SortStableFunc(es, func(a, b int) int {
			return cmp.Or(cmp.Compare(g.items[r.ends[r.partner(a)].item].x, g.items[r.ends[r.partner(b)].item].x),
				cmp.Compare(r.ends[a].link, r.ends[b].link))
		})
		r.ports = append(r.ports, es)
	}
	for range portRounds {
		moved := false
		for _, es := range r.ports {
			for _, e := range es {
				r.ends[e].want = r.ends[r.partner(e)].x
			}
			moved = r.placeSide(es) || moved
		}
		moved = r.movePassages() || moved
		if !moved {
			break
		}
	}
	// An arrow within half a pixel of straight is made straight.
	for i := 0; i < len(r.ends); i += 2 {
		a, b := &r.ends[i], &r.ends[i+1]
		if a.upper != b.upper && a.x != b.x && math.Abs(a.x-b.x) < 0.5 {
			switch {
			case a.fixed && b.fixed:
				r.setPassage(a.item, b.x)
			case b.fixed:
				a.x = b.x
			default:
				b.x = a.x
			}
		}
	}
}

// portStep is the grid on which ports are placed, in pixels.
const portStep = 0.5

// placeSide places the ends of one side of a box, in their order, PortGap
// apart where the side has room, within its port range, each as near to
// where it wants to be as it can be without coming within the clearance
// of another arrow's end on the other edge of the channel: the least total
// distance, found on a half-pixel grid by dynamic programming. It reports
// whether any end moved.
func (r *router) placeSide(es []int) bool {
	lo, hi := r.portRange(r.ends[es[0]].item)
	m := int((hi-lo)/portStep) + 1
	n := len(es)
	gapSteps := int(math.Ceil(r.g.in.Spacing.PortGap/portStep - 1e-9))
	if n > 1 && (n-1)*gapSteps > m-1 {
		gapSteps = (m - 1) / (n - 1)
	}
	const blocked = 1e6
	clr := r.clearance()
	// Row i of the tables, for the i-th end, is [i*m, i*m+m).
	if cap(r.cost) < n*m {
		r.cost, r.from = make([]float64, n*m), make([]int, n*m)
	}
	cost, from := r.cost[:n*m], r.from[:n*m]
	clear(cost)
	clear(from)
	for i, e := range es {
		row := i * m
		// The grid points within the clearance of another arrow's end.
		for _, o := range r.otherEdge(e) {
			k0 := max(0, int(math.Floor((o-clr-lo)/portStep)))
			for k := k0; k < m && lo+float64(k)*portStep < o+clr; k++ {
				if x := lo + float64(k)*portStep; math.Abs(o-x) < clr {
					cost[row+k] = blocked
				}
			}
		}
		best, bestAt := math.Inf(1), -1
		for k := range m {
			c := cost[row+k] + math.Abs(lo+float64(k)*portStep-r.ends[e].want)
			if i > 0 {
				if j := k - gapSteps; j >= 0 && cost[row-m+j] < best {
					best, bestAt = cost[row-m+j], j
				}
				if bestAt < 0 {
					cost[row+k] = math.Inf(1)
					continue
				}
				c += best
				from[row+k] = bestAt
			}
			cost[row+k] = c
		}
	}
	at := 0
	last := (n - 1) * m
	for k := range m {
		if cost[last+k] < cost[last+at] {
			at = k
		}
	}
	moved := false
	for i := n - 1; i >= 0; i-- {
		x := lo + float64(at)*portStep
		if lo == hi {
			x = lo
		}
		if r.ends[es[i]].x != x {
			r.ends[es[i]].x, moved = x, true
		}
		at = from[i*m+at]
	}
	return moved
}

// otherEdge lists the xs of the ends of other links on the other edge of
// end e's channel.
func (r *router) otherEdge(e int) []float64 {
	var out []float64
	c := r.channelOf(e)
	for _, hs := range r.hops {
		for _, h := range hs {
			if h.channel != c {
				continue
			}
			for _, o := range [2]int{h.a, h.b} {
				if r.ends[o].link != r.ends[e].link && r.ends[o].upper != r.ends[e].upper {
					out = append(out, r.ends[o].x)
				}
			}
		}
	}
	return out
}

// clearance is how close two arrows' ends on opposite edges of a channel
// may come: less than half a track, so that the ends of two rows of
// arrows a track apart can interleave.
func clearance(s Spacing) float64 { return 0.45 * s.Track }

func (r *router) clearance() float64 { return clearance(r.g.in.Spacing) }

// movePassages moves a passage that lies too close to an end of another
// link on the other edge of a channel aside, where its lane has room. It
// reports whether it moved any.
func (r *router) movePassages() bool {
	moved := false
	for _, c := range r.conflicts() {
		for _, pair := range [][2]int{{c[0], c[1]}, {c[1], c[0]}} {
			if r.ends[pair[0]].fixed && r.aside(pair[0], pair[1]) {
				moved = true
				break
			}
		}
	}
	return moved
}

// aside moves passage end e clear of end o, whole (with its ends in the
// channels above and below its lane): to whichever side of o its lane has
// room on and lies clearest of other arrows' ends. It reports whether it
// could.
func (r *router) aside(e, o int) bool {
	p := r.ends[e]
	lo, hi := r.g.passageRange(p.item)
	d := r.clearance() * 1.5
	found, best, bestGap := false, 0.0, r.clearance()
	for _, x := range []float64{r.ends[o].x - d, r.ends[o].x + d} {
		if x < lo || x > hi {
			continue
		}
		gap := math.Inf(1)
		for _, f := range r.itemEnds(p.item) {
			gap = min(gap, r.clearFrom(f, x))
		}
		if gap >= bestGap {
			found, best, bestGap = true, x, gap
		}
	}
	if !found {
		return false
	}
	r.setPassage(p.item, best)
	return true
}

// setPassage moves a passage and its ends in the channels above and below
// its lane to x.
func (r *router) setPassage(item int, x float64) {
	r.g.items[item].x = x
	for _, f := range r.itemEnds(item) {
		r.ends[f].x, r.ends[f].want = x, x
	}
}

// itemEnds lists the ends at an item.
func (r *router) itemEnds(item int) []int {
	var out []int
	for i, e := range r.ends {
		if e.item == item {
			out = append(out, i)
		}
	}
	return out
}

// portRange returns where ports may lie along a box: clear of its corners.
func (r *router) portRange(item int) (lo, hi float64) {
	it := r.g.items[item]
	c := r.g.in.Spacing.Corner
	lo, hi = it.x-it.w/2+c, it.x+it.w/2-c
	if lo > hi {
		lo, hi = it.x, it.x
	}
	return lo, hi
}

// clearFrom returns how far x lies from the nearest end of another link on
// the other edge of end e's channel.
func (r *router) clearFrom(e int, x float64) float64 {
	gap := math.Inf(1)
	for _, o := range r.otherEdge(e) {
		gap = min(gap, math.Abs(o-x))
	}
	return gap
}

// channelOf returns the channel of end e's hop.
func (r *router) channelOf(e int) int {
	for _, h := range r.hops[r.ends[e].link] {
		if h.a == e || h.b == e {
			return h.channel
		}
	}
	return -1
}

// conflicts lists the pairs of ends of different links on opposite edges
// of a channel that lie closer than the clearance.
func (r *router) conflicts() [][2]int {
	var out [][2]int
	byChannel := map[int][]int{}
	for _, hs := range r.hops {
		for _, h := range hs {
			byChannel[h.channel] = append(byChannel[h.channel], h.a, h.b)
		}
	}
	for c := 0; c <= len(r.g.lanes); c++ {
		es := byChannel[c]
		for i, e := range es {
			for _, o := range es[i+1:] {
				if r.partner(e) == o || r.ends[e].upper == r.ends[o].upper {
					continue
				}
				if math.Abs(r.ends[e].x-r.ends[o].x) < r.clearance() {
					out = append(out, [2]int{e, o})
				}
			}
		}
	}
	return out
}
