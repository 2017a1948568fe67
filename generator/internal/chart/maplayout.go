package chart

import (
	"math"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// The layout of a strategy map: where the lanes and the boxes go, and where
// each arrow leaves and enters its boxes. StrategyMap draws what this
// places.

// Geometry sizes a strategy map, in pixels.
type Geometry struct {
	W       float64 // the whole map
	LabelW  float64 // the lane names on the left
	BoxMaxW float64
	Font    float64
}

var (
	// SiteMap is the map of a unit's page.
	SiteMap = Geometry{W: 1120, LabelW: 176, BoxMaxW: 220, Font: 12}
	// PackMap is the board pack's map, which fits the width of a portrait
	// A4 or Letter page.
	PackMap = Geometry{W: 680, LabelW: 112, BoxMaxW: 150, Font: 10}
)

const (
	mapPerRow  = 4 // objectives per row of a lane
	mapRowH    = 96
	mapBoxH    = 54
	mapLanePad = 10
	mapPortGap = 16 // between the ends of arrows that meet one side of a box
)

// box is an objective's place on the map.
type box struct {
	x, y, w, h float64
	lane       int
}

// layoutMap places the lanes and boxes: up to mapPerRow boxes per row, rows
// centred in the space right of the lane names.
func layoutMap(ur *compute.UnitResult, geo Geometry) (map[*model.Objective]box, []float64, int) {
	mapW, mapLabelW := geo.W, geo.LabelW
	boxes := map[*model.Objective]box{}
	tops := []float64{1}
	for i, pr := range ur.Perspectives {
		n := len(pr.Objectives)
		rows := max(1, (n+mapPerRow-1)/mapPerRow)
		top := tops[len(tops)-1]
		for k, o := range pr.Objectives {
			row, col := k/mapPerRow, k%mapPerRow
			inRow := min(mapPerRow, n-row*mapPerRow)
			slot := (mapW - mapLabelW - 16) / mapPerRow
			w := math.Min(geo.BoxMaxW, slot-20)
			left := mapLabelW + (mapW-mapLabelW-16-slot*float64(inRow))/2
			boxes[o] = box{
				x: left + slot*(float64(col)+0.5), y: top + mapLanePad + float64(row)*mapRowH + mapRowH/2 - mapLanePad/2,
				w: w, h: mapBoxH, lane: i,
			}
		}
		tops = append(tops, top+float64(rows*mapRowH)+mapLanePad)
	}
	return boxes, tops, int(tops[len(tops)-1]) + 1
}

// arrow is one drawn drives link: from a point on the cause's box to a point on
// the effect's.
type arrow struct {
	from, to [2]float64
	curve    float64
}

// mapArrows places every drives link of the unit. An arrow leaves the side of
// the cause that faces the effect and enters the facing side of the effect;
// arrows sharing a side are spread along it in the order of their other ends,
// so that they do not cross there. Links that jump over a lane bow out, so
// they do not run straight behind the boxes in between.
func mapArrows(u *model.Unit, boxes map[*model.Objective]box, geo Geometry) []arrow {
	ls := drawnLinks(u, boxes)
	var ends []arrowEnd
	for i, l := range ls {
		sa, sb := sides(boxes[l.from], boxes[l.to])
		ends = append(ends, arrowEnd{l.from, l.to, sa, i, true}, arrowEnd{l.to, l.from, sb, i, false})
	}
	pos := placeEnds(ends, boxes, len(ls))
	out := make([]arrow, len(ls))
	for i, l := range ls {
		out[i] = arrow{from: pos[i][0], to: pos[i][1], curve: curve(boxes[l.from], boxes[l.to])}
	}
	return out
}

// driveLink is a drives link of the map, cause to effect.
type driveLink struct{ from, to *model.Objective }

// drawnLinks lists the unit's drives links between boxes on the map, in the
// order of the causes and of their drives lists.
func drawnLinks(u *model.Unit, boxes map[*model.Objective]box) []driveLink {
	var ls []driveLink
	for _, o := range u.Objectives {
		for _, e := range o.Drives {
			if _, ok := boxes[o]; !ok {
				continue
			}
			if _, ok := boxes[e]; !ok {
				continue
			}
			ls = append(ls, driveLink{o, e})
		}
	}
	return ls
}

// The sides of a box.
const (
	top = iota
	bottom
	left
	right
)

// arrowEnd is one end of an arrow: on a side of its box, with the box at its
// other end.
type arrowEnd struct {
	o, other *model.Objective
	side     int
	idx      int  // which link
	out      bool // the cause's end
}

// sides are the sides of a and b that an arrow from a to b leaves and enters.
func sides(a, b box) (int, int) {
	switch {
	case skipsOverBoxes(a, b):
		return right, right // round the boxes in between, on the right
	case a.lane == b.lane && math.Abs(a.y-b.y) < 1:
		if b.x > a.x {
			return right, left
		}
		return left, right
	case b.y < a.y:
		return top, bottom
	}
	return bottom, top
}

// placeEnds spreads the ends that share a side of a box along it, ordered by
// where their other end lies, and returns where each of the n links starts
// and ends.
func placeEnds(ends []arrowEnd, boxes map[*model.Objective]box, n int) [][2][2]float64 {
	pos := make([][2][2]float64, n)
	groups := map[[2]any][]arrowEnd{}
	var keys [][2]any
	for _, e := range ends {
		k := [2]any{e.o, e.side}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	for _, k := range keys {
		g := groups[k]
		slices.SortStableFunc(g, func(a, b arrowEnd) int {
			ba, bb := boxes[a.other], boxes[b.other]
			if a.side == left || a.side == right {
				return cmpFloat(ba.y, bb.y)
			}
			return cmpFloat(ba.x, bb.x)
		})
		for j, e := range g {
			p := portOn(boxes[e.o], e.side, (float64(j)-float64(len(g)-1)/2)*mapPortGap)
			if e.out {
				pos[e.idx][0] = p
			} else {
				pos[e.idx][1] = p
			}
		}
	}
	return pos
}

// portOn is the point off from the middle of side of box b: along a top or
// bottom, half of it along a left or right.
func portOn(b box, side int, off float64) [2]float64 {
	switch side {
	case top:
		return [2]float64{b.x + off, b.y - b.h/2}
	case bottom:
		return [2]float64{b.x + off, b.y + b.h/2}
	case left:
		return [2]float64{b.x - b.w/2, b.y + off/2}
	}
	return [2]float64{b.x + b.w/2, b.y + off/2}
}

// curve is the curveness of the arrow from a to b: a link that jumps a lane
// bows, so that it does not run straight behind the boxes in between.
func curve(a, b box) float64 {
	switch {
	case skipsOverBoxes(a, b):
		// Bow out to the right: ECharts bends a positive curveness to the
		// left of the direction of travel.
		if b.y > a.y {
			return 0.45
		}
		return -0.45
	case a.lane-b.lane > 1 || b.lane-a.lane > 1:
		return 0.2
	}
	return 0
}

// skipsOverBoxes reports whether a straight arrow from a to b would run behind
// the boxes of the lanes between them: it jumps a lane and the boxes overlap
// horizontally.
func skipsOverBoxes(a, b box) bool {
	jumps := a.lane-b.lane > 1 || b.lane-a.lane > 1
	return jumps && math.Abs(a.x-b.x) < (a.w+b.w)/2
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
