package theme

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
)

// chartHTML returns the template function chartHTML, which writes a chart's
// box and the scripts holding its option and links: what the default
// theme's "chart" partial writes, in Go. Every measure page of every
// review period has one or two charts, and the partial's two dozen actions,
// each a reflective call through html/template's escapers, were a tenth
// of such a page's template time. The bytes are those html/template wrote
// (TestChartHTMLLikeTheTemplate): text escaped as in element content,
// numbers as fmt writes them, the option as it is (template.JS) and the
// links as JSON. A theme can still override the partial.
func chartHTML(w *i18n.Catalog) func(c *chart.Chart) template.HTML {
	return func(c *chart.Chart) template.HTML {
		var b strings.Builder
		writeChart(&b, w, c)
		return template.HTML(b.String())
	}
}

// writeChart writes what chartHTML returns into b.
func writeChart(b Writer, w *i18n.Catalog, c *chart.Chart) {
	b.Grow(len(c.Option) + 512)
	if c.Fit {
		b.WriteString(`<div class="chart-frame" tabindex="0" role="group" aria-label="`)
		WriteText(b, w.Text("chart_scroll"))
		width, height := strconv.Itoa(c.Width), strconv.Itoa(c.Height)
		b.WriteString("\">\n<div class=\"chart-sizer\" style=\"width: " + width + "px; height: " + height + "px; --chart-w: " + width + "; --chart-h: " + height + "; --print-scale: ")
		b.WriteString(strconv.FormatFloat(c.PrintScale, 'g', -1, 64))
		b.WriteString(`;"><div class="chart" id="`)
		WriteText(b, c.ID)
		b.WriteString(`" data-chart data-fit="`)
		b.WriteString(strconv.FormatFloat(c.MinScale, 'g', -1, 64))
		b.WriteString(`" role="img" aria-label="`)
		WriteText(b, c.Label)
		b.WriteString(`" style="height: ` + height + `px; width: ` + width + "px;\"></div></div>\n</div>")
	} else {
		b.WriteString(`<div class="chart-scroll"><div class="chart" id="`)
		WriteText(b, c.ID)
		b.WriteString(`" data-chart role="img" aria-label="`)
		WriteText(b, c.Label)
		b.WriteString(`" style="height: ` + strconv.Itoa(c.Height) + `px;`)
		if c.Width != 0 {
			b.WriteString(` width: ` + strconv.Itoa(c.Width) + `px;`)
		}
		b.WriteString(`"></div></div>`)
	}
	b.WriteString("\n<script type=\"application/json\" data-chart-option=\"")
	WriteText(b, c.ID)
	b.WriteString(`">`)
	b.WriteString(string(c.Option))
	b.WriteString(`</script>`)
	if len(c.Links) > 0 {
		// encoding/json escapes <, >, & and U+2028/U+2029, as
		// html/template's JSON escaper relies on it to.
		links, err := json.Marshal(c.Links)
		if err != nil {
			panic(err) // strings always encode
		}
		b.WriteString("\n<script type=\"application/json\" data-chart-links=\"")
		WriteText(b, c.ID)
		b.WriteString(`">`)
		b.Write(links)
		b.WriteString(`</script>`)
	}
}
