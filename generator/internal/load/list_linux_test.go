//go:build linux

package load

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestListFolderAsOS: listFolder gives the entries Go's os gives for a
// folder opened in a Root, with the same names and types, for entries of
// every type and for a folder whose listing takes many reads; and an
// entry's Info is its lstat.
func TestListFolderAsOS(t *testing.T) {
	dir := t.TempDir()
	for i := range 400 { // about 40 KB of listing: several reads of 8 KB
		name := fmt.Sprintf("unit-%03d-%s", i, strings.Repeat("x", 60))
		if i%2 == 0 {
			if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{
		os.Symlink("unit-001", filepath.Join(dir, "link")),
		os.Symlink("nowhere", filepath.Join(dir, "dangling")),
		os.Symlink("unit-000", filepath.Join(dir, "dirlink")),
		mkfifo(filepath.Join(dir, "pipe")),
		os.WriteFile(filepath.Join(dir, "ünïcode name.toml"), []byte("x"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if l, err := net.Listen("unix", filepath.Join(dir, "sock")); err == nil {
		defer l.Close()
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	list := func(byOS bool) []string {
		d, err := root.Open(".")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		var es []fs.DirEntry
		if byOS {
			es, err = d.ReadDir(-1)
		} else {
			var ok bool
			if es, ok = listFolder(d, root); !ok {
				err = fmt.Errorf("listFolder declined")
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			info, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %v %v %v %v", e.Name(), e.Type(), e.IsDir(), info.Mode(), info.Size()))
		}
		slices.Sort(out)
		return out
	}
	want, got := list(true), list(false)
	if len(want) < 405 || !slices.Equal(got, want) {
		t.Errorf("listFolder gave %d entries, os %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
	// A file system that gives no types (DT_UNKNOWN): each is asked of
	// lstat, and an entry gone since the listing is passed over.
	var raw []byte
	for _, e := range []struct {
		name string
		typ  byte
	}{{".", syscall.DT_DIR}, {"pipe", syscall.DT_UNKNOWN}, {"unit-000-" + strings.Repeat("x", 60), syscall.DT_UNKNOWN}, {"gone", syscall.DT_UNKNOWN}, {"link", syscall.DT_UNKNOWN}, {"unit-001-" + strings.Repeat("x", 60), syscall.DT_REG}} {
		rec := make([]byte, 19+len(e.name)+1+(8-(19+len(e.name)+1)%8)%8)
		binary.NativeEndian.PutUint16(rec[16:18], uint16(len(rec)))
		rec[18] = e.typ
		copy(rec[19:], e.name)
		raw = append(raw, rec...)
	}
	es, ok := appendListing(nil, raw, root)
	var types []string
	for _, e := range es {
		types = append(types, fmt.Sprintf("%.9s %v", e.Name(), e.Type()))
	}
	if want := []string{"pipe p---------", "unit-000- d---------", "link L---------", "unit-001- ----------"}; !ok || !slices.Equal(types, want) {
		t.Errorf("from a listing without types: %q (%v), want %q", types, ok, want)
	}
	if _, ok := appendListing(nil, raw[:len(raw)-3], root); ok {
		t.Error("a listing cut short was read")
	}
}
