package theme

import (
	"html/template"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
)

// chartPartial is the default theme's "chart" partial as a template wrote
// it before chartHTML: chartHTML must write the same bytes.
const chartPartial = `{{if .Fit}}<div class="chart-frame" tabindex="0" role="group" aria-label="{{T "chart_scroll"}}">
<div class="chart-sizer" style="width: {{.Width}}px; height: {{.Height}}px; --chart-w: {{.Width}}; --chart-h: {{.Height}}; --print-scale: {{.PrintScale}};"><div class="chart" id="{{.ID}}" data-chart data-fit="{{.MinScale}}" role="img" aria-label="{{.Label}}" style="height: {{.Height}}px; width: {{.Width}}px;"></div></div>
</div>{{else}}<div class="chart-scroll"><div class="chart" id="{{.ID}}" data-chart role="img" aria-label="{{.Label}}" style="height: {{.Height}}px;{{if .Width}} width: {{.Width}}px;{{end}}"></div></div>{{end}}
<script type="application/json" data-chart-option="{{.ID}}">{{.Option}}</script>{{with .Links}}
<script type="application/json" data-chart-links="{{$.ID}}">{{.}}</script>{{end}}`

// TestChartHTMLLikeTheTemplate writes charts of every shape, with hostile
// labels and links, through chartHTML and through the partial it replaces,
// in English and in Arabic: the bytes are the same.
func TestChartHTMLLikeTheTemplate(t *testing.T) {
	hostile := `"><script>alert('x')</script> & ' + ` + "\u2028 \u2029 \x00"
	charts := []*chart.Chart{
		{ID: "history", Label: "Revenue by period", Height: 320, Option: `{"series":[]}`},
		{ID: "history-2", Label: hostile, Width: 640, Height: 300, Option: `{"a":"\u003c/script\u003e"}`},
		{ID: "map-ops", Label: "Strategy map", Width: 1120, Height: 760, Fit: true, MinScale: 0.5, PrintScale: 0.6521739130434783,
			Option: `{}`, Links: []string{"objectives/grow.html", "", hostile, "x</script><script>", "a&b<c>d"}},
		{ID: "m", Label: "", Width: 1, Height: 1, Fit: true, MinScale: 1e-05, PrintScale: 1, Option: ``, Links: []string{}},
		{ID: "z", Width: 0, Height: 0, Fit: true, MinScale: 0.3333333333333333, PrintScale: 2.5e-7},
	}
	for _, lang := range []string{"en", "ar"} {
		w := catalogOf(t, lang, lang)
		tpl := template.Must(template.New("chart").Funcs(template.FuncMap{"T": w.T}).Parse(chartPartial))
		for _, c := range charts {
			var want strings.Builder
			if err := tpl.Execute(&want, c); err != nil {
				t.Fatal(err)
			}
			if got := string(chartHTML(w)(c)); got != want.String() {
				t.Errorf("%s, chart %q:\n got: %s\nwant: %s", lang, c.ID, got, want.String())
			}
		}
	}
}
