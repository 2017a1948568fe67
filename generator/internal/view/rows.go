package view

import (
	"html/template"
	"io"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
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
	var last Score
	var lastHTML template.HTML
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
		// A score is most often the row before's (a run of red at 0.0):
		// its markup is then that row's, without the cache's lookup.
		if i == 0 || r.Score != last {
			h, err := th.Partial("measure", "score", r.Score)
			if err != nil {
				return "", nil, err
			}
			last, lastHTML = r.Score, h
		}
		b.WriteString(string(lastHTML))
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
	p.writePeriods(&b)
	return template.HTML(b.String())
}

// writePeriods writes PeriodsHTML to b.
func (p *Page) writePeriods(b theme.Writer) {
	for _, l := range p.Periods {
		b.WriteString(`<li><a href="`)
		writeText(b, l.Href)
		b.WriteByte('"')
		if l.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		writeText(b, l.Text)
		if l.Latest {
			b.WriteString(` <span class="latest-tag">`)
			writeText(b, p.words.latest)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</a></li>`)
	}
}

// SwitcherHTML is the default theme's period switcher: the as-of period,
// and when there are others a disclosure of links to the page in each
// (PeriodsHTML). Every page has one; written here for the reason
// PeriodsHTML is (TestMarkupInGoLikeTheTemplates).
func (p *Page) SwitcherHTML() template.HTML {
	var b strings.Builder
	p.writeSwitcher(&b)
	return template.HTML(b.String())
}

// writeSwitcher writes SwitcherHTML to b: a page written in Go has it
// written into the page, not made apart and copied.
func (p *Page) writeSwitcher(b theme.Writer) {
	w := p.words
	if len(p.Periods) <= 1 {
		b.WriteString(`<p class="asof"><span class="asof-label">`)
		writeText(b, w.asOf)
		b.WriteString(`</span> <strong>`)
		writeText(b, p.Site.AsOf)
		b.WriteString(`</strong></p>`)
		return
	}
	b.Grow(len(p.Periods)*120 + 400)
	b.WriteString("<details class=\"asof periods\">\n      <summary><span class=\"asof-label\">")
	writeText(b, w.asOf)
	b.WriteString(`</span> <strong>`)
	writeText(b, p.Site.AsOf)
	b.WriteString(`</strong> <span class="visually-hidden">`)
	writeText(b, w.choose)
	b.WriteString("</span></summary>\n      <nav aria-label=\"")
	writeText(b, w.label)
	b.WriteString(`"><ul>`)
	p.writePeriods(b)
	b.WriteString("</ul></nav>\n    </details>")
}

// CrumbsHTML is the list of the default theme's breadcrumbs: one <li> for
// each of Crumbs, a link but for the last, the page itself. Written here
// for the reason PeriodsHTML is: three template actions a crumb, five
// crumbs a page, on most pages of every period were two fifths of the
// page's frame. Themes can range over Crumbs themselves.
func (p *Page) CrumbsHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(p.Crumbs) * 80)
	p.writeCrumbs(&b)
	return template.HTML(b.String())
}

// writeCrumbs writes CrumbsHTML to b.
func (p *Page) writeCrumbs(b theme.Writer) {
	for _, c := range p.Crumbs {
		if c.Href != "" {
			b.WriteString(`<li><a href="`)
			writeText(b, c.Href)
			b.WriteString(`">`)
			writeText(b, c.Text)
			b.WriteString(`</a></li>`)
			continue
		}
		b.WriteString(`<li><span aria-current="page">`)
		writeText(b, c.Text)
		b.WriteString(`</span></li>`)
	}
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
func writeText(b io.StringWriter, s string) { theme.WriteText(b, s) }

// FactsHTML is the default theme's list of the measure's headline facts
// (value, target, red flag, stretch, projection, trend), each term with
// its link to the glossary: in Go for the reason RowsHTML is, as the
// facts were half the template actions of a measure page, and a site has
// a measure page for every measure in every review period. The bytes are
// those of the template it replaces (TestFactsHTMLLikeTheTemplate).
func (v *MeasureView) FactsHTML() (template.HTML, error) {
	f := newMarkup(v.b, v.home)
	f.b.Grow(2048)
	f.facts(v)
	return f.html()
}

// markup writes markup of the default theme in Go, keeping the first
// error: a measure's head and facts, the rows of a page's tables.
type markup struct {
	b    theme.Writer // a page's buffer, or a *strings.Builder for a part on its own
	w    *i18n.Catalog
	th   *theme.Theme
	home string // from the page to its period's root, for glossary links
	kind string // the page kind whose templates' partials are written
	err  error
}

// newMarkup returns a writer of a part of its own (html), in the language
// and theme of b.
func newMarkup(b *Builder, home string) *markup { return newMarkupTo(&strings.Builder{}, b, home) }

// newMarkupTo returns a writer of markup into w, a page's buffer, in the
// language and theme of b.
func newMarkupTo(w theme.Writer, b *Builder, home string) *markup {
	return &markup{b: w, w: b.w, th: b.theme, home: home, kind: "measure"}
}

// html returns the part f, made by newMarkup, wrote, and its first error.
func (f *markup) html() (template.HTML, error) {
	return template.HTML(f.b.(*strings.Builder).String()), f.err
}

func (f *markup) facts(v *MeasureView) {
	b := f.b
	b.WriteString("<dl class=\"facts\">\n  <div><dt>")
	f.text(pick(v.YTD, "fact_value_ytd", "fact_value"))
	f.big(v.ValueCompact, v.Value)
	b.WriteString("</div>\n  <div><dt>")
	f.text(pick(v.YTD, "fact_target_ytd", "fact_target"))
	f.big(v.TargetCompact, v.Target)
	b.WriteString("</div>\n  ")
	if v.Red != "–" {
		f.threshold("fact_red", "red-flag", "term_red_flag", v.Red, "red_explained")
	}
	b.WriteString("\n  ")
	if v.Stretch != "–" {
		f.threshold("fact_stretch", "stretch", "term_stretch", v.Stretch, "stretch_explained")
	}
	b.WriteString("\n  ")
	if y := v.Year; y != nil && y.Projected != "" {
		b.WriteString(`<div class="projection-fact"><dt>`)
		f.text("fact_projected")
		f.term("projection", "term_projection")
		b.WriteString(`</dt><dd class="big">`)
		writeText(b, y.ProjectedCompact)
		b.WriteString(`</dd><dd>`)
		status, err := f.th.Partial(f.kind, "status", y.ProjectedStatus)
		f.keep(err)
		f.t("projected_against", "status", status, "target", y.FullYearTargetCompact, "year", y.Year)
		b.WriteString(`</dd><dd class="exact">`)
		switch y.Method {
		case "run-rate":
			f.text("projection_note_run_rate")
		case "seasonal":
			f.text("projection_note_seasonal")
		default:
			f.text("projection_note_mixed")
		}
		b.WriteString(`</dd></div>`)
	}
	b.WriteString("\n  <div><dt>")
	f.text("fact_trend")
	f.term("trend", "term_trend")
	b.WriteString(`</dt><dd>`)
	f.partial("trend", v.Trend)
	if v.TrendOver.N != 0 {
		b.WriteString(`<span class="trend-over">`)
		f.t("trend_over_last", "span", v.TrendOver.Text)
		b.WriteString(`</span>`)
	}
	b.WriteString("</dd></div>\n</dl>")
}

// big writes a headline figure, and the exact one below it when the
// headline is shortened.
func (f *markup) big(compact, exact string) {
	f.b.WriteString(`</dt><dd class="big">`)
	writeText(f.b, compact)
	f.b.WriteString(`</dd>`)
	if compact != exact {
		f.b.WriteString(`<dd class="exact">`)
		writeText(f.b, exact)
		f.b.WriteString(`</dd>`)
	}
}

func (f *markup) threshold(label, anchor, term, value, explained string) {
	f.b.WriteString(`<div><dt>`)
	f.text(label)
	f.term(anchor, term)
	f.b.WriteString(`</dt><dd>`)
	writeText(f.b, value)
	f.b.WriteString(`</dd><dd class="exact">`)
	f.text(explained)
	f.b.WriteString(`</dd></div>`)
}

// term writes the link of a term to its entry in the glossary.
func (f *markup) term(anchor, label string) {
	f.b.WriteString(` <a class="term" href="`)
	writeText(f.b, f.home+"glossary/index.html#"+anchor)
	f.b.WriteString(`" aria-label="`)
	f.text(label)
	f.b.WriteString(`">?</a>`)
}

// message is the message key as T gives it to a template (a string, or
// HTML), its error kept.
func (f *markup) message(key string) any {
	m, err := f.w.T(key)
	f.keep(err)
	return m
}

// blank reports whether a message is empty, as a template's with sees it.
func blank(m any) bool {
	switch m := m.(type) {
	case string:
		return m == ""
	case template.HTML:
		return m == ""
	}
	return m == nil
}

// head writes a column's header cell of a table, right-aligned for
// numbers.
func (f *markup) head(key string, num bool) {
	f.b.WriteString(pick(num, `<th scope="col" class="num">`, `<th scope="col">`))
	f.text(key)
	f.b.WriteString(`</th>`)
}

// heads writes the header cells of a table whose first n columns hold
// text and the others numbers.
func (f *markup) heads(n int, keys ...string) {
	for i, k := range keys {
		f.head(k, i >= n)
	}
}

// headline writes the end of a page's head: the owner, then the score's
// badge with its caption and the glossary's entry for scores.
func (f *markup) headline(owner string, score Score, caption string) {
	b := f.b
	if owner != "" {
		b.WriteString(`<p class="meta">`)
		f.t("owner", "name", owner)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n  </div>\n  <div class=\"headline\">\n    ")
	f.cached("badge", score)
	b.WriteString("\n    <p class=\"badge-caption\">")
	f.text(caption)
	f.term("score", "term_score")
	b.WriteString("</p>\n  </div>\n</div>\n")
}

// text writes a message without placeholders.
func (f *markup) text(key string) { f.t(key) }

// t writes a message as the theme's T does: its text escaped, a value of
// HTML (a partial's) as it is.
func (f *markup) t(key string, args ...any) {
	m, err := f.w.T(key, args...)
	f.keep(err)
	switch m := m.(type) {
	case template.HTML:
		f.b.WriteString(string(m))
	case string:
		writeText(f.b, m)
	}
}

// partial writes a partial of the theme (cached: each value's output is
// made once).
func (f *markup) partial(name string, v any) { f.cached(name, v) }

// cached writes what {{cached name v}} writes.
func (f *markup) cached(name string, v any) {
	h, err := f.th.Partial(f.kind, name, v)
	f.keep(err)
	f.b.WriteString(string(h))
}

func (f *markup) keep(err error) {
	if f.err == nil {
		f.err = err
	}
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// RowHTML is the default theme's row of the measure in a unit's scorecard
// table, written in Go for the reason RowsHTML is: a unit's page has a row
// for each of its measures, some sixteen template actions each. The bytes
// are those of the template it replaces (TestMarkupInGoLikeTheTemplates).
func (r *MeasureRow) RowHTML() (template.HTML, error) {
	f := newMarkup(r.b, "")
	b := f.b
	b.Grow(2048)
	b.WriteString("<tr class=\"measure-row\">\n      <th scope=\"row\" class=\"measure-name\">")
	writeLink(b, r.Link)
	f.partial("kind", r.Kind)
	b.WriteString("</th>\n      <td class=\"num value\" data-label=\"")
	f.text("col_value")
	b.WriteString(`">`)
	writeText(b, r.Value)
	if r.Stale {
		b.WriteString(`<span class="stale" title="`)
		f.t("stale_title", "period", r.Period)
		b.WriteString(`"> `)
		f.partial("clock", nil)
		b.WriteString(` `)
		writeText(b, r.Period)
		b.WriteString(`</span>`)
	}
	if r.Projected != "" {
		b.WriteString(`<span class="projected-line">`)
		f.t("year_end_projected", "value", r.Projected)
		b.WriteString(` <span class="tag">`)
		f.text("projected_tag")
		b.WriteString(`</span></span>`)
	}
	b.WriteString("</td>\n      <td class=\"num target\" data-label=\"")
	f.text("col_target")
	b.WriteString(`">`)
	writeText(b, r.Target)
	b.WriteString("</td>\n      <td class=\"status-cell\">")
	f.partial("status", r.Score.Status)
	b.WriteString("</td>\n      <td class=\"num score-num\" data-label=\"")
	f.text("col_score")
	b.WriteString(`"><span class="score">`)
	writeText(b, r.Score.Text)
	b.WriteString("</span></td>\n      <td class=\"trend-cell\">")
	f.partial("trend", r.Trend)
	if r.TrendOver.N != 0 {
		b.WriteString(`<span class="trend-over">`)
		f.t("trend_over", "span", r.TrendOver.Text)
		b.WriteString(`</span>`)
	}
	b.WriteString("</td>\n      <td class=\"spark-cell\">")
	b.WriteString(string(r.Spark))
	b.WriteString("</td>\n      <td class=\"owner\" data-label=\"")
	f.text("col_owner")
	b.WriteString(`">`)
	writeText(b, r.Owner)
	b.WriteString("</td>\n    </tr>")
	return f.html()
}

// writeLink writes a link as the theme's "link" partial does: its text
// alone when it has no address.
func writeLink(b io.StringWriter, l Link) {
	if l.Href == "" {
		writeText(b, l.Text)
		return
	}
	b.WriteString(`<a href="`)
	writeText(b, l.Href)
	b.WriteString(`">`)
	writeText(b, l.Text)
	b.WriteString(`</a>`)
}

// HeadHTML is the default theme's head of a measure's page: where it
// belongs, its name, period, description and owner, and its score, in Go
// for the reason FactsHTML is (TestMarkupInGoLikeTheTemplates).
func (v *MeasureView) HeadHTML() (template.HTML, error) {
	f := newMarkup(v.b, v.home)
	f.b.Grow(1024)
	f.measureHead(v)
	return f.html()
}

// measureHead writes what HeadHTML returns.
func (f *markup) measureHead(v *MeasureView) {
	b := f.b
	b.WriteString("\n<div class=\"page-head\">\n  <div>\n    <p class=\"eyebrow\">")
	f.text("measure_eyebrow")
	b.WriteString(` · `)
	writeLink(b, v.Objective)
	b.WriteString(` · `)
	writeLink(b, v.Unit)
	b.WriteString("</p>\n    <h1 dir=\"auto\">")
	writeText(b, v.Name)
	b.WriteString("</h1>\n    <p class=\"meta\">")
	writeText(b, v.Period)
	if v.Stale {
		b.WriteString(` · <span class="stale">`)
		f.partial("clock", nil)
		b.WriteString(` `)
		f.t("measure_stale", "period", v.Current)
		b.WriteString(`</span>`)
	}
	b.WriteString("</p>\n    ")
	if v.Description != "" {
		b.WriteString(`<p class="lede" dir="auto">`)
		writeText(b, v.Description)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n    ")
	f.headline(v.Owner, v.Score, "measure_score_caption")
}

// ComponentsHTML is the body of the default theme's table of what makes up
// the objective's score, one <tr> for each of Components, and DriversHTML
// and EffectsHTML those of its tables of causes and effects: in Go for the
// reason RowsHTML is (TestMarkupInGoLikeTheTemplates).
func (v *ObjectiveView) ComponentsHTML() (template.HTML, error) {
	f := newMarkup(v.b, "")
	for _, c := range v.Components {
		f.b.WriteString(`<tr><th scope="row">`)
		writeLink(f.b, c.Link)
		f.b.WriteString(`</th><td>`)
		writeText(f.b, c.Kind)
		f.b.WriteString(`</td><td>`)
		writeText(f.b, c.Unit)
		for _, s := range [...]string{c.Value, c.Target, c.Weight} {
			f.b.WriteString(`</td><td class="num">`)
			writeText(f.b, s)
		}
		f.b.WriteString(`</td><td class="num">`)
		f.partial("score", c.Score)
		f.b.WriteString("</td></tr>\n    ")
	}
	return f.html()
}

// DriversHTML is the body of the table of the objectives that drive this
// one (ComponentsHTML).
func (v *ObjectiveView) DriversHTML() (template.HTML, error) { return v.causesHTML(v.Drivers) }

// EffectsHTML is the body of the table of the objectives this one drives
// (ComponentsHTML).
func (v *ObjectiveView) EffectsHTML() (template.HTML, error) { return v.causesHTML(v.Effects) }

func (v *ObjectiveView) causesHTML(rows []CauseRow) (template.HTML, error) {
	f := newMarkup(v.b, "")
	for _, c := range rows {
		f.b.WriteString(`<tr><th scope="row">`)
		writeLink(f.b, c.Link)
		f.b.WriteString(`</th><td class="num">`)
		f.partial("score", c.Score)
		f.b.WriteString(`</td><td>`)
		writeText(f.b, c.Evidence)
		if c.NoLeading {
			f.b.WriteString(`<br><span class="meta">`)
			f.text("cause_no_leading")
			f.b.WriteString(`</span>`)
		}
		for _, s := range [...]string{c.Lag, c.R, c.N} {
			f.b.WriteString(`</td><td class="num">`)
			writeText(f.b, s)
		}
		f.b.WriteString("</td></tr>\n  ")
	}
	return f.html()
}

// RowHTML is the default theme's row of a table of changes since the last
// review: in Go for the reason RowsHTML is, as every unit's page of
// changes in every review period lists up to a few dozen of them
// (TestMarkupInGoLikeTheTemplates). The theme's "item-kind" partial names
// what the row is; the row's direction is written as the "direction"
// partial writes it.
func (r *ChangeRow) RowHTML() (template.HTML, error) {
	f := newMarkup(r.b, "")
	b := f.b
	b.Grow(768)
	b.WriteString(`<tr><th scope="row">`)
	writeLink(b, r.Link)
	f.partial("item-kind", r.Kind)
	b.WriteString(`</th><td>`)
	writeLink(b, r.Unit)
	b.WriteString(`</td><td class="num">`)
	f.partial("score", r.From)
	b.WriteString(`</td><td class="num">`)
	f.partial("score", r.To)
	b.WriteString(`</td><td class="num">`)
	switch r.Direction {
	case "improved":
		b.WriteString(`<span class="trend t-improving"><span aria-hidden="true">↗</span> `)
		f.text("change_improved")
		b.WriteString(`</span>`)
	case "worsened":
		b.WriteString(`<span class="trend t-worsening"><span aria-hidden="true">↘</span> `)
		f.text("change_worsened")
		b.WriteString(`</span>`)
	}
	if r.Delta != "" {
		b.WriteString(` <span class="delta">`)
		writeText(b, r.Delta)
		b.WriteString(`</span>`)
	}
	b.WriteString(`</td><td class="num">`)
	if r.Value != "" {
		writeText(b, r.Before)
		b.WriteString(` → `)
		writeText(b, r.Value)
	}
	b.WriteString(`</td></tr>`)
	return f.html()
}

// SectionsHTML is the default theme's measure page below its facts: why
// there is no value, the year to date, the history chart, the table of
// periods, the definition and the commentary. A site has a measure page
// for every measure in every review period, most of its pages: their
// template actions, each a reflective call, were the largest part of
// what a review period costs (TestMarkupInGoLikeTheTemplates holds the
// bytes to those of the template it replaces).
func (v *MeasureView) SectionsHTML() (template.HTML, error) {
	f := newMarkup(v.b, v.home)
	f.b.Grow(4096 + len(v.rowsHTML) + len(v.definitionHTML) + len(v.Commentary))
	f.measureSections(v)
	return f.html()
}

// measureSections writes what SectionsHTML returns.
func (f *markup) measureSections(v *MeasureView) {
	b := f.b
	if v.Missing != "" {
		b.WriteString(`<p class="notice">`)
		writeText(b, v.Missing)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n\n")
	if v.Year != nil {
		f.year(v.Year)
	}
	b.WriteString("\n\n")
	if v.Chart != nil {
		b.WriteString("\n<section aria-labelledby=\"mh-h\">\n  <h2 id=\"mh-h\">")
		f.text("measure_history")
		b.WriteString("</h2>\n  <figure class=\"figure\">\n    ")
		f.chart(v.Chart)
		b.WriteString("\n    <figcaption>")
		f.text("measure_history_caption")
		b.WriteString("</figcaption>\n  </figure>\n</section>\n")
	}
	b.WriteString("\n\n<section aria-labelledby=\"mt-h\">\n  <h2 id=\"mt-h\">")
	f.text("measure_by_period")
	b.WriteString("</h2>\n  ")
	if len(v.Rows) != 0 && v.CSV != "" {
		b.WriteString(`<p class="download"><a href="`)
		writeText(b, v.CSV)
		b.WriteString(`" download>`)
		f.text("measure_csv")
		b.WriteString(`</a></p>`)
	}
	b.WriteString("\n  ")
	if v.YTD {
		b.WriteString(`<p class="note">`)
		f.text("measure_ytd_note")
		b.WriteString(`</p>`)
	}
	b.WriteString("\n  ")
	if len(v.Rows) != 0 {
		b.WriteString("\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"")
		f.text("periods_table")
		b.WriteString("\">\n  <table class=\"data\">\n    <caption class=\"visually-hidden\">")
		f.text("periods_caption")
		b.WriteString("</caption>\n    <thead><tr>")
		f.heads(1, "col_period", "col_actual", "col_target", "col_red", "col_stretch", "col_score")
		b.WriteString("</tr></thead>\n    <tbody>\n    ")
		b.WriteString(v.rowsHTML)
		f.keep(v.rowsErr)
		b.WriteString("</tbody>\n  </table>\n  </div>\n  ")
	} else {
		b.WriteString(`<p class="empty">`)
		f.text("measure_no_data")
		b.WriteString(`</p>`)
	}
	b.WriteString("\n</section>\n\n<section aria-labelledby=\"md-h\">\n  <h2 id=\"md-h\">")
	f.text("measure_definition")
	b.WriteString("</h2>\n  <dl class=\"definition\">\n  ")
	b.WriteString(string(v.definitionHTML))
	b.WriteString("</dl>\n</section>\n\n")
	if v.Commentary != "" {
		b.WriteString("\n<section aria-labelledby=\"mc-h\" class=\"prose-section\">\n  <h2 id=\"mc-h\">")
		f.text("commentary")
		b.WriteString("</h2>\n  <div class=\"commentary\">")
		b.WriteString(string(v.Commentary))
		b.WriteString("</div>\n</section>\n")
	}
}

// year writes a year-to-date measure's section: its chart, and its table
// of the year to date, target to date and projection.
func (f *markup) year(y *YearView) {
	b := f.b
	b.WriteString("\n<section aria-labelledby=\"ytd-h\">\n  <h2 id=\"ytd-h\">")
	f.t("ytd_heading", "year", y.Year)
	b.WriteString("</h2>\n  <figure class=\"figure\">\n    ")
	f.chart(y.Chart)
	b.WriteString("\n    <figcaption>")
	caption := "ytd_caption_mixed"
	switch {
	case y.Projected == "":
		caption = "ytd_caption"
	case y.Method == "run-rate":
		caption = "ytd_caption_run_rate"
	case y.Method == "seasonal":
		caption = "ytd_caption_seasonal"
	}
	f.t(caption, "target", y.FullYearTarget)
	b.WriteString("</figcaption>\n  </figure>\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"")
	f.text("ytd_table")
	b.WriteString("\">\n  <table class=\"data compact\">\n    <caption class=\"visually-hidden\">")
	f.t(pick(y.Projected != "", "ytd_table_caption_projected", "ytd_table_caption"), "year", y.Year)
	b.WriteString("</caption>\n    <thead><tr>")
	f.heads(1, "col_period", "ytd_series", "ytd_target_to_date")
	if y.Projected != "" {
		f.head("col_projected", true)
	}
	b.WriteString("</tr></thead>\n    <tbody>\n    ")
	for _, r := range y.Rows {
		b.WriteString(`<tr><th scope="row">`)
		writeText(b, r.Period)
		b.WriteString(`</th><td class="num">`)
		writeText(b, r.Actual)
		b.WriteString(`</td><td class="num">`)
		writeText(b, r.Target)
		b.WriteString(`</td>`)
		if y.Projected != "" {
			b.WriteString(`<td class="num">`)
			if r.Projected != "" {
				b.WriteString(`<span class="projected">`)
				writeText(b, r.Projected)
				b.WriteString(` <span class="tag">`)
				f.text("projected_tag")
				b.WriteString(`</span></span>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>\n    ")
	}
	b.WriteString("</tbody>\n  </table>\n  </div>\n</section>\n")
}

// chart writes the theme's chart partial for c: chartHTML, or a theme's
// own markup.
func (f *markup) chart(c *chart.Chart) {
	if f.th.Own(f.kind, "chart") {
		f.th.WriteChart(f.b, c)
		return
	}
	f.keep(f.th.Run(f.kind, "chart", f.b, c))
}
