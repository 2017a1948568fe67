package chart

import (
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// StrategyMap draws a unit's perspectives as lanes, top to bottom in config
// order, its strategic themes as bands side by side, its objectives as
// boxes with status and score, and its drives links as arrows from cause
// to effect. Each box links to its objective page (href), unless href is
// nil. Package maplayout places everything (maplayout.go gives it the
// sizes); this turns its layout into an ECharts option.
//
// Two graph series are stacked, the lanes (and theme names) under the
// boxes, with the arrows between them as graphic elements. ECharts scales
// a graph's bounding box to its container, so each series gets two
// invisible anchors at the corners, which makes x and y plain pixels (see
// the library notes).
//
// In a language written right to left the map is mirrored: the lanes'
// names on the right, causes on the right of their effects where the
// layout put them on the left.
func StrategyMap(r *compute.Result, u *model.Unit, geo Geometry, href func(*model.Objective) string, words *Words) *Chart {
	ur := r.Unit(u)
	ml := layoutMap(ur, u, geo)
	if words.shape.rtl {
		ml.mirror()
	}
	mapW, height := math.Ceil(ml.l.W), math.Ceil(ml.l.H)
	boxes, links := ml.boxNodes(r, href, words)
	id := "map-" + u.ID
	g := mapChart(id, ml.laneNodes(ur, geo, words), boxes, geo, ml.lineH, words.shape.rtl, mapW)
	g.Accept(extras{
		series: []seriesExtras{{z: 1, silent: true, noEmphasis: true}, {z: 3, cursor: "pointer", noEmphasis: true}},
		top:    map[string]any{"graphic": map[string]any{"elements": ml.graphics()}},
	})
	w := words.w
	label := w.Text("map_label", "unit", u.Name,
		"objectives", w.Count("map_objectives", len(u.Objectives)), "perspectives", w.Count("map_perspectives", len(ur.Perspectives)))
	if n := ml.themeCount(); n > 0 {
		label = w.Text("map_label_themed", "unit", u.Name,
			"objectives", w.Count("map_objectives", len(u.Objectives)), "perspectives", w.Count("map_perspectives", len(ur.Perspectives)),
			"themes", w.Count("map_themes", n))
	}
	return &Chart{
		ID:         id,
		Label:      label,
		Width:      int(mapW),
		Height:     int(height),
		Option:     optionJSON(g),
		Links:      links,
		Fit:        true,
		MinScale:   geo.MinScale,
		Themed:     ml.themeCount() > 0,
		PrintScale: math.Min(1, math.Floor(geo.PrintW/mapW*1000)/1000),
	}
}

var (
	noTip  = &opts.Tooltip{Show: opts.Bool(false)}
	hidden = &label{Label: &opts.Label{Show: opts.Bool(false)}}
)

// anchors are the two invisible nodes at the corners of a w × h map that
// make a graph series' x and y plain pixels.
func anchors(cat int, w, h float64) []opts.GraphNode {
	return []opts.GraphNode{
		{Name: "\u200b", X: 1, Y: 1, Symbol: "none", Category: cat, Tooltip: noTip},
		{Name: "\u200b\u200b", X: float32(w - 1), Y: float32(h - 1), Symbol: "none", Category: cat, Tooltip: noTip},
	}
}

// laneNodes are the lanes, each with its name and score, and the themes'
// names above them; their categories are mapChart's lane ones. A name must
// be unique in its series, so each ends in its own number of zero-width
// spaces.
func (ml *mapLayout) laneNodes(ur *compute.UnitResult, geo Geometry, words *Words) []opts.GraphNode {
	mapW, height := math.Ceil(ml.l.W), math.Ceil(ml.l.H)
	nodes := anchors(1, mapW, height)
	for i, pr := range ur.Perspectives {
		lane := ml.l.Lanes[i]
		name := wrap(PerspectiveName(words.w, pr.Perspective), int((geo.LabelW-20)/(float64(geo.LaneFont)*charWidth)), 2)
		nodes = append(nodes, opts.GraphNode{
			Name: name + "\n" + words.loc.Score(pr.Score.V, pr.Score.OK) + strings.Repeat("\u200b", i+3),
			X:    float32(mapW / 2), Y: float32((lane.Lo + lane.Hi) / 2),
			Symbol: "rect", SymbolSize: []int{int(mapW) - 2, int(lane.Hi-lane.Lo) - 2}, Category: 0, Tooltip: noTip,
			ItemStyle: &opts.ItemStyle{Color: laneFill(i), BorderColor: "transparent"},
		})
	}
	for b, theme := range ml.themes {
		if theme == "" {
			continue
		}
		band := ml.l.Bands[b]
		nodes = append(nodes, opts.GraphNode{
			Name: fitText(theme, band.Hi-band.Lo-16, geo.LaneFont) + strings.Repeat("\u200b", len(ur.Perspectives)+b+3),
			X:    float32((band.Lo + band.Hi) / 2), Y: float32(ml.top / 2),
			// ECharts draws no label for a node without a symbol.
			Symbol: "rect", SymbolSize: []int{int(band.Hi - band.Lo), int(ml.top - 4)}, Category: 2, Tooltip: noTip,
			ItemStyle: &opts.ItemStyle{Color: "transparent", BorderColor: "transparent"},
		})
	}
	return nodes
}

// mapStatuses are the boxes' categories, in order.
var mapStatuses = []model.Status{model.Green, model.Amber, model.Red, model.None}

// boxNodes are the objectives' boxes, each with its name, score and status,
// and the links site.js follows on a click, by node (none for the anchors;
// nil without href).
func (ml *mapLayout) boxNodes(r *compute.Result, href func(*model.Objective) string, words *Words) ([]opts.GraphNode, []string) {
	nodes := anchors(len(mapStatuses), math.Ceil(ml.l.W), math.Ceil(ml.l.H))
	links := []string{"", ""}
	seen := map[string]int{}
	for i, o := range ml.objs {
		b := ml.l.Boxes[i]
		c := b.Centre()
		or := r.Objective(o)
		label := wrap(o.Name, ml.chars, mapNameLines) + "\n" + words.loc.Score(or.Score.V, or.Score.OK) + " · " + or.Status.Icon() + " " + words.w.Text("status_"+or.Status.String())
		name := label + strings.Repeat("\u200b", seen[label]) // names must be unique in a series
		seen[label]++
		nodes = append(nodes, opts.GraphNode{
			Name: name, X: float32(c.X), Y: float32(c.Y),
			Symbol: roundedRect(b.W, b.H, 7), SymbolSize: []int{int(b.W), int(b.H)},
			Category: slices.Index(mapStatuses, or.Status),
		})
		links = append(links, "")
		if href != nil {
			links[len(links)-1] = href(o)
		}
	}
	if href == nil {
		links = nil
	}
	return nodes, links
}

// mapChart is the map's graph: the lanes' series under the boxes', in their
// styles. The categories are styles, not a key to read: the map has no
// legend.
func mapChart(id string, lanes, boxes []opts.GraphNode, geo Geometry, lineH float32, rtl bool, mapW float64) *charts.Graph {
	pill := func(bg, position string, padding []int) *label {
		return &label{Label: &opts.Label{Show: opts.Bool(true), Color: mapLabelText, BackgroundColor: bg, BorderRadius: 4,
			FontSize: geo.LaneFont, FontWeight: "bold", LineHeight: geo.LaneFont + 4, Position: position}, Padding: padding}
	}
	laneLabel := pill(mapLaneLabel, "insideLeft", []int{5, 8})
	laneLabel.Width, laneLabel.Overflow = geo.LabelW-28, "break"
	if rtl {
		// The names' column is on the right: the label moves from the
		// lane's left end to the same place from its right end (the lane
		// is 2 pixels narrower than the map; the label sits 5 in from the
		// end it starts at and is LabelW-12 wide with its padding).
		laneLabel.Offset = []float64{mapW - 2 - geo.LabelW + 2, 0}
	}
	laneCats := []graphCategory{{Name: "lane", Label: laneLabel}, {Name: "anchor", Label: hidden},
		{Name: "theme", Label: pill(mapThemeLabel, "inside", []int{4, 10})}}
	var boxCats []graphCategory
	for _, s := range mapStatuses {
		st := mapStatus[s]
		boxCats = append(boxCats, graphCategory{Name: s.String(),
			ItemStyle: &itemStyle{ItemStyle: &opts.ItemStyle{Color: st.fill, BorderColor: st.border, BorderWidth: 1.5}, BorderType: st.borderType},
			Label:     &label{Label: &opts.Label{Show: opts.Bool(true), Color: st.text, FontSize: geo.Font, LineHeight: lineH}}})
	}
	boxCats = append(boxCats, graphCategory{Name: "anchor", Label: hidden})

	g := charts.NewGraph()
	g.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
	)
	graph := func(cats []graphCategory) []charts.SeriesOpts {
		return []charts.SeriesOpts{
			charts.WithGraphChartOpts(opts.GraphChart{Layout: "none", Roam: opts.Bool(false)}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Categories = cats
				s.Left, s.Top, s.Right, s.Bottom = "0", "0", "0", "0"
			}),
		}
	}
	g.AddSeries("lanes", lanes, nil, graph(laneCats)...)
	g.AddSeries("objectives", boxes, nil, graph(boxCats)...)
	return g
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
		return "rgba(120,144,156,0.12)"
	}
	return "rgba(120,144,156,0.05)"
}
