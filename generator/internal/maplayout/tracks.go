package maplayout

import (
	"cmp"
	"math"
	"slices"
)

// assignTracks gives every hop that is not straight a track of its
// channel, as in the left-edge algorithm of channel routing (Hashimoto and
// Stevens): hops whose stretches overlap take different tracks, others may
// share one. Which of two overlapping hops runs above the other decides
// which arrows cross there, so the hops are first put in the order that
// crosses least.
func (r *router) assignTracks() {
	byChannel := make([][]*hop, len(r.g.lanes)+1)
	for li := range r.hops {
		for j := range r.hops[li] {
			h := &r.hops[li][j]
			byChannel[h.channel] = append(byChannel[h.channel], h)
		}
	}
	r.tracks = make([]int, len(byChannel))
	for c, hs := range byChannel {
		r.tracks[c] = r.channelTracks(hs)
	}
}

// span returns the stretch of a hop along its channel.
func (r *router) span(h *hop) Span {
	a, b := r.ends[h.a].x, r.ends[h.b].x
	return Span{min(a, b), max(a, b)}
}

// overlap reports whether two hops' stretches come within a track of
// each other, so that they cannot share one.
func (r *router) overlap(p, q *hop) bool {
	sp, sq := r.span(p), r.span(q)
	t := r.g.in.Spacing.Track
	return sp.Lo < sq.Hi+t && sq.Lo < sp.Hi+t
}

// aboveCost is what running p's track above q's costs: each end of p on
// the channel's lower edge within q's stretch makes a crossing, as does
// each end of q on the upper edge within p's stretch. An end of p on the
// lower edge that lies at an end of q on the upper edge would make the two
// run along each other: that costs more than any crossing.
func (r *router) aboveCost(p, q *hop) int {
	sp, sq := r.span(p), r.span(q)
	c := 0
	for _, e := range [2]int{p.a, p.b} {
		pe := r.ends[e]
		if pe.upper {
			continue
		}
		if pe.x > sq.Lo && pe.x < sq.Hi {
			c++
		}
		for _, f := range [2]int{q.a, q.b} {
			if qe := r.ends[f]; qe.upper && math.Abs(qe.x-pe.x) < r.clearance() {
				c += 1000
			}
		}
	}
	for _, f := range [2]int{q.a, q.b} {
		if qe := r.ends[f]; qe.upper && qe.x > sp.Lo && qe.x < sp.Hi {
			c++
		}
	}
	return c
}

// channelTracks assigns the tracks of one channel's hops and returns how
// many tracks it needs.
func (r *router) channelTracks(hs []*hop) int {
	var nets []*hop
	for _, h := range hs {
		if a, b := r.ends[h.a], r.ends[h.b]; a.upper != b.upper && a.x == b.x {
			h.track = -1 // straight across
			continue
		}
		nets = append(nets, h)
	}
	n := len(nets)
	if n == 0 {
		return 0
	}
	cost := make([][]int, n)
	for i := range nets {
		cost[i] = make([]int, n)
		for j := range nets {
			if i != j && r.overlap(nets[i], nets[j]) {
				cost[i][j] = r.aboveCost(nets[i], nets[j])
			}
		}
	}
	seq := r.trackOrder(nets, cost)
	tracks := 0
	for i, p := range seq {
		t := 0
		for _, q := range seq[:i] {
			if r.overlap(nets[p], nets[q]) {
				t = max(t, nets[q].track+1)
			}
		}
		nets[p].track = t
		tracks = max(tracks, t+1)
	}
	return tracks
}

// trackOrder orders the nets from the top of the channel down: greedily,
// the net that gains most by being above all the rest first, then
// neighbours exchanged while that lowers the cost.
func (r *router) trackOrder(nets []*hop, cost [][]int) []int {
	left := make([]int, len(nets))
	for i := range left {
		left[i] = i
	}
	var seq []int
	for len(left) > 0 {
		best, bestScore := -1, 0
		for _, p := range left {
			score := 0
			for _, q := range left {
				score += cost[p][q] - cost[q][p]
			}
			if best < 0 || score < bestScore || score == bestScore && r.before(nets[p], nets[best]) {
				best, bestScore = p, score
			}
		}
		seq = append(seq, best)
		left = slices.DeleteFunc(left, func(p int) bool { return p == best })
	}
	for range len(seq) * len(seq) {
		swapped := false
		for i := 0; i+1 < len(seq); i++ {
			p, q := seq[i], seq[i+1]
			if cost[q][p] < cost[p][q] {
				seq[i], seq[i+1] = q, p
				swapped = true
			}
		}
		if !swapped {
			break
		}
	}
	return seq
}

// before orders hops that tie: leftmost first, then by link.
func (r *router) before(p, q *hop) bool {
	return cmp.Or(cmp.Compare(r.span(p).Lo, r.span(q).Lo), cmp.Compare(p.link, q.link)) < 0
}
