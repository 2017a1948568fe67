// Package publish does every write of the output, each atomic. A build's
// folder (Dir): every file goes into a temporary folder beside the
// destination, which replaces the destination only when the whole build
// succeeded; a failed build leaves the previous site as it was. An update in
// place (InPlace): each file renamed over the old one. A single file
// (WriteFile): written beside it and renamed into place.
//
// It replaces only a folder that may hold nothing of the user's: one a build
// marked (MarkerName), an empty one, or one that holds nothing but the
// entries every build carries over (Kept), as a fresh gh-pages worktree does.
package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// MarkerName is the file by which a build marks the folder it writes. Only
// a folder holding it, with the signature first, is replaced; any other
// folder is refused unless it is empty or holds only kept entries. It is a
// file a user would not make by accident: a fixed name beginning with a dot,
// and a fixed first line, as the Cache Directory Tagging Specification
// (CACHEDIR.TAG) does for the same reason.
const MarkerName = ".scorecard-build"

// signature is the marker's first line: the tool's name and the first half
// of the SHA-256 of "scorecard build output", which no file says by chance.
const signature = "scorecard-build b79ccee6cc4bad830968e905c1035453"

// marker is the whole content of the marker file. It holds no date, path or
// version, so that two builds of the same input stay byte-identical.
const marker = signature + `
# This folder is the output of "scorecard build", which replaces it whole at
# every build: only .git, CNAME and .nojekyll are carried over to the next
# one. Keep nothing of your own here. Without this file, scorecard refuses to
# replace the folder. See docs/site.md, "The output folder".
`

// Kept lists the entries at the top of the destination that are carried
// over from one build to the next instead of being replaced: the files of a
// gh-pages worktree that are not the site's but must stay beside it.
//
//	.git       a repository, or in a worktree or submodule the file naming it
//	CNAME      GitHub Pages' custom domain
//	.nojekyll  tells GitHub Pages to serve the files as they are
func Kept() []string { return []string{".git", "CNAME", ".nojekyll"} }

// Dir is an output folder being written.
type Dir struct {
	dest   string
	tmp    string
	root   *os.Root
	top    *openDir // root, for writes at the top of the output
	done   bool
	unlock func()
	// swap puts the new folder in place of the old: the platform's, or in
	// tests one that fails or takes the fallback.
	swap func(tmp, dest string) (old string, err error)
	mu   sync.Mutex
	made map[string]bool     // folders already created
	open map[string]*openDir // some of them, opened
}

// openDir is an output folder opened for writing, and how many writes are
// using it.
type openDir struct {
	root  *os.Root
	raw   rawDir // the same folder, for writeFile
	users int
}

// newOpenDir makes folder root, opened through the output's Root, ready for
// writes.
func newOpenDir(root *os.Root) (*openDir, error) {
	raw, err := openRaw(root)
	if err != nil {
		return nil, err
	}
	return &openDir{root: root, raw: raw}, nil
}

func (od *openDir) close() {
	od.raw.close()
	od.root.Close()
}

// maxOpenDirs bounds the folders kept open: pages are written unit by unit,
// so a few recent folders take most writes, and a site of any size stays
// far from the limit on open files.
const maxOpenDirs = 64

// Open starts writing a new version of folder dest. It refuses a dest that
// a build may not replace (see checkReplaceable).
func Open(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
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
	// Under the lock, and after a killed build's kept entries are back in
	// place, so that the folder is judged as the user left it.
	removeStale(parent, dest)
	if err := checkReplaceable(dest); err != nil {
		unlock()
		return nil, err
	}
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
// destination. It runs under the lock, so no build is using them. A build
// killed while it carried the kept entries over may have left them in one:
// they are moved back first, and a folder that still holds a repository is
// left where it is rather than deleted.
func removeStale(parent, dest string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := tempPrefix(dest)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		stale := filepath.Join(parent, e.Name())
		if recoverKept(stale, dest) {
			os.RemoveAll(stale)
		}
	}
}

// recoverKept moves the kept entries found in stale into dest, where dest has
// none by that name, and reports whether stale may then be removed. A kept
// entry that dest has too is the newer one's twin (a CNAME the theme wrote,
// say), except a repository, which is never deleted.
func recoverKept(stale, dest string) bool {
	ok := true
	for _, name := range Kept() {
		from, to := filepath.Join(stale, name), filepath.Join(dest, name)
		if _, err := os.Lstat(from); err != nil {
			continue
		}
		if _, err := os.Lstat(to); err == nil {
			ok = ok && name != ".git"
			continue
		}
		if err := os.MkdirAll(dest, 0o755); err != nil || os.Rename(from, to) != nil {
			ok = false
		}
	}
	return ok
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
	top, err := newOpenDir(root)
	if err != nil {
		root.Close()
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: dest, tmp: tmp, root: root, top: top, swap: swap}, nil
}

// Check reports whether a build may replace folder dest, as Open does, so
// that a build can refuse it before doing any work. Open checks again.
func Check(dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	return checkReplaceable(dest)
}

// checkReplaceable refuses a destination that a build may not replace. A
// build may replace a folder that does not exist, one that holds nothing but
// kept entries (a fresh gh-pages worktree), and one that a build marked;
// anything else may hold the user's files, and is refused with what to do.
func checkReplaceable(dest string) error {
	fi, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// Replacing it would replace the link, not the folder it leads to.
		return fmt.Errorf("destination %s is a symbolic link: refusing to replace it; give the folder it leads to", dest)
	}
	if !fi.IsDir() {
		return fmt.Errorf("destination %s exists and is not a folder", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("cannot read destination %s: %w", dest, unwrap(err))
	}
	var others []string
	for _, e := range entries {
		if !slices.Contains(Kept(), e.Name()) {
			others = append(others, e.Name())
		}
	}
	if len(others) == 0 {
		return nil
	}
	marked, err := isMarked(dest)
	switch {
	case marked:
		return nil
	case err != nil:
		return fmt.Errorf("destination %s has a %s that is not the mark of a build (%v): refusing to replace it; choose another --destination, or empty the folder (it may keep %s)", dest, MarkerName, err, keptList())
	case exists(filepath.Join(dest, "data", "scores.json")):
		// The output of a scorecard that did not mark its folders yet looks
		// like this, but so may a folder of the user's: only they can tell.
		return fmt.Errorf("destination %s holds data/scores.json but no %s: refusing to replace it. If it is the output of an earlier scorecard, which did not mark its folders, and nothing in it is yours, delete it and build again; else choose another --destination", dest, MarkerName)
	}
	return fmt.Errorf("destination %s is not empty and was not made by scorecard build (no %s): refusing to replace it, since it holds %s; choose another --destination, or empty the folder (it may keep %s)", dest, MarkerName, some(others), keptList())
}

// isMarked reports whether folder dir holds a build's marker: a regular
// file, not a link, whose first line is the signature. A marker file that is
// not one is an error, which says why.
func isMarked(dir string) (bool, error) {
	p := filepath.Join(dir, MarkerName)
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, unwrap(err)
	}
	if !fi.Mode().IsRegular() {
		return false, errors.New("not a regular file")
	}
	f, err := os.Open(p)
	if err != nil {
		return false, unwrap(err)
	}
	defer f.Close()
	head := make([]byte, len(signature)+1)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if rest, ok := bytes.CutPrefix(head, []byte(signature)); ok && (len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r') {
		return true, nil
	}
	return false, errors.New("its first line is not the signature")
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// some names up to three of names, sorted, and how many more there are.
func some(names []string) string {
	slices.Sort(names)
	shown := make([]string, 0, 3)
	for _, n := range names[:min(len(names), 3)] {
		shown = append(shown, short(n))
	}
	if len(names) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(shown, ", "), len(names)-3)
	}
	return strings.Join(shown, ", ")
}

// short gives a file name as a message may show it: at most 40 characters,
// and quoted when it holds anything but printable characters without space.
func short(name string) string {
	if r := []rune(name); len(r) > 40 {
		name = string(r[:39]) + "…"
	}
	if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) || unicode.IsSpace(r) }) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

func keptList() string {
	k := Kept()
	return strings.Join(k[:len(k)-1], ", ") + " and " + k[len(k)-1]
}

// WriteFile writes a file at slash-separated path name inside the output.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("invalid output path %q", name)
	}
	if top, _, _ := strings.Cut(name, "/"); top == MarkerName || top == ".git" {
		// A theme's static file by such a name would forge the mark, or take
		// the place of the repository the destination keeps.
		return fmt.Errorf("cannot write %s: a build never writes %s at the top of its output", name, top)
	}
	dir, err := d.dir(path.Dir(name))
	if err != nil {
		return err
	}
	defer d.release(dir)
	if err := dir.writeFile(path.Base(name), data); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	return nil
}

// WriteStream writes a file at slash-separated path name inside the output
// from what write writes, without holding it whole: for the largest files
// (a site's every value as CSV is 111 MB on L).
func (d *Dir) WriteStream(name string, write func(io.Writer) error) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("invalid output path %q", name)
	}
	if top, _, _ := strings.Cut(name, "/"); top == MarkerName || top == ".git" {
		return fmt.Errorf("cannot write %s: a build never writes %s at the top of its output", name, top)
	}
	dir, err := d.dir(path.Dir(name))
	if err != nil {
		return err
	}
	defer d.release(dir)
	f, err := dir.root.OpenFile(path.Base(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	w := bufio.NewWriterSize(f, 256<<10)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
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
		d.top.users++
		return d.top, nil
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
	od, err := newOpenDir(r)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("cannot open %s: %w", dir, unwrap(err))
	}
	if len(d.open) >= maxOpenDirs {
		for name, old := range d.open {
			if old.users == 0 {
				old.close()
				delete(d.open, name)
			}
		}
	}
	if d.open == nil {
		d.open = map[string]*openDir{}
	}
	od.users = 1
	d.open[dir] = od
	return od, nil
}

// release ends a write's use of a folder from dir.
func (d *Dir) release(od *openDir) {
	d.mu.Lock()
	defer d.mu.Unlock()
	od.users--
}

// closeDirs closes the folders opened by dir. The output's own Root stays
// open: Commit still writes the marker through it.
func (d *Dir) closeDirs() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, od := range d.open {
		od.close()
	}
	d.open = nil
	d.top.raw.close()
}

// Commit marks what was written as a build and puts it in place of the
// destination, with the destination's kept entries carried over: those the
// new output has not written itself are moved into it just before the swap.
// Should the swap fail, they are moved back.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("publish: already committed or aborted")
	}
	d.done = true
	defer d.unlock()
	d.closeDirs()
	err := d.root.WriteFile(MarkerName, []byte(marker), 0o644)
	d.root.Close()
	if err != nil {
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot write %s: %w", MarkerName, unwrap(err))
	}
	// Again, under the lock: the build took a while, and what the user put
	// in the destination meanwhile is theirs.
	if err := checkReplaceable(d.dest); err != nil {
		os.RemoveAll(d.tmp)
		return err
	}
	moved, err := carry(d.dest, d.tmp, Kept())
	if err == nil {
		var old string
		if old, err = d.swap(d.tmp, d.dest); err == nil {
			// A failure here leaves a stale folder, which the next build
			// removes; the new site is in place.
			if old != "" {
				removeTree(old)
			}
			return nil
		}
	}
	if left := putBack(d.tmp, d.dest, moved); len(left) > 0 {
		// Never delete what holds them: the next build moves them back.
		return fmt.Errorf("cannot replace %s: %w; %s could not be moved back into it and are in %s", d.dest, unwrap(err), strings.Join(left, ", "), d.tmp)
	}
	os.RemoveAll(d.tmp)
	return fmt.Errorf("cannot replace %s: %w", d.dest, unwrap(err))
}

// putBack moves the entries moved of folder tmp back into dest, and returns
// those still in tmp.
func putBack(tmp, dest string, moved []string) []string {
	carry(tmp, dest, moved)
	var left []string
	for _, name := range moved {
		if exists(filepath.Join(tmp, name)) {
			left = append(left, name)
		}
	}
	return left
}

// carry moves the entries names of folder from that it has, and folder to has
// not, into to, and returns those it moved, also after an error.
func carry(from, to string, names []string) ([]string, error) {
	var moved []string
	var errs []error
	for _, name := range names {
		src, dst := filepath.Join(from, name), filepath.Join(to, name)
		if !exists(src) || exists(dst) {
			continue
		}
		if err := os.Rename(src, dst); err != nil {
			errs = append(errs, err)
			continue
		}
		moved = append(moved, name)
	}
	return moved, errors.Join(errs...)
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
