package maplayout

import (
	"fmt"
	"math"
)

// segment is a straight stretch of an arrow.
type segment struct {
	arrow int
	a, b  Point
}

func (l *Layout) segments() []segment {
	var out []segment
	for i, pts := range l.Arrows {
		for j := 0; j+1 < len(pts); j++ {
			out = append(out, segment{i, pts[j], pts[j+1]})
		}
	}
	return out
}

func (s segment) vertical() bool { return s.a.X == s.b.X }

func (s segment) xs() Span { return Span{min(s.a.X, s.b.X), max(s.a.X, s.b.X)} }
func (s segment) ys() Span { return Span{min(s.a.Y, s.b.Y), max(s.a.Y, s.b.Y)} }

// Crossings counts the places where two arrows cross: pairs of segments
// of different arrows, one across the other, meeting inside both.
func (l *Layout) Crossings() int {
	segs := l.segments()
	n := 0
	for i, s := range segs {
		for _, t := range segs[i+1:] {
			if s.arrow == t.arrow || s.vertical() == t.vertical() {
				continue
			}
			v, h := s, t
			if !v.vertical() {
				v, h = t, s
			}
			if inside(v.a.X, h.xs()) && inside(h.a.Y, v.ys()) {
				n++
			}
		}
	}
	return n
}

// inside reports whether v lies strictly within s.
func inside(v float64, s Span) bool { return v > s.Lo && v < s.Hi }

// Problems lists what is wrong with a layout, as sentences; none for a good
// one. An arrow must have at least two points, run only horizontally and
// vertically, stay on the canvas, start on its cause's box and end on its
// effect's with a last stretch long enough for its head (clear), pass
// through no box, and never run along another arrow. The tests hold every
// layout to these.
func (l *Layout) Problems(links []Link, clear float64) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for i, pts := range l.Arrows {
		if len(pts) < 2 {
			add("arrow %d has %d points", i, len(pts))
			continue
		}
		for _, p := range pts {
			if !(p.X >= 0 && p.X <= l.W && p.Y >= 0 && p.Y <= l.H) {
				add("arrow %d leaves the canvas at (%g, %g)", i, p.X, p.Y)
			}
		}
		if !onEdge(pts[0], l.Boxes[links[i].From]) {
			add("arrow %d starts at (%g, %g), not on its cause's box", i, pts[0].X, pts[0].Y)
		}
		last := pts[len(pts)-1]
		if !onEdge(last, l.Boxes[links[i].To]) {
			add("arrow %d ends at (%g, %g), not on its effect's box", i, last.X, last.Y)
		}
		if d := math.Hypot(last.X-pts[len(pts)-2].X, last.Y-pts[len(pts)-2].Y); d < clear {
			add("arrow %d ends with a stretch of %g, less than %g", i, d, clear)
		}
	}
	segs := l.segments()
	for _, s := range segs {
		if s.a.X != s.b.X && s.a.Y != s.b.Y {
			add("arrow %d runs slant from (%g, %g) to (%g, %g)", s.arrow, s.a.X, s.a.Y, s.b.X, s.b.Y)
		}
		for bi, b := range l.Boxes {
			if crossesBox(s, b) {
				add("arrow %d passes through box %d between (%g, %g) and (%g, %g)", s.arrow, bi, s.a.X, s.a.Y, s.b.X, s.b.Y)
			}
		}
	}
	for i, s := range segs {
		for _, t := range segs[i+1:] {
			if s.arrow != t.arrow && alongside(s, t) {
				add("arrows %d and %d run along each other near (%g, %g)", s.arrow, t.arrow, s.a.X, s.a.Y)
			}
		}
	}
	return out
}

// onEdge reports whether p lies on the outline of b.
func onEdge(p Point, b Rect) bool {
	const e = 1e-6
	inX, inY := p.X >= b.X-e && p.X <= b.X+b.W+e, p.Y >= b.Y-e && p.Y <= b.Y+b.H+e
	onX := math.Abs(p.X-b.X) < e || math.Abs(p.X-b.X-b.W) < e
	onY := math.Abs(p.Y-b.Y) < e || math.Abs(p.Y-b.Y-b.H) < e
	return inX && onY || inY && onX
}

// crossesBox reports whether a segment enters the inside of a box; it may
// touch the outline (where an arrow starts or ends).
func crossesBox(s segment, b Rect) bool {
	xs, ys := s.xs(), s.ys()
	return xs.Hi > b.X && xs.Lo < b.X+b.W && ys.Hi > b.Y && ys.Lo < b.Y+b.H
}

// alongside reports whether two parallel segments lie on one line, or
// within a pixel of it, and share some of their length.
func alongside(s, t segment) bool {
	if s.vertical() != t.vertical() {
		return false
	}
	if s.vertical() {
		return math.Abs(s.a.X-t.a.X) < 1 && overlapLen(s.ys(), t.ys()) > 0
	}
	return math.Abs(s.a.Y-t.a.Y) < 1 && overlapLen(s.xs(), t.xs()) > 0
}

func overlapLen(a, b Span) float64 { return min(a.Hi, b.Hi) - max(a.Lo, b.Lo) }
