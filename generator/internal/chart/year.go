package chart

import (
	"html/template"
	"strconv"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
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
	projected := y.Method != compute.NoProjection
	sh := yearShapes()[projected]
	data := [][]model.Opt{full, y.Target, y.Actual}
	if projected {
		data = [][]model.Opt{full, y.Target, y.Projection, y.Actual}
	}
	series := []byte{'['}
	for i, d := range data {
		if i > 0 {
			series = append(series, ',')
		}
		series = sh.series[i].encode(series, member{"data", appendJSONValues(nil, d)})
	}
	series = append(series, ']')
	xAxis := append(sh.xAxis.encode([]byte{'['}, member{"data", appendJSONStrings(nil, xs)}), ']')
	opt := sh.top.encode(make([]byte, 0, 2048), member{"series", series}, member{"xAxis", xAxis}, member{"scorecard", yearScorecard(m.Format, projected)})
	return &Chart{
		ID:     "ytd-" + m.Unit.ID + "-" + m.ID,
		Label:  "Year to date of " + m.Name + " by period against the target to date and the full-year target, with the projection to the year's end dashed. Every value is in the table below.",
		Height: 300,
		Option: template.JS(opt),
	}
}

// yearShown are the series a year's chart lists in its legend and tooltip,
// with its projection and without.
func yearShown(projected bool) []string {
	if projected {
		return []string{"Year to date", "Projection", "Target to date", "Full-year target"}
	}
	return []string{"Year to date", "Target to date", "Full-year target"}
}

// yearScorecard is the encoded "scorecard" member of a year's chart, as
// historyScorecard is a history chart's.
func yearScorecard(f number.Format, projected bool) []byte {
	b := make([]byte, 0, 160)
	b = append(b, `{"format":{"grouping":`...)
	b = strconv.AppendBool(b, f.Grouping)
	b = append(b, `,"max":`...)
	b = strconv.AppendInt(b, int64(f.MaxDec), 10)
	b = append(b, `,"min":`...)
	b = strconv.AppendInt(b, int64(f.MinDec), 10)
	b = append(b, `,"percent":`...)
	b = strconv.AppendBool(b, f.Percent)
	b = append(b, `},"series":`...)
	b = appendJSONStrings(b, yearShown(projected))
	return append(b, '}')
}

// A year's chart has one of two shapes, with a projection and without,
// built and encoded once, as the history charts' are: building each with
// go-echarts was a twelfth of the time of a build of many review periods.
var yearShapes = sync.OnceValue(func() map[bool]*chartShape {
	return map[bool]*chartShape{false: yearShape(false), true: yearShape(true)}
})

// yearShape is a year's chart with no periods and no data.
func yearShape(projected bool) *chartShape {
	l := lineChart("ytd", nil, yearShown(projected)...)
	l.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Scale: opts.Bool(true)}))
	l.AddSeries("Full-year target", nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dotted", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	l.AddSeries("Target to date", nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	if projected {
		// Dashed and hollow: a projection, never drawn as a result.
		l.AddSeries("Projection", nil,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "emptyCircle", ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: reportedColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	}
	l.AddSeries("Year to date", nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: reportedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	l.Accept(extras{legend: true})
	return newChartShape(optionMap(l))
}
