package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// tree makes a site-like tree under dir: folders three deep, some empty,
// files at every level, read-only ones among them, and links to a folder
// and a file outside it.
func tree(t *testing.T, dir, outside string) {
	t.Helper()
	for u := range 12 {
		for k := range 5 {
			sub := filepath.Join(dir, "units", fmt.Sprintf("u%02d", u), fmt.Sprintf("k%d", k))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			for f := range k * 3 {
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%d.html", f)), []byte("x"), 0o444); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "units", fmt.Sprintf("u%02d.csv", u)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "units", "u03", "linked-folder")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "keep.txt"), filepath.Join(dir, "linked-file")); err != nil {
		t.Fatal(err)
	}
}

// outsideTree makes a folder holding keep.txt, which no removal may touch.
func outsideTree(t *testing.T) string {
	t.Helper()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	return outside
}

func TestRemoveTreeRemovesAllAndFollowsNoLink(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			outside := outsideTree(t)
			parent := t.TempDir()
			dir := filepath.Join(parent, "old")
			tree(t, dir, outside)
			removeTree(dir)
			if _, err := os.Lstat(dir); !os.IsNotExist(err) {
				t.Fatalf("the folder is still there (%v)", err)
			}
			if got := read(t, filepath.Join(outside, "keep.txt")); got != "mine" {
				t.Errorf("the file a link pointed to reads %q", got)
			}
			if got := entries(t, parent); len(got) != 0 {
				t.Errorf("left beside it: %v", got)
			}
		})
	}
}

// The workers alone empty the tree: os.RemoveAll, after them, is only for
// what they could not remove.
func TestRemoverEmptiesTheTree(t *testing.T) {
	for _, spare := range []int{0, 1, 3} {
		outside := outsideTree(t)
		dir := filepath.Join(t.TempDir(), "old")
		tree(t, dir, outside)
		fd, err := openFolder(unix.AT_FDCWD, dir)
		if err != nil {
			t.Fatal(err)
		}
		r := remover{spare: make(chan struct{}, spare)}
		r.empty(fd)
		if got := entries(t, dir); len(got) != 0 {
			t.Errorf("%d spare workers left %v", spare, got)
		}
		if got := entries(t, outside); len(got) != 1 {
			t.Errorf("outside the tree: %v; want keep.txt", got)
		}
	}
}
