package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// StrategyMap draws a unit's perspectives as lanes, top to bottom in config
// order, its objectives as boxes coloured by status, and its drives links as
// arrows from cause to effect. Each box links to its objective page.
//
// Three graph series are stacked: the lanes, the arrows, the boxes. ECharts
// scales a graph's bounding box to its container, so each series gets two
// invisible anchors at the corners, which makes x and y plain pixels (see the
// library notes). Arrows run between invisible port nodes placed on the edges
// of the boxes: ECharts shortens an edge by its end nodes' symbol size, which
// for wide boxes would swallow short arrows whole.
func StrategyMap(r *compute.Result, u *model.Unit, geo Geometry, href func(*model.Objective) string) *Chart {
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
			Name: pr.Perspective.Name + "\n" + number.Score(pr.Score.V, pr.Score.OK) + strings.Repeat("\u200b", i+3),
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
	statuses := []model.Status{model.Green, model.Amber, model.Red, model.None}
	var objCats []*opts.GraphCategory
	for _, s := range statuses {
		objCats = append(objCats, &opts.GraphCategory{Name: s.String(),
			ItemStyle: &opts.ItemStyle{Color: statusFill[s], BorderColor: "rgba(0,0,0,0.22)", BorderWidth: 1},
			Label:     &opts.Label{Show: opts.Bool(true), Color: statusLabelColour[s], FontSize: geo.Font, LineHeight: geo.Font + 3}})
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
			label := wrap(o.Name, max(8, int(b.w/(float64(geo.Font)*0.58))), 2) + "\n" + number.Score(or.Score.V, or.Score.OK) + " · " + or.Status.Label()
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
