package render

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// mapGeometry sizes a strategy map, in pixels.
type mapGeometry struct {
	W       float64 // the whole map
	LabelW  float64 // the lane names on the left
	BoxMaxW float64
	Font    float32
}

var (
	siteMap = mapGeometry{W: 1120, LabelW: 176, BoxMaxW: 220, Font: 12}
	// The board pack's map fits the width of a portrait A4 or Letter page.
	packMap = mapGeometry{W: 680, LabelW: 112, BoxMaxW: 150, Font: 10}
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

// strategyMap draws a unit's perspectives as lanes, top to bottom in config
// order, its objectives as boxes coloured by status, and its drives links as
// arrows from cause to effect. Each box links to its objective page.
//
// Three graph series are stacked: the lanes, the arrows, the boxes. ECharts
// scales a graph's bounding box to its container, so each series gets two
// invisible anchors at the corners, which makes x and y plain pixels (see the
// library notes). Arrows run between invisible port nodes placed on the edges
// of the boxes: ECharts shortens an edge by its end nodes' symbol size, which
// for wide boxes would swallow short arrows whole.
func strategyMap(r *compute.Result, u *model.Unit, geo mapGeometry, href func(*model.Objective) string) *Chart {
	ur := r.Unit(u)
	mapW := geo.W
	boxes, laneTops, height := layoutMap(ur, geo)

	noTip := &opts.Tooltip{Show: opts.Bool(false)}
	hidden := &opts.Label{Show: opts.Bool(false)}
	anchors := func(cat int) []opts.GraphNode {
		return []opts.GraphNode{
			{Name: "\u200b", X: 1, Y: 1, Symbol: "none", Category: cat, Tooltip: noTip},
			{Name: "\u200b\u200b", X: float32(mapW - 1), Y: float32(height - 1), Symbol: "none", Category: cat, Tooltip: noTip},
		}
	}

	// Lanes.
	laneCats := []*opts.GraphCategory{
		{Name: "lane", Label: &opts.Label{Show: opts.Bool(true), Position: "insideLeft", Color: "#78909c", FontSize: geo.Font + 1, FontWeight: "bold", LineHeight: geo.Font + 7, Padding: "0 0 0 10"}},
		{Name: "anchor", Label: hidden},
	}
	laneNodes := anchors(1)
	for i, pr := range ur.Perspectives {
		h := laneTops[i+1] - laneTops[i]
		laneNodes = append(laneNodes, opts.GraphNode{
			Name: pr.Perspective.Name + "\n" + scoreText(pr.Score) + strings.Repeat("\u200b", i+3),
			X:    float32(mapW / 2), Y: float32(laneTops[i] + h/2),
			Symbol: "rect", SymbolSize: []int{int(mapW) - 4, int(h) - 4}, Category: 0, Tooltip: noTip,
			ItemStyle: &opts.ItemStyle{Color: laneFill(i), BorderColor: "transparent"},
		})
	}

	// Arrows.
	portNodes := anchors(0)
	var arrows []opts.GraphLink
	for _, e := range mapArrows(u, boxes, geo) {
		from, to := len(portNodes), len(portNodes)+1
		for _, p := range [][2]float64{e.from, e.to} {
			portNodes = append(portNodes, opts.GraphNode{
				Name: fmt.Sprintf("\u200b%d", len(portNodes)), X: float32(p[0]), Y: float32(p[1]),
				Symbol: "none", SymbolSize: []int{1, 1}, Category: 0, Tooltip: noTip,
			})
		}
		arrows = append(arrows, opts.GraphLink{Source: from, Target: to,
			LineStyle: &opts.LineStyle{Curveness: float32(e.curve)}})
	}

	// Boxes.
	statuses := []string{"green", "amber", "red", "none"}
	var objCats []*opts.GraphCategory
	for _, s := range statuses {
		objCats = append(objCats, &opts.GraphCategory{Name: s,
			ItemStyle: &opts.ItemStyle{Color: statusColour[s], BorderColor: "rgba(0,0,0,0.22)", BorderWidth: 1},
			Label:     &opts.Label{Show: opts.Bool(true), Color: statusText[s], FontSize: geo.Font, LineHeight: geo.Font + 3}})
	}
	objCats = append(objCats, &opts.GraphCategory{Name: "anchor", Label: hidden})
	catOf := map[string]int{"green": 0, "amber": 1, "red": 2, "none": 3}
	nodes := anchors(len(statuses))
	links := []string{"", ""}
	seen := map[string]int{}
	for _, pr := range ur.Perspectives {
		for _, o := range pr.Objectives {
			b := boxes[o]
			or := r.Objective(o)
			status := or.Status.String()
			label := wrap(o.Name, max(8, int(b.w/(float64(geo.Font)*0.58))), 2) + "\n" + scoreText(or.Score) + " · " + statusLabel(status)
			name := label + strings.Repeat("\u200b", seen[label]) // names must be unique in a series
			seen[label]++
			nodes = append(nodes, opts.GraphNode{
				Name: name, X: float32(b.x), Y: float32(b.y),
				Symbol: roundedRect(b.w, b.h, 7), SymbolSize: []int{int(b.w), int(b.h)},
				Category: catOf[status],
			})
			if href != nil {
				links = append(links, href(o))
			}
		}
	}

	g := charts.NewGraph()
	g.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "map", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
	)
	pin := charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Left, s.Top, s.Right, s.Bottom = "0", "0", "0", "0" })
	graph := func(cats []*opts.GraphCategory, extra ...charts.SeriesOpts) []charts.SeriesOpts {
		return append([]charts.SeriesOpts{charts.WithGraphChartOpts(opts.GraphChart{Layout: "none", Roam: opts.Bool(false), Categories: cats,
			EdgeSymbol: []string{"none", "arrow"}, EdgeSymbolSize: []int{0, 9}}), pin}, extra...)
	}
	g.AddSeries("lanes", laneNodes, nil, graph(laneCats)...)
	g.AddSeries("arrows", portNodes, arrows, graph([]*opts.GraphCategory{{Name: "port", Label: hidden}},
		charts.WithLineStyleOpts(opts.LineStyle{Color: "#607d8b", Width: 1.6, Opacity: opts.Float(0.9)}))...)
	g.AddSeries("objectives", nodes, nil, graph(objCats)...)
	m := optionMap(g)
	delete(m, "legend") // the categories are styles, not a key to read
	// Hover emphasis would fade the lanes and arrows: the map is read, not
	// explored. A series' z stacks it (go-echarts has no field for it).
	for i, s := range m["series"].([]any) {
		s := s.(map[string]any)
		s["z"] = i + 1
		s["emphasis"] = map[string]any{"disabled": true}
		if s["name"] != "objectives" {
			s["silent"] = true
		} else {
			s["cursor"] = "pointer"
		}
	}
	if href == nil {
		links = nil
	}
	return &Chart{
		ID:     "map-" + u.ID,
		Label:  fmt.Sprintf("Strategy map of %s: %d objectives in %d perspectives, coloured by status, with arrows from cause to effect. The same objectives are listed in the table below.", u.Name, len(u.Objectives), len(ur.Perspectives)),
		Width:  int(mapW),
		Height: height,
		Option: chartJSON(m),
		Links:  links,
	}
}

// layoutMap places the lanes and boxes: up to mapPerRow boxes per row, rows
// centred in the space right of the lane names.
func layoutMap(ur *compute.UnitResult, geo mapGeometry) (map[*model.Objective]box, []float64, int) {
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
func mapArrows(u *model.Unit, boxes map[*model.Objective]box, geo mapGeometry) []arrow {
	type end struct {
		o, other *model.Objective
		side     int // 0 top, 1 bottom, 2 left, 3 right
		idx      int // which link
		out      bool
	}
	type link struct{ from, to *model.Objective }
	var ls []link
	for _, o := range u.Objectives {
		for _, e := range o.Drives {
			if _, ok := boxes[o]; !ok {
				continue
			}
			if _, ok := boxes[e]; !ok {
				continue
			}
			ls = append(ls, link{o, e})
		}
	}
	sides := func(a, b box) (int, int) {
		switch {
		case skipsOverBoxes(a, b):
			return 3, 3 // round the boxes in between, on the right
		case a.lane == b.lane && math.Abs(a.y-b.y) < 1:
			if b.x > a.x {
				return 3, 2
			}
			return 2, 3
		case b.y < a.y:
			return 0, 1
		}
		return 1, 0
	}
	var ends []end
	for i, l := range ls {
		sa, sb := sides(boxes[l.from], boxes[l.to])
		ends = append(ends, end{l.from, l.to, sa, i, true}, end{l.to, l.from, sb, i, false})
	}
	// Spread the ends that share a side of a box, ordered by where their other
	// end lies.
	pos := make([][2][2]float64, len(ls))
	groups := map[[2]any][]end{}
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
		slices.SortStableFunc(g, func(a, b end) int {
			ba, bb := boxes[a.other], boxes[b.other]
			if a.side >= 2 {
				return cmpFloat(ba.y, bb.y)
			}
			return cmpFloat(ba.x, bb.x)
		})
		for j, e := range g {
			b := boxes[e.o]
			off := (float64(j) - float64(len(g)-1)/2) * mapPortGap
			var p [2]float64
			switch e.side {
			case 0:
				p = [2]float64{b.x + off, b.y - b.h/2}
			case 1:
				p = [2]float64{b.x + off, b.y + b.h/2}
			case 2:
				p = [2]float64{b.x - b.w/2, b.y + off/2}
			default:
				p = [2]float64{b.x + b.w/2, b.y + off/2}
			}
			if e.out {
				pos[e.idx][0] = p
			} else {
				pos[e.idx][1] = p
			}
		}
	}
	out := make([]arrow, len(ls))
	for i, l := range ls {
		a, b := boxes[l.from], boxes[l.to]
		curve := 0.0
		switch {
		case skipsOverBoxes(a, b):
			// Bow out to the right: ECharts bends a positive curveness to the
			// left of the direction of travel.
			curve = -0.45
			if b.y > a.y {
				curve = 0.45
			}
		case a.lane-b.lane > 1 || b.lane-a.lane > 1:
			curve = 0.2
		}
		out[i] = arrow{from: pos[i][0], to: pos[i][1], curve: curve}
	}
	return out
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

// roundedRect is an SVG path symbol of exactly w × h pixels with corner radius
// r: ECharts' own roundRect rounds a wide box into a pill.
func roundedRect(w, h, r float64) string {
	f := func(v float64) string { return coord(v) }
	return "path://M" + f(r) + ",0 H" + f(w-r) + " Q" + f(w) + ",0 " + f(w) + "," + f(r) +
		" V" + f(h-r) + " Q" + f(w) + "," + f(h) + " " + f(w-r) + "," + f(h) +
		" H" + f(r) + " Q0," + f(h) + " 0," + f(h-r) + " V" + f(r) + " Q0,0 " + f(r) + ",0 Z"
}

// laneFill alternates two quiet backgrounds so that lanes read as bands.
func laneFill(i int) string {
	if i%2 == 0 {
		return "rgba(120,144,156,0.11)"
	}
	return "rgba(120,144,156,0.05)"
}
