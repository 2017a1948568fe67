// Package view makes what each page shows: a view per page, built from the
// computed result, with every number already formatted and every link
// already relative to the page. Templates place the views; they compute
// nothing. The view types are the documented interface of themes
// (docs/site.md), so their fields change with care.
package view

import (
	"html/template"

	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// SiteView is shown on every page.
type SiteView struct {
	Title    string
	Lang     string
	Dir      string // ltr or rtl, as the language runs
	AsOf     string // "September 2026"
	AsOfCode string // "2026-09"
	Latest   string // the latest period with an actual, "September 2026"
	Stale    int    // measures whose value is older than their current period
	Missing  int    // measures with no value
	Rows     int
	// Past is true on the pages of a past review period.
	Past bool
	// Freshness is what the freshness line says: Latest, Stale and Missing.
	Freshness Freshness
	// Policy is the Content-Security-Policy of the pages, which have no
	// inline script or style element (theme.ContentPolicy).
	Policy string
}

// Page is one output page.
type Page struct {
	Site *SiteView
	Path string // output path, slash-separated
	Rel  string // from the page to the output root, where the assets are: "", "../../"
	Home string // from the page to its review period's root, where its home page is
	// Periods link the same page in every review period published, newest
	// first: the period switcher.
	Periods   []PeriodLink
	Canonical string // the page's absolute URL under the site's base URL; "" without one
	Title     string
	Nav       string // the menu item it belongs to: scorecard, initiatives, exceptions
	Crumbs    []Link
	Body      any
	words     *frameWords
	kind      string   // the page's kind (PageRef.Kind)
	b         *Builder // for the frame's markup (StartHTML)
}

// frameWords are the words of every page's frame that the view writes
// (PeriodsHTML, SwitcherHTML), in the site's language: looked up once.
type frameWords struct {
	latest string // the switcher's tag of the as-of period: "latest"
	asOf   string // "As of"
	choose string // "(choose another review period)"
	label  string // the switcher's name: "Review periods"
}

// Freshness is how fresh a review period's data are, as every page says.
type Freshness struct {
	Latest         string
	Stale, Missing int
}

// Frame is what the menu and search box of a page depend on: a small value, so that the
// theme renders each menu once (cached).
type Frame struct {
	Rel   string // Page.Rel
	Home  string // Page.Home
	Nav   string // Page.Nav
	Title string // the site's
}

// Start is what the start of every page depends on, up to its title: its
// language, direction and Content-Security-Policy.
type Start struct{ Lang, Dir, Policy string }

// Start is the value the start of the site's pages is drawn from.
func (s *SiteView) Start() Start { return Start{Lang: s.Lang, Dir: s.Dir, Policy: s.Policy} }

// Scripts is what the scripts at the end of a page depend on: whether it
// draws charts, and the way to the assets.
type Scripts struct {
	Charts bool
	Rel    string
}

// Scripts is the value the page's scripts are drawn from.
func (p *Page) Scripts() Scripts { return Scripts{Charts: p.HasCharts(), Rel: p.Rel} }

// Footer is what the footer of a page depends on: the same for every page
// of a review period at one depth, so the theme renders each once
// (cached).
type Footer struct {
	Title, AsOf, AsOfCode string // the site's
	Rows                  int    // the site's
	Rel, Home             string // Page.Rel, Page.Home
}

// Footer is the value the page's footer is drawn from.
func (p *Page) Footer() Footer {
	s := p.Site
	return Footer{Title: s.Title, AsOf: s.AsOf, AsOfCode: s.AsOfCode, Rows: s.Rows, Rel: p.Rel, Home: p.Home}
}

// Frame is the value the page's menu is drawn from.
func (p *Page) Frame() Frame { return Frame{Rel: p.Rel, Home: p.Home, Nav: p.Nav, Title: p.Site.Title} }

// PeriodLink is a review period in the period switcher.
type PeriodLink struct {
	Text    string // "August 2026"
	Code    string // "2026-08"
	Href    string // the same page as of that period
	Current bool   // the period of the page
	Latest  bool   // the as-of period, at the root of the site
}

// Link is a link with its text, its href relative to the page.
type Link struct {
	Text string
	Href string
}

// Score is a formatted score and its status.
type Score struct {
	Text   string // "6.1", or "–"
	Status string // green, amber, red, none
}

// Span is a number of periods of a frequency: N, the singular name of the
// period, "month", "quarter" or "year", and Text, the two in the page's
// language ("12 months"). A zero Span is no span.
type Span struct {
	N    int
	Unit string
	Text string
}

// span is the Span of n periods of frequency f, in the builder's language.
func (b *Builder) span(n int, f period.Freq) Span {
	if n == 0 {
		return Span{}
	}
	unit := map[period.Freq]string{period.Monthly: "month", period.Quarterly: "quarter", period.Annual: "year"}[f]
	return Span{N: n, Unit: unit, Text: b.w.Count("span_"+unit, n)}
}

// ScoreOf is a score and its status as pages show them, in the number
// format of the language of loc.
func ScoreOf(loc *locale.Locale, o model.Opt, s model.Status) Score {
	return Score{Text: loc.Score(o.V, o.OK), Status: s.String()}
}

// score is ScoreOf in the builder's language.
func (b *Builder) score(o model.Opt, s model.Status) Score { return ScoreOf(b.loc, o, s) }

// paths of the pages, from the output root.
func unitPath(u *model.Unit) string { return "units/" + u.ID + "/index.html" }
func objectivePath(o *model.Objective) string {
	return "units/" + o.Unit.ID + "/objectives/" + o.ID + ".html"
}
func measurePath(m *model.Measure) string {
	return "units/" + m.Unit.ID + "/measures/" + m.ID + ".html"
}

// The CSV downloads, from the output root: a unit's scorecard table, a
// measure's history, and every value of the site (render writes them).
func UnitCSVPath(u *model.Unit) string { return "units/" + u.ID + "/scorecard.csv" }

// MeasureCSVPath is where a measure's history is downloaded from.
func MeasureCSVPath(m *model.Measure) string {
	return "units/" + m.Unit.ID + "/measures/" + m.ID + ".csv"
}

// SiteCSVPath is the site-wide CSV of every measure value.
const SiteCSVPath = "data/measures.csv"

const (
	homePath        = "index.html"
	initiativesPath = "initiatives/index.html"
	exceptionsPath  = "exceptions/index.html"
	alignmentPath   = "alignment/index.html" // how objectives align down the cascade
	glossaryPath    = "glossary/index.html"
)

// rel returns the prefix that leads from the page at path p to the root.
func rel(p string) string {
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			n++
		}
	}
	s := ""
	for range n {
		s += "../"
	}
	return s
}

// value shows a measure's number with its format and display unit.
func (b *Builder) value(m *model.Measure, o model.Opt) string {
	if !o.OK {
		return "–"
	}
	var buf [64]byte
	return string(b.loc.AppendValue(buf[:0], m.Format, m.DisplayUnit, o.V))
}

// target shows what a measure is held to: its target, or its band.
func (b *Builder) target(m *model.Measure, t model.Opt) string {
	if m.Polarity == model.Range {
		return b.loc.Number(m.Format, m.Band.Low) + "–" + b.value(m, model.Some(m.Band.High))
	}
	return b.value(m, t)
}

var money = number.Format{Grouping: true}

// markdownHTML renders commentary under a page's level-two heading: its
// own headings start at level three.
func markdownHTML(src []byte) template.HTML { return markdownUnder(src, 3) }

func markdownUnder(src []byte, top int) template.HTML {
	h, err := theme.MarkdownUnder(src, top)
	if err != nil {
		return ""
	}
	return h
}
