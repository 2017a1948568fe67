package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The parts of a site that a build reads. public/ and everything else in the
// source folder are left out, so that a build written there, or an edit to a
// README, causes no rebuild.
const configFile = "config.toml"

var watchedDirs = []string{"content", "data", "themes"}

// newWatcher watches the source folder itself, for config.toml and for the
// watched folders appearing or going, and every folder below the watched
// ones: inotify and its kind are not recursive.
func (s *Server) newWatcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", s.opts.Source, err)
	}
	if err := w.Add(s.source); err != nil {
		w.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", s.opts.Source, err)
	}
	for _, d := range watchedDirs {
		s.addTree(w, filepath.Join(s.source, d))
	}
	return w, nil
}

// addTree watches dir and every folder below it. Symbolic links are not
// followed, as the build does not follow them out of the source either.
func (s *Server) addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if err := w.Add(p); err != nil {
			s.opts.Warn(fmt.Errorf("cannot watch %s, so its changes will not be seen: %w", p, err))
		}
		return nil
	})
}

// watchLoop turns file events into rebuilds: each relevant event restarts
// the debounce timer, and the build starts when the source has been quiet
// for Options.Debounce, or at the latest ten debounce periods after the first
// change, so that a file rewritten without pause still shows.
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
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-s.watch.Events:
			if !ok {
				return
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
			s.noteChanged(rel)
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
			select {
			case s.kick <- struct{}{}:
			default: // a build is already due; it will see this change too
			}
		}
	}
}

// relevant reports whether ev can change the built site, and the changed
// path relative to the source.
func (s *Server) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false
	}
	rel, err := filepath.Rel(s.source, ev.Name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if editorScratch(path.Base(rel)) {
		return "", false
	}
	top, _, _ := strings.Cut(rel, "/")
	return rel, rel == configFile || slices.Contains(watchedDirs, top)
}

// editorScratch reports whether name is one of the files editors write beside
// the one being edited (swap files, backups, vim's write test), which would
// otherwise cause a rebuild per keystroke or save.
func editorScratch(name string) bool {
	return name == "4913" || strings.HasPrefix(name, ".#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swo")
}
