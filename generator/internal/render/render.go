package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
)

// Output receives the files of the site.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Stats counts what was written.
type Stats struct {
	Pages int // HTML pages
	Files int // every file, pages included
}

// Site writes every page of the site, the theme's static files and
// data/scores.json to out.
func Site(r *compute.Result, theme *Theme, out Output) (Stats, error) {
	var st Stats
	if err := theme.Parse(); err != nil {
		return st, err
	}
	tpls := theme.tpls
	b := newBuilder(r)
	write := func(kind string, p *Page) error {
		var buf bytes.Buffer
		if err := tpls[kind].ExecuteTemplate(&buf, "baseof.html", p); err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		st.Pages++
		st.Files++
		return out.WriteFile(p.Path, buf.Bytes())
	}
	for _, p := range b.pages() {
		if err := write(p.kind, p.page); err != nil {
			return st, err
		}
	}
	statics, err := theme.Files("static")
	if err != nil {
		return st, fmt.Errorf("theme: %w", err)
	}
	for _, f := range statics {
		data, err := theme.ReadFile(f)
		if err != nil {
			return st, fmt.Errorf("theme: %w", err)
		}
		if err := out.WriteFile(strings.TrimPrefix(f, "static/"), data); err != nil {
			return st, err
		}
		st.Files++
	}
	pack, err := Pack(r, theme)
	if err != nil {
		return st, err
	}
	if err := out.WriteFile(PackPath, pack); err != nil {
		return st, err
	}
	st.Pages++
	st.Files++
	scores, err := Scores(r)
	if err != nil {
		return st, err
	}
	if err := out.WriteFile(ScoresPath, scores); err != nil {
		return st, err
	}
	st.Files++
	return st, nil
}

func newBuilder(r *compute.Result) *builder {
	cal := r.Site.Calendar
	sv := &SiteView{
		Title: r.Site.Title, Lang: r.Site.Language,
		AsOf: periodName(r.AsOf, cal), AsOfCode: r.AsOf.String(),
		Rows: r.Site.Rows,
	}
	if !r.Latest.IsZero() {
		sv.Latest = periodName(r.Latest, cal)
	}
	for i := range r.Measures {
		mr := &r.Measures[i]
		switch {
		case !mr.Value.OK:
			sv.Missing++
		case mr.Stale:
			sv.Stale++
		}
	}
	return &builder{r: r, site: sv}
}

type kindPage struct {
	kind string
	page *Page
}

// pages lists every page of the site in a fixed order.
func (b *builder) pages() []kindPage {
	r := b.r
	var out []kindPage
	add := func(kind string, p *Page) { out = append(out, kindPage{kind, p}) }

	root := r.Site.Root()
	home := b.unitView(homePath, root)
	home.Tree = b.tree(homePath)
	add("home", b.page(homePath, root.Name, "scorecard", home))
	for _, u := range r.Site.Units {
		path := unitPath(u)
		p := b.page(path, u.Name, "scorecard", b.unitView(path, u))
		p.Crumbs = crumbs(path, u)
		add("unit", p)
		for _, o := range u.Objectives {
			path := objectivePath(o)
			p := b.page(path, o.Name, "scorecard", b.objectiveView(path, o))
			p.Crumbs = append(crumbs(path, u), Link{Text: o.Name})
			add("objective", p)
		}
		for _, m := range u.Measures {
			path := measurePath(m)
			p := b.page(path, m.Name, "scorecard", b.measureView(path, m))
			p.Crumbs = append(crumbs(path, u), Link{Text: m.Objective.Name, Href: rel(path) + objectivePath(m.Objective)}, Link{Text: m.Name})
			add("measure", p)
		}
	}
	add("initiatives", b.page(initiativesPath, "Initiatives", "initiatives", b.initiativesView(initiativesPath)))
	add("exceptions", b.page(exceptionsPath, "Exceptions", "exceptions", b.exceptionsView(exceptionsPath)))
	return out
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
	}
	return false
}
