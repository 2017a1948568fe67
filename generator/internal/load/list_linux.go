//go:build linux

package load

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"sync"
	"syscall"
)

// A folder opened in an os.Root is listed by Go's os with an lstat of every
// entry, where the system's listing (getdents64) gives each entry's type:
// on L, 2,000 system calls of the walk's serial time. listFolder reads the
// listing itself, with an lstat only for an entry whose type it does not
// give.

// listBuffers hold the raw listings, as os keeps one for each folder open.
var listBuffers = sync.Pool{New: func() any { b := make([]byte, 8<<10); return &b }}

// listFolder returns the entries of the folder d, opened in root as ".",
// unsorted, as d.ReadDir(-1) gives them; false when it cannot, and the
// caller is to list the folder as it would otherwise.
func listFolder(d *os.File, root *os.Root) ([]fs.DirEntry, bool) {
	bp := listBuffers.Get().(*[]byte)
	defer listBuffers.Put(bp)
	buf := *bp
	fd := int(d.Fd())
	var list []fs.DirEntry
	var ok bool
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n < 0 {
			return nil, false
		}
		if n == 0 {
			return list, true
		}
		if list, ok = appendListing(list, buf[:n], root); !ok {
			return nil, false
		}
	}
}

// appendListing appends to list the entries of b, raw listing of the
// folder root (struct linux_dirent64: ino 8 bytes, off 8, reclen 2,
// type 1, then the name and a NUL).
func appendListing(list []fs.DirEntry, b []byte, root *os.Root) ([]fs.DirEntry, bool) {
	for len(b) > 0 {
		if len(b) < 19 {
			return nil, false
		}
		size := int(binary.NativeEndian.Uint16(b[16:18]))
		if size < 19 || size > len(b) {
			return nil, false
		}
		typ, name := b[18], b[19:size]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		b = b[size:]
		if string(name) == "." || string(name) == ".." {
			continue
		}
		e := &listedEntry{root: root, name: string(name)}
		mode, known := direntMode(typ)
		if !known {
			info, err := root.Lstat(e.name)
			if err != nil {
				if os.IsNotExist(err) {
					continue // gone since the listing, as os passes over it
				}
				return nil, false
			}
			mode = info.Mode().Type()
		}
		e.typ = mode
		list = append(list, e)
	}
	return list, true
}

// direntMode is the type of a listing's d_type, false for DT_UNKNOWN.
func direntMode(t byte) (fs.FileMode, bool) {
	switch t {
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

// listedEntry is an entry of a folder's listing: its name and type, and
// its file information asked for when wanted.
type listedEntry struct {
	root *os.Root
	name string
	typ  fs.FileMode
}

func (e *listedEntry) Name() string               { return e.name }
func (e *listedEntry) IsDir() bool                { return e.typ.IsDir() }
func (e *listedEntry) Type() fs.FileMode          { return e.typ }
func (e *listedEntry) Info() (fs.FileInfo, error) { return e.root.Lstat(e.name) }
func (e *listedEntry) String() string             { return fs.FormatDirEntry(e) }
