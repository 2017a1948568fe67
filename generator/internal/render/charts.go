package render

import (
	"encoding/json"
	"html/template"
	"strings"
)

// Chart is an ECharts chart on a page. The option is emitted by html/template
// as JSON inside <script type="application/json"> (so a name can never close
// the script or become code), and the theme's site.js draws it. go-echarts'
// own script output is never used: it writes the option unescaped.
type Chart struct {
	ID     string
	Label  string // what the chart shows, for screen readers
	Width  int    // pixels; 0 means the container's width
	Height int
	Option template.JS // JSON, see chartJSON
	// Links are the pages of the data items of the chart's linked series, by
	// data index; site.js follows them on click.
	Links []string
}

// optionMap turns a go-echarts chart into a plain map: encoding/json sorts the
// keys, so the page bytes are stable, and the few options go-echarts cannot
// express are set on the map.
func optionMap(c interface {
	Validate()
	JSON() map[string]any
}) map[string]any {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		panic(err) // the options are ours; failing to encode them is a bug
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	// go-echarts always emits an empty toolbox, a palette we do not use and
	// nulls for options not set; they would only add noise to every page.
	delete(m, "toolbox")
	delete(m, "color")
	return prune(m).(map[string]any)
}

// chartJSON encodes a chart's option once, in Go, for the theme to place in a
// <script type="application/json"> element as it is. encoding/json sorts map
// keys, so the bytes are stable, and escapes <, >, & and U+2028/U+2029 as
// \u escapes, so that no text can close the script element or break out of a
// string: exactly what html/template would have written for the map, which it
// used to encode a second time for every page.
func chartJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the options are ours; failing to encode them is a bug
	}
	return template.JS(b)
}

// A chartShape is a chart's option without its data, the members encoded:
// the parts of a chart that go-echarts builds are built once and shared by
// every chart of the same shape.
type chartShape struct {
	top    members   // every option but series and xAxis
	series []members // each series, without its data
	xAxis  members   // the first x axis, without its data
}

// members are the encoded members of a JSON object.
type members map[string]json.RawMessage

// with returns the object with one more member, as a map encoding/json writes
// with sorted keys.
func (ms members) with(key string, v any) map[string]any {
	out := make(map[string]any, len(ms)+3)
	for k, m := range ms {
		out[k] = m
	}
	out[key] = v
	return out
}

func encodeMembers(m map[string]any) members {
	out := make(members, len(m))
	for k, v := range m {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		out[k] = b
	}
	return out
}

// newChartShape splits an option map (from optionMap, with no x-axis data and
// no series data) into encoded members.
func newChartShape(opt map[string]any) *chartShape {
	sh := &chartShape{}
	for _, s := range opt["series"].([]any) {
		sh.series = append(sh.series, encodeMembers(s.(map[string]any)))
	}
	x := opt["xAxis"].([]any)[0].(map[string]any)
	delete(x, "data")
	sh.xAxis = encodeMembers(x)
	delete(opt, "series")
	delete(opt, "xAxis")
	sh.top = encodeMembers(opt)
	return sh
}

// prune drops null members of objects, recursively.
func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = prune(e)
		}
	case []any:
		for i, e := range x {
			x[i] = prune(e)
		}
	}
	return v
}

// Status colours, shared with site.css.
var statusColour = map[string]string{
	"green": "#2e7d32",
	"amber": "#f2a900",
	"red":   "#c62828",
	"none":  "#9aa0a6",
}

var statusText = map[string]string{
	"green": "#ffffff",
	"amber": "#1b1b1b",
	"red":   "#ffffff",
	"none":  "#1b1b1b",
}

// wrap breaks text into at most maxLines lines of at most width characters,
// ending with an ellipsis where it had to cut.
func wrap(text string, width, maxLines int) string {
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(text) {
		r := []rune(w)
		if len(r) > width {
			r = append(r[:width-1], '…')
		}
		switch {
		case len(cur) == 0:
			cur = r
		case len(cur)+1+len(r) <= width:
			cur = append(append(cur, ' '), r...)
		default:
			lines = append(lines, string(cur))
			cur = r
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if len(lines) > maxLines {
		last := []rune(lines[maxLines-1])
		if len(last) >= width {
			last = last[:width-1]
		}
		lines = append(lines[:maxLines-1], string(last)+"…")
	}
	return strings.Join(lines, "\n")
}
