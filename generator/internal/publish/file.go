package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The single files a command writes outside a site's folder (the board
// pack's HTML and PDF) are written here, each atomically.

// CheckFile refuses the file name, which messages call flag (the option
// that named it), unless it is a regular file or does not exist: a file is
// replaced by a new one, never written through a link, and a device, a
// named pipe or a folder is never replaced.
func CheckFile(flag, name string) error {
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", flag, name, unwrap(err))
	}
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %s is a symbolic link: refusing to write through it or replace it; name the file itself", flag, name)
	case m.IsDir():
		return fmt.Errorf("%s %s is a folder: name a file", flag, name)
	}
	kind := "not a regular file"
	switch {
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("%s %s is %s, not a regular file: refusing to replace it; name a regular file", flag, name, kind)
}

// WriteFile writes a file beside its destination and renames it into
// place, so that a reader never sees half a file. The rename replaces a
// regular file only: it is checked again just before (CheckFile), since the
// build took a while. flag names the file in messages, as for CheckFile.
func WriteFile(flag, name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp, 0o644)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := CheckFile(flag, name); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
