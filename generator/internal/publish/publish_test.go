package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitReplacesThePreviousOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	for i, content := range []string{"first", "second"} {
		d, err := Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("data/scores.json", []byte(content)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if err := d.WriteFile("old-only.html", []byte("x")); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		d.Abort() // harmless after Commit
	}
	if got := read(t, filepath.Join(dest, "data/scores.json")); got != "second" {
		t.Errorf("scores = %q; want second", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "old-only.html")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived")
	}
	if got := entries(t, parent); strings.Join(got, " ") != "public" {
		t.Errorf("beside the output: %v; want only public", got)
	}
	if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v; want 0755", fi.Mode().Perm())
	}
}

func TestAbortLeavesThePreviousOutput(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	d, _ := Open(dest)
	d.WriteFile("data/scores.json", []byte("good"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("data/scores.json", []byte("half-written"))
	d.Abort()
	if got := read(t, filepath.Join(dest, "data/scores.json")); got != "good" {
		t.Errorf("scores = %q; want good", got)
	}
	if got := entries(t, parent); strings.Join(got, " ") != "public" {
		t.Errorf("beside the output: %v; want only public", got)
	}
}

func TestWriteFileStaysInside(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../escape.html", "/abs.html", "a/../../b", "", ".", "a//b"} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
}

func TestSwapByRenameFallback(t *testing.T) {
	parent := t.TempDir()
	dest, tmp := filepath.Join(parent, "public"), filepath.Join(parent, "tmp")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "v"), []byte("old"), 0o644)
	os.MkdirAll(tmp, 0o755)
	os.WriteFile(filepath.Join(tmp, "v"), []byte("new"), 0o644)
	old, err := swapByRename(tmp, dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(old, "v")); got != "old" {
		t.Errorf("old site's v = %q; want old", got)
	}
	os.RemoveAll(old)
	if got := read(t, filepath.Join(dest, "v")); got != "new" {
		t.Errorf("v = %q; want new", got)
	}
	if got := entries(t, parent); strings.Join(got, " ") != "public" {
		t.Errorf("left %v", got)
	}
}
