package chart

import (
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// YearToDate draws a year-to-date measure's fiscal year: the year to date
// as of each period so far, the target to date over the whole year (dashed),
// the full-year target as a dotted line across, and, dashed from the
// current period to the year's end, the projection; in words' language,
// its periods named on the axis as words name them.
func YearToDate(m *model.Measure, y *compute.YearToDate, words *Words) *Chart {
	xs := make([]string, len(y.Periods))
	full := make([]model.Opt, len(y.Periods))
	for i, p := range y.Periods {
		xs[i] = words.names.ShortName(p)
		full[i] = y.FullYear.Target
	}
	projected := y.Method != compute.NoProjection
	sh := yearShapeOf(projected, words.shape)
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
	format := words.scorecardMember(m.Format, m.DisplayUnit, yearShown(projected, words.shape))
	opt := sh.top.encode(make([]byte, 0, 2048), member{"series", series}, member{"xAxis", xAxis}, member{"scorecard", format})
	return &Chart{
		ID:     "ytd-" + m.Unit.ID + "-" + m.ID,
		Label:  words.w.Text("ytd_chart_label", "measure", m.Name),
		Height: 300,
		Option: jsOf(opt),
	}
}

// yearShown are the series a year's chart lists in its legend and tooltip,
// with its projection and without.
func yearShown(projected bool, w shapeWords) []string {
	if projected {
		return []string{w.ytd, w.projection, w.targetToDate, w.fullYear}
	}
	return []string{w.ytd, w.targetToDate, w.fullYear}
}

// A year's chart has one of two shapes, with a projection and without,
// for each language's words, built and encoded once, as the history
// charts' are: building each with go-echarts was a twelfth of the time of
// a build of many review periods.
var yearShapes sync.Map // yearKey → *chartShape

type yearKey struct {
	projected bool
	words     shapeWords
}

func yearShapeOf(projected bool, words shapeWords) *chartShape {
	k := yearKey{projected, words}
	if sh, ok := yearShapes.Load(k); ok {
		return sh.(*chartShape)
	}
	sh, _ := yearShapes.LoadOrStore(k, yearShape(projected, words))
	return sh.(*chartShape)
}

// yearShape is a year's chart with no periods and no data.
func yearShape(projected bool, words shapeWords) *chartShape {
	l := lineChart("ytd", nil, &Words{shape: words}, opts.YAxis{Scale: opts.Bool(true)}, yearShown(projected, words)...)
	l.AddSeries(words.fullYear, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dotted", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	l.AddSeries(words.targetToDate, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 1.5, Color: expectedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: expectedColour}))
	if projected {
		// Dashed and hollow: a projection, never drawn as a result.
		l.AddSeries(words.projection, nil,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "emptyCircle", ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: reportedColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	}
	l.AddSeries(words.ytd, nil,
		charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: "circle", ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2.5, Color: reportedColour}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: reportedColour}))
	l.Accept(extras{legend: true})
	return newChartShape(optionMap(l))
}
