package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// openTemp opens an output in a fresh folder and returns it with the
// temporary folder its files go into, which the tests plant things in.
func openTemp(t *testing.T) (*Dir, string) {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Abort)
	return d, d.tmp
}

// withUmask runs f under umask mask: the mode a file gets is 0644 less it,
// as for any file os creates.
func withUmask(mask int, f func()) {
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

func TestWriteFileBytesAndMode(t *testing.T) {
	for _, tc := range []struct {
		umask int
		want  os.FileMode
	}{
		{0o022, 0o644},
		{0o077, 0o600},
	} {
		d, tmp := openTemp(t)
		data := []byte("<p>scores</p>\n")
		withUmask(tc.umask, func() {
			for _, name := range []string{"index.html", "units/north/index.html", "empty.txt"} {
				b := data
				if name == "empty.txt" {
					b = nil
				}
				if err := d.WriteFile(name, b); err != nil {
					t.Fatal(err)
				}
			}
		})
		for _, name := range []string{"index.html", "units/north/index.html"} {
			p := filepath.Join(tmp, name)
			if got := read(t, p); got != string(data) {
				t.Errorf("%s = %q; want %q", name, got, data)
			}
			if fi, _ := os.Lstat(p); fi.Mode() != tc.want {
				t.Errorf("umask %#o: %s mode %v; want %v", tc.umask, name, fi.Mode(), tc.want)
			}
		}
		if got := read(t, filepath.Join(tmp, "empty.txt")); got != "" {
			t.Errorf("empty.txt = %q; want nothing", got)
		}
	}
}

func TestWriteFileReplacesAFileWhole(t *testing.T) {
	d, tmp := openTemp(t)
	if err := d.WriteFile("a/x.html", []byte("a longer first version")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/x.html", []byte("short")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(tmp, "a/x.html")); got != "short" {
		t.Errorf("x.html = %q; want short", got)
	}
}

// TestWriteFileDoesNotFollowALink: a link in the place of an output file,
// whether it leads out of the folder or to a file beside it, is refused,
// and what it leads to is untouched.
func TestWriteFileDoesNotFollowALink(t *testing.T) {
	d, tmp := openTemp(t)
	outside := filepath.Join(t.TempDir(), "precious.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("sub/beside.html", []byte("keep")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(outside, filepath.Join(tmp, "sub/out.html"))
	os.Symlink("beside.html", filepath.Join(tmp, "sub/in.html"))
	os.Symlink(outside, filepath.Join(tmp, "top.html"))
	for _, tc := range []struct{ name, target string }{
		{"sub/out.html", outside},
		{"sub/in.html", filepath.Join(tmp, "sub/beside.html")},
		{"top.html", outside},
	} {
		err := d.WriteFile(tc.name, []byte("overwritten"))
		if want := "cannot write " + tc.name + ": too many levels of symbolic links"; err == nil || err.Error() != want {
			t.Errorf("WriteFile(%s) = %v; want %q", tc.name, err, want)
		}
		if got := read(t, tc.target); got != "keep" {
			t.Errorf("%s wrote %q through the link into %s", tc.name, got, tc.target)
		}
	}
}

func TestWriteFileOverAFolderFails(t *testing.T) {
	d, tmp := openTemp(t)
	os.MkdirAll(filepath.Join(tmp, "sub/page.html"), 0o755)
	os.MkdirAll(filepath.Join(tmp, "top.html"), 0o755)
	for _, name := range []string{"sub/page.html", "top.html"} {
		err := d.WriteFile(name, []byte("x"))
		if want := "cannot write " + name + ": is a directory"; err == nil || err.Error() != want {
			t.Errorf("WriteFile(%s) = %v; want %q", name, err, want)
		}
		if !errors.Is(err, syscall.EISDIR) {
			t.Errorf("WriteFile(%s) = %v; want EISDIR underneath", name, err)
		}
	}
}

// TestWriteFileInAReadOnlyFolder: the message is the one os.Root.WriteFile
// gave, the cause's text after the output path.
func TestWriteFileInAReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("file modes do not stop root")
	}
	d, tmp := openTemp(t)
	if err := d.WriteFile("sub/a.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{tmp, filepath.Join(tmp, "sub")} {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
	}
	for _, name := range []string{"sub/b.html", "b.html"} {
		err := d.WriteFile(name, []byte("x"))
		if want := "cannot write " + name + ": permission denied"; err == nil || err.Error() != want {
			t.Errorf("WriteFile(%s) = %v; want %q", name, err, want)
		}
		if !errors.Is(err, os.ErrPermission) {
			t.Errorf("WriteFile(%s) = %v; want os.ErrPermission underneath", name, err)
		}
	}
}

// TestWriteAllShortAndInterrupted: a write that writes part of the data, or
// is interrupted by a signal, is followed by another until all is written;
// any other error ends it.
func TestWriteAllShortAndInterrupted(t *testing.T) {
	data := []byte("0123456789")
	for _, tc := range []struct {
		name string
		do   []func(b []byte) (int, error) // the writes, in turn
		want string
		err  error
	}{
		{"short writes", []func([]byte) (int, error){part(3), part(1), part(100)}, "0123456789", nil},
		{"interrupted", []func([]byte) (int, error){fail(syscall.EINTR), part(4), fail(syscall.EINTR), part(100)}, "0123456789", nil},
		{"no space after a part", []func([]byte) (int, error){part(4), fail(syscall.ENOSPC)}, "0123", syscall.ENOSPC},
		{"nothing written", []func([]byte) (int, error){part(0)}, "", io.ErrUnexpectedEOF},
	} {
		var got []byte
		i := 0
		err := writeAll(func(b []byte) (int, error) {
			if i == len(tc.do) {
				t.Fatalf("%s: more writes than expected", tc.name)
			}
			n, err := tc.do[i](b)
			i++
			if n > 0 {
				got = append(got, b[:n]...)
			}
			return n, err
		}, data)
		if err != tc.err || string(got) != tc.want || (err == nil && i != len(tc.do)) {
			t.Errorf("%s: wrote %q with %d writes, error %v; want %q, %d writes, error %v", tc.name, got, i, err, tc.want, len(tc.do), tc.err)
		}
	}
}

// part writes at most n bytes.
func part(n int) func([]byte) (int, error) {
	return func(b []byte) (int, error) { return min(n, len(b)), nil }
}

func fail(err error) func([]byte) (int, error) {
	return func([]byte) (int, error) { return -1, err }
}

// TestWriteFileErrorsAreOSErrors: what the raw path returns unwraps to the
// same causes os gives, so that callers' errors.Is keep working.
func TestWriteFileErrorsAreOSErrors(t *testing.T) {
	d, tmp := openTemp(t)
	os.MkdirAll(filepath.Join(tmp, "x.html"), 0o755)
	err := d.top.writeFile("x.html", nil)
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Op != "openat" || pe.Path != "x.html" || pe.Err != syscall.EISDIR {
		t.Errorf("writeFile = %#v; want an *os.PathError openat x.html EISDIR", err)
	}
}
