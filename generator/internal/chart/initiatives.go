package chart

import (
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// InitiativeHistory is an initiative's history as its charts take it: a
// value per period, the names of the periods as the axis shows them.
type InitiativeHistory struct {
	Key      string // unique on the page, made of ids: the charts' ids
	Name     string
	Periods  []string
	Complete []model.Opt // percent, as reported
	Expected []model.Opt // percent, as the schedule expects
	Spend    []model.Opt // to date, as reported
	Budget   model.Opt
	Money    number.Format // how the budget's amounts show
}

// The colours of the initiative charts' lines: the reported value as the
// history charts draw an actual, the expectation as they draw a target.
const (
	reportedColour = "#1565c0"
	expectedColour = "#5f6368"
	plannedColour  = "#c4c9ce"
	asOfColour     = "#8a63d2"
)

// Progress draws an initiative's percent complete as reported against the
// expected progress of its schedule, on a 0 to 100 % scale, in the words
// and the direction of the site's language.
func Progress(h *InitiativeHistory, words *Words) *Chart {
	frac := func(vs []model.Opt) []opts.LineData {
		out := make([]opts.LineData, len(vs))
		for i, v := range vs {
			if v.OK {
				out[i].Value = v.V / 100 // site.js shows fractions as percentages
			}
		}
		return out
	}
	complete, expected := words.w.Text("col_complete"), words.w.Text("col_expected")
	l := lineChart("progress-"+h.Key, h.Periods, words, opts.YAxis{Type: "value", Min: 0, Max: 1}, complete, expected)
	l.AddSeries(expected, frac(h.Expected),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	l.AddSeries(complete, frac(h.Complete),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: reportedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	l.Accept(extras{legend: true, top: map[string]any{"scorecard": siteJSMember{
		Format: numberFormat{Min: 0, Max: 1, Percent: true}, Series: []string{complete, expected},
	}}})
	return &Chart{
		ID:     "progress-" + h.Key,
		Label:  words.w.Text("progress_label", "initiative", h.Name),
		Height: 280,
		Option: optionJSON(l),
	}
}

// Spend draws an initiative's spend to date against its budget, or nothing
// when it has neither a budget nor a spend reported.
func Spend(h *InitiativeHistory, words *Words) *Chart {
	spent := false
	data := make([]opts.LineData, len(h.Spend))
	for i, v := range h.Spend {
		if v.OK {
			data[i].Value, spent = v.V, true
		}
	}
	if !spent && !h.Budget.OK {
		return nil
	}
	spendName, budgetName := words.w.Text("col_spend_to_date"), words.w.Text("col_budget")
	shown := []string{spendName}
	l := lineChart("spend-"+h.Key, h.Periods, words, opts.YAxis{Type: "value", Min: 0}, spendName, budgetName)
	if h.Budget.OK {
		budget := make([]opts.LineData, len(h.Periods))
		for i := range budget {
			budget[i].Value = h.Budget.V
		}
		l.AddSeries(budgetName, budget,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: statusFill[model.Red]}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: statusFill[model.Red]}))
		shown = append(shown, budgetName)
	}
	l.AddSeries(spendName, data,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: reportedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	f := h.Money
	l.Accept(extras{legend: true, top: map[string]any{"scorecard": siteJSMember{
		Format: numberFormat{Grouping: f.Grouping, Min: f.MinDec, Max: f.MaxDec}, Series: shown,
	}}})
	return &Chart{
		ID:     "spend-" + h.Key,
		Label:  words.w.Text("spend_label", "initiative", h.Name),
		Height: 260,
		Option: optionJSON(l),
	}
}

// lineChart is a line chart of y over periods, its legend naming the
// series; time runs as the language reads (axes).
func lineChart(id string, periods []string, words *Words, y opts.YAxis, names ...string) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithLegendOpts(legend(words.shape, opts.Legend{Show: opts.Bool(true), Bottom: "0"}, names)),
	)
	l.SetGlobalOptions(axes(words.shape, y, opts.Grid{Left: "72", Right: "24", Top: "16", Bottom: "56"})...)
	l.SetXAxis(periods)
	return l
}

// GanttRow is an initiative on a unit's timeline.
type GanttRow struct {
	Name       string
	Start, End time.Time // no bar without both
	Complete   model.Opt // percent: how much of the bar is filled
	Health     model.Status
	Milestones []GanttMilestone
}

// GanttMilestone is a milestone on the timeline, its label in words.
type GanttMilestone struct {
	Label string // "Pilot live, due 30 Apr 2026: done", in the site's language
	Due   time.Time
	State string // done, overdue, upcoming
}

// The series of the milestones, one per state, each with its fill: done
// filled dark, overdue red, upcoming hollow; the table's states have their
// shapes and words. name is the message that names the series.
var milestoneSeries = []struct{ state, name, fill string }{
	{"done", "gantt_milestone_done", "#37474f"},
	{"overdue", "gantt_milestone_overdue", statusFill[model.Red]},
	{"upcoming", "gantt_milestone_upcoming", "#ffffff"},
}

// healthSeries names the fills of the bars by health, in legend order: the
// messages that name them.
var healthSeries = []struct {
	status model.Status
	name   string
}{{model.Green, "gantt_on_track"}, {model.Amber, "gantt_behind"}, {model.Red, "gantt_off_track"}, {model.None, "gantt_no_health"}}

// Gantt draws a unit's initiatives on a timeline: each a bar from its start
// to its end, filled from the start as far as its percent complete in the
// colour of its health, its milestones as diamonds, and a line at the end
// of the as-of period. The table beside it says all of it in words. In a
// language written right to left, time runs leftwards and the names are on
// the right.
func Gantt(id, unitName string, rows []GanttRow, asOf time.Time, asOfLabel string, words *Words) *Chart {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	x := opts.XAxis{Type: "time", AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}
	y := opts.YAxis{Type: "category", Data: names, Inverse: opts.Bool(true)}
	grid := opts.Grid{Left: "8", Right: "24", Top: "32", Bottom: "48", ContainLabel: opts.Bool(true)}
	if words.shape.rtl {
		x.Inverse = opts.Bool(true)
		y.Position = "right"
		grid.Left, grid.Right = grid.Right, grid.Left
	}
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: "{b}"}),
		charts.WithXAxisOpts(x), charts.WithYAxisOpts(y), charts.WithGridOpts(grid),
	)
	var shown []string // the series, in the legend's order
	gx := ganttExtras{extras{legend: true}}
	// The bars take no pointer events and have no tooltip: the diamonds have
	// tooltips, and the table says what the bars do.
	bar := func(name, colour string, data []opts.LineData, more ...charts.SeriesOpts) {
		l.AddSeries(name, data, append([]charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 14, Color: colour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
		}, more...)...)
		gx.series = append(gx.series, seriesExtras{silent: true, noTooltip: true})
		shown = append(shown, name)
	}
	planned, filled := ganttBars(rows)
	bar(words.w.Text("gantt_planned"), plannedColour, planned,
		charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: asOfLabel, XAxis: day(asOf.AddDate(0, 0, 1))}),
		charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
			// Dark text on a light chip reads on the light and the dark
			// pages alike (no one colour has 4.5:1 on both).
			Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}", Position: "start", Color: "#1c2024",
				BackgroundColor: "#f1ecfb", BorderColor: asOfColour, BorderWidth: 1, BorderRadius: 3},
			LineStyle: &opts.LineStyle{Type: "dashed", Width: 1.5, Color: asOfColour}}))
	for _, hs := range healthSeries {
		if len(filled[hs.status]) > 0 {
			bar(words.w.Text(hs.name), statusFill[hs.status], filled[hs.status])
		}
	}
	// The diamonds lie above the bars, which would hide them.
	for _, ms := range milestoneSeries {
		var marks []opts.ScatterData
		for i, r := range rows {
			for _, m := range r.Milestones {
				if m.State == ms.state {
					marks = append(marks, opts.ScatterData{Name: m.Label, Value: []any{day(m.Due), i}})
				}
			}
		}
		if len(marks) == 0 {
			continue
		}
		s := charts.NewScatter()
		s.AddSeries(words.w.Text(ms.name), marks, charts.WithScatterChartOpts(opts.ScatterChart{Symbol: "diamond", SymbolSize: 13}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: ms.fill, BorderColor: "#37474f", BorderWidth: 1.5}))
		l.Overlap(s)
		gx.series = append(gx.series, seriesExtras{z: 10})
		shown = append(shown, words.w.Text(ms.name))
	}
	if !words.shape.rtl {
		shown = nil // every series, in order
	}
	// One line of legend, paged where a phone has no room for it.
	l.SetGlobalOptions(charts.WithLegendOpts(legend(words.shape, opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}, shown)))
	l.Accept(gx)
	return &Chart{
		ID:     id,
		Label:  words.w.Text("timeline_label", "unit", unitName),
		Height: 96 + 40*len(rows),
		Option: optionJSON(l),
	}
}

// ganttBars are the data of the planned bars and of the filled parts, by
// health: two points a bar, a gap between bars (a line series draws the
// bars of many rows, and its gaps part them).
func ganttBars(rows []GanttRow) (planned []opts.LineData, filled map[model.Status][]opts.LineData) {
	filled = map[model.Status][]opts.LineData{}
	gap := opts.LineData{Value: "-"}
	for i, r := range rows {
		if r.Start.IsZero() || r.End.IsZero() {
			continue
		}
		end := r.End.AddDate(0, 0, 1) // the bar covers the last day
		planned = append(planned, opts.LineData{Name: r.Name, Value: []any{day(r.Start), i}}, opts.LineData{Name: r.Name, Value: []any{day(end), i}}, gap)
		if !r.Complete.OK || r.Complete.V <= 0 {
			continue
		}
		span := end.Sub(r.Start).Hours() / 24
		reach := r.Start.AddDate(0, 0, int(span*min(r.Complete.V, 100)/100+0.5))
		f := filled[r.Health]
		filled[r.Health] = append(f, opts.LineData{Name: r.Name, Value: []any{day(r.Start), i}}, opts.LineData{Name: r.Name, Value: []any{day(reach), i}}, gap)
	}
	return planned, filled
}

// ganttExtras are the timeline's extras, and what go-echarts has no field
// for: the names beside its bars cut to a width (on a phone the bars keep
// room, and the table has the names whole), and room in the as-of label's
// chip.
type ganttExtras struct{ extras }

// VisitSeriesOpt pads the label of the first series' mark line, the as-of
// line, which go-echarts' Label cannot (its padding is a string, which
// ECharts does not read).
func (g ganttExtras) VisitSeriesOpt(ms charts.MultiSeries) any {
	type paddedMarkLine struct {
		*opts.MarkLines
		Label *label `json:"label,omitempty"`
	}
	type asOfSeries struct {
		series
		MarkLine *paddedMarkLine `json:"markLine,omitempty"`
	}
	out := g.extras.VisitSeriesOpt(ms).([]series)
	all := make([]any, len(out))
	for i, s := range out {
		all[i] = s
		if ml := s.MarkLines; i == 0 && ml != nil {
			all[i] = asOfSeries{series: s, MarkLine: &paddedMarkLine{MarkLines: ml, Label: &label{Label: ml.Label, Padding: []int{2, 5}}}}
		}
	}
	return all
}

// VisitYAxis cuts the y axis's labels.
func (ganttExtras) VisitYAxis(ys []opts.YAxis) any {
	type axisLabel struct {
		Width    int    `json:"width"`
		Overflow string `json:"overflow"`
	}
	type yAxis struct {
		opts.YAxis
		AxisLabel axisLabel `json:"axisLabel"`
	}
	out := make([]yAxis, len(ys))
	for i, y := range ys {
		out[i] = yAxis{YAxis: y, AxisLabel: axisLabel{Width: 150, Overflow: "truncate"}}
	}
	return out
}

// day is a date as ECharts reads it on a time axis: a day, local time.
func day(t time.Time) string { return t.Format("2006-01-02") }
