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
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	defer quiet.Stop()
	var first time.Time // of the changes not yet built
	wait := func() {
		d := s.opts.Debounce
		if first.IsZero() {
			first = time.Now()
		} else if left := time.Until(first.Add(10 * s.opts.Debounce)); left < d {
			d = max(left, 0)
		}
		quiet.Reset(d)
	}
	var gone *time.Ticker // while the source folder is gone
	var look <-chan time.Time
	defer func() {
		if gone != nil {
			gone.Stop()
		}
	}()
	// lost drops the watches of a source folder that has gone, and starts
	// looking for its return.
	lost := func() {
		s.forget(s.source)
		s.watch.Remove(s.source)
		gone = time.NewTicker(s.opts.Debounce)
		look = gone.C
		s.noteChanged(".")
		wait()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-s.watch.Events:
			if !ok {
				return
			}
			if ev.Name == s.source && look == nil && s.sourceGone() {
				lost()
				continue
			}
			rel, ok := s.relevant(ev)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					// Files may already be inside: they are picked up by
					// the build this event causes.
					s.addTree(s.watch, ev.Name)
				}
			}
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				s.forget(ev.Name)
			}
			s.noteChanged(rel)
			wait()
		case <-look:
			if fi, err := os.Stat(s.source); err != nil || !fi.IsDir() {
				continue
			}
			if err := s.watchSource(s.watch); err != nil {
				s.opts.Warn(err)
				continue // and look again
			}
			gone.Stop()
			gone, look = nil, nil
			s.noteChanged(".")
			wait()
		case err, ok := <-s.watch.Errors:
			if !ok {
				return
			}
			// Usually a full event queue: some change was lost, so rebuild
			// rather than guess which.
			s.opts.Warn(fmt.Errorf("watching %s: %w", s.opts.Source, err))
			wait()
		case <-quiet.C:
			first = time.Time{}
			if look == nil && s.sourceGone() {
				lost()
			}
			select {
			case s.kick <- struct{}{}:
			default: // a build is already due; it will see this change too
			}
		}
	}
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
