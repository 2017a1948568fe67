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
var spreadStatuses = []struct {
	name   string
	status model.Status
}{{"Green", model.Green}, {"Amber", model.Amber}, {"Red", model.Red}, {"No data", model.None}}

// Spread draws, for each measure of a comparison, its units by status as a
// bar across: green, amber, red and no data stacked, one bar per measure
// from the top in the order given, its length the number of units that
// have the measure.
func Spread(id, of string, ms []SpreadMeasure) *Chart {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	b := charts.NewBar()
	b.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{"Green", "Amber", "Red", "No data"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", MinInterval: 1}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "8", Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	b.SetXAxis(names).XYReversal()
	for k, st := range spreadStatuses {
		data := make([]opts.BarData, len(ms))
		for i, m := range ms {
			data[i].Value = m.Counts[k]
		}
		b.AddSeries(st.name, data,
			charts.WithBarChartOpts(opts.BarChart{Stack: "units", BarWidth: "60%"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: spreadColour(st.status)}))
	}
	b.Accept(extras{legend: true, yLabelWidth: 150})
	return &Chart{
		ID:     id,
		Label:  "Status of each measure across " + of + ": for each measure, how many units are green, amber, red or without data. Every number is in the table below.",
		Height: 60 + 24*len(ms),
		Option: optionJSON(b),
	}
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
