package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/scorecard-dev/scorecard/generator"
)

// Options control a preview server. Empty fields take their defaults.
type Options struct {
	Source string // the site folder; default "."
	Port   int    // the TCP port on 127.0.0.1; 0 picks a free one

	// Debounce is how long the source must stay quiet before a rebuild, so
	// that an editor's save or a folder copied in causes one build rather than
	// dozens. Default 100ms.
	Debounce time.Duration

	// Report is told the outcome of every build, one build at a time, and
	// returns the lines that pages show while the site is broken. When nil,
	// pages show the errors' own text.
	Report func(BuildResult) []string

	// Warn is told of problems that are not the site's, such as a folder
	// that cannot be watched. When nil they are dropped.
	Warn func(error)

	tempDir string // where the server's temporary folder goes; default os.TempDir()
	limits  limits // timeouts and caps; zero fields take the defaults
}

// BuildResult is the outcome of one build.
type BuildResult struct {
	Report  *generator.Report // never nil
	Err     error             // nil when the build succeeded
	Elapsed time.Duration
	// Changed lists the source files whose change caused the build, relative
	// to the source folder and slash-separated; it is empty for the first
	// build.
	Changed []string
	// Update says what was re-rendered when the build updated the served
	// folder in place (only data files changed); it is nil for a full build.
	// Report.Pages and Report.Files then count the files rewritten.
	Update *generator.Update
	// Refresh is true for a full build that a request to RefreshPath asked
	// for: it runs the queries of the database sources again.
	Refresh bool
}

// shutdownGrace is how long a stopping server lets requests finish.
const shutdownGrace = 250 * time.Millisecond

// Server is a running preview server.
type Server struct {
	opts   Options
	source string // absolute, so that watched paths compare with it
	tmp    string // holds every build; removed on shutdown
	ln     net.Listener
	http   *http.Server
	watch  *fsnotify.Watcher
	// dirs are the folders watched, and sourceInfo the source folder as it
	// was when watched; only the watch loop uses them once it runs.
	dirs       map[string]bool
	sourceInfo os.FileInfo
	// session keeps the last build's model, so that a change to the data
	// files updates the served folder in place; only the build loop uses it.
	session *generator.Session

	cur      atomic.Pointer[state]
	hub      hub
	kick     chan struct{} // a rebuild is due; capacity 1, so requests coalesce
	refresh  atomic.Bool   // the next build is a full one: a refresh was asked for
	stopping chan struct{} // closed on shutdown, ending event streams

	mu      sync.Mutex
	changed map[string]bool // since the last build started

	retiring sync.WaitGroup // removals of replaced builds
	done     chan struct{}
	err      error
}

// state is what the server shows: the last good build and, while the source
// is broken, the errors of the latest build. A new state replaces the old one
// whole, so a request sees one build and one set of errors from start to end.
type state struct {
	gen  uint64 // counts builds; pages pass it back to spot a missed reload
	site *site  // nil until a build succeeds
	errs []string
	// words are the site's theme's messages in its language, from the
	// latest build that read them: the server's own pages speak them. Nil
	// until one did; then the built-in English.
	words *generator.Words
	// pending holds the files of an in-place update still being written
	// (the board pack and scores.json, which read the whole site); a request
	// for one waits until the channel is closed.
	pending map[string]chan struct{}
}

// Start builds the site, starts serving it and watching its source, and
// returns once the first build is done, whether it succeeded or not: a broken
// source is served as its errors until it is fixed. The server runs until ctx
// is cancelled; Wait then returns once everything is closed and removed.
func Start(ctx context.Context, opts Options) (*Server, error) {
	opts = withDefaults(opts)
	source, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(source); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("source %s is not a folder", opts.Source)
	}
	// Loopback only: the preview is for the person editing, and the
	// unpublished numbers are nobody else's business.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(opts.Port)))
	if err != nil {
		return nil, fmt.Errorf("%w (choose another --port, or --port 0 for any free one)", err)
	}
	tmp, err := os.MkdirTemp(opts.tempDir, "scorecard-serve-")
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{
		opts:     opts,
		source:   source,
		tmp:      tmp,
		ln:       ln,
		kick:     make(chan struct{}, 1),
		stopping: make(chan struct{}),
		changed:  map[string]bool{},
		done:     make(chan struct{}),
		session:  generator.NewSession(generator.Options{Source: source}),
	}
	// The watch starts before the first build so that an edit made while it
	// runs is not missed.
	if s.watch, err = s.newWatcher(); err != nil {
		ln.Close()
		os.RemoveAll(tmp)
		return nil, err
	}
	s.http = opts.limits.httpServer(s)
	s.cur.Store(&state{})
	ctx, cancel := context.WithCancel(ctx)
	s.build(ctx)
	go s.run(ctx, cancel)
	return s, nil
}

func withDefaults(opts Options) Options {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 100 * time.Millisecond
	}
	if opts.Report == nil {
		opts.Report = func(r BuildResult) []string { return errorLines(r.Err) }
	}
	if opts.Warn == nil {
		opts.Warn = func(error) {}
	}
	opts.limits = opts.limits.withDefaults()
	return opts
}

// URL returns the address the server is bound to, such as
// http://127.0.0.1:1313/.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Wait blocks until the server has stopped, its watcher is closed and every
// temporary folder is removed. It returns an error only when serving failed.
func (s *Server) Wait() error {
	<-s.done
	return s.err
}

// run serves, watches and rebuilds until ctx is cancelled or serving fails,
// then takes everything down in order.
func (s *Server) run(ctx context.Context, cancel context.CancelFunc) {
	defer close(s.done)
	served := make(chan error, 1)
	go func() { served <- s.http.Serve(s.opts.limits.listener(s.ln)) }()
	var wg sync.WaitGroup
	wg.Go(func() { s.watchLoop(ctx) })
	wg.Go(func() { s.buildLoop(ctx) })

	select {
	case <-ctx.Done():
	case err := <-served:
		s.err = err
	}
	cancel()
	// Event streams never go idle by themselves, and Shutdown waits for idle.
	close(s.stopping)
	// Requests to a local server finish in milliseconds. What outlasts the
	// grace is mostly a browser's preconnected socket, which Shutdown counts
	// as busy for five seconds, too long to keep Ctrl-C waiting.
	sctx, stop := context.WithTimeout(context.Background(), shutdownGrace)
	if err := s.http.Shutdown(sctx); err != nil {
		s.http.Close()
	}
	stop()
	s.watch.Close()
	wg.Wait()
	s.session.Close()
	s.retiring.Wait()
	if site := s.cur.Load().site; site != nil {
		site.close()
	}
	if err := os.RemoveAll(s.tmp); err != nil && s.err == nil {
		s.err = err
	}
}

// Refresh asks for a full build, as a change to config.toml does: the data
// files are read and the database queries run again.
func (s *Server) Refresh() {
	s.refresh.Store(true)
	select {
	case s.kick <- struct{}{}:
	default: // a build is due already, and will be a full one
	}
}

// buildLoop rebuilds each time the watcher asks, one build at a time.
func (s *Server) buildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
			s.build(ctx)
		}
	}
}

// build brings the served site up to date with the source: in place when
// only data files changed, else by building the site into a new folder and,
// when that succeeds, swapping it in for the one being served. Only
// buildLoop and Start call it, never at the same time, so the state it
// replaces is the latest.
func (s *Server) build(ctx context.Context) {
	changed := s.takeChanged()
	start := time.Now()
	// A refresh is a full build, whatever changed: only a full build runs
	// the queries of the database sources again.
	refresh := s.refresh.Swap(false)
	if !refresh && s.cur.Load().site != nil && s.update(ctx, changed, start) {
		return
	}
	dir, err := os.MkdirTemp(s.tmp, "site-")
	rep := &generator.Report{}
	if err == nil {
		var r *generator.Report
		r, err = s.session.Build(ctx, dir)
		if r != nil {
			rep = r
		}
	}
	var next *site
	if err == nil {
		if next, err = openSite(dir); err != nil {
			// Built but not served: the session must not update it.
			s.session.Reset()
		}
	}
	if err != nil && dir != "" {
		os.RemoveAll(dir)
	}
	if ctx.Err() != nil {
		if next != nil {
			next.close()
			os.RemoveAll(dir)
		}
		return
	}
	lines := s.opts.Report(BuildResult{Report: rep, Err: err, Elapsed: time.Since(start), Changed: changed, Refresh: refresh})
	old := s.cur.Load()
	st := &state{gen: old.gen + 1, site: old.site, words: old.words}
	if rep.Words != nil {
		st.words = rep.Words
	}
	if err != nil {
		st.errs = lines
		if len(st.errs) == 0 {
			st.errs = errorLines(err)
		}
	} else {
		st.site = next
	}
	s.cur.Store(st)
	if next != nil && old.site != nil {
		s.retire(old.site)
	}
	s.hub.broadcast()
}

// update applies a change to the data files to the served folder in place,
// and reports false when the change needs a full build instead: when
// something else changed, when the data files are broken (the full build
// reports how), or when writing failed part way (the full build replaces the
// folder). Pages the update rewrites are replaced whole, by rename, so a
// request reads the old page or the new one. The board pack and scores.json,
// which read the whole site, are written last; a request for one waits until
// it is.
func (s *Server) update(ctx context.Context, changed []string, start time.Time) bool {
	var pending map[string]chan struct{}
	var wait chan struct{}
	ready := func(up *generator.Update) {
		// Before the first page is written: the errors of a broken source
		// go (the pages are the last good build's until then), and requests
		// for the files written last wait for them.
		if len(up.Deferred) > 0 {
			wait = make(chan struct{})
			pending = map[string]chan struct{}{}
			for _, p := range up.Deferred {
				pending[p] = wait
			}
		}
		if old := s.cur.Load(); len(old.errs) > 0 || pending != nil {
			s.cur.Store(&state{gen: old.gen, site: old.site, pending: pending, words: old.words})
		}
	}
	rep, up, err := s.session.Update(ctx, ready)
	if wait != nil {
		defer close(wait)
	}
	if err != nil {
		if !errors.Is(err, generator.ErrFullBuild) && ctx.Err() == nil {
			s.opts.Warn(fmt.Errorf("updating the served site in place failed, so it is built again in full: %w", err))
		}
		return ctx.Err() != nil
	}
	s.opts.Report(BuildResult{Report: rep, Elapsed: time.Since(start), Changed: changed, Update: up})
	old := s.cur.Load()
	s.cur.Store(&state{gen: old.gen + 1, site: old.site, pending: pending, words: old.words})
	s.hub.broadcast()
	if wait != nil {
		if _, err := s.session.Finish(ctx); err != nil && ctx.Err() == nil {
			// The next change builds in full.
			s.opts.Warn(fmt.Errorf("writing the board pack and scores.json: %w", err))
		}
	}
	return true
}

// retire removes a replaced build once the requests still reading it are done.
func (s *Server) retire(old *site) {
	s.retiring.Go(func() {
		old.mu.Lock()
		defer old.mu.Unlock()
		old.gone = true
		old.close()
		os.RemoveAll(old.dir)
	})
}

func (s *Server) noteChanged(rel string) {
	s.mu.Lock()
	s.changed[rel] = true
	s.mu.Unlock()
}

// takeChanged returns the files changed since the last build started. Paths
// that no longer exist are left out unless nothing else changed: they are
// mostly the scratch files that editors and tools write and rename over the
// real one, and naming them would hide the file that was edited. Folders are
// left out when a file is named, as a folder's event only echoes its files'.
func (s *Server) takeChanged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var all, files, dirs []string
	for rel := range s.changed {
		all = append(all, rel)
		fi, err := os.Lstat(filepath.Join(s.source, filepath.FromSlash(rel)))
		switch {
		case err != nil:
		case fi.IsDir():
			dirs = append(dirs, rel)
		default:
			files = append(files, rel)
		}
	}
	clear(s.changed)
	for _, some := range [][]string{files, dirs} {
		if len(some) > 0 {
			all = some
			break
		}
	}
	slices.Sort(all)
	return all
}

// errorLines is what pages show for a failed build when Options.Report gives
// nothing: every positioned error on its own line.
func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var list *generator.Errors
	if !errors.As(err, &list) {
		return []string{err.Error()}
	}
	var lines []string
	for _, d := range list.List {
		lines = append(lines, d.String())
	}
	if more := list.Total - len(list.List); more > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more", more))
	}
	return lines
}
