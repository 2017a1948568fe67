package generator

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"path"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
)

// ErrFullBuild is what Session.Update returns when the change cannot be
// applied to the last build's folder: something besides the data files
// changed, there has been no successful build yet, or the data files hold
// errors (which a full build reports in order). Build the site in full.
var ErrFullBuild = errors.New("the change needs a full build")

// A Session builds one site again and again, as a preview server does: a
// full build with Build, then, after a change to the data files alone, an
// Update that recomputes the site from the changed files and re-renders, in
// the same folder, only the pages whose inputs changed. A page Update does
// not rewrite is byte for byte what a full build would write.
//
// A Session is not safe for concurrent use.
type Session struct {
	opts Options
	seed maphash.Seed
	last *built // nil until a build succeeds
	// pending is what an Update left for Finish to write.
	pending *deferred
}

// built is the state of the folder of the last successful build.
type built struct {
	dest string
	site *pipeline.Site // what the folder was made from
	fp   fingerprint    // the source the folder was made from
	// closeFS closes the source folder, which stays open as long as the
	// build is kept: a theme in the source reads its files from it.
	closeFS func()
}

// deferred are files an Update left for Finish.
type deferred struct {
	last  *built
	paths []string
}

// Update says what Session.Update did.
type Update struct {
	// Rendered lists the output paths rendered again, in build order,
	// unless All is true: then every file was, because something every page
	// shows changed.
	Rendered []string
	All      bool
	// Written lists the paths whose bytes changed and were replaced, sorted.
	Written []string
	// Data lists the data files found changed, added or removed, sorted.
	Data []string
	// Deferred lists the files that Finish is to write: the board pack,
	// data/scores.json and data/measures.csv, which read the whole site and are slow to render
	// (the pack above all). Until then they hold the previous build's bytes.
	Deferred []string
}

// NewSession returns a session that builds the site opts describes.
// opts.Destination is ignored: each Build names its folder.
func NewSession(opts Options) *Session {
	return &Session{opts: withDefaults(opts), seed: maphash.MakeSeed()}
}

// Build builds the whole site into dest, as generator.Build does, and keeps
// what a later Update needs. A failed build keeps the state of the last
// successful one, whose folder is still as it was.
func (s *Session) Build(ctx context.Context, dest string) (*Report, error) {
	// The last build's folder is complete before anything else happens to
	// it: it is still served if this build fails.
	s.Finish(ctx)
	if err := checkDestination(s.opts.Source, dest); err != nil {
		return nil, err
	}
	fsys, closeFS, err := pipeline.Open(s.opts.Source)
	if err != nil {
		return nil, err
	}
	kept := false
	defer func() {
		if !kept {
			closeFS()
		}
	}()
	// The fingerprint is taken before the files are read: a file that changes
	// while the build reads it differs from it the next time, and is read
	// again.
	fp := s.fingerprint(fsys)
	site, err := pipeline.Prepare(ctx, fsys, s.opts.pipeline(), true)
	rep := siteReport(site)
	if err != nil {
		return rep, err
	}
	st, err := site.Publish(ctx, dest, nil)
	rep.Pages, rep.Files = st.Pages, st.Files
	if err != nil {
		return rep, err
	}
	s.Reset()
	s.last = &built{dest: dest, site: site, fp: fp, closeFS: closeFS}
	kept = true
	return rep, nil
}

// Update brings the folder of the last successful Build up to date with the
// source, when only data files changed since: it reads the changed data
// files again, recomputes the site, and rewrites, each atomically (a new file
// renamed over the old), the files whose bytes change. Files whose bytes stay
// the same are not touched. It returns ErrFullBuild when it cannot; the
// folder is then as it was. After any other error the folder may hold some
// of the new pages, and the next Update returns ErrFullBuild.
//
// ready, when not nil, is called once the change is known to apply, before
// the first file is written, with the Update as far as it is known then
// (Data, Rendered, All, Deferred): a server clears there the errors it
// shows, so that no page shows both a new value and the errors of a broken
// source, and makes requests for the deferred files wait.
//
// Report.Pages and Report.Files count the pages and files rewritten.
func (s *Session) Update(ctx context.Context, ready func(*Update)) (*Report, *Update, error) {
	return s.update(ctx, ready, nil)
}

// update is Update; lap, when not nil, is told when each stage ends, for the
// benchmarks.
func (s *Session) update(ctx context.Context, ready func(*Update), lap func(stage string)) (*Report, *Update, error) {
	if lap == nil {
		lap = func(string) {}
	}
	if _, err := s.Finish(ctx); err != nil {
		return nil, nil, err
	}
	last := s.last
	if last == nil {
		return nil, nil, ErrFullBuild
	}
	fsys, closeFS, err := pipeline.Open(s.opts.Source)
	if err != nil {
		return nil, nil, err
	}
	defer closeFS()
	fp := s.fingerprint(fsys)
	lap("fingerprint")
	if !maps.Equal(fp.other, last.fp.other) || fp.err != nil {
		return nil, nil, ErrFullBuild
	}
	up := &Update{Data: changedFiles(last.fp.data, fp.data)}
	if len(up.Data) == 0 {
		if ready != nil {
			ready(up)
		}
		rep := report(last.site.Result, &diag.List{}) // warnings were reported by the last build
		rep.Words = last.site.Theme.Words()
		return rep, up, nil
	}
	next, ok := last.site.Update(ctx, fsys, fp.csv, up.Data)
	if !ok {
		return nil, nil, ErrFullBuild
	}
	lap("recompute")
	// From here on the folder changes: whatever happens, the last build no
	// longer describes it, and unless all goes well it is dropped.
	s.last = nil
	kept := false
	defer func() {
		if !kept {
			last.closeFS()
		}
	}()
	rep, err := s.apply(ctx, last, next, up, ready, lap)
	if err != nil {
		return rep, up, err
	}
	last.site, last.fp = next, fp
	if len(up.Deferred) > 0 {
		s.pending = &deferred{last: last, paths: up.Deferred}
	} else {
		s.last = last
	}
	kept = true
	return rep, up, nil
}

// apply rewrites the files of last's folder that next changes, but the slow
// ones that read the whole site, which it leaves for Finish, and fills in
// up.
func (s *Session) apply(ctx context.Context, last *built, next *pipeline.Site, up *Update, ready func(*Update), lap func(string)) (*Report, error) {
	rep := siteReport(next)
	up.Rendered, up.All = next.Changes(last.site)
	lap("diff")
	var now []string
	for _, p := range up.Rendered {
		if render.Slow(p) {
			up.Deferred = append(up.Deferred, p)
		} else {
			now = append(now, p)
		}
	}
	if ready != nil {
		ready(up)
	}
	written, err := renderInPlace(ctx, last.dest, next, now, up.All)
	if err != nil {
		return rep, err
	}
	lap("render")
	up.Written = written
	for _, w := range up.Written {
		rep.Files++
		if path.Ext(w) == ".html" {
			rep.Pages++
		}
	}
	return rep, nil
}

// renderInPlace renders the files paths of site, or all of them, into the
// folder dir, replacing those whose bytes change, and returns those,
// sorted.
func renderInPlace(ctx context.Context, dir string, site *pipeline.Site, paths []string, all bool) ([]string, error) {
	out, err := publish.OpenInPlace(dir)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	defer out.Close()
	if _, err := site.Render(out, paths, all); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out.Written(), nil
}

// Finish writes the files the last Update deferred, if any, and returns
// those whose bytes changed. Update calls it first; a caller calls it
// sooner to have the folder complete.
func (s *Session) Finish(ctx context.Context) ([]string, error) {
	p := s.pending
	if p == nil {
		return nil, nil
	}
	s.pending = nil
	written, err := renderInPlace(ctx, p.last.dest, p.last.site, p.paths, false)
	if err != nil {
		p.last.closeFS()
		return nil, err
	}
	s.last = p.last
	return written, nil
}

// Reset forgets the last build, so that the next Update asks for a full
// build: for when its folder is no longer the one to update.
func (s *Session) Reset() {
	if s.last != nil {
		s.last.closeFS()
	}
	if s.pending != nil {
		s.pending.last.closeFS()
	}
	s.last, s.pending = nil, nil
}

// Close releases what the session keeps open; it may be used again after,
// starting with a full build.
func (s *Session) Close() { s.Reset() }
