package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// StrategyMap draws a unit's perspectives as lanes, top to bottom in config
// order, its objectives as boxes coloured by status, and its drives links as
// arrows from cause to effect. Each box links to its objective page (href),
// unless href is nil.
//
// Three graph series are stacked: the lanes, the arrows, the boxes. ECharts
// scales a graph's bounding box to its container, so each series gets two
// invisible anchors at the corners, which makes x and y plain pixels (see the
// library notes). Arrows run between invisible port nodes placed on the edges
// of the boxes: ECharts shortens an edge by its end nodes' symbol size, which
// for wide boxes would swallow short arrows whole. Where the lanes, boxes
// and arrows go is maplayout.go's.
func StrategyMap(r *compute.Result, u *model.Unit, geo Geometry, href func(*model.Objective) string) *Chart {
	ur := r.Unit(u)
	boxes, laneTops, height := layoutMap(ur, geo)
	c := canvas{w: geo.W, h: float64(height)}
	lanes := graphSeries(1, "lanes", c.laneCategories(geo), c.lanes(ur, laneTops))
	lanes["silent"] = true
	ports, links := c.arrows(mapArrows(u, boxes, geo))
	arrows := graphSeries(2, "arrows", []any{obj{"name": "port", "label": obj{"show": false}}}, ports)
	arrows["silent"] = true
	arrows["links"] = links
	arrows["lineStyle"] = obj{"color": "#607d8b", "width": 1.6, "opacity": 0.9}
	nodes, hrefs := c.boxes(r, ur, boxes, geo, href)
	objectives := graphSeries(3, "objectives", boxCategories(geo), nodes)
	objectives["cursor"] = "pointer"
	option := obj{
		"animation": false,
		"title":     obj{},
		"tooltip":   obj{"show": false},
		"series":    []any{lanes, arrows, objectives},
	}
	return &Chart{
		ID:     "map-" + u.ID,
		Label:  fmt.Sprintf("Strategy map of %s: %d objectives in %d perspectives, coloured by status, with arrows from cause to effect. The same objectives are listed in the table below.", u.Name, len(u.Objectives), len(ur.Perspectives)),
		Width:  int(geo.W),
		Height: height,
		Option: chartJSON(option),
		Links:  hrefs,
	}
}

// graphSeries is one of the map's graph series, z-th from the bottom, its
// nodes placed in pixels. Hover emphasis would fade the lanes and arrows: the
// map is read, not explored.
func graphSeries(z int, name string, categories, data []any) obj {
	return obj{
		"type": "graph", "name": name, "z": z, "layout": "none", "roam": false,
		"categories": categories, "data": data,
		"edgeSymbol": []string{"none", "arrow"}, "edgeSymbolSize": []int{0, 9},
		"left": "0", "top": "0", "right": "0", "bottom": "0",
		"emphasis": obj{"disabled": true},
	}
}

// canvas is the map's size in pixels.
type canvas struct{ w, h float64 }

var noTooltip = obj{"show": false}

// anchors are the two invisible nodes, of category cat, at the corners of the
// canvas.
func (c canvas) anchors(cat int) []any {
	return []any{
		obj{"name": "\u200b", "x": 1, "y": 1, "symbol": "none", "category": cat, "tooltip": noTooltip},
		obj{"name": "\u200b\u200b", "x": f32(c.w - 1), "y": f32(c.h - 1), "symbol": "none", "category": cat, "tooltip": noTooltip},
	}
}

// laneCategories style the lanes' names, and hide the anchors'.
func (c canvas) laneCategories(geo Geometry) []any {
	return []any{
		obj{"name": "lane", "label": obj{"show": true, "position": "insideLeft", "color": "#78909c", "fontSize": geo.Font + 1,
			"fontWeight": "bold", "lineHeight": geo.Font + 7, "padding": "0 0 0 10"}},
		obj{"name": "anchor", "label": obj{"show": false}},
	}
}

// lanes are a node per perspective, a band the width of the map named for
// the perspective and its score. A name must be unique in its series, so
// each ends in its own number of zero-width spaces.
func (c canvas) lanes(ur *compute.UnitResult, tops []float64) []any {
	nodes := c.anchors(1)
	for i, pr := range ur.Perspectives {
		h := tops[i+1] - tops[i]
		nodes = append(nodes, obj{
			"name": pr.Perspective.Name + "\n" + number.Score(pr.Score.V, pr.Score.OK) + strings.Repeat("\u200b", i+3),
			"x":    f32(c.w / 2), "y": f32(tops[i] + h/2),
			"symbol": "rect", "symbolSize": []int{int(c.w) - 4, int(h) - 4}, "category": 0, "tooltip": noTooltip,
			"itemStyle": obj{"color": laneFill(i), "borderColor": "transparent"},
		})
	}
	return nodes
}

// arrows are the ports, two invisible nodes for each arrow, and the links
// between them.
func (c canvas) arrows(as []arrow) (ports, links []any) {
	ports = c.anchors(0)
	for _, a := range as {
		from, to := len(ports), len(ports)+1
		for _, p := range [][2]float64{a.from, a.to} {
			ports = append(ports, obj{
				"name": fmt.Sprintf("\u200b%d", len(ports)), "x": f32(p[0]), "y": f32(p[1]),
				"symbol": "none", "symbolSize": []int{1, 1}, "category": 0, "tooltip": noTooltip,
			})
		}
		style := obj{}
		if a.curve != 0 {
			style["curveness"] = f32(a.curve)
		}
		links = append(links, obj{"source": from, "target": to, "lineStyle": style})
	}
	return ports, links
}

// mapStatuses are the categories of the boxes, in order, then the anchors'.
var mapStatuses = []model.Status{model.Green, model.Amber, model.Red, model.None}

// boxCategories style a box by its status.
func boxCategories(geo Geometry) []any {
	var cats []any
	for _, s := range mapStatuses {
		cats = append(cats, obj{"name": s.String(),
			"itemStyle": obj{"color": statusFill[s], "borderColor": "rgba(0,0,0,0.22)", "borderWidth": 1},
			"label":     obj{"show": true, "color": statusLabelColour[s], "fontSize": geo.Font, "lineHeight": geo.Font + 3}})
	}
	return append(cats, obj{"name": "anchor", "label": obj{"show": false}})
}

// boxes are a node per objective, labelled with its name, score and status,
// and the page each links to, by node (none for the anchors; nil without
// href).
func (c canvas) boxes(r *compute.Result, ur *compute.UnitResult, boxes map[*model.Objective]box, geo Geometry, href func(*model.Objective) string) ([]any, []string) {
	nodes := c.anchors(len(mapStatuses))
	links := []string{"", ""}
	seen := map[string]int{}
	for _, pr := range ur.Perspectives {
		for _, o := range pr.Objectives {
			b := boxes[o]
			or := r.Objective(o)
			label := wrap(o.Name, max(8, int(b.w/(geo.Font*0.58))), 2) + "\n" + number.Score(or.Score.V, or.Score.OK) + " · " + or.Status.Label()
			name := label + strings.Repeat("\u200b", seen[label]) // names must be unique in a series
			seen[label]++
			nodes = append(nodes, obj{
				"name": name, "x": f32(b.x), "y": f32(b.y),
				"symbol": roundedRect(b.w, b.h, 7), "symbolSize": []int{int(b.w), int(b.h)},
				"category": slices.Index(mapStatuses, or.Status),
			})
			if href != nil {
				links = append(links, href(o))
			}
		}
	}
	if href == nil {
		links = nil
	}
	return nodes, links
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
