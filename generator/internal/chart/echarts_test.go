package chart

import (
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TestExtras builds a go-echarts graph with the extras of echarts.go and
// reads its option: each series has the members go-echarts has no field
// for, the option has its own and lacks what go-echarts always writes that
// the charts do not use, and the unset options go-echarts leaves in a
// series (a graph's links, force and edge label) are left out rather than
// written as null, which they were.
func TestExtras(t *testing.T) {
	g := charts.NewGraph()
	g.SetGlobalOptions(charts.WithInitializationOpts(opts.Initialization{ChartID: "t"}))
	graph := charts.WithGraphChartOpts(opts.GraphChart{Layout: "none"})
	g.AddSeries("under", []opts.GraphNode{{Name: "a", X: 1, Y: 1}}, nil, graph)
	g.AddSeries("over", []opts.GraphNode{{Name: "b", X: 2, Y: 2}}, nil, graph,
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.MarkAreas = &opts.MarkAreas{Data: []any{[]any{yAreaStart{YAxis: 0.0}, opts.MarkAreaNameYAxisItem{YAxis: 1}}}}
		}))
	g.Accept(extras{
		series: []seriesExtras{{z: 1, silent: true, noEmphasis: true, noTooltip: true}, {z: 3, cursor: "pointer", silentMarkArea: true}},
		top:    map[string]any{"scorecard": siteJSMember{Series: []string{}}},
	})
	got := string(optionJSON(g))
	want := `{"scorecard":{"format":{"grouping":false,"min":0,"max":0,"percent":false},"series":[]},` +
		`"series":[{"name":"under","type":"graph","layout":"none","data":[{"name":"a","x":1,"y":1}],"z":1,"silent":true,"emphasis":{"disabled":true},"tooltip":{"show":false}},` +
		`{"name":"over","type":"graph","layout":"none","data":[{"name":"b","x":2,"y":2}],"z":3,"cursor":"pointer","markArea":{"data":[[{"yAxis":0},{"yAxis":1}]],"silent":true}}],` +
		`"title":{},"tooltip":{}}`
	if got != want {
		t.Errorf("option\n got %s\nwant %s", got, want)
	}
	if strings.Contains(got, "null") {
		t.Error("the option holds a null")
	}
}
