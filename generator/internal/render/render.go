// Package render turns a computed result into the files of the output: each
// page rendered from its view with the theme's templates, the board pack,
// the theme's static files, data/scores.json and the sitemap, made in
// parallel and handed to an Output. It also says which files a new result
// changes (Changed), for the incremental updates of scorecard serve.
package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
)

// Output receives the files of the site. It must be safe for concurrent use:
// pages are rendered and written in parallel. WriteFile must not keep data
// once it returns: the render writes the next page into the same memory.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Stats counts what was written.
type Stats struct {
	Pages int // HTML pages
	Files int // every file, pages included
}

// Site writes every page of the site, the board pack, the theme's static files
// and data/scores.json to out: those of the as-of period at the root, and
// those of each past review period under its folder (view.PeriodDir). Pages
// are built and written by as many workers as there are CPUs; each page's
// bytes depend only on the result, so the output is the same whatever the
// order.
func Site(r *compute.Result, theme *theme.Theme, out Output) (Stats, error) {
	return SiteWith(r, theme, out, Options{})
}

// Options are what a render of the site needs besides the result and the
// theme.
type Options struct {
	// PackPDF is true when the as-of period's board pack is printed to PDF
	// beside its page (view.PackFile), which its page then links.
	PackPDF bool
}

// SiteWith is Site with options.
func SiteWith(r *compute.Result, theme *theme.Theme, out Output, opts Options) (Stats, error) {
	if err := theme.Parse(); err != nil {
		return Stats{}, err
	}
	if err := checkNumbers(r); err != nil {
		return Stats{}, err
	}
	builders := view.Builders(r, theme)
	statics, err := theme.Files("static")
	if err != nil {
		return Stats{}, fmt.Errorf("theme: %w", err)
	}
	pr := newPager(theme)
	shared := view.EachSharedPage(r) // every period has them
	compares := make([][]view.PageRef, len(builders))
	for i, b := range builders {
		compares[i] = b.ComparePages()
	}
	pages := len(builders) * (1 + view.SharedPageCount(r) + len(compares[0]))
	downloads := downloadJobs(r)
	// The jobs are made as the workers take them rather than listed first:
	// on the L workload the list held 190,000 closures (32 MB).
	jobs := func(yield func(job) bool) {
		// The longest jobs go first, so that the other workers share the
		// pages meanwhile instead of waiting for them at the end: the
		// site-wide CSV (the L workload's 2.4 million rows, written as a
		// stream, a measure at a time), each period's scores.json (XL's
		// 400,000 measures), the search index, then the board packs. The
		// order of the jobs changes no file.
		if !yield(downloads.site) {
			return
		}
		for _, b := range builders {
			if !yield(scoresJob(b)) {
				return
			}
		}
		if !yield(searchJob(r, theme)) {
			return
		}
		for i, b := range builders {
			pdf := ""
			if i == 0 && opts.PackPDF {
				pdf = view.PackFile(r)
			}
			if !yield(packJob(b, pr, true, pdf)) {
				return
			}
		}
		for j := range periodPageJobs(builders, pr, shared, compares) {
			if !yield(j) {
				return
			}
		}
		for _, f := range statics {
			if !yield(job{path: strings.TrimPrefix(f, "static/"), make: func() ([]byte, error) { return theme.ReadFile(f) }}) {
				return
			}
		}
		// The downloads are the as-of period's: a past period's measure
		// pages link its histories.
		for j := range downloads.jobs {
			if !yield(j) {
				return
			}
		}
	}
	files := pages + len(statics) + downloads.n + 1 + len(builders) // 1: the search index
	if base := r.Site.BaseURL; base != "" {
		all := jobs
		jobs = func(yield func(job) bool) {
			var paths []string
			for j := range all {
				paths = append(paths, j.path)
				if !yield(j) {
					return
				}
			}
			yield(job{path: SitemapPath, make: func() ([]byte, error) { return sitemap(base, paths), nil }})
		}
		files++
	}
	if err := run(jobs, out); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: pages, Files: files}, nil
}

// scoresJob writes the scores.json of b's period.
func scoresJob(b *view.Builder) job {
	return streamJob(b.Prefix()+ScoresPath, func(w io.Writer) error { return WriteScores(b.Result(), w) })
}

// Only renders the pages and files of Site whose paths are in paths, to out.
// The theme's static files are rendered too when named.
func Only(r *compute.Result, theme *theme.Theme, out Output, paths []string) (Stats, error) {
	if err := theme.Parse(); err != nil {
		return Stats{}, err
	}
	if err := checkNumbers(r); err != nil {
		return Stats{}, err
	}
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	pr := newPager(theme)
	var jobs []job
	for _, b := range view.Builders(r, theme) {
		// A review period none of whose pages is wanted, as the earlier
		// ones after an edit of the latest, is not listed page by page.
		if !wantsUnder(paths, b.Prefix()) {
			continue
		}
		var refs []view.PageRef
		for _, p := range b.Pages() {
			if want[b.Prefix()+p.Path] {
				refs = append(refs, p)
			}
		}
		jobs = append(jobs, pageJobs(b, pr, refs)...)
		if want[b.Prefix()+PackPath] {
			jobs = append(jobs, packJob(b, pr, true, ""))
		}
	}
	pages := len(jobs)
	statics, err := theme.Files("static")
	if err != nil {
		return Stats{}, err
	}
	for _, f := range statics {
		if p := f[len("static/"):]; want[p] {
			jobs = append(jobs, job{path: p, make: func() ([]byte, error) { return theme.ReadFile(f) }})
		}
	}
	downloads := downloadJobs(r)
	for j := range downloads.jobs {
		if want[j.path] {
			jobs = append(jobs, j)
		}
	}
	if want[SiteCSVPath] {
		jobs = append(jobs, downloads.site)
	}
	if want[SearchIndexPath] {
		jobs = append(jobs, searchJob(r, theme))
	}
	for _, b := range view.Builders(r, theme) {
		if want[b.Prefix()+ScoresPath] {
			jobs = append(jobs, scoresJob(b))
		}
	}
	if err := run(slices.Values(jobs), out); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: pages, Files: len(jobs)}, nil
}

// wantsUnder reports whether a path of paths is under the folder prefix
// ("" is the root, under which every path is) and not under a past review
// period's folder, unless prefix is one.
func wantsUnder(paths []string, prefix string) bool {
	for _, p := range paths {
		if prefix != "" && strings.HasPrefix(p, prefix) || prefix == "" && !strings.HasPrefix(p, view.PeriodsDir) {
			return true
		}
	}
	return false
}

// SearchIndexPath is the search box's index (view.SearchIndex), one for
// every review period: their pages have the same paths.
const SearchIndexPath = view.SearchIndexPath

// searchJob writes the search box's index, in the language of t.
func searchJob(r *compute.Result, t *theme.Theme) job {
	return job{path: SearchIndexPath, make: func() ([]byte, error) { return view.SearchIndex(r.Site, t.Words()), nil }}
}

// job makes one output file.
type job struct {
	path string
	// unit, when set, is the unit whose folders the file is in: run gives
	// the jobs of a unit that follow one another to one worker.
	unit *model.Unit
	make func() ([]byte, error)
	// pooled is true when what make returns is a page's buffer
	// (pageBuffers), taken back once the output has written it.
	pooled bool
	// stream, when set, writes the file to w instead of make: an output
	// that can take a stream (StreamOutput) then never holds it whole.
	stream func(w io.Writer) error
}

// StreamOutput is an Output that can also write a file as a stream.
type StreamOutput interface {
	Output
	WriteStream(name string, write func(io.Writer) error) error
}

// streamJob is a job whose file is written as a stream where the output
// can take one, and made in memory where it cannot.
func streamJob(path string, stream func(io.Writer) error) job {
	return job{path: path, stream: stream, make: func() ([]byte, error) {
		var b bytes.Buffer
		if err := stream(&b); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}}
}

// run makes and writes every job's file with a worker per CPU and returns the
// first error; after an error the jobs not yet started are skipped.
//
// Jobs of the same unit that follow one another go to one worker together
// (batches): a file is created under an exclusive lock on its folder, and
// two workers creating files in one unit's folders at once made one wait
// for the other — on Linux's ext4, by spinning, counted as the build's own
// CPU time (a quarter of it on a site of XL's shape right after a removal,
// when creating each file is slow).
func run(jobs iter.Seq[job], out Output) error {
	g, ctx := errgroup.WithContext(context.Background())
	// A few workers that each take job after job, rather than a goroutine
	// for each job: a page's templates need a deep stack, and every new
	// goroutine grew its own by copying, a few percent of a build's CPU.
	work := make(chan []job)
	for range runtime.GOMAXPROCS(0) {
		g.Go(func() error {
			for batch := range work {
				for _, j := range batch {
					if ctx.Err() != nil {
						break // another job failed: the build has
					}
					if err := runOne(j, out); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	send := func(batch []job) bool {
		select {
		case work <- batch:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var batch []job
	for j := range jobs {
		if len(batch) > 0 && (j.unit == nil || j.unit != batch[0].unit || len(batch) == maxBatch) {
			if !send(batch) {
				batch = nil
				break
			}
			batch = nil
		}
		batch = append(batch, j)
	}
	if len(batch) > 0 {
		send(batch)
	}
	close(work)
	return g.Wait()
}

// maxBatch bounds a batch of jobs, so that a unit with thousands of
// measures is still shared among the workers.
const maxBatch = 256

// runOne runs j and writes what it makes to out.
func runOne(j job, out Output) error {
	if so, ok := out.(StreamOutput); ok && j.stream != nil {
		return runStream(j, so)
	}
	data, err := runJob(j)
	if err != nil {
		return err
	}
	err = out.WriteFile(j.path, data)
	if j.pooled {
		pageBuffers.Put(bytes.NewBuffer(data[:0]))
	}
	return err
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

// runStream writes the stream of j to out, a panic made an error as in runJob.
func runStream(j job, out StreamOutput) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: internal error (please report it): %v", j.path, p)
		}
	}()
	return out.WriteStream(j.path, j.stream)
}

// periodPageJobs are the jobs that render the pages of every review
// period, each shared page in all the periods one after the other: what
// they share (a measure's table) is then made once and held only while
// they are made. The comparison pages, made last, rank each period's own
// results, so each period's are its own, compares[i] those of builders[i]
// (Builder.ComparePages).
func periodPageJobs(builders []*view.Builder, pr *pager, shared iter.Seq[view.PageRef], compares [][]view.PageRef) iter.Seq[job] {
	return func(yield func(job) bool) {
		for p := range shared {
			for _, b := range builders {
				if !yield(pageJob(b, pr, p)) {
					return
				}
			}
		}
		for k := range compares[0] {
			for i, b := range builders {
				if !yield(pageJob(b, pr, compares[i][k])) {
					return
				}
			}
		}
	}
}

// pageJobs are the jobs that render the pages.
func pageJobs(b *view.Builder, pr *pager, pages []view.PageRef) []job {
	jobs := make([]job, len(pages))
	for i, p := range pages {
		jobs[i] = pageJob(b, pr, p)
	}
	return jobs
}

// pageJob is the job that renders page p of b's period, into a buffer of
// pageBuffers.
func pageJob(b *view.Builder, pr *pager, p view.PageRef) job {
	path := b.Prefix() + p.Path
	return job{path: path, unit: p.Unit, pooled: true, make: func() ([]byte, error) {
		if pr.direct[p.Kind] {
			return pr.write(p.Kind, path, b.Page(p))
		}
		return pr.execute(p.Kind, "baseof.html", path, b.Page(p))
	}}
}

// A pager executes the theme's templates for one render, which may run them
// in parallel.
type pager struct {
	theme *theme.Theme
	// sizes holds the size of the last page of each kind but the pack.
	sizes map[string]*atomic.Int64
	// direct holds the page kinds written in Go rather than by the theme's
	// templates: those whose templates are the default theme's
	// (view.HasHTML, theme.Own).
	direct map[string]bool
}

func newPager(th *theme.Theme) *pager {
	pr := &pager{theme: th, sizes: map[string]*atomic.Int64{}, direct: map[string]bool{}}
	for _, k := range theme.PageKinds {
		pr.sizes[k] = new(atomic.Int64)
		pr.direct[k] = view.HasHTML(k) && th.Own(k, "baseof.html") && th.Own(k, "main")
	}
	return pr
}

// pageBuffers are the buffers pages are rendered into, each taken back
// once its page is written (job.pooled): growing a new buffer for every
// page was a third of the bytes a build with twelve review periods
// allocated (1.6 of 4.5 GB on M), and the garbage collector's work with it.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// write writes page pg of kind, at path, in Go (view.Page.WriteHTML),
// into a buffer of pageBuffers as execute does.
func (pr *pager) write(kind, path string, pg *view.Page) ([]byte, error) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	hint := pr.sizes[kind]
	buf.Grow(int(hint.Load()) + 512)
	if err := pg.WriteHTML(buf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	hint.Store(int64(buf.Len()))
	return buf.Bytes(), nil
}

// execute runs the template name of page kind on data, for the page at
// path, into a buffer of pageBuffers: the caller gives it back unless it
// keeps the page.
func (pr *pager) execute(kind, name, path string, data any) ([]byte, error) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	// Pages of a kind are about the same size: starting the buffer at the
	// size of the last one saves growing it by doubling.
	hint := pr.sizes[kind]
	if hint != nil {
		buf.Grow(int(hint.Load()) + 512)
	}
	if err := pr.theme.Execute(buf, kind, name, data); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if hint != nil {
		hint.Store(int64(buf.Len()))
	}
	return buf.Bytes(), nil
}
