package view

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// The frame of every page, around its "main": written here for the reason
// the rows are (rows.go). It was some twenty-five reflective template
// calls a page (the cached partials, the values they are drawn from and
// the escapers of each), on every page of every review period. The
// partials it draws on (page-start, site-nav, period-switcher, search,
// freshness, footer, scripts, strong) are still the theme's; only the
// actions between them are written here, with the bytes of the template
// they replace (TestMarkupInGoLikeTheTemplates).

// StartHTML is the default theme's page up to its main content: the head,
// the masthead with the menu, the period switcher and the search box, the
// notice of an earlier review, the freshness line and the breadcrumbs.
func (p *Page) StartHTML() (template.HTML, error) {
	f := p.markup()
	f.b.Grow(4096 + 160*len(p.Periods))
	p.writeStart(f)
	return f.html()
}

// writeStart writes what StartHTML returns.
func (p *Page) writeStart(f *markup) {
	b := f.b
	f.cached("page-start", p.Site.Start())
	b.WriteString("\n<title>")
	writeText(b, p.Title)
	b.WriteString(` · `)
	writeText(b, p.Site.Title)
	b.WriteString("</title>\n")
	if p.Canonical != "" {
		b.WriteString(`<link rel="canonical" href="`)
		writeText(b, p.Canonical)
		b.WriteString("\">\n")
	}
	b.WriteString(`<link rel="stylesheet" href="`)
	writeText(b, p.Rel)
	b.WriteString("assets/site.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">")
	f.text("skip_to_content")
	b.WriteString("</a>\n<header class=\"masthead\">\n  <div class=\"wrap masthead-inner\">\n    ")
	frame := p.Frame()
	f.cached("site-nav", frame)
	b.WriteString("\n    ")
	if f.th.Own(f.kind, "period-switcher") {
		p.writeSwitcher(b)
	} else {
		f.keep(f.th.Run(f.kind, "period-switcher", b, p))
	}
	b.WriteString("\n    ")
	f.cached("search", frame)
	b.WriteString("\n  </div>\n</header>\n")
	if p.Site.Past {
		l := p.LatestPeriod()
		b.WriteString(`<section class="past-notice" aria-label="`)
		f.text("past_label")
		b.WriteString(`"><p class="wrap">`)
		strong, err := f.th.Partial(f.kind, "strong", p.Site.AsOf)
		f.keep(err)
		f.t("past_notice", "period", strong)
		b.WriteString(` <a href="`)
		writeText(b, l.Href)
		b.WriteString(`">`)
		f.t("past_see_latest", "period", l.Text)
		b.WriteString("</a></p></section>\n")
	}
	f.cached("freshness", p.Site.Freshness)
	b.WriteString("\n")
	if len(p.Crumbs) != 0 {
		b.WriteString(`<nav class="crumbs wrap" aria-label="`)
		f.text("crumbs_label")
		b.WriteString(`"><ol>`)
		p.writeCrumbs(b)
		b.WriteString(`</ol></nav>`)
	}
}

// EndHTML is the default theme's page after its main content: the footer
// and the scripts.
func (p *Page) EndHTML() (template.HTML, error) {
	f := p.markup()
	p.writeEnd(f)
	return f.html()
}

// writeEnd writes what EndHTML returns.
func (p *Page) writeEnd(f *markup) {
	f.b.WriteString("<footer class=\"site-footer\">\n  ")
	f.cached("footer", p.Footer())
	f.b.WriteString("\n</footer>\n")
	f.cached("scripts", p.Scripts())
}

// markup returns a writer of markup for the page's frame, with the
// partials of its kind's templates.
func (p *Page) markup() *markup { return p.markupTo(&strings.Builder{}) }

// markupTo is markup writing into w, the page's buffer.
func (p *Page) markupTo(w theme.Writer) *markup {
	return &markup{b: w, w: p.b.w, th: p.b.theme, home: p.Home, kind: p.kind}
}

// mainWriter is a page body whose kind's whole "main" is written in Go.
type mainWriter interface {
	writeMain(w *bytes.Buffer) error
}

// HasHTML reports whether pages of kind can be written whole by WriteHTML.
func HasHTML(kind string) bool { return kind == MeasurePage || kind == ObjectivePage }

// WriteHTML writes the whole page as the default theme's baseof.html and
// the layout of its kind write it, for the kinds of HasHTML: a measure's
// or an objective's page, most pages of a site in every review period,
// without a template action. The caller checks that the theme's are the
// default's (theme.Own).
func (p *Page) WriteHTML(w *bytes.Buffer) error {
	body, ok := p.Body.(mainWriter)
	if !ok {
		return fmt.Errorf("a %s page is not written in Go", p.kind)
	}
	// Every part is written straight into w: built apart, as the
	// templates ask for them, the parts were as many bytes again as the
	// page, allocated and copied.
	f := p.markupTo(w)
	w.WriteString("<!DOCTYPE html>\n")
	p.writeStart(f)
	if f.err != nil {
		return f.err
	}
	w.WriteString("\n<main id=\"main\" class=\"wrap\">\n")
	if err := body.writeMain(w); err != nil {
		return err
	}
	w.WriteString("\n</main>\n")
	p.writeEnd(f)
	if f.err != nil {
		return f.err
	}
	w.WriteString("\n</body>\n</html>\n")
	return nil
}

// writeMain writes the default theme's measure.html: the head, the facts
// and the sections.
func (v *MeasureView) writeMain(w *bytes.Buffer) error {
	f := newMarkupTo(w, v.b, v.home)
	f.measureHead(v)
	w.WriteByte('\n')
	f.facts(v)
	w.WriteByte('\n')
	f.measureSections(v)
	w.WriteByte('\n')
	return f.err
}

// writeMain writes the default theme's objective.html: the head and the
// sections.
func (v *ObjectiveView) writeMain(w *bytes.Buffer) error {
	f := newMarkupTo(w, v.b, v.home)
	f.kind = "objective"
	f.objectiveHead(v)
	f.objectiveSections(v)
	w.WriteByte('\n')
	return f.err
}
