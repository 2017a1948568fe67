package chart

import (
	"bytes"
	"encoding/json"
	"html/template"
	"reflect"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The charts are built with go-echarts' typed options. This file is the one
// place for what go-echarts has no field for, and for turning a chart into
// its option: everything else in the package speaks go-echarts.
//
// go-echarts' own page and script output is never used: it writes the
// option unescaped into a script (see the library notes). The option is
// taken as a value and encoded here (optionJSON) or by a chart shape
// (optionMap), escaped for a script element.

// echartsChart is a go-echarts chart.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// optionJSON encodes the option of a chart drawn once, such as a unit's
// strategy map. The top-level keys come sorted, the members of go-echarts'
// objects in the order of their fields: either way the same chart is the
// same bytes.
func optionJSON(c echartsChart) template.JS {
	c.Validate()
	return chartJSON(c.JSON())
}

// optionMap returns the option of a chart shape, which is built once and
// split into its members (newChartShape), as a plain value: objects are
// maps, so that every key comes sorted, as in the shapes' data, and numbers
// keep the text go-echarts gave them.
func optionMap(c echartsChart) map[string]any {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		panic(err) // the options are ours; failing to encode them is a bug
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		panic(err)
	}
	return m
}

// extras are the members of an option that go-echarts has no field for. A
// chart takes them as its ConfigurationVisitor (Accept), which adds them as
// the chart is turned into JSON.
type extras struct {
	charts.BaseConfigurationVisitor
	series []seriesExtras // by series index
	top    map[string]any // members of the option itself: "graphic", "scorecard"
	legend bool           // whether the chart has a legend
	// yLabelWidth, when set, cuts the labels of the y axis to that many
	// pixels with an ellipsis: long names would squeeze the chart.
	yLabelWidth int
}

// seriesExtras are the members of a series go-echarts has no field for.
type seriesExtras struct {
	z int
	// silent series take no pointer events: nothing happens on hover or
	// click, and they do not block the series above them.
	silent     bool
	cursor     string
	noEmphasis bool // hover changes nothing
	noTooltip  bool
	// silentMarkArea: the series' mark areas take no pointer events.
	silentMarkArea bool
}

// series is a go-echarts series with its extras. A member declared here
// hides the one of the same name in SingleSeries (encoding/json takes the
// shallower field): VisitSeriesOpt copies the go-echarts value into it.
type series struct {
	charts.SingleSeries
	Z        int            `json:"z,omitempty"`
	Silent   bool           `json:"silent,omitempty"`
	Cursor   string         `json:"cursor,omitempty"`
	Emphasis *emphasis      `json:"emphasis,omitempty"`
	Tooltip  *seriesTooltip `json:"tooltip,omitempty"`
	MarkArea *markArea      `json:"markArea,omitempty"`
}

type emphasis struct {
	*opts.Emphasis
	Disabled bool `json:"disabled,omitempty"`
}

type seriesTooltip struct {
	*opts.SeriesTooltip
	Show *bool `json:"show,omitempty"`
}

type markArea struct {
	*opts.MarkAreas
	Silent bool `json:"silent,omitempty"`
}

// VisitSeriesOpt adds each series' extras.
func (x extras) VisitSeriesOpt(ms charts.MultiSeries) any {
	out := make([]series, len(ms))
	for i, s := range ms {
		// go-echarts copies options it was not given into the series'
		// interface fields as typed nils (a graph's links, force and edge
		// label), which encode as null rather than being left out.
		for _, f := range []*any{&s.Links, &s.Force, &s.EdgeLabel, &s.Categories, &s.Data} {
			if v := reflect.ValueOf(*f); v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice) && v.IsNil() {
				*f = nil
			}
		}
		out[i] = series{SingleSeries: s}
		if i >= len(x.series) {
			continue
		}
		e := x.series[i]
		o := &out[i]
		o.Z, o.Silent, o.Cursor = e.z, e.silent, e.cursor
		if s.Emphasis != nil || e.noEmphasis {
			o.Emphasis = &emphasis{Emphasis: s.Emphasis, Disabled: e.noEmphasis}
		}
		if s.SeriesTooltip != nil || e.noTooltip {
			o.Tooltip = &seriesTooltip{SeriesTooltip: s.SeriesTooltip}
			if e.noTooltip {
				o.Tooltip.Show = opts.Bool(false)
			}
		}
		if s.MarkAreas != nil {
			o.MarkArea = &markArea{MarkAreas: s.MarkAreas, Silent: e.silentMarkArea}
		}
	}
	return out
}

// VisitYAxis gives the y axes' labels their width.
func (x extras) VisitYAxis(list []opts.YAxis) any {
	if x.yLabelWidth == 0 {
		return list
	}
	out := make([]yAxis, len(list))
	for i, a := range list {
		out[i] = yAxis{YAxis: a, AxisLabel: &axisLabel{AxisLabel: a.AxisLabel, Width: x.yLabelWidth, Overflow: "truncate"}}
	}
	return out
}

// Visit adds the option's own extras, and drops what go-echarts always
// writes that the charts do not use: an empty toolbox, its default palette
// (every series has its colours), and the legend of a chart without one
// (ECharts draws a legend for an empty legend object).
func (x extras) Visit(m map[string]any) {
	delete(m, "toolbox")
	delete(m, "color")
	if !x.legend {
		delete(m, "legend")
	}
	for k, v := range x.top {
		m[k] = v
	}
}

// Nested objects that lack a member: each embeds the go-echarts type and
// adds what ECharts reads that it has no field for.

// label adds the size and padding of a label's box: go-echarts' Padding is
// a string, which ECharts does not read.
type label struct {
	*opts.Label
	Padding  []int     `json:"padding,omitempty"`
	Width    float64   `json:"width,omitempty"`
	Overflow string    `json:"overflow,omitempty"`
	Offset   []float64 `json:"offset,omitempty"`
}

// yAxis is opts.YAxis with the label below.
type yAxis struct {
	opts.YAxis
	AxisLabel *axisLabel `json:"axisLabel,omitempty"`
}

// axisLabel adds the width of an axis label and what happens to text
// beyond it.
type axisLabel struct {
	*opts.AxisLabel
	Width    int    `json:"width,omitempty"`
	Overflow string `json:"overflow,omitempty"`
}

// itemStyle adds the type of the border: solid, dashed or dotted.
type itemStyle struct {
	*opts.ItemStyle
	BorderType string `json:"borderType,omitempty"`
}

// graphCategory is opts.GraphCategory with the label and item style above.
type graphCategory struct {
	Name      string     `json:"name"`
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
	Label     *label     `json:"label,omitempty"`
}

// yAreaStart is the first corner of a mark area across the chart from one
// value of the y axis, in its colour. go-echarts' MarkAreaData names the
// member "YAxis", which ECharts does not read; the second corner is an
// opts.MarkAreaNameYAxisItem.
type yAreaStart struct {
	YAxis     any             `json:"yAxis"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// graphic is an element of ECharts' graphic component, which draws shapes
// in pixels over the chart; go-echarts has no such component. The map
// draws its arrows and separators with it.
type graphic struct {
	Type   string       `json:"type"`
	Silent bool         `json:"silent"`
	Z      int          `json:"z"`
	Shape  any          `json:"shape"` // lineShape or pointsShape
	Style  graphicStyle `json:"style"`
}

type lineShape struct {
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
	X2 float64 `json:"x2"`
	Y2 float64 `json:"y2"`
}

// pointsShape is a polyline's or a polygon's.
type pointsShape struct {
	Points [][2]float64 `json:"points"`
}

type graphicStyle struct {
	Stroke    string    `json:"stroke,omitempty"`
	Fill      string    `json:"fill,omitempty"`
	LineWidth float64   `json:"lineWidth,omitempty"`
	LineDash  []float64 `json:"lineDash,omitempty"`
	LineJoin  string    `json:"lineJoin,omitempty"`
}

// siteJSMember is the option's "scorecard" member, which ECharts ignores and
// site.js reads: how to show the chart's numbers, and which series the
// tooltip lists.
type siteJSMember struct {
	Format numberFormat `json:"format"`
	Series []string     `json:"series"`
}

type numberFormat struct {
	Grouping bool `json:"grouping"`
	Min      int  `json:"min"`
	Max      int  `json:"max"`
	Percent  bool `json:"percent"`
}
