package maplayout

import "math"

// alignRounds is how many times the lanes are walked, alternately down and
// up, pulling each item towards the items it links to.
const alignRounds = 12

// place gives every item its x: the bands side by side, each as wide as its
// fullest lane needs, and within a band each item as near to the mean of
// its neighbours in the lanes above and below as the order and spacing
// allow, so that linked boxes line up and arrows run straight.
func (g *graph) place() {
	s := g.in.Spacing
	need := make([]float64, len(g.in.Bands))
	for b, band := range g.in.Bands {
		need[b] = band.MinW
	}
	for _, lane := range g.lanes {
		for _, run := range g.runs(lane) {
			it := g.items[run[0]]
			need[it.band] = max(need[it.band], g.packed(run))
		}
	}
	x := s.Left
	g.bands = make([]Span, len(need))
	for b, w := range need {
		g.bands[b] = Span{x, x + w}
		x += w + s.BandGap
	}
	g.w = s.Left + s.Margin
	if len(need) > 0 {
		g.w = g.bands[len(need)-1].Hi + s.Margin
	}
	// Start each run packed in the middle of its band.
	for _, lane := range g.lanes {
		for _, run := range g.runs(lane) {
			band := g.bands[g.items[run[0]].band]
			padLo, _ := g.pads(run)
			x := (band.Lo+band.Hi)/2 - g.packed(run)/2 + padLo + g.items[run[0]].w/2
			for i, it := range run {
				if i > 0 {
					x += g.sep(run[i-1], it)
				}
				g.items[it].x = x
			}
		}
	}
	for r := range alignRounds {
		for k := range g.lanes {
			if r%2 == 1 {
				k = len(g.lanes) - 1 - k
			}
			for _, run := range g.runs(g.lanes[k]) {
				g.align(run)
			}
		}
	}
	g.separatePassages()
	// Passages of a link within half a pixel of each other line up
	// exactly, so that the arrow runs straight rather than a hair slant.
	for _, c := range g.chains {
		for j := 1; j < len(c); j++ {
			a, b := &g.items[c[j-1]], &g.items[c[j]]
			if b.obj < 0 && a.x != b.x && math.Abs(a.x-b.x) < 0.5 {
				b.x = a.x
			}
		}
	}
}

// runs splits a lane into its bands' runs of items.
func (g *graph) runs(lane []int) [][]int {
	var out [][]int
	for i := 0; i < len(lane); {
		j := i + 1
		for j < len(lane) && g.items[lane[j]].band == g.items[lane[i]].band {
			j++
		}
		out = append(out, lane[i:j])
		i = j
	}
	return out
}

// sep is the distance between the centres of neighbours a and b: boxes
// keep BoxGap between them; a passage keeps Track from anything.
func (g *graph) sep(a, b int) float64 {
	ia, ib := g.items[a], g.items[b]
	gap := g.in.Spacing.BoxGap
	if ia.obj < 0 || ib.obj < 0 {
		gap = g.in.Spacing.Track
	}
	return (ia.w+ib.w)/2 + gap
}

// packed is the width of a run with its items side by side, and room at
// either end for a passage to keep clear of the band's edge.
func (g *graph) packed(run []int) float64 {
	lo, hi := g.pads(run)
	w := lo + g.items[run[0]].w + hi
	for i := 1; i < len(run); i++ {
		w += g.sep(run[i-1], run[i]) - g.items[run[i-1]].w/2 + g.items[run[i]].w/2
	}
	return w
}

// pads returns the room a run keeps from the left and right edges of its
// band: none for a box; for a passage, Track or, if more, Corner, so that
// an arrow passing a lane never runs along the edge of a band or of the
// lane labels, and can meet a box at the band's edge straight.
func (g *graph) pads(run []int) (lo, hi float64) {
	pad := max(g.in.Spacing.Track, g.in.Spacing.Corner)
	if g.items[run[0]].obj < 0 {
		lo = pad
	}
	if g.items[run[len(run)-1]].obj < 0 {
		hi = pad
	}
	return lo, hi
}

// Links between two passages weigh most, then links with one passage, so
// that a link across several lanes runs straight where it can (dot's
// weights 8, 2 and 1 for the same three cases).
func (g *graph) weight(a, b int) float64 {
	switch n := boolInt(g.items[a].obj < 0) + boolInt(g.items[b].obj < 0); n {
	case 2:
		return 8
	case 1:
		return 2
	}
	return 1
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// align moves the items of a run each towards the weighted mean x of its
// neighbours, keeping their order, their spacing and their band: the
// nearest such positions in the least-squares sense (isotonic regression).
func (g *graph) align(run []int) {
	band := g.bands[g.items[run[0]].band]
	want := make([]float64, len(run))
	wt := make([]float64, len(run))
	for i, it := range run {
		sum, n := 0.0, 0.0
		for _, nbrs := range [][][]int{g.up, g.down} {
			for _, o := range nbrs[it] {
				w := g.weight(it, o)
				sum += w * g.items[o].x
				n += w
			}
		}
		if n == 0 {
			// Unlinked: stay, but give way to the others.
			want[i], wt[i] = g.items[it].x, 0.01
			continue
		}
		want[i], wt[i] = sum/n, n
	}
	offs := make([]float64, len(run))
	for i := 1; i < len(run); i++ {
		offs[i] = offs[i-1] + g.sep(run[i-1], run[i])
	}
	padLo, padHi := g.pads(run)
	lo := band.Lo + padLo + g.items[run[0]].w/2
	hi := band.Hi - padHi - g.items[run[len(run)-1]].w/2 - offs[len(run)-1]
	for i, x := range project(want, wt, offs, lo, hi) {
		g.items[run[i]].x = x
	}
}

// project returns the xs nearest to want, by weighted least squares, such
// that xs[i+1]-xs[i] >= offs[i+1]-offs[i] and xs[0] >= lo,
// xs[n-1]-offs[n-1] <= hi. Shifted by their offsets the constraints say the
// values never decrease and lie in [lo, hi]: pool adjacent violators, then
// clamp, which is the optimum with bounds common to all values.
func project(want, wt, offs []float64, lo, hi float64) []float64 {
	type block struct {
		sum, w float64
		n      int
	}
	var bs []block
	for i := range want {
		bs = append(bs, block{(want[i] - offs[i]) * wt[i], wt[i], 1})
		for len(bs) > 1 {
			a, b := bs[len(bs)-2], bs[len(bs)-1]
			if a.sum/a.w <= b.sum/b.w {
				break
			}
			bs = append(bs[:len(bs)-2], block{a.sum + b.sum, a.w + b.w, a.n + b.n})
		}
	}
	if hi < lo {
		hi = lo
	}
	out := make([]float64, 0, len(want))
	for _, b := range bs {
		y := min(max(b.sum/b.w, lo), hi)
		for range b.n {
			out = append(out, y+offs[len(out)])
		}
	}
	return out
}

// passageRange returns where a passage can move without coming nearer to
// its neighbours in the lane, or the edge of its band, than place keeps
// it.
func (g *graph) passageRange(it int) (lo, hi float64) {
	lane := g.lanes[g.items[it].lane]
	i := g.pos[it]
	band := g.bands[g.items[it].band]
	pad := max(g.in.Spacing.Track, g.in.Spacing.Corner)
	lo, hi = band.Lo+pad, band.Hi-pad
	if i > 0 && g.items[lane[i-1]].band == g.items[it].band {
		lo = g.items[lane[i-1]].x + g.sep(lane[i-1], it)
	}
	if i+1 < len(lane) && g.items[lane[i+1]].band == g.items[it].band {
		hi = g.items[lane[i+1]].x - g.sep(it, lane[i+1])
	}
	return lo, hi
}

// separatePassages moves a passage that lies right above or below a
// passage of another link in the next lane aside, where its lane has room:
// the two arrows would meet end to end in the channel between, and should
// each also pass the other's end, run along each other there.
func (g *graph) separatePassages() {
	d := 1.5 * clearance(g.in.Spacing)
	for range 4 {
		moved := false
		for _, lane := range g.lanes {
			for _, it := range lane {
				if g.items[it].obj >= 0 || g.passageClear(it, g.items[it].x) >= clearance(g.in.Spacing) {
					continue
				}
				lo, hi := g.passageRange(it)
				best, bestGap := g.items[it].x, g.passageClear(it, g.items[it].x)
				for _, o := range g.nearPassages(it) {
					for _, x := range []float64{g.items[o].x - d, g.items[o].x + d} {
						if x >= lo && x <= hi {
							if gap := g.passageClear(it, x); gap > bestGap+1e-9 {
								best, bestGap = x, gap
							}
						}
					}
				}
				if best != g.items[it].x {
					g.items[it].x, moved = best, true
				}
			}
		}
		if !moved {
			return
		}
	}
}

// nearPassages lists the passages of other links in the lanes above and
// below passage it.
func (g *graph) nearPassages(it int) []int {
	var out []int
	k := g.items[it].lane
	for _, lane := range []int{k - 1, k + 1} {
		if lane < 0 || lane >= len(g.lanes) {
			continue
		}
		for _, o := range g.lanes[lane] {
			if g.items[o].obj < 0 && g.items[o].link != g.items[it].link {
				out = append(out, o)
			}
		}
	}
	return out
}

// passageClear returns how far x lies from the nearest passage of another
// link in the lanes above and below passage it.
func (g *graph) passageClear(it int, x float64) float64 {
	gap := math.Inf(1)
	for _, o := range g.nearPassages(it) {
		gap = min(gap, math.Abs(g.items[o].x-x))
	}
	return gap
}
