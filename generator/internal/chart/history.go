package chart

import (
	"encoding/json"
	"html/template"
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
func History(m *model.Measure, hist []compute.PeriodResult, periodLabel func(compute.PeriodResult) string) *Chart {
	xs := make([]string, len(hist))
	actual := make([]model.Opt, len(hist))
	target := make([]model.Opt, len(hist))
	for i, h := range hist {
		xs[i] = periodLabel(h)
		actual[i] = h.Actual
		target[i] = h.Target
	}
	bs := bands(m, hist)
	sh := historyShapeOf(m.Polarity)
	series := []byte{'['}
	for i, data := range append(bandData(bs), target, actual) {
		if i > 0 {
			series = append(series, ',')
		}
		series = sh.series[i].encode(series, member{"data", appendJSONValues(nil, data)})
	}
	series = append(series, ']')
	xAxis := append(sh.xAxis.encode([]byte{'['}, member{"data", appendJSONStrings(nil, xs)}), ']')
	format := historyScorecard(m.Format)
	opt := sh.top.encode(make([]byte, 0, 1024+len(hist)*100), member{"series", series}, member{"xAxis", xAxis}, member{"scorecard", format})
	return &Chart{
		ID:     "history-" + m.Unit.ID + "-" + m.ID,
		Label:  "History of " + m.Name + ": actual by period against the target, with the red-to-target and target-to-stretch bands shaded. Every value is in the table below.",
		Height: 320,
		Option: template.JS(opt),
	}
}

// historyScorecard is the encoded "scorecard" member of a history chart: how
// site.js formats the numbers, and which series the tooltip shows. Sites
// use a handful of formats, each encoded once.
func historyScorecard(f number.Format) []byte {
	if b, ok := historyFormats.Load(f); ok {
		return b.([]byte)
	}
	b, err := json.Marshal(map[string]any{"format": formatSpec(f), "series": []string{"Actual", "Target"}})
	if err != nil {
		panic(err)
	}
	historyFormats.Store(f, b)
	return b
}

var historyFormats sync.Map // number.Format → []byte

func bandData(bs []band) [][]model.Opt {
	out := make([][]model.Opt, len(bs))
	for i, b := range bs {
		out[i] = b.data
	}
	return out
}

// A history chart's options other than its data depend only on the measure's
// polarity (the colours of the bands), so go-echarts builds them once per
// polarity and every measure's chart reuses the encoded members. Building and
// encoding them anew for each of thousands of measures was a sixth of the
// render time.
var historyShapes sync.Map // model.Polarity → *chartShape

func historyShapeOf(pol model.Polarity) *chartShape {
	if sh, ok := historyShapes.Load(pol); ok {
		return sh.(*chartShape)
	}
	sh, _ := historyShapes.LoadOrStore(pol, historyShape(pol))
	return sh.(*chartShape)
}

// historyShape builds the history chart of a measure of polarity pol with no
// periods and no data.
func historyShape(pol model.Polarity) *chartShape {
	bs := bands(&model.Measure{Polarity: pol}, nil)
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "history", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{"Actual", "Target"}}),
		charts.WithYAxisOpts(opts.YAxis{Scale: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithGridOpts(opts.Grid{Left: "64", Right: "24", Top: "24", Bottom: "56"}),
	)
	stack := charts.WithLineChartOpts(opts.LineChart{Stack: "band", ShowSymbol: opts.Bool(false)})
	none := charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)})
	for i, b := range bs {
		var area []charts.SeriesOpts
		if i > 0 {
			area = append(area, charts.WithAreaStyleOpts(opts.AreaStyle{Color: b.colour, Opacity: opts.Float(1)}))
		}
		l.AddSeries(b.name, nil, append([]charts.SeriesOpts{stack, none}, area...)...)
	}
	l.AddSeries("Target", nil, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: "#5f6368"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#5f6368"}))
	l.AddSeries("Actual", nil, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle"}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: "#1565c0"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1565c0"}))
	opt := optionMap(l)
	// Data is set on the map: go-echarts drops a nil value's key, and ECharts
	// needs null to draw a gap.
	series := opt["series"].([]any)
	for i := range bs {
		s := series[i].(map[string]any)
		s["silent"] = true
		s["tooltip"] = map[string]any{"show": false}
	}
	for i := range 2 {
		series[len(bs)+i].(map[string]any)["connectNulls"] = false
	}
	opt["tooltip"] = map[string]any{"trigger": "axis"}
	return newChartShape(opt)
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

// formatSpec tells site.js how to show the measure's numbers on the axis and
// in the tooltip.
func formatSpec(f number.Format) map[string]any {
	return map[string]any{"grouping": f.Grouping, "min": f.MinDec, "max": f.MaxDec, "percent": f.Percent}
}

// ScoreHistory draws an objective's score as of each period on the 0–10
// scale, over the red, amber and green zones of a rolled-up score.
func ScoreHistory(o *model.Objective, r *compute.Result) *Chart {
	or := r.Objective(o)
	xs := make([]string, len(r.Periods))
	data := make([]model.Opt, len(r.Periods))
	scored := false
	for i, p := range r.Periods {
		xs[i] = r.Site.Calendar.ShortName(p)
		data[i] = or.History[i]
		scored = scored || or.History[i].OK
	}
	if !scored {
		return nil
	}
	sh := scoreShape()
	series := append(sh.series[0].encode([]byte{'['}, member{"data", appendJSONValues(nil, data)}), ']')
	xAxis := append(sh.xAxis.encode([]byte{'['}, member{"data", appendJSONStrings(nil, xs)}), ']')
	opt := sh.top.encode(nil, member{"series", series}, member{"xAxis", xAxis})
	return &Chart{
		ID:     "score-" + o.Unit.ID + "-" + o.ID,
		Label:  "Score of " + o.Name + " as of each period, on the 0 to 10 scale, over the red, amber and green zones. Every score is in the table below.",
		Height: 240,
		Option: template.JS(opt),
	}
}

// scoreShape is the score history chart without periods or data, the same
// for every objective; go-echarts builds it once.
var scoreShape = sync.OnceValue(func() *chartShape {
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "score-history", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: compute.MaxScore}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithGridOpts(opts.Grid{Left: "40", Right: "24", Top: "16", Bottom: "32"}),
	)
	l.AddSeries("Score", nil, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle"}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: "#1565c0"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1565c0"}))
	opt := optionMap(l)
	delete(opt, "legend") // one series needs no key
	s := opt["series"].([]any)[0].(map[string]any)
	s["connectNulls"] = false
	zone := func(from, to float64, colour string) []any {
		return []any{map[string]any{"yAxis": from, "itemStyle": map[string]any{"color": colour}}, map[string]any{"yAxis": to}}
	}
	s["markArea"] = map[string]any{"silent": true, "data": []any{
		zone(0, compute.RedScore, tint(model.Red, 0.08)),
		zone(compute.RedScore, compute.TargetScore, tint(model.Amber, 0.10)),
		zone(compute.TargetScore, compute.MaxScore, tint(model.Green, 0.08)),
	}}
	opt["tooltip"] = map[string]any{"trigger": "axis"}
	opt["scorecard"] = map[string]any{"format": map[string]any{"grouping": false, "min": 1, "max": 1, "percent": false}, "series": []string{"Score"}}
	return newChartShape(opt)
})
