// Package publish writes a build's output atomically: every file goes into a
// temporary folder beside the destination, which replaces the destination only
// when the whole build succeeded. A failed build leaves the previous site as it
// was.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Marker is a file every build writes; a non-empty destination without it is
// not a previous build, and is never replaced.
const Marker = "data/scores.json"

// Dir is an output folder being written.
type Dir struct {
	dest   string
	tmp    string
	root   *os.Root
	done   bool
	unlock func()
	made   sync.Map // folders already created, so each is made once
}

// Open starts writing a new version of folder dest.
func Open(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkReplaceable(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, unwrap(err))
	}
	unlock, err := lockDir(parent)
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %w", parent, unwrap(err))
	}
	removeStale(parent, tempPrefix(dest))
	d, err := create(dest, parent)
	if err != nil {
		unlock()
		return nil, err
	}
	d.unlock = unlock
	return d, nil
}

func tempPrefix(dest string) string { return "." + filepath.Base(dest) + ".tmp-" }

// removeStale deletes what builds that were killed left beside the
// destination. It runs under the lock, so no build is using them.
func removeStale(parent, prefix string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

func create(dest, parent string) (*Dir, error) {
	tmp, err := os.MkdirTemp(parent, tempPrefix(dest))
	if err != nil {
		return nil, fmt.Errorf("cannot write beside %s: %w", dest, unwrap(err))
	}
	// MkdirTemp makes the folder private; a published site must be readable.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: dest, tmp: tmp, root: root}, nil
}

// checkReplaceable refuses a destination that exists and is not a folder, or is a
// non-empty folder that no build wrote.
func checkReplaceable(dest string) error {
	fi, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("destination %s exists and is not a folder", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("cannot read destination %s: %w", dest, unwrap(err))
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(Marker))); err != nil {
		return fmt.Errorf("destination %s is not empty and does not hold a previous build (no %s): refusing to replace it; choose another --destination or empty it", dest, Marker)
	}
	return nil
}

// WriteFile writes a file at slash-separated path name inside the output.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("invalid output path %q", name)
	}
	if dir := path.Dir(name); dir != "." {
		if _, ok := d.made.Load(dir); !ok {
			if err := d.root.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("cannot create %s: %w", dir, unwrap(err))
			}
			d.made.Store(dir, true)
		}
	}
	if err := d.root.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	return nil
}

// Commit replaces the destination with what was written.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("publish: already committed or aborted")
	}
	d.done = true
	defer d.unlock()
	d.root.Close()
	if err := swap(d.tmp, d.dest); err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot replace %s: %w", d.dest, unwrap(err))
	}
	return nil
}

// Abort discards what was written; the destination is untouched. It is safe to
// call after Commit.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	d.root.Close()
	os.RemoveAll(d.tmp)
	d.unlock()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
