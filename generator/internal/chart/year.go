package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// YearToDate draws a year-to-date measure's fiscal year: the year to date
// as of each period so far, the target to date over the whole year (dashed),
// the full-year target as a dotted line across, and, dashed from the
// current period to the year's end, the projection. label names a period
// on the axis.
func YearToDate(m *model.Measure, y *compute.YearToDate, label func(period.Period) string) *Chart {
	xs := make([]string, len(y.Periods))
	full := make([]model.Opt, len(y.Periods))
	for i, p := range y.Periods {
		xs[i] = label(p)
		full[i] = y.FullYear.Target
	}
	shown := []string{"Year to date", "Projection", "Target to date", "Full-year target"}
	if y.Method == compute.NoProjection {
		shown = []string{"Year to date", "Target to date", "Full-year target"}
	}
	id := "ytd-" + m.Unit.ID + "-" + m.ID
	l := lineChart(id, xs, shown...)
	l.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Scale: opts.Bool(true)}))
	l.AddSeries("Full-year target", lineData(full),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dotted", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	l.AddSeries("Target to date", lineData(y.Target),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	if y.Method != compute.NoProjection {
		// Dashed and hollow: a projection, never drawn as a result.
		l.AddSeries("Projection", lineData(y.Projection),
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "emptyCircle", ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: reportedColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	}
	l.AddSeries("Year to date", lineData(y.Actual),
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: reportedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	f := m.Format
	l.Accept(extras{legend: true, top: map[string]any{"scorecard": siteJSMember{
		Format: numberFormat{Grouping: f.Grouping, Min: f.MinDec, Max: f.MaxDec, Percent: f.Percent}, Series: shown,
	}}})
	return &Chart{
		ID:     id,
		Label:  "Year to date of " + m.Name + " by period against the target to date and the full-year target, with the projection to the year's end dashed. Every value is in the table below.",
		Height: 300,
		Option: optionJSON(l),
	}
}

// lineData is a line's values: a gap where one is missing.
func lineData(vs []model.Opt) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		if v.OK {
			out[i].Value = v.V
		}
	}
	return out
}
