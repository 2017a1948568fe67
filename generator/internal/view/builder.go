package view

import (
	"iter"
	"slices"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compare"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// A Builder makes the views of one result, in the language of its theme's
// words: the as-of period's, whose pages are at the root of the output, or
// a past review period's, whose pages are the same under PeriodDir.
type Builder struct {
	r       *compute.Result
	site    *SiteView
	theme   *theme.Theme
	w       *i18n.Catalog
	loc     *locale.Locale
	names   *locale.PeriodNames
	words   *chart.Words
	prefix  string   // "" or PeriodDir(p): where the period's pages are
	reviews []review // every review period published, newest first
	// compact is true for the board pack's views: large numbers in its
	// scorecards are compact (compact).
	compact bool
	shared  *shared               // what the pages of the periods share
	sets    func() []*compare.Set // the comparisons, made once when a page asks
	frame   *frameWords
}

// review is a published review period: its folder and its names.
type review struct {
	prefix string
	name   string // "August 2026"
	code   string // "2026-08"
	result *compute.Result
}

// NewBuilder returns the builder of r's views, for the templates of t,
// which must be parsed: the pages of the as-of period, at the root.
func NewBuilder(r *compute.Result, t *theme.Theme) *Builder {
	return Builders(r, t)[0]
}

// Builders returns the builders of the as-of period of r and of each of its
// past review periods, newest first.
func Builders(r *compute.Result, t *theme.Theme) []*Builder {
	w := t.Words()
	names := Periods(r, w)
	words := chart.NewWords(w, names)
	results := append([]*compute.Result{r}, r.Past...)
	reviews := make([]review, len(results))
	for i, x := range results {
		reviews[i] = review{name: names.Name(x.AsOf), code: x.AsOf.String(), result: x}
		if i > 0 {
			reviews[i].prefix = PeriodDir(x.AsOf.String())
		}
	}
	out := make([]*Builder, len(results))
	sh := newShared(r, len(results))
	frame := &frameWords{latest: w.Text("period_latest"), asOf: w.Text("as_of"), choose: w.Text("periods_choose"), label: w.Text("periods_label")}
	for i, x := range results {
		out[i] = &Builder{r: x, site: NewSite(x, w), theme: t, w: w, loc: w.Locale(), names: names, words: words,
			prefix: reviews[i].prefix, reviews: reviews, shared: sh, frame: frame}
		out[i].site.Past = i > 0
		out[i].sets = sync.OnceValue(func() []*compare.Set { return compare.Sets(x) })
	}
	return out
}

// PeriodsDir is the folder of the past review periods' folders.
const PeriodsDir = "periods/"

// PeriodDir is the folder of the pages of a past review period, by its
// literal ("2026-08"), from the output root.
func PeriodDir(code string) string { return PeriodsDir + code + "/" }

// Prefix is where the builder's pages are, from the output root: "" for the
// as-of period, PeriodDir for a past one.
func (b *Builder) Prefix() string { return b.prefix }

// Result is the result the builder's views show.
func (b *Builder) Result() *compute.Result { return b.r }

// Periods names the periods of r in the language of w.
func Periods(r *compute.Result, w *i18n.Catalog) *locale.PeriodNames {
	return w.Locale().Periods(r.Site.Calendar, func(year string) string { return w.Text("fiscal_year", "year", year) })
}

// NewSite is what every page of r shows, in the language of w.
func NewSite(r *compute.Result, w *i18n.Catalog) *SiteView {
	names := Periods(r, w)
	f := Facts(r)
	sv := &SiteView{
		Title: r.Site.Title, Lang: r.Site.Language, Dir: w.Locale().Dir(),
		AsOf: names.Name(r.AsOf), AsOfCode: r.AsOf.String(),
		Rows: f.Rows, Stale: f.Stale, Missing: f.Missing, Policy: theme.ContentPolicy(nil, nil),
	}
	if !r.Latest.IsZero() {
		sv.Latest = names.Name(r.Latest)
	}
	sv.Freshness = Freshness{Latest: sv.Latest, Stale: sv.Stale, Missing: sv.Missing}
	return sv
}

// SiteFacts are what SiteView shows of a result, in any language.
type SiteFacts struct {
	AsOf, Latest         period.Period
	Rows, Stale, Missing int
}

// Facts are the site facts of r.
func Facts(r *compute.Result) SiteFacts {
	f := SiteFacts{AsOf: r.AsOf, Latest: r.Latest, Rows: r.Data.Rows}
	for i := range r.Measures {
		mr := &r.Measures[i]
		switch {
		case !mr.Value.OK:
			f.Missing++
		case mr.Stale:
			f.Stale++
		}
	}
	return f
}

// The kinds of page, each with its template layouts/<kind>.html.
const (
	HomePage        = "home"
	UnitPage        = "unit"
	ObjectivePage   = "objective"
	MeasurePage     = "measure"
	InitiativesPage = "initiatives"
	InitiativePage  = "initiative"
	ExceptionsPage  = "exceptions"
	AlignmentPage   = "alignment"
	ChangesPage     = "changes" // since the last review: the organisation's (Unit nil) or a unit's
	GlossaryPage    = "glossary"
	ComparePage     = "compare"     // a page of a comparison of units
	ComparisonsPage = "comparisons" // the list of comparisons
)

// A PageRef names a page of the site and what it is about.
type PageRef struct {
	Path       string // from the output root, slash-separated
	Kind       string // HomePage, UnitPage, ...
	Unit       *model.Unit
	Objective  *model.Objective
	Measure    *model.Measure
	Initiative *model.Initiative
	// Compare is the comparison a ComparePage shows, and PageNumber which
	// of its pages, from 1.
	Compare    *compare.Set
	PageNumber int
}

// Pages lists every page of r's site but the board pack, in the order a
// build renders them.
func Pages(r *compute.Result) []PageRef {
	return append(SharedPages(r), ComparePages(r)...)
}

// Pages is Pages of b's period, whose comparisons b has already made.
func (b *Builder) Pages() []PageRef {
	return append(SharedPages(b.r), b.ComparePages()...)
}

// SharedPages are the pages of Pages that every review period has: all but
// the comparison pages.
func SharedPages(r *compute.Result) []PageRef {
	return slices.Collect(EachSharedPage(r))
}

// EachSharedPage yields the pages of SharedPages one at a time, for a
// render that takes them in turn: XL's list of 482,000 held 65 MB for the
// whole build.
func EachSharedPage(r *compute.Result) iter.Seq[PageRef] {
	return func(yield func(PageRef) bool) {
		if !yield(PageRef{Path: homePath, Kind: HomePage, Unit: r.Site.Root()}) {
			return
		}
		for _, u := range r.Site.Units {
			if !yield(PageRef{Path: unitPath(u), Kind: UnitPage, Unit: u}) || !yield(PageRef{Path: unitChangesPath(u), Kind: ChangesPage, Unit: u}) {
				return
			}
			for _, o := range u.Objectives {
				if !yield(PageRef{Path: objectivePath(o), Kind: ObjectivePage, Unit: u, Objective: o}) {
					return
				}
			}
			for _, m := range u.Measures {
				if !yield(PageRef{Path: measurePath(m), Kind: MeasurePage, Unit: u, Measure: m}) {
					return
				}
			}
		}
		if !yield(PageRef{Path: initiativesPath, Kind: InitiativesPage}) {
			return
		}
		for _, u := range r.Site.Units {
			for _, in := range u.Initiatives {
				if !yield(PageRef{Path: initiativePath(in), Kind: InitiativePage, Unit: u, Initiative: in}) {
					return
				}
			}
		}
		if !yield(PageRef{Path: exceptionsPath, Kind: ExceptionsPage}) {
			return
		}
		if hasCascade(r) && !yield(PageRef{Path: alignmentPath, Kind: AlignmentPage}) {
			return
		}
		if yield(PageRef{Path: changesPath, Kind: ChangesPage}) {
			yield(PageRef{Path: glossaryPath, Kind: GlossaryPage})
		}
	}
}

// SharedPageCount is the number of pages of SharedPages, counted without
// holding them.
func SharedPageCount(r *compute.Result) int {
	n := 0
	for range EachSharedPage(r) {
		n++
	}
	return n
}

// ComparePages are the comparison pages of Pages, its last ones. A review
// period has as many as any other (its sets and their units are the
// site's), but each ranks its own period's results: a page of one period
// is not a page of another.
func ComparePages(r *compute.Result) []PageRef {
	return comparePageRefs(compare.Sets(r))
}

// ComparePages is ComparePages of b's period, from the comparisons b's
// pages link to, made once: a site's comparisons hold every unit's
// measures by column (3 MB a period on the L workload).
func (b *Builder) ComparePages() []PageRef {
	return comparePageRefs(b.sets())
}

// Page is the view of the page p.
func (b *Builder) Page(p PageRef) *Page {
	pg := b.pageOf(p)
	pg.kind, pg.b = p.Kind, b
	return pg
}

func (b *Builder) pageOf(p PageRef) *Page {
	switch p.Kind {
	case HomePage:
		home := b.unitView(p.Path, p.Unit)
		home.Tree = b.tree(p.Path)
		home.Comparisons = rel(p.Path) + comparisonsPath
		if hasCascade(b.r) {
			home.Cascade = &Link{Text: b.w.Text("cascade_link"), Href: rel(p.Path) + alignmentPath}
		}
		return b.page(p.Path, p.Unit.Name, "scorecard", home)
	case UnitPage:
		pg := b.page(p.Path, p.Unit.Name, "scorecard", b.unitView(p.Path, p.Unit))
		pg.Crumbs = crumbs(p.Path, p.Unit)
		return pg
	case ObjectivePage:
		o := p.Objective
		pg := b.page(p.Path, o.Name, "scorecard", b.objectiveView(p.Path, o))
		pg.Crumbs = append(crumbs(p.Path, p.Unit), Link{Text: o.Name})
		return pg
	case MeasurePage:
		m := p.Measure
		pg := b.page(p.Path, m.Name, "scorecard", b.measureView(p.Path, m))
		pg.Crumbs = append(crumbs(p.Path, p.Unit), Link{Text: m.Objective.Name, Href: rel(p.Path) + objectivePath(m.Objective)}, Link{Text: m.Name})
		return pg
	case InitiativesPage:
		return b.page(p.Path, b.w.Text("init_title"), "initiatives", b.initiativesView(p.Path))
	case AlignmentPage:
		return b.page(p.Path, b.w.Text("align_title"), "scorecard", b.alignmentView(p.Path))
	case ComparePage:
		v := b.compareView(p.Path, p.Compare, p.PageNumber)
		pg := b.page(p.Path, v.Title, "compare", v)
		pg.Crumbs = []Link{{Text: b.w.Text("nav_compare"), Href: rel(p.Path) + comparisonsPath}, {Text: v.Title}}
		if v.Pages > 1 {
			pg.Title = b.w.Text("compare_title_page", "title", v.Title, "page", v.Page)
		}
		return pg
	case ComparisonsPage:
		return b.page(p.Path, b.w.Text("compare_title"), "compare", b.comparisonsView(p.Path))
	case InitiativePage:
		in := p.Initiative
		pg := b.page(p.Path, in.Name, "initiatives", b.initiativePage(p.Path, in))
		pg.Crumbs = []Link{{Text: b.w.Text("init_title"), Href: rel(p.Path) + initiativesPath}, {Text: in.Unit.Name, Href: rel(p.Path) + initiativesPath + "#u-" + in.Unit.ID}, {Text: in.Name}}
		return pg
	case GlossaryPage:
		return b.page(p.Path, b.w.Text("glossary_title"), "", nil)
	case ChangesPage:
		if p.Unit == nil {
			return b.page(p.Path, b.w.Text("changes_title"), "changes", b.changesView(p.Path, nil))
		}
		pg := b.page(p.Path, b.w.Text("changes_title_unit", "unit", p.Unit.Name), "changes", b.changesView(p.Path, p.Unit))
		pg.Crumbs = append(crumbs(p.Path, p.Unit), Link{Text: b.w.Text("changes_title")})
		return pg
	}
	return b.page(p.Path, b.w.Text("exc_title"), "exceptions", b.exceptionsView(p.Path))
}

func (b *Builder) page(path, title, nav string, body any) *Page {
	full := b.prefix + path
	return &Page{
		Site: b.site, Path: full, Rel: rel(full), Home: rel(path),
		Canonical: canonical(b.r.Site.BaseURL, full), Title: title, Nav: nav, Body: body,
		Periods: b.periodLinks(path), words: b.frame,
	}
}

// periodLinks links the page at path (within a period) in every review
// period: every period has the same pages.
func (b *Builder) periodLinks(path string) []PeriodLink {
	up := rel(b.prefix + path)
	out := make([]PeriodLink, len(b.reviews))
	for i, rv := range b.reviews {
		out[i] = PeriodLink{Text: rv.name, Code: rv.code, Href: up + rv.prefix + path, Current: rv.prefix == b.prefix, Latest: i == 0}
	}
	return out
}

// crumbs links a unit's ancestors and the unit itself.
func crumbs(from string, u *model.Unit) []Link {
	var chain []*model.Unit
	for a := u; a != nil; a = a.Parent {
		chain = append([]*model.Unit{a}, chain...)
	}
	out := make([]Link, len(chain))
	for i, a := range chain {
		out[i] = Link{Text: a.Name, Href: rel(from) + unitPath(a)}
	}
	return out
}

// canonical is the absolute URL of the page at path under the site's base
// URL, or "" when the site has none: without one there is nothing to point
// at, and pages link relatively anyway. The base is validated and escaped,
// with a trailing slash; paths are made of ids, which need no escaping.
func canonical(base, path string) string {
	if base == "" {
		return ""
	}
	return base + path
}

// HasCharts reports whether the page draws any chart, so that pages without
// one do not load the chart library.
func (p *Page) HasCharts() bool {
	switch v := p.Body.(type) {
	case *UnitView:
		return v.Map != nil
	case *ObjectiveView:
		return v.History != nil
	case *MeasureView:
		return v.Chart != nil
	case *InitiativesView:
		return len(v.Units) > 0
	case *InitiativePageView:
		return v.Progress != nil || v.Spending != nil
	case *CompareView:
		return v.Spread != nil
	}
	return false
}
