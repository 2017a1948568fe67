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
// periods: one <tr> for each of Rows. The rows are those of the as-of
// period's page, made once (see shared).
func (v *MeasureView) RowsHTML() (template.HTML, error) {
	return template.HTML(v.rowsHTML), v.rowsErr
}

// DefinitionHTML is the default theme's list of the measure's definition,
// one entry for each of Definition.
func (v *MeasureView) DefinitionHTML() template.HTML { return v.definitionHTML }

// rowsHTML writes the rows of a measure's table and where each begins.
func rowsHTML(th *theme.Theme, rows []PeriodRow) (string, []int, error) {
	var b strings.Builder
	b.Grow(len(rows) * 400)
	at := make([]int, len(rows))
	for i, r := range rows {
		at[i] = b.Len()
		b.WriteString(`<tr><th scope="row">`)
		writeText(&b, r.Period)
		b.WriteString(`</th><td class="num">`)
		writeText(&b, r.Actual)
		for _, c := range [...]string{r.Target, r.Red, r.Stretch} {
			b.WriteString(`</td><td class="num">`)
			writeText(&b, c)
		}
		b.WriteString(`</td><td class="num">`)
		h, err := th.Partial("measure", "score", r.Score)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(string(h))
		b.WriteString("</td></tr>\n    ")
	}
	return b.String(), at, nil
}

// HistoryHTML is the body of the default theme's table of the objective's
// score as of each period: one <tr> for each of HistoryRows, those of the
// as-of period's page, made once (see shared).
func (v *ObjectiveView) HistoryHTML() (template.HTML, error) {
	return template.HTML(v.historyHTML), v.historyErr
}

// historyHTML writes the rows of an objective's score table and where each
// ends.
func historyHTML(th *theme.Theme, rows []HistoryRow) (string, []int, error) {
	var b strings.Builder
	b.Grow(len(rows) * 300)
	end := make([]int, len(rows))
	for i, r := range rows {
		b.WriteString(`<tr><th scope="row">`)
		writeText(&b, r.Period)
		b.WriteString(`</th><td class="num">`)
		h, err := th.Partial("objective", "score", r.Score)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(string(h))
		b.WriteString(`</td></tr>`)
		end[i] = b.Len()
	}
	return b.String(), end, nil
}

// PeriodsHTML is the list of the default theme's period switcher: one <li>
// with a link for each of Periods, the page's own marked as current and
// the as-of period's tagged "latest" in the page's language. A switcher on every page of every
// period is that many links per page: a dozen reflective template
// actions each, for every page, as many times over as there are periods.
// Themes can range over Periods themselves.
func (p *Page) PeriodsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(p.Periods) * 120)
	for _, l := range p.Periods {
		b.WriteString(`<li><a href="`)
		writeText(&b, l.Href)
		b.WriteByte('"')
		if l.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		writeText(&b, l.Text)
		if l.Latest {
			b.WriteString(` <span class="latest-tag">`)
			writeText(&b, p.latest)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// CrumbsHTML is the list of the default theme's breadcrumbs: one <li> for
// each of Crumbs, a link but for the last, the page itself. Written here
// for the reason PeriodsHTML is: three template actions a crumb, five
// crumbs a page, on most pages of every period were two fifths of the
// page's frame. Themes can range over Crumbs themselves.
func (p *Page) CrumbsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(p.Crumbs) * 80)
	for _, c := range p.Crumbs {
		if c.Href != "" {
			b.WriteString(`<li><a href="`)
			writeText(&b, c.Href)
			b.WriteString(`">`)
			writeText(&b, c.Text)
			b.WriteString(`</a></li>`)
			continue
		}
		b.WriteString(`<li><span aria-current="page">`)
		writeText(&b, c.Text)
		b.WriteString(`</span></li>`)
	}
	return template.HTML(b.String())
}

// LatestPeriod is the as-of period of Periods, where the pages of an
// earlier review point to.
func (p *Page) LatestPeriod() PeriodLink {
	for _, l := range p.Periods {
		if l.Latest {
			return l
		}
	}
	return PeriodLink{}
}

// writeText writes s escaped as html/template escapes a string in element
// content (theme.WriteText).
func writeText(b *strings.Builder, s string) { theme.WriteText(b, s) }
