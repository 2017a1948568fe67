package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
)

// Output receives the files of the site. It must be safe for concurrent use:
// pages are rendered and written in parallel.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Stats counts what was written.
type Stats struct {
	Pages int // HTML pages
	Files int // every file, pages included
}

// Site writes every page of the site, the board pack, the theme's static files
// and data/scores.json to out. Pages are built and written by as many workers
// as there are CPUs; each page's bytes depend only on the result, so the
// output is the same whatever the order.
func Site(r *compute.Result, theme *Theme, out Output) (Stats, error) {
	if err := theme.Parse(); err != nil {
		return Stats{}, err
	}
	if err := checkNumbers(r); err != nil {
		return Stats{}, err
	}
	b := newBuilder(r)
	b.theme = theme
	// The board pack holds every unit: it is by far the longest job, so it
	// goes first, and the other workers share the pages meanwhile instead of
	// waiting for it at the end. The order of the jobs changes no file.
	jobs := append([]job{packJob(b, true)}, b.jobs()...)
	pages := len(jobs)
	statics, err := theme.Files("static")
	if err != nil {
		return Stats{}, fmt.Errorf("theme: %w", err)
	}
	for _, f := range statics {
		jobs = append(jobs, job{strings.TrimPrefix(f, "static/"), func() ([]byte, error) { return theme.ReadFile(f) }})
	}
	jobs = append(jobs, job{ScoresPath, func() ([]byte, error) { return Scores(r) }})
	if base := r.Site.BaseURL; base != "" {
		paths := make([]string, len(jobs))
		for i, j := range jobs {
			paths[i] = j.path
		}
		jobs = append(jobs, job{SitemapPath, func() ([]byte, error) { return sitemap(base, paths), nil }})
	}
	if err := run(jobs, out); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: pages, Files: len(jobs)}, nil
}

// job makes one output file.
type job struct {
	path string
	make func() ([]byte, error)
}

// run makes and writes every job's file with a worker per CPU and returns the
// first error; after an error the remaining jobs are skipped.
func run(jobs []job, out Output) error {
	var (
		next   atomic.Int64
		failed atomic.Bool
		once   sync.Once
		first  error
		wg     sync.WaitGroup
	)
	fail := func(err error) {
		once.Do(func() { first = err })
		failed.Store(true)
	}
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				data, err := runJob(jobs[i])
				if err == nil {
					err = out.WriteFile(jobs[i].path, data)
				}
				if err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// runJob runs j. A panic there is a fault in scorecard, not in the input, but
// it would end the whole process from this worker, leaving the build's
// temporary folder behind and a preview server dead: it becomes the build's
// error instead, naming the file.
func runJob(j job) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error (please report it): %v", j.path, p)
		}
	}()
	return j.make()
}

func execute(theme *Theme, kind, name, path string, data any) ([]byte, error) {
	// Pages of a kind are about the same size: starting the buffer at the
	// size of the last one saves growing it by doubling, page after page.
	hint := pageSizes[kind]
	var buf bytes.Buffer
	if hint != nil {
		buf.Grow(int(hint.Load()) + 512)
	}
	if err := theme.tpls[kind].ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if hint != nil {
		hint.Store(int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

// pageSizes holds the size of the last page of each kind but the pack.
var pageSizes = func() map[string]*atomic.Int64 {
	m := map[string]*atomic.Int64{}
	for _, k := range pageKinds {
		m[k] = new(atomic.Int64)
	}
	return m
}()

func newBuilder(r *compute.Result) *builder {
	cal := r.Site.Calendar
	sv := &SiteView{
		Title: r.Site.Title, Lang: r.Site.Language,
		AsOf: periodName(r.AsOf, cal), AsOfCode: r.AsOf.String(),
		Rows: r.Site.Rows, Policy: contentPolicy(nil, nil),
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

// jobs lists every page of the site in a fixed order; each job builds its
// page's view and renders it.
func (b *builder) jobs() []job {
	r := b.r
	var out []job
	page := func(kind, path string, view func() *Page) {
		out = append(out, job{path, func() ([]byte, error) {
			return execute(b.theme, kind, "baseof.html", path, view())
		}})
	}
	root := r.Site.Root()
	page("home", homePath, func() *Page {
		home := b.unitView(homePath, root)
		home.Tree = b.tree(homePath)
		return b.page(homePath, root.Name, "scorecard", home)
	})
	for _, u := range r.Site.Units {
		path := unitPath(u)
		page("unit", path, func() *Page {
			p := b.page(path, u.Name, "scorecard", b.unitView(path, u))
			p.Crumbs = crumbs(path, u)
			return p
		})
		for _, o := range u.Objectives {
			path := objectivePath(o)
			page("objective", path, func() *Page {
				p := b.page(path, o.Name, "scorecard", b.objectiveView(path, o))
				p.Crumbs = append(crumbs(path, u), Link{Text: o.Name})
				return p
			})
		}
		for _, m := range u.Measures {
			path := measurePath(m)
			page("measure", path, func() *Page {
				p := b.page(path, m.Name, "scorecard", b.measureView(path, m))
				p.Crumbs = append(crumbs(path, u), Link{Text: m.Objective.Name, Href: rel(path) + objectivePath(m.Objective)}, Link{Text: m.Name})
				return p
			})
		}
	}
	page("initiatives", initiativesPath, func() *Page {
		return b.page(initiativesPath, "Initiatives", "initiatives", b.initiativesView(initiativesPath))
	})
	page("exceptions", exceptionsPath, func() *Page {
		return b.page(exceptionsPath, "Exceptions", "exceptions", b.exceptionsView(exceptionsPath))
	})
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
