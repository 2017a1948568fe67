package chart

import (
	"bytes"
	"slices"
	"strconv"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// History draws a measure's actuals over its periods, the target as a
// dashed line, and the bands between red, target and stretch (the band of a
// range measure) as shaded areas. A missing actual is a gap in the line.
//
// The bands are stacked areas: an invisible base line, then the width of each
// band on top of it. The tooltip reads only the actual and the target.
//
// In a language written right to left, time runs right to left and the
// value axis is on the right.
func History(m *model.Measure, hist []compute.PeriodResult, words *Words) *Chart {
	return NewHistories(m, hist, words).Chart(len(hist))
}

// Histories are the history charts of a measure as of each period of its
// history: the chart of its first n periods is History of hist[:n]. A past
// review period's history is the as-of period's, less the newer periods
// (docs/site.md, "Review periods"), so every review's chart of the measure
// is one of them. The option is encoded once, with a mark in place of each
// array of data; each array is encoded once, with where each element ends;
// a chart of n periods copies the option's text between the marks and the
// first n elements of each array.
type Histories struct {
	id, label string
	text      [][]byte      // the option's text around the arrays
	arrays    []prefixArray // the array after each text but the last
}

// NewHistories encodes the history charts of m over hist, in words'
// language.
func NewHistories(m *model.Measure, hist []compute.PeriodResult, words *Words) *Histories {
	xs := make([]string, len(hist))
	actual := make([]model.Opt, len(hist))
	target := make([]model.Opt, len(hist))
	for i, h := range hist {
		xs[i] = words.names.ShortName(h.Period)
		actual[i] = h.Actual
		target[i] = h.Target
	}
	h := &Histories{
		id:    "history-" + m.Unit.ID + "-" + m.ID,
		label: words.w.Text("history_label", "measure", m.Name),
	}
	var arrays []prefixArray
	for _, data := range append(bandData(bands(m, hist)), target, actual) {
		arrays = append(arrays, valuesArray(data))
	}
	arrays = append(arrays, stringsArray(xs))
	// A mark is a NUL byte and the array's index, which no encoded JSON
	// holds: encoding/json and appendJSONString escape control characters.
	mark := func(i int) []byte { return []byte{0, byte(i)} }
	sh := historyShapeOf(m.Polarity, words.shape)
	series := []byte{'['}
	for i := range len(arrays) - 1 {
		if i > 0 {
			series = append(series, ',')
		}
		series = sh.series[i].encode(series, member{"data", mark(i)})
	}
	series = append(series, ']')
	xAxis := append(sh.xAxis.encode([]byte{'['}, member{"data", mark(len(arrays) - 1)}), ']')
	format := words.historyScorecard(m.Format, m.DisplayUnit)
	opt := sh.top.encode(nil, member{"series", series}, member{"xAxis", xAxis}, member{"scorecard", format})
	for {
		i := bytes.IndexByte(opt, 0)
		if i < 0 {
			break
		}
		h.text = append(h.text, opt[:i])
		h.arrays = append(h.arrays, arrays[opt[i+1]])
		opt = opt[i+2:]
	}
	h.text = append(h.text, opt)
	return h
}

// Chart is the history chart of the first n periods, 0 < n <= len(hist).
func (h *Histories) Chart(n int) *Chart {
	size := 0
	for i, t := range h.text {
		size += len(t)
		if i < len(h.arrays) {
			size += h.arrays[i].size(n)
		}
	}
	opt := make([]byte, 0, size)
	for i, t := range h.text {
		opt = append(opt, t...)
		if i < len(h.arrays) {
			opt = h.arrays[i].prefix(opt, n)
		}
	}
	return &Chart{ID: h.id, Label: h.label, Height: 320, Option: jsOf(opt)}
}

// historyScorecard is the encoded "scorecard" member of a history chart: how
// site.js formats the measure's numbers on the axis and in the tooltip (the
// format's digits, and the text the language puts around a value of 1 in
// its currency and scale), and which series the tooltip shows. It is
// written here rather than by encoding/json: every measure page has one.
func (w *Words) historyScorecard(f number.Format, unit string) []byte {
	return w.scorecardMember(f, unit, []string{w.shape.actual, w.shape.target})
}

// scorecardMember is the encoded "scorecard" member of a chart of a
// measure's numbers of format f and unit, whose tooltip shows series.
func (w *Words) scorecardMember(f number.Format, unit string, series []string) []byte {
	b := make([]byte, 0, 128)
	b = append(b, `{"format":{"grouping":`...)
	b = strconv.AppendBool(b, f.Grouping)
	b = append(b, `,"max":`...)
	b = strconv.AppendInt(b, int64(f.MaxDec), 10)
	b = append(b, `,"min":`...)
	b = strconv.AppendInt(b, int64(f.MinDec), 10)
	b = append(b, `,"percent":`...)
	b = strconv.AppendBool(b, f.Percent)
	if f.Currency || f.Scale != number.NoScale {
		pre, post, power := w.loc.Affixes(f, unit)
		b = append(b, `,"post":`...)
		b = appendJSONString(b, post)
		b = append(b, `,"power":`...)
		b = strconv.AppendInt(b, int64(power), 10)
		b = append(b, `,"pre":`...)
		b = appendJSONString(b, pre)
	}
	b = append(b, `},"series":`...)
	b = appendJSONStrings(b, series)
	return append(b, '}')
}

func bandData(bs []band) [][]model.Opt {
	out := make([][]model.Opt, len(bs))
	for i, b := range bs {
		out[i] = b.data
	}
	return out
}

// A history chart's options other than its data depend only on the measure's
// polarity (the colours of the bands), so they are built and encoded once
// for each polarity and every measure's chart reuses them. Building and
// encoding them anew for each of thousands of measures was a sixth of the
// render time.
// They are kept for each language's words as well, so a build in one
// language builds them once.
var historyShapes sync.Map // historyKey → *chartShape

type historyKey struct {
	pol   model.Polarity
	words shapeWords
}

func historyShapeOf(pol model.Polarity, words shapeWords) *chartShape {
	if pol != model.Lower && pol != model.Range {
		pol = model.Higher // bands shade any other as higher
	}
	k := historyKey{pol, words}
	if sh, ok := historyShapes.Load(k); ok {
		return sh.(*chartShape)
	}
	sh, _ := historyShapes.LoadOrStore(k, historyShape(pol, words))
	return sh.(*chartShape)
}

// axes are the axes and grid of a chart over time: in a language written
// right to left, time runs leftwards and the values are on the right.
func axes(words shapeWords, y opts.YAxis, grid opts.Grid) []charts.GlobalOpts {
	x := opts.XAxis{Type: "category"}
	if words.rtl {
		x.Inverse = opts.Bool(true)
		y.Position = "right"
		grid.Left, grid.Right = grid.Right, grid.Left
	}
	return []charts.GlobalOpts{charts.WithYAxisOpts(y), charts.WithXAxisOpts(x), charts.WithGridOpts(grid)}
}

// legend lays a chart's legend out as the language reads: in one written
// right to left its entries, names, run from the right, each with its mark
// on the right of its text. names may be nil where the legend lists every
// series in a language written left to right.
func legend(words shapeWords, l opts.Legend, names []string) opts.Legend {
	if !words.rtl {
		if names != nil {
			l.Data = names
		}
		return l
	}
	l.Align = "right"
	r := slices.Clone(names)
	slices.Reverse(r)
	l.Data = r
	return l
}

// historyShape is the history chart of a measure of polarity pol with no
// periods and no data.
func historyShape(pol model.Polarity, words shapeWords) *chartShape {
	bs := bands(&model.Measure{Polarity: pol}, nil)
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "history", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(legend(words, opts.Legend{Show: opts.Bool(true), Bottom: "0"}, []string{words.actual, words.target})),
	)
	l.SetGlobalOptions(axes(words, opts.YAxis{Scale: opts.Bool(true)}, opts.Grid{Left: "64", Right: "24", Top: "24", Bottom: "56"})...)
	x := extras{legend: true}
	// Each band is an invisible line, stacked on the ones before, whose
	// area (but the base's) is the band: silent, and left out of the
	// tooltip.
	stack := charts.WithLineChartOpts(opts.LineChart{Stack: "band", ShowSymbol: opts.Bool(false)})
	invisible := charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)})
	for i, b := range bs {
		so := []charts.SeriesOpts{stack, invisible}
		if i > 0 {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Color: b.colour, Opacity: opts.Float(1)}))
		}
		l.AddSeries(b.name, nil, so...)
		x.series = append(x.series, seriesExtras{silent: true, noTooltip: true})
	}
	l.AddSeries(words.target, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: "#5f6368"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#5f6368"}))
	l.AddSeries(words.actual, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: "#1565c0"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1565c0"}))
	l.Accept(x)
	return newChartShape(optionMap(l))
}

// band is one stacked series of the history chart: the first is an invisible
// base line, each later one the width of a shaded band above the previous.
type band struct {
	name, colour string
	data         []model.Opt
}

// The shades of a measure's history: red flag to target, and target to
// stretch.
var (
	amberBand = tint(model.Amber, 0.20)
	greenBand = tint(model.Green, 0.16)
)

// bands shades red to target amber and target to stretch green (the other way
// up for lower polarity), and for a range measure the band green with its
// tolerance amber on either side.
func bands(m *model.Measure, hist []compute.PeriodResult) []band {
	bs := []band{{name: "band-base"}, {name: "band-1"}, {name: "band-2"}, {name: "band-3"}}
	for i := range bs {
		bs[i].data = make([]model.Opt, len(hist))
	}
	switch m.Polarity {
	case model.Range:
		bs[1].colour, bs[2].colour, bs[3].colour = amberBand, greenBand, amberBand
	case model.Lower:
		bs[1].colour, bs[2].colour = greenBand, amberBand
	default:
		bs[1].colour, bs[2].colour = amberBand, greenBand
	}
	for i, h := range hist {
		var v [4]model.Opt // a zero Opt is null: no band in that period
		switch {
		case m.Polarity == model.Range:
			b := m.Band
			v = [4]model.Opt{model.Some(b.Low - b.Tolerance), model.Some(b.Tolerance), model.Some(b.High - b.Low), model.Some(b.Tolerance)}
		case !h.Target.OK:
		case m.Polarity == model.Lower:
			v = [4]model.Opt{model.Some(h.Stretch.V), model.Some(h.Target.V - h.Stretch.V), model.Some(h.Red.V - h.Target.V), {}}
		default:
			v = [4]model.Opt{model.Some(h.Red.V), model.Some(h.Target.V - h.Red.V), model.Some(h.Stretch.V - h.Target.V), {}}
		}
		for _, w := range v {
			if w.OK && !number.Finite(w.V) {
				// Validation keeps a scale that numbers can hold; one that
				// slipped through is no band rather than a broken chart.
				v = [4]model.Opt{}
			}
		}
		for k := range bs {
			bs[k].data[i] = v[k]
		}
	}
	return bs
}

// ScoreHistory draws an objective's score as of each period on the 0–10
// scale, over the red, amber and green zones of a rolled-up score.
func ScoreHistory(o *model.Objective, r *compute.Result, words *Words) *Chart {
	or := r.Objective(o)
	xs := make([]string, len(r.Periods))
	data := make([]model.Opt, len(r.Periods))
	scored := false
	for i, p := range r.Periods {
		xs[i] = words.names.ShortName(p)
		data[i] = or.History[i]
		scored = scored || or.History[i].OK
	}
	if !scored {
		return nil
	}
	sh := scoreShapeOf(words.shape)
	series := append(sh.series[0].encode([]byte{'['}, member{"data", appendJSONValues(nil, data)}), ']')
	xAxis := append(sh.xAxis.encode([]byte{'['}, member{"data", appendJSONStrings(nil, xs)}), ']')
	opt := sh.top.encode(nil, member{"series", series}, member{"xAxis", xAxis})
	return &Chart{
		ID:     "score-" + o.Unit.ID + "-" + o.ID,
		Label:  words.w.Text("score_history_label", "objective", o.Name),
		Height: 240,
		Option: jsOf(opt),
	}
}

// scoreShape is the score history chart without periods or data, the same
// for every objective: the score over the red, amber and green zones of a
// rolled-up score (compute.RollupStatus).
var scoreShapes sync.Map // shapeWords → *chartShape

func scoreShapeOf(words shapeWords) *chartShape {
	if sh, ok := scoreShapes.Load(words); ok {
		return sh.(*chartShape)
	}
	sh, _ := scoreShapes.LoadOrStore(words, scoreShape(words))
	return sh.(*chartShape)
}

func scoreShape(words shapeWords) *chartShape {
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "score-history", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
	)
	l.SetGlobalOptions(axes(words, opts.YAxis{Min: 0, Max: compute.MaxScore}, opts.Grid{Left: "40", Right: "24", Top: "16", Bottom: "32"})...)
	zone := func(from, to float64, colour string) []any {
		return []any{yAreaStart{YAxis: from, ItemStyle: &opts.ItemStyle{Color: colour}}, opts.MarkAreaNameYAxisItem{YAxis: to}}
	}
	l.AddSeries(words.score, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: "#1565c0"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1565c0"}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.MarkAreas = &opts.MarkAreas{Data: []any{
				zone(0, compute.RedScore, tint(model.Red, 0.08)),
				zone(compute.RedScore, compute.TargetScore, tint(model.Amber, 0.10)),
				zone(compute.TargetScore, compute.MaxScore, tint(model.Green, 0.08)),
			}}
		}))
	l.Accept(extras{
		series: []seriesExtras{{silentMarkArea: true}},
		top: map[string]any{"scorecard": siteJSMember{
			Format: numberFormat{Grouping: false, Min: 1, Max: 1, Percent: false},
			Series: []string{words.score},
		}},
	})
	return newChartShape(optionMap(l))
}
