package generator

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
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

	// lap, in benchmarks, is told when each stage of an update ends.
	lap func(stage string)
}

// built is the state of the folder of the last successful build.
type built struct {
	dest     string
	compiled *pipeline.Compiled
	result   *compute.Result
	theme    *theme.Theme
	base     *render.Baseline
	fp       fingerprint // the source the folder was made from
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
	// Deferred lists the files that Finish is to write: the board pack and
	// data/scores.json, which read the whole site and are slow to render
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
	opts := s.opts
	opts.Destination = dest
	if err := checkDestination(opts.Source, dest); err != nil {
		return nil, err
	}
	fsys, closeFS, err := openSource(opts.Source)
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
	compiled, result, dl, err := pipeline.CompileKeep(ctx, fsys, pipeline.Options{Period: opts.Period, BaseURL: opts.BaseURL, Strict: opts.Strict})
	rep := report(result, dl)
	if err != nil {
		return rep, err
	}
	th, err := loadTheme(fsys, result)
	if err != nil {
		return rep, err
	}
	if err := publishSite(ctx, dest, th, result, rep, nil); err != nil {
		return rep, err
	}
	s.Reset()
	if compiled != nil {
		s.last = &built{dest: dest, compiled: compiled, result: result, theme: th, base: render.NewBaseline(result), fp: fp, closeFS: closeFS}
		kept = true
	}
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
	if _, err := s.Finish(ctx); err != nil {
		return nil, nil, err
	}
	last := s.last
	if last == nil {
		return nil, nil, ErrFullBuild
	}
	fsys, closeFS, err := openSource(s.opts.Source)
	if err != nil {
		return nil, nil, err
	}
	defer closeFS()
	fp := s.fingerprint(fsys)
	s.mark("fingerprint")
	if !maps.Equal(fp.other, last.fp.other) || fp.err != nil {
		return nil, nil, ErrFullBuild
	}
	up := &Update{Data: changedFiles(last.fp.data, fp.data)}
	if len(up.Data) == 0 {
		if ready != nil {
			ready(up)
		}
		return report(last.result, &diag.List{}), up, nil // warnings were reported by the last build
	}
	result, dl, ok := last.compiled.Recompile(ctx, fsys, fp.csv, up.Data)
	if !ok {
		return nil, nil, ErrFullBuild
	}
	s.mark("recompute")
	rep := report(result, dl)
	// From here on the model holds the new data: whatever happens, the old
	// result no longer describes it, and unless all goes well the build is
	// dropped.
	s.last = nil
	kept := false
	defer func() {
		if !kept {
			last.closeFS()
		}
	}()
	up.Rendered, up.All = last.base.Changed(result)
	s.mark("diff")
	var now []string
	for _, p := range up.Rendered {
		if p == render.PackPath || p == render.ScoresPath {
			up.Deferred = append(up.Deferred, p)
		} else {
			now = append(now, p)
		}
	}
	if ready != nil {
		ready(up)
	}
	out, err := publish.OpenInPlace(last.dest)
	if err != nil {
		return rep, up, fmt.Errorf("write: %w", err)
	}
	defer out.Close()
	if up.All {
		_, err = render.Site(result, last.theme, out)
	} else {
		_, err = render.Only(result, last.theme, out, now)
	}
	if err != nil {
		return rep, up, fmt.Errorf("render: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return rep, up, err
	}
	s.mark("render")
	up.Written = out.Written()
	for _, w := range up.Written {
		rep.Files++
		if path.Ext(w) == ".html" {
			rep.Pages++
		}
	}
	last.result, last.base, last.fp = result, render.NewBaseline(result), fp
	if len(up.Deferred) > 0 {
		s.pending = &deferred{last: last, paths: up.Deferred}
	} else {
		s.last = last
	}
	kept = true
	return rep, up, nil
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
	written, err := p.write(ctx)
	if err != nil {
		p.last.closeFS()
		return nil, err
	}
	s.last = p.last
	return written, nil
}

func (p *deferred) write(ctx context.Context) ([]string, error) {
	out, err := publish.OpenInPlace(p.last.dest)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	defer out.Close()
	if _, err := render.Only(p.last.result, p.last.theme, out, p.paths); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out.Written(), nil
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

func (s *Session) mark(stage string) {
	if s.lap != nil {
		s.lap(stage)
	}
}

func changedFiles(old, now map[string]uint64) []string {
	var out []string
	for f, h := range now {
		if oh, ok := old[f]; !ok || oh != h {
			out = append(out, f)
		}
	}
	for f := range old {
		if _, ok := now[f]; !ok {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// fingerprint is a hash of every source file a build reads: the data files
// apart from the rest, as only their changes can be applied by Update. Files
// a build does not read (a video beside a note, a theme's screenshots, the
// leftovers of editors) are not read here either: a 1 GB file below
// content/ made every update read and hash it, 7 s instead of 150 ms.
type fingerprint struct {
	csv   []string          // the data files, as a build lists them
	data  map[string]uint64 // by data file
	other map[string]uint64 // config.toml and the rest a build reads or looks at
	err   error             // the source could not be listed
}

// maxThemeHash is the size up to which a theme file is fingerprinted by its
// bytes; a larger one (a video among the assets) by its size and time of
// change, as reading it for every update would cost more than the update.
const maxThemeHash = 1 << 20

func (s *Session) fingerprint(fsys fs.FS) fingerprint {
	f := fingerprint{data: map[string]uint64{}, other: map[string]uint64{}}
	f.other[load.ConfigFile] = s.sum(fsys, load.ConfigFile, load.MaxTOMLBytes)
	for _, dir := range []string{load.ContentDir, load.DataDir, "themes"} {
		fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == dir && errors.Is(err, fs.ErrNotExist):
			case err != nil:
				f.other[p] = maphash.String(s.seed, "\x00unlistable: "+err.Error())
			case p == dir:
			case load.Leftover(d.Name()), dir != "themes" && load.Ignored(d.Name()):
				if d.IsDir() {
					return fs.SkipDir
				}
			case d.IsDir():
				if dir != load.DataDir { // a folder of data files is only where they are
					f.other[p+"/"] = 0 // a folder can be a unit's place, or a theme's
				}
			case !load.Input(p):
				if d.Type()&fs.ModeSymlink != 0 {
					f.other[p] = s.link(fsys, p) // a build checks every link
				}
			case dir == load.DataDir:
				if !strings.EqualFold(path.Ext(p), ".csv") {
					f.other[p] = 0 // a spreadsheet, which a build warns of
				}
			default:
				f.other[p] = s.sum(fsys, p, inputLimit(p))
			}
			return nil
		})
	}
	f.csv, f.err = pipeline.CSVFiles(fsys)
	for _, name := range f.csv {
		f.data[name] = s.sum(fsys, name, -1)
	}
	return f
}

// inputLimit is the size beyond which the file p, which a build reads, is
// fingerprinted by its size and time of change: a build reads no more of a
// Markdown or TOML file than its limit, and a theme file is copied as it is.
func inputLimit(p string) int64 {
	switch path.Ext(p) {
	case ".md":
		if strings.HasPrefix(p, load.ContentDir+"/") {
			return load.MaxMarkdownBytes
		}
	case ".toml":
		return load.MaxTOMLBytes
	}
	return maxThemeHash
}

// sum hashes the file name: its bytes, read as a stream, or, when limit is
// not negative and the file is larger, its size and time of change.
func (s *Session) sum(fsys fs.FS, name string, limit int64) uint64 {
	unreadable := func(err error) uint64 {
		// Unreadable counts as a content of its own, so that becoming
		// readable is a change.
		return maphash.String(s.seed, "\x00unreadable: "+err.Error())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return unreadable(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return unreadable(err)
	}
	if limit >= 0 && fi.Size() > limit {
		return maphash.String(s.seed, fmt.Sprintf("\x00large: %d bytes, changed %d", fi.Size(), fi.ModTime().UnixNano()))
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	if _, err := io.Copy(&h, f); err != nil {
		return unreadable(err)
	}
	return h.Sum64()
}

// link hashes what the symbolic link p leads to, as far as a build sees it.
func (s *Session) link(fsys fs.FS, p string) uint64 {
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return maphash.String(s.seed, "\x00link: "+err.Error())
	}
	return maphash.String(s.seed, "\x00link to "+fi.Mode().Type().String())
}
