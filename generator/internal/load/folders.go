package load

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// Loading walks content/ and reads a scorecard in most of its folders. Of
// the site's own folder (an os.Root), opening a path opens every folder
// above it in turn, and L's thousand units nest five deep: those lookups,
// for every folder listed and every scorecard opened, were a fifteenth of
// loading it. The walk keeps the folders it is in open instead, and opens
// what is in one by its name alone. Anything that fails so is done again
// by its path from the site's root, whose result, error or not, is the
// one given: a symbolic link that leaves the folder but not the site is
// followed as before.

// A folderFS can open a folder for what is in it to be opened by name.
type folderFS interface {
	openFolder(name string) (folder, error)
}

// folder is a folder, open or known by its path.
type folder interface {
	readDir() ([]fs.DirEntry, error)   // its entries, sorted by name, as fs.ReadDir
	openFolder(name string) folder     // a folder in it
	open(name string) (fs.File, error) // a file in it, as the site's Open
	close()
}

// pathFolder is a folder of any file system, known by its path.
type pathFolder struct {
	fsys fs.FS
	path string
}

func (f pathFolder) readDir() ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, f.path) }
func (f pathFolder) openFolder(name string) folder {
	return pathFolder{f.fsys, path.Join(f.path, name)}
}
func (f pathFolder) open(name string) (fs.File, error) { return f.fsys.Open(path.Join(f.path, name)) }
func (f pathFolder) close()                            {}

// openFolder implements folderFS.
func (s sourceFS) openFolder(name string) (folder, error) {
	r, err := s.root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return rootFolder{s: s, root: r, path: name}, nil
}

// rootFolder is a folder of the site, open.
type rootFolder struct {
	s    sourceFS
	root *os.Root
	path string
}

func (f rootFolder) readDir() ([]fs.DirEntry, error) {
	list, err := f.list()
	if err != nil {
		return pathFolder{f.s, f.path}.readDir()
	}
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, nil
}

// list returns the folder's entries, unsorted: by listFolder, or else as
// Go's os lists a folder, from its start.
func (f rootFolder) list() ([]fs.DirEntry, error) {
	d, err := f.root.Open(".")
	if err != nil {
		return nil, err
	}
	list, ok := listFolder(d, f.root)
	d.Close()
	if ok {
		return list, nil
	}
	if d, err = f.root.Open("."); err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadDir(-1)
}

func (f rootFolder) openFolder(name string) folder {
	full := path.Join(f.path, name)
	r, err := f.root.OpenRoot(name)
	if err != nil {
		return pathFolder{f.s, full}
	}
	return rootFolder{s: f.s, root: r, path: full}
}

func (f rootFolder) open(name string) (fs.File, error) {
	if file, err := f.s.openIn(f.root, name); err == nil {
		return file, nil
	}
	return f.s.Open(path.Join(f.path, name))
}

func (f rootFolder) close() { f.root.Close() }

// walkFunc is fs.WalkDirFunc with in, the folder that holds p: open while
// fn runs, nil for the root of the walk.
type walkFunc func(p string, d fs.DirEntry, in folder, err error) error

// walkFolders is fs.WalkDir, calling fn in the same order with the same
// entries and errors, that opens each folder by name from the one above.
func walkFolders(fsys fs.FS, root string, fn walkFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, nil, err)
	} else {
		err = walkIn(fsys, root, fs.FileInfoToDirEntry(info), nil, fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

func walkIn(fsys fs.FS, name string, d fs.DirEntry, in folder, fn walkFunc) error {
	if err := fn(name, d, in, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	var self folder = pathFolder{fsys, name}
	switch {
	case in != nil:
		self = in.openFolder(d.Name())
	default:
		if ff, ok := fsys.(folderFS); ok {
			if f, err := ff.openFolder(name); err == nil {
				self = f
			}
		}
	}
	defer self.close()
	dirs, err := self.readDir()
	if err != nil {
		err = fn(name, d, in, err)
		if err != nil {
			if err == fs.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	for _, d1 := range dirs {
		if err := walkIn(fsys, path.Join(name, d1.Name()), d1, self, fn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}
