package chart

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// TestYearToDateAsGoEcharts: a year's chart, made from its shape and its
// data, is the option go-echarts makes of the whole chart (compared as
// JSON values: the shape's members come sorted, its data plain numbers),
// with a projection and without, with gaps and a percentage format.
func TestYearToDateAsGoEcharts(t *testing.T) {
	m := &model.Measure{ID: "rev", Name: "Revenue <net>", Unit: &model.Unit{ID: "org"}, Format: number.Format{Grouping: true, MinDec: 1, MaxDec: 2}}
	ps := make([]period.Period, 12)
	for i := range ps {
		ps[i] = period.Period{Freq: period.Monthly, N: 2026*12 + i}
	}
	y := &compute.YearToDate{
		Periods:    ps,
		Actual:     []model.Opt{model.Some(10), model.Some(21.5), model.Some(33), {}, {}, {}, {}, {}, {}, {}, {}, {}},
		Target:     []model.Opt{model.Some(10), model.Some(20), model.Some(30), model.Some(40), model.Some(50), model.Some(60), model.Some(70), model.Some(80), model.Some(90), model.Some(100), model.Some(110), model.Some(120)},
		FullYear:   compute.Thresholds{Target: model.Some(120)},
		Projection: []model.Opt{{}, {}, model.Some(33), model.Some(44), model.Some(55), model.Some(66), model.Some(77), model.Some(88), model.Some(99), model.Some(110), model.Some(121), model.Some(132)},
		Method:     compute.RunRate,
	}
	words := testWords(t, "en")
	for _, method := range []compute.Method{compute.RunRate, compute.NoProjection} {
		y.Method = method
		if method == compute.NoProjection {
			y.Projection = make([]model.Opt, 12)
		}
		for _, f := range []number.Format{m.Format, {Percent: true, MinDec: 1, MaxDec: 1}} {
			m.Format = f
			got, want := YearToDate(m, y, words), yearToDateEcharts(m, y, words)
			var g, w any
			for _, c := range []struct {
				raw string
				v   *any
			}{{string(got.Option), &g}, {string(want.Option), &w}} {
				d := json.NewDecoder(bytes.NewReader([]byte(c.raw)))
				d.UseNumber()
				if err := d.Decode(c.v); err != nil {
					t.Fatal(err)
				}
			}
			plainData(w)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("method %v, format %+v:\n got %s\nwant %s", method, f, got.Option, want.Option)
			}
			got.Option, want.Option = "", ""
			if !reflect.DeepEqual(got, want) {
				t.Errorf("method %v: chart %+v; want %+v", method, got, want)
			}
		}
	}
}

// plainData writes the data of an option's series as the charts' shapes
// do: {"value": v} as v, and {} (no value) as null, which ECharts reads
// the same.
func plainData(option any) {
	for _, s := range option.(map[string]any)["series"].([]any) {
		data := s.(map[string]any)["data"].([]any)
		for i, d := range data {
			data[i] = d.(map[string]any)["value"]
		}
	}
}

// yearToDateEcharts is the year's chart made whole by go-echarts, as it
// was before the shapes.
func yearToDateEcharts(m *model.Measure, y *compute.YearToDate, words *Words) *Chart {
	xs := make([]string, len(y.Periods))
	full := make([]model.Opt, len(y.Periods))
	for i, p := range y.Periods {
		xs[i] = words.names.ShortName(p)
		full[i] = y.FullYear.Target
	}
	shown := []string{"Year to date", "Projection", "Target to date", "Full-year target"}
	if y.Method == compute.NoProjection {
		shown = []string{"Year to date", "Target to date", "Full-year target"}
	}
	id := "ytd-" + m.Unit.ID + "-" + m.ID
	l := lineChart(id, xs, words, opts.YAxis{Scale: opts.Bool(true)}, shown...)
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
		Label:  words.w.Text("ytd_chart_label", "measure", m.Name),
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
