package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/scorecard-dev/scorecard/generator"
)

// newWatcher watches the source folder itself, for config.toml and for the
// watched folders appearing or going, and every folder below them that a
// build looks in: inotify and its kind are not recursive.
func (s *Server) newWatcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", s.opts.Source, err)
	}
	s.dirs = map[string]bool{}
	if err := s.watchSource(w); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// watchSource watches the source folder and the folders below it.
func (s *Server) watchSource(w *fsnotify.Watcher) error {
	fi, err := os.Stat(s.source)
	if err == nil {
		err = w.Add(s.source)
	}
	if err != nil {
		return fmt.Errorf("cannot watch %s: %w", s.opts.Source, err)
	}
	s.sourceInfo = fi
	s.addTree(w, s.source)
	return nil
}

// sourceGone reports whether the folder watched as the source is no longer
// at its path: removed, or moved away, or another in its place. It is asked
// before each build, as no event need say so: the kernel tells of a deleted
// folder once nothing holds it open, and the last build holds it.
func (s *Server) sourceGone() bool {
	fi, err := os.Stat(s.source)
	return err != nil || !os.SameFile(fi, s.sourceInfo)
}

// addTree watches dir and every folder below it that a build looks in,
// and notes them as folders, so that their removal is seen as a change
// when they are gone. Symbolic links are not followed, as the build does
// not follow them out of the source either.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p == s.source {
			return nil // watched by watchSource
		}
		rel, ok := s.rel(p)
		if !ok || generator.Skips(rel) {
			return fs.SkipDir
		}
		if err := w.Add(p); err != nil {
			s.opts.Warn(fmt.Errorf("cannot watch %s, so its changes will not be seen: %w", p, err))
		}
		s.dirs[p] = true
		return nil
	})
}

// forget stops watching dir and every folder below it, once they are gone
// or moved: a watch on a moved folder would report its files' changes under
// paths where they no longer are.
func (s *Server) forget(dir string) {
	for p := range s.dirs {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			s.watch.Remove(p) // inotify may have removed it already
			delete(s.dirs, p)
		}
	}
}

// watchLoop turns file events into rebuilds: each relevant event restarts
// the debounce timer, and the build starts when the source has been quiet
// for Options.Debounce, or at the latest ten debounce periods after the first
// change, so that a file rewritten without pause still shows. When the
// source folder itself goes (or another takes its place), it is looked for
// every debounce period until it is back, and then watched again and built.
func (s *Server) watchLoop(ctx context.Context) {
	w := &watching{s: s, quiet: time.NewTimer(time.Hour)}
	w.quiet.Stop()
	defer w.stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-s.watch.Events:
			if !ok {
				return
			}
			w.event(ev)
		case <-w.look:
			w.lookForSource()
		case err, ok := <-s.watch.Errors:
			if !ok {
				return
			}
			// Usually a full event queue: some change was lost, so rebuild
			// rather than guess which.
			s.opts.Warn(fmt.Errorf("watching %s: %w", s.opts.Source, err))
			w.wait()
		case <-w.quiet.C:
			w.first = time.Time{}
			if w.look == nil && s.sourceGone() {
				w.lost()
			}
			select {
			case s.kick <- struct{}{}:
			default: // a build is already due; it will see this change too
			}
		}
	}
}

// watching is the state of watchLoop.
type watching struct {
	s     *Server
	quiet *time.Timer // runs out when the source has been quiet long enough
	first time.Time   // of the changes not yet built
	gone  *time.Ticker
	look  <-chan time.Time // while the source folder is gone
}

func (w *watching) stop() {
	w.quiet.Stop()
	if w.gone != nil {
		w.gone.Stop()
	}
}

// wait restarts the debounce timer, but never past ten debounce periods
// after the first change not yet built.
func (w *watching) wait() {
	d := w.s.opts.Debounce
	if w.first.IsZero() {
		w.first = time.Now()
	} else if left := time.Until(w.first.Add(10 * w.s.opts.Debounce)); left < d {
		d = max(left, 0)
	}
	w.quiet.Reset(d)
}

// lost drops the watches of a source folder that has gone, and starts
// looking for its return.
func (w *watching) lost() {
	s := w.s
	s.forget(s.source)
	s.watch.Remove(s.source)
	w.gone = time.NewTicker(s.opts.Debounce)
	w.look = w.gone.C
	s.noteChanged(".")
	w.wait()
}

// event notes a change that ev makes to what a build reads.
func (w *watching) event(ev fsnotify.Event) {
	s := w.s
	if ev.Name == s.source && w.look == nil && s.sourceGone() {
		w.lost()
		return
	}
	rel, ok := s.relevant(ev)
	if !ok {
		return
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			// Files may already be inside: they are picked up by the build
			// this event causes.
			s.addTree(s.watch, ev.Name)
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		s.forget(ev.Name)
	}
	s.noteChanged(rel)
	w.wait()
}

// lookForSource watches the source folder again once it is back.
func (w *watching) lookForSource() {
	s := w.s
	if fi, err := os.Stat(s.source); err != nil || !fi.IsDir() {
		return
	}
	if err := s.watchSource(s.watch); err != nil {
		s.opts.Warn(err)
		return // and look again
	}
	w.gone.Stop()
	w.gone, w.look = nil, nil
	s.noteChanged(".")
	w.wait()
}

// rel returns p relative to the source, slash-separated.
func (s *Server) rel(p string) (string, bool) {
	rel, err := filepath.Rel(s.source, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// relevant reports whether ev can change the built site, and the changed
// path relative to the source: a change to a file a build reads, or to a
// folder or symbolic link where a build looks. A file it does not read (a
// video beside the notes, an editor's swap file, anything outside content/,
// data/, themes/ and config.toml) changes nothing, however large or busy.
func (s *Server) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	rel, ok := s.rel(ev.Name)
	if !ok || rel == "." || generator.Skips(rel) {
		return "", false
	}
	if generator.Reads(rel) {
		return rel, true
	}
	fi, err := os.Lstat(ev.Name)
	if err != nil {
		return rel, s.dirs[ev.Name] // a folder that went
	}
	return rel, fi.IsDir() || fi.Mode()&fs.ModeSymlink != 0
}
