package view

import (
	"html/template"

	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// An objective's page and a comparison's rows in Go, for the reason a measure's is (rows.go): a
// site has one for every objective in every review period, and its
// template actions were most of what the page cost. The theme's partials
// (badge, score, causes, chart) are still the theme's; the bytes are
// those of the templates they replace (TestMarkupInGoLikeTheTemplates).

// HeadHTML is the default theme's head of an objective's page: its
// perspective, unit, name, owner and score, its driver score and outlook.
func (v *ObjectiveView) HeadHTML() (template.HTML, error) {
	f := newMarkup(v.b, v.home)
	f.kind = "objective"
	f.b.Grow(3072)
	f.objectiveHead(v)
	return f.html()
}

// objectiveHead writes what HeadHTML returns.
func (f *markup) objectiveHead(v *ObjectiveView) {
	b := f.b
	b.WriteString("\n<div class=\"page-head\">\n  <div>\n    <p class=\"eyebrow\">")
	f.text("objective_eyebrow")
	b.WriteString(` · `)
	writeText(b, v.Perspective)
	b.WriteString(` · <a href="`)
	writeText(b, v.Unit.Href)
	b.WriteString(`">`)
	writeText(b, v.Unit.Text)
	b.WriteString("</a></p>\n    <h1 dir=\"auto\">")
	writeText(b, v.Name)
	b.WriteString("</h1>\n    ")
	f.headline(v.Owner, v.Score, "objective_score_caption")
	b.WriteString("\n<dl class=\"facts\">\n  <div><dt>")
	f.text("fact_driver_score")
	f.term("driver-score", "term_driver_score")
	b.WriteString(`</dt><dd>`)
	f.cached("score", v.DriverScore)
	b.WriteString(`</dd><dd class="exact">`)
	f.text("driver_score_explained")
	b.WriteString("</dd></div>\n  <div><dt>")
	f.text("fact_outlook")
	f.term("outlook", "term_outlook")
	b.WriteString(`</dt><dd>`)
	if v.Outlook == "at-risk" {
		b.WriteString(`<span class="flag">`)
		f.text("at_risk")
		b.WriteString(`</span> `)
		f.text("outlook_at_risk")
	} else {
		f.text("outlook_steady")
	}
	b.WriteString(`</dd><dd class="exact">`)
	f.text(pick(v.Outlook == "at-risk", "outlook_at_risk_explained", "outlook_steady_explained"))
	b.WriteString("</dd></div>\n</dl>\n")
	if v.NoLeading {
		b.WriteString(`<p class="notice">`)
		f.text("objective_no_leading")
		b.WriteString(`</p>`)
	}
}

// SectionsHTML is the default theme's objective page below its head: what
// makes up its score, its causes and effects, what it supports, its
// initiatives, its score's history and the commentary.
func (v *ObjectiveView) SectionsHTML() (template.HTML, error) {
	f := newMarkup(v.b, v.home)
	f.kind = "objective"
	f.b.Grow(8192 + len(v.historyHTML) + len(v.Commentary))
	f.objectiveSections(v)
	return f.html()
}

// objectiveSections writes what SectionsHTML returns.
func (f *markup) objectiveSections(v *ObjectiveView) {
	b := f.b
	b.WriteString("\n\n<section aria-labelledby=\"comp-h\">\n  <h2 id=\"comp-h\">")
	f.text("objective_components")
	b.WriteString("</h2>\n  ")
	if len(v.Components) != 0 {
		b.WriteString("\n  <div class=\"table-scroll\">\n  <table class=\"data\">\n    <caption class=\"visually-hidden\">")
		f.text("components_caption")
		b.WriteString("</caption>\n    <thead><tr>")
		f.heads(3, "col_component", "col_kind", "col_unit", "col_value", "col_target", "col_weight", "col_score")
		b.WriteString("</tr></thead>\n    <tbody>\n    ")
		rows, err := v.ComponentsHTML()
		f.keep(err)
		b.WriteString(string(rows))
		b.WriteString("</tbody>\n  </table>\n  </div>\n  ")
	} else {
		b.WriteString(`<p class="empty">`)
		f.text("objective_no_components")
		b.WriteString(`</p>`)
	}
	b.WriteString("\n</section>\n\n<section aria-labelledby=\"cause-h\">\n  <h2 id=\"cause-h\">")
	f.text("objective_cause_effect")
	b.WriteString("</h2>\n  ")
	f.causes("objective_driven_by", "objective_driven_by_none", v.Drivers, v.DriversHTML)
	b.WriteString("\n  ")
	f.causes("objective_drives", "objective_drives_none", v.Effects, v.EffectsHTML)
	b.WriteString("\n  <p class=\"note\">")
	f.text("objective_evidence_note")
	b.WriteString(` <a href="`)
	writeText(b, v.home+"glossary/index.html#evidence")
	b.WriteString(`">`)
	f.text("evidence_more")
	b.WriteString("</a></p>\n</section>\n\n")
	if len(v.Supports) != 0 {
		b.WriteString("\n<section aria-labelledby=\"align-h\">\n  <h2 id=\"align-h\">")
		f.text("objective_aligned_with")
		b.WriteString("</h2>\n  <ul class=\"links\">")
		for _, s := range v.Supports {
			b.WriteString(`<li><a href="`)
			writeText(b, s.Href)
			b.WriteString(`">`)
			writeText(b, s.Text)
			b.WriteString(`</a> (`)
			writeText(b, s.Unit)
			b.WriteString(`) `)
			f.cached("score", s.Score)
			b.WriteString(`</li>`)
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteString("\n\n")
	if len(v.Initiatives) != 0 {
		b.WriteString("\n<section aria-labelledby=\"oi-h\">\n  <h2 id=\"oi-h\">")
		f.text("initiatives")
		b.WriteString("</h2>\n  <ul class=\"links\">")
		for _, l := range v.Initiatives {
			b.WriteString(`<li><a href="`)
			writeText(b, l.Href)
			b.WriteString(`">`)
			writeText(b, l.Text)
			b.WriteString(`</a></li>`)
		}
		b.WriteString("</ul>\n</section>\n")
	}
	b.WriteString("\n\n")
	if v.History != nil {
		b.WriteString("\n<section aria-labelledby=\"hist-h\">\n  <h2 id=\"hist-h\">")
		f.text("objective_score_history")
		b.WriteString("</h2>\n  <figure class=\"figure\">")
		f.chart(v.History)
		b.WriteString("</figure>\n</section>\n")
	}
	b.WriteString("\n<details class=\"history-table\">\n  <summary>")
	f.text("objective_score_by_period")
	b.WriteString("</summary>\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"")
	f.text("score_table")
	b.WriteString("\">\n  <table class=\"data compact\">\n    <caption class=\"visually-hidden\">")
	f.text("score_table_caption")
	b.WriteString("</caption>\n    <thead><tr>")
	f.heads(1, "as_of", "col_score")
	b.WriteString("</tr></thead>\n    <tbody>")
	b.WriteString(v.historyHTML)
	f.keep(v.historyErr)
	b.WriteString("</tbody>\n  </table>\n  </div>\n</details>\n\n")
	if v.Commentary != "" {
		b.WriteString("\n<section aria-labelledby=\"oc-h\" class=\"prose-section\">\n  <h2 id=\"oc-h\">")
		f.text("commentary")
		b.WriteString("</h2>\n  <div class=\"commentary\">")
		b.WriteString(string(v.Commentary))
		b.WriteString("</div>\n</section>\n")
	}
}

// causes writes the theme's "causes" partial: a table of the objectives
// that drive this one, or that it drives.
func (f *markup) causes(title, empty string, rows []CauseRow, rowsHTML func() (template.HTML, error)) {
	h, err := rowsHTML()
	f.keep(err)
	if !f.th.Own(f.kind, "causes") {
		f.keep(f.th.Run(f.kind, "causes", f.b, map[string]any{
			"Title": f.message(title), "Rows": rows, "RowsHTML": h, "Empty": f.message(empty),
		}))
		return
	}
	b := f.b
	b.WriteString("\n<h3>")
	f.text(title)
	b.WriteString("</h3>\n")
	if len(rows) != 0 {
		b.WriteString("\n<div class=\"table-scroll\">\n<table class=\"data\">\n  <caption class=\"visually-hidden\">")
		f.t("causes_caption", "title", f.message(title))
		b.WriteString("</caption>\n  <thead><tr>")
		f.heads(1, "col_objective", "col_score")
		f.heads(1, "col_evidence", "col_lag", "col_r", "col_n")
		b.WriteString("</tr></thead>\n  <tbody>\n  ")
		b.WriteString(string(h))
		b.WriteString("</tbody>\n</table>\n</div>\n")
	} else {
		b.WriteString(`<p class="empty">`)
		f.text(empty)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n")
}

// RowsHTML is the body of the default theme's league table: one <tr> for
// each of Rows, in Go for the reason a measure's rows are: a row has a
// cell for every measure the units share, each a partial (league-cell),
// and a comparison lists up to a hundred units, in every review period.
// Themes can range over Rows themselves.
func (v *CompareView) RowsHTML() (template.HTML, error) {
	f := newMarkup(v.b, "")
	f.kind = "compare"
	b := f.b
	own := f.th.Own(f.kind, "league-cell")
	for _, r := range v.Rows {
		b.WriteString(`<tr><td class="num">`)
		writeText(b, r.Rank)
		b.WriteString(`</td><th scope="row"><a href="`)
		writeText(b, r.Unit.Href)
		b.WriteString(`">`)
		writeText(b, r.Unit.Text)
		b.WriteString(`</a></th>`)
		if v.ShowParent {
			b.WriteString(`<td class="parent"><a href="`)
			writeText(b, r.Parent.Href)
			b.WriteString(`">`)
			writeText(b, r.Parent.Text)
			b.WriteString(`</a></td>`)
		}
		b.WriteString(`<td class="num" data-s="`)
		writeText(b, r.Score.Key)
		b.WriteString(`">`)
		f.cached("score", r.Score.Score)
		b.WriteString(`</td>`)
		for _, p := range r.Perspectives {
			f.cached("league-score", p)
		}
		for _, c := range r.Cells {
			if !own {
				f.keep(f.th.Run(f.kind, "league-cell", b, c))
				continue
			}
			if !c.Has {
				b.WriteString(`<td></td>`)
				continue
			}
			b.WriteString(`<td class="s-`)
			writeText(b, c.Status)
			b.WriteByte('"')
			if c.Score != "" {
				b.WriteString(` data-s="`)
				writeText(b, c.Score)
				b.WriteByte('"')
			}
			b.WriteString(`><i aria-hidden="true">`)
			writeText(b, theme.StatusIcon(c.Status))
			b.WriteString(`</i>`)
			writeText(b, c.Value)
			b.WriteString(`<b>`)
			writeText(b, theme.StatusLabel(f.w, c.Status))
			b.WriteString(`</b></td>`)
		}
		b.WriteString("</tr>\n    ")
	}
	return f.html()
}
