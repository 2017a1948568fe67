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
	mu     sync.Mutex
	made   map[string]bool     // folders already created
	open   map[string]*openDir // some of them, opened
}

// openDir is an output folder opened for writing, and how many writes are
// using it.
type openDir struct {
	root  *os.Root
	users int
}

// maxOpenDirs bounds the folders kept open: pages are written unit by unit,
// so a few recent folders take most writes, and a site of any size stays
// far from the limit on open files.
const maxOpenDirs = 64

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
	dir, err := d.dir(path.Dir(name))
	if err != nil {
		return err
	}
	defer d.release(dir)
	if err := dir.root.WriteFile(path.Base(name), data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	return nil
}

// dir returns the output folder dir, created and opened if need be; release
// it after use. Writing through the folder's own Root opens only the file:
// through the output's Root every file's path was resolved component by
// component, and its folders created again, a dozen system calls per file.
func (d *Dir) dir(dir string) (*openDir, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if dir == "." {
		return &openDir{root: d.root, users: 1}, nil
	}
	if od := d.open[dir]; od != nil {
		od.users++
		return od, nil
	}
	if !d.made[dir] {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", dir, unwrap(err))
		}
		if d.made == nil {
			d.made = map[string]bool{}
		}
		d.made[dir] = true
	}
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", dir, unwrap(err))
	}
	if len(d.open) >= maxOpenDirs {
		for name, od := range d.open {
			if od.users == 0 {
				od.root.Close()
				delete(d.open, name)
			}
		}
	}
	if d.open == nil {
		d.open = map[string]*openDir{}
	}
	od := &openDir{root: r, users: 1}
	d.open[dir] = od
	return od, nil
}

// release ends a write's use of a folder from dir.
func (d *Dir) release(od *openDir) {
	d.mu.Lock()
	defer d.mu.Unlock()
	od.users--
}

// closeDirs closes the folders opened by dir.
func (d *Dir) closeDirs() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, od := range d.open {
		od.root.Close()
	}
	d.open = nil
}

// Commit replaces the destination with what was written.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("publish: already committed or aborted")
	}
	d.done = true
	defer d.unlock()
	d.closeDirs()
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
	d.closeDirs()
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
