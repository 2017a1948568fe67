package view

import (
	"html/template"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// The long tables of a page (a measure's periods, an objective's score by
// period) are written here rather than row by row in the theme: each cell
// of a template row is a reflective call to html/template's escaper, and
// these tables were most of the remaining template work. The cells are
// escaped exactly as html/template escapes element content (see
// writeText), and the score cells come from the theme's own "score"
// partial, so the page bytes are the same as the theme's loop would write.
// Themes can still range over Rows and HistoryRows themselves.

// RowsHTML is the body of the default theme's table of the measure's
// periods: one <tr> for each of Rows.
func (v *MeasureView) RowsHTML() (template.HTML, error) {
	var b strings.Builder
	b.Grow(len(v.Rows) * 400)
	for _, r := range v.Rows {
		b.WriteString(`<tr><th scope="row">`)
		writeText(&b, r.Period)
		b.WriteString(`</th><td class="num">`)
		writeText(&b, r.Actual)
		for _, c := range [...]string{r.Target, r.Red, r.Stretch} {
			b.WriteString(`</td><td class="num">`)
			writeText(&b, c)
		}
		b.WriteString(`</td><td class="num">`)
		h, err := v.theme.Partial("measure", "score", r.Score)
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
		b.WriteString("</td></tr>\n    ")
	}
	return template.HTML(b.String()), nil
}

// HistoryHTML is the body of the default theme's table of the objective's
// score as of each period: one <tr> for each of HistoryRows.
func (v *ObjectiveView) HistoryHTML() (template.HTML, error) {
	var b strings.Builder
	b.Grow(len(v.HistoryRows) * 300)
	for _, r := range v.HistoryRows {
		b.WriteString(`<tr><th scope="row">`)
		writeText(&b, r.Period)
		b.WriteString(`</th><td class="num">`)
		h, err := v.theme.Partial("objective", "score", r.Score)
		if err != nil {
			return "", err
		}
		b.WriteString(string(h))
		b.WriteString(`</td></tr>`)
	}
	return template.HTML(b.String()), nil
}

// writeText writes s escaped as html/template escapes a string in element
// content (theme.WriteText).
func writeText(b *strings.Builder, s string) { theme.WriteText(b, s) }
