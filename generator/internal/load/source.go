package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// OpenSource opens the site folder dir for reading. Everything read through
// it stays inside dir, symbolic links included (an os.Root), and only
// regular files and folders can be opened: a named pipe, a device or a
// socket is refused without waiting for a writer that may never come (it is
// opened without blocking and its type checked on the open file, so it
// cannot be swapped in between). The function returned closes the folder.
func OpenSource(dir string) (fs.FS, func(), error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return sourceFS{root: root, fsys: root.FS()}, func() { root.Close() }, nil
}

type sourceFS struct {
	root *os.Root
	fsys fs.FS // root.FS(), for listing folders and stat
}

// Open implements fs.FS.
func (s sourceFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return s.openIn(s.root, name)
}

// openIn is Open of name in root, the site's or a folder's of it.
func (s sourceFS) openIn(root *os.Root, name string) (fs.File, error) {
	f, err := root.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: notRegular{fi.Mode()}}
	}
	return f, nil
}

// Stat implements fs.StatFS: without it fs.Stat would open the file.
func (s sourceFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.fsys, name) }

// ReadDir implements fs.ReadDirFS.
func (s sourceFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.fsys, name) }

// notRegular is the error for a file that is neither a regular file nor a
// folder.
type notRegular struct{ mode fs.FileMode }

func (e notRegular) Error() string {
	kind := "something other than a file"
	switch {
	case e.mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), not a file"
	case e.mode&fs.ModeSocket != 0:
		kind = "a socket, not a file"
	case e.mode&fs.ModeDevice != 0:
		kind = "a device, not a file"
	}
	return kind + ": the build reads regular files only (reading this one could wait forever): put the file itself here"
}

// errTooLong is what readRegular returns for a file over its size limit.
type errTooLong struct {
	size  int64 // as the file system gives it
	limit int
	head  []byte // the first limit+1 bytes, to say where the limit is passed
}

func (e *errTooLong) Error() string { return fmt.Sprintf("larger than %d bytes", e.limit) }

// openRegular opens name for reading when it is a regular file; a link is
// followed inside the site. The file is checked once open, so that what is
// read is what was checked.
func openRegular(fsys fs.FS, name string) (fs.File, fs.FileInfo, error) {
	f, err := fsys.Open(name)
	return regular(f, name, err)
}

// regular is openRegular of the file f, opened as name with err.
func regular(f fs.File, name string, err error) (fs.File, fs.FileInfo, error) {
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &fs.PathError{Op: "open", Path: name, Err: notRegular{fi.Mode()}}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// readRegular reads the regular file name when it holds at most limit
// bytes, into buf when it has room. Of a larger one no more than the first
// limit+1 bytes are read, which say where the limit is passed; its size is
// the file system's.
func readRegular(fsys fs.FS, name string, limit int, buf []byte) ([]byte, error) {
	f, fi, err := openRegular(fsys, name)
	return readOpened(f, fi, err, limit, buf)
}

// readOpened is readRegular of the file f that openRegular returned, with
// fi and err.
func readOpened(f fs.File, fi fs.FileInfo, err error, limit int, buf []byte) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := readSized(io.LimitReader(f, int64(limit)+1), fi.Size(), buf)
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, &errTooLong{size: fi.Size(), limit: limit, head: b}
	}
	return b, nil
}

// readSized is io.ReadAll with room for size bytes from the start, as
// os.ReadFile makes it: io.ReadAll's buffer starts at 512 bytes and grows,
// a read (a system call) for each size, eight of them for a scorecard. It
// reads into buf when buf has that room.
func readSized(r io.Reader, size int64, buf []byte) ([]byte, error) {
	b := buf[:0]
	if want := min(max(size, 0), 1<<20) + 512; int64(cap(b)) < want {
		b = make([]byte, 0, want)
	}
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// tooLongPos returns where the file of e passes its limit: the line and
// column of its byte number limit+1.
func tooLongPos(e *errTooLong) (line, col int) {
	line, start := 1, 0
	for i, c := range e.head[:e.limit] {
		if c == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, e.limit - start + 1
}

// IsNotRegular reports whether err is the refusal of a file that is neither
// a regular file nor a folder.
func IsNotRegular(err error) bool {
	var nr notRegular
	return errors.As(err, &nr)
}
