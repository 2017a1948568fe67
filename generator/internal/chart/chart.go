// Package chart makes the charts of the pages: the option of each ECharts
// chart (a measure's history, an objective's score history, a unit's
// strategy map, laid out by package maplayout) as JSON that is safe inside
// a <script type="application/json"> element, and the sparklines of the
// scorecard tables as inline SVG. The options are built with go-echarts'
// typed options; echarts.go adds what go-echarts has no field for. It
// formats no number of its own: the pages' words and numbers come in with
// the results.
package chart

import (
	"encoding/json"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// Chart is an ECharts chart on a page. The option is emitted by html/template
// as JSON inside <script type="application/json"> (so a name can never close
// the script or become code), and the theme's site.js draws it.
type Chart struct {
	ID     string
	Label  string // what the chart shows, for screen readers
	Width  int    // pixels; 0 means the container's width
	Height int
	Option template.JS // JSON, see chartJSON
	// Links are the pages of the data items of the chart's linked series, by
	// data index; site.js follows them on click.
	Links []string
	// A chart that fits is drawn at Width × Height and shrunk to fit its
	// box: on screen down to MinScale, below which the box scrolls; in
	// print by PrintScale.
	Fit                  bool
	MinScale, PrintScale float64
	// Themed is true for a strategy map with strategic themes.
	Themed bool
}

// chartJSON encodes a chart's option once, in Go, for the theme to place in a
// <script type="application/json"> element as it is. encoding/json sorts map
// keys, so the bytes are stable, and escapes <, >, & and U+2028/U+2029 as
// \u escapes, so that no text can close the script element or break out of a
// string.
func chartJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the options are ours; failing to encode them is a bug
	}
	return jsOf(b)
}

// A chartShape is a chart's option without its data, the members encoded:
// a shape is built with go-echarts and encoded once, and shared by every
// chart that has it, which adds only its data.
type chartShape struct {
	top    members   // every option but series and xAxis
	series []members // each series, without its data
	xAxis  members   // the first x axis, without its data
}

// members are the encoded members of a JSON object, keys sorted.
type members struct {
	keys []string
	raw  map[string]json.RawMessage
}

// member is one more member of an object, already encoded.
type member struct {
	key string
	raw []byte
}

// encode appends the object with the extra members to b, keys in sorted
// order as encoding/json writes a map. The extra keys must be new.
func (ms members) encode(b []byte, extra ...member) []byte {
	slices.SortFunc(extra, func(x, y member) int { return strings.Compare(x.key, y.key) })
	b = append(b, '{')
	i, j := 0, 0
	for i < len(ms.keys) || j < len(extra) {
		if i+j > 0 {
			b = append(b, ',')
		}
		var key string
		var raw []byte
		if j == len(extra) || i < len(ms.keys) && ms.keys[i] < extra[j].key {
			key, raw = ms.keys[i], ms.raw[ms.keys[i]]
			i++
		} else {
			key, raw = extra[j].key, extra[j].raw
			j++
		}
		b = appendJSONString(b, key)
		b = append(b, ':')
		b = append(b, raw...)
	}
	return append(b, '}')
}

func encodeMembers(m map[string]any) members {
	ms := members{raw: make(map[string]json.RawMessage, len(m))}
	for k, v := range m {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		ms.keys = append(ms.keys, k)
		ms.raw[k] = b
	}
	slices.Sort(ms.keys)
	return ms
}

// newChartShape splits an option with no x-axis data and no series data into
// encoded members.
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

// The data of a chart, thousands of numbers per page, is encoded here rather
// than by encoding/json's reflection, in the same form.

// appendJSONValues appends a JSON array of numbers and nulls: each value
// that is not OK is null. The values are typed rather than boxed in an
// interface: a page's charts hold hundreds of them, and boxing each number
// was an allocation.
func appendJSONValues(b []byte, vs []model.Opt) []byte {
	return valuesArray(vs).prefix(b, len(vs))
}

// A prefixArray is a JSON array encoded once, whose every prefix can be had
// without encoding it again.
type prefixArray struct {
	elems []byte // the elements, each followed by a comma
	ends  []int  // where each element ends in elems
}

// prefix appends the array of the first n elements to b.
func (a prefixArray) prefix(b []byte, n int) []byte {
	b = append(b, '[')
	if n > 0 {
		b = append(b, a.elems[:a.ends[n-1]]...)
	}
	return append(b, ']')
}

// size is the length of the array of the first n elements.
func (a prefixArray) size(n int) int {
	if n == 0 {
		return 2
	}
	return a.ends[n-1] + 2
}

// valuesArray encodes an array of numbers and nulls: each value that is
// not OK is null.
func valuesArray(vs []model.Opt) prefixArray {
	a := prefixArray{elems: make([]byte, 0, 8*len(vs)), ends: make([]int, len(vs))}
	b := a.elems
	// Thresholds, and so the target line and the bands, are mostly the same
	// from one period to the next: a repeated number is copied, not formatted.
	var last float64
	lastAt, lastEnd := -1, -1
	for i, o := range vs {
		switch v := o.V; {
		case !o.OK:
			b = append(b, "null"...)
		case lastAt >= 0 && v == last && math.Signbit(v) == math.Signbit(last):
			b = append(b, b[lastAt:lastEnd]...)
		default:
			lastAt = len(b)
			b = appendJSONFloat(b, v)
			last, lastEnd = v, len(b)
		}
		a.ends[i] = len(b)
		b = append(b, ',')
	}
	a.elems = b
	return a
}

// stringsArray encodes an array of strings.
func stringsArray(ss []string) prefixArray {
	a := prefixArray{ends: make([]int, len(ss))}
	for i, s := range ss {
		a.elems = appendJSONString(a.elems, s)
		a.ends[i] = len(a.elems)
		a.elems = append(a.elems, ',')
	}
	return a
}

// appendJSONFloat formats f as encoding/json does: the shortest decimal
// that reads back as f, with an exponent only below 1e-6 or from 1e21.
func appendJSONFloat(b []byte, f float64) []byte {
	if !number.Finite(f) {
		// JSON has no such number. Site refuses a result that holds one
		// (checkNumbers), and a band too wide to represent is left out
		// (bands): none gets here, and should one, it is a gap, not a panic.
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONStrings appends a JSON array of strings.
func appendJSONStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted. Plain printable ASCII is copied; any
// other string goes through encoding/json, which escapes <, >, & and
// U+2028/U+2029 for a script element.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			raw, err := json.Marshal(s)
			if err != nil {
				panic(err)
			}
			return append(b, raw...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
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

// jsOf is the encoded option b as template.JS, without a copy: b is made
// for its chart and never written again. The copy was 48 of the 806 MB a
// build of the M workload allocated, all of it garbage once the page was
// written.
func jsOf(b []byte) template.JS { return template.JS(unsafe.String(unsafe.SliceData(b), len(b))) }
