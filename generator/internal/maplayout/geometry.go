package maplayout

// measure stacks the channels and rows from the top: each channel as high
// as its tracks need (at least room for two arrow heads between two rows),
// each row as high as its tallest box.
func (r *router) measure() {
	g, s := r.g, r.g.in.Spacing
	lanes := len(g.lanes)
	rowH := make([]float64, lanes)
	for k := range rowH {
		rowH[k] = s.MinRow
	}
	for _, o := range g.in.Objectives {
		rowH[o.Lane] = max(rowH[o.Lane], o.H)
	}
	y := s.Top
	r.chanY = make([]Span, lanes+1)
	r.rowY = make([]Span, lanes)
	for c := 0; c <= lanes; c++ {
		h := 2 * s.Clear
		switch t := r.tracks[c]; {
		case t > 0:
			h = 2*s.Clear + float64(t-1)*s.Track
		case c == 0 || c == lanes:
			h = s.Margin
		}
		r.chanY[c] = Span{y, y + h}
		y += h
		if c < lanes {
			r.rowY[c] = Span{y, y + rowH[c]}
			y += rowH[c]
		}
	}
	r.h = y
}

// box returns the rectangle of an objective's item.
func (r *router) box(it int) Rect {
	i := r.g.items[it]
	o := r.g.in.Objectives[i.obj]
	row := r.rowY[i.lane]
	return Rect{X: i.x - o.W/2, Y: row.Lo + (row.Hi-row.Lo-o.H)/2, W: o.W, H: o.H}
}

// trackY returns the y of a hop's track.
func (r *router) trackY(h hop) float64 {
	return r.chanY[h.channel].Lo + r.g.in.Spacing.Clear + float64(h.track)*r.g.in.Spacing.Track
}

// port returns the point where end e meets its box.
func (r *router) port(e int) Point {
	b := r.box(r.ends[e].item)
	if r.ends[e].side == sideTop {
		return Point{r.ends[e].x, b.Y}
	}
	return Point{r.ends[e].x, b.Y + b.H}
}

func (r *router) layout() *Layout {
	g := r.g
	l := &Layout{W: g.w, H: r.h, Bands: g.bands}
	for i := range g.in.Objectives {
		l.Boxes = append(l.Boxes, r.box(i))
	}
	for k, lane := range g.lanes {
		top, bottom := g.in.Spacing.Top, r.h
		if k > 0 {
			top = mid(r.chanY[k])
		}
		if k < len(g.lanes)-1 {
			bottom = mid(r.chanY[k+1])
		}
		l.Lanes = append(l.Lanes, Span{top, bottom})
		var objs []int
		for _, it := range lane {
			if g.items[it].obj >= 0 {
				objs = append(objs, g.items[it].obj)
			}
		}
		l.Order = append(l.Order, objs)
	}
	for li := range g.chains {
		l.Arrows = append(l.Arrows, simplify(r.arrow(li)))
	}
	return l
}

func mid(s Span) float64 { return (s.Lo + s.Hi) / 2 }

// arrow returns the points of link li from the cause's box to the
// effect's.
func (r *router) arrow(li int) []Point {
	c := r.g.chains[li]
	if r.beside[li] {
		a, b := r.box(c[0]), r.box(c[1])
		y := a.Centre().Y
		if a.X < b.X {
			return []Point{{a.X + a.W, y}, {b.X, y}}
		}
		return []Point{{a.X, y}, {b.X + b.W, y}}
	}
	hs := r.hops[li]
	pts := []Point{r.port(hs[0].a)}
	for _, h := range hs {
		if h.track < 0 {
			continue // straight on
		}
		y := r.trackY(h)
		pts = append(pts, Point{r.ends[h.a].x, y}, Point{r.ends[h.b].x, y})
	}
	return append(pts, r.port(hs[len(hs)-1].b))
}

// simplify drops repeated points and points in the middle of a straight
// stretch.
func simplify(pts []Point) []Point {
	var out []Point
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if a.X == b.X && b.X == p.X || a.Y == b.Y && b.Y == p.Y {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
