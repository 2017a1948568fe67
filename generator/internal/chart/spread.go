package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// SpreadMeasure is a measure of a comparison: how many of the units that
// have it are green, amber, red and without a status.
type SpreadMeasure struct {
	Name   string
	Counts [4]int // green, amber, red, no data
}

// spreadStatuses are the series of a spread chart, in the order of
// SpreadMeasure.Counts, each in its status's colour.
var spreadStatuses = []model.Status{model.Green, model.Amber, model.Red, model.None}

// SpreadOf is what a comparison compares: the units below Unit, or
// without one the units at level Depth.
type SpreadOf struct {
	Unit  string
	Depth int
}

// Spread draws, for each measure of a comparison, its units by status as a
// bar across: green, amber, red and no data stacked, one bar per measure
// from the top in the order given, its length the number of units that
// have the measure. In a language written right to left the bars grow
// leftwards from the measures' names on the right.
func Spread(id string, of SpreadOf, ms []SpreadMeasure, words *Words) *Chart {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	series := make([]string, len(spreadStatuses))
	for k, st := range spreadStatuses {
		series[k] = words.w.Text("status_" + st.String())
	}
	x := opts.XAxis{Type: "value", MinInterval: 1}
	y := opts.YAxis{Type: "category", Inverse: opts.Bool(true)}
	grid := opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "40", ContainLabel: opts.Bool(true)}
	if words.shape.rtl {
		x.Inverse = opts.Bool(true)
		y.Position = "right"
		grid.Left, grid.Right = grid.Right, grid.Left
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(legend(words.shape, opts.Legend{Show: opts.Bool(true), Bottom: "0"}, series)),
		charts.WithXAxisOpts(x), charts.WithYAxisOpts(y), charts.WithGridOpts(grid),
	)
	b.SetXAxis(names).XYReversal()
	for k, st := range spreadStatuses {
		data := make([]opts.BarData, len(ms))
		for i, m := range ms {
			data[i].Value = m.Counts[k]
		}
		b.AddSeries(series[k], data,
			charts.WithBarChartOpts(opts.BarChart{Stack: "units", BarWidth: "60%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: spreadColour(st)}))
	}
	b.Accept(extras{legend: true, yLabelWidth: 150})
	return &Chart{
		ID:     id,
		Label:  spreadLabel(of, words),
		Height: 60 + 24*len(ms),
		Option: optionJSON(b),
	}
}

// spreadLabel is what a spread chart shows, for screen readers.
func spreadLabel(of SpreadOf, words *Words) string {
	if of.Unit != "" {
		return words.w.Text("spread_label_children", "unit", of.Unit)
	}
	return words.w.Text("spread_label_level", "level", of.Depth)
}

// spreadColour is a status's colour in a spread chart; no data is grey.
func spreadColour(s model.Status) string {
	if c, ok := statusFill[s]; ok {
		return c
	}
	return noDataFill
}

// noDataFill is the grey of no data in charts: a middle grey that shows on
// the light and the dark scheme alike.
const noDataFill = "#8c95a1"
