package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// countingFS counts the names opened through it, a folder's listing or a
// lookup by name alike.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// TestUnitsFoundFromListings: the units, narratives and notes found from
// the folders' listings are those that looking each up by name found, a
// linked scorecard.toml and one that is a folder included; and a unit
// whose folder lists no index.md and no notes/ has neither looked up.
func TestUnitsFoundFromListings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(name, target string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	write("config.toml", "title = \"T\"\n")
	write("content/scorecard.toml", "name = \"Org\"\n")
	write("content/index.md", "The organisation.\n")
	write("content/plain/scorecard.toml", "name = \"Plain\"\n")
	write("content/plain/sub/scorecard.toml", "name = \"Sub\"\n")
	write("content/noted/scorecard.toml", "name = \"Noted\"\n")
	write("content/noted/notes/2026-09.md", "A note.\n")
	write("shared/linked.toml", "name = \"Linked\"\n")
	symlink("content/linked/scorecard.toml", "../../shared/linked.toml")
	symlink("content/dangling/scorecard.toml", "gone.toml")
	if err := os.MkdirAll(filepath.Join(dir, "content/folder/scorecard.toml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("content/nocard/deeper/scorecard.toml", "name = \"Deeper\"\n")
	write("content/nocard/readme.txt", "Not a unit.\n")

	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := &countingFS{FS: root.FS(), opened: map[string]int{}}
	// The site's own file system too, whose walk opens what is in a folder
	// from the folder (folders.go).
	src, closeFS, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	for _, fsys := range []fs.FS{fsys, src} {
		got, problems := unitsFound(fsys)
		checkUnitsFound(t, got, problems)
	}
	for _, name := range []string{"content/plain/index.md", "content/plain/notes", "content/plain/sub/index.md", "content/noted/index.md", "content/linked/notes", "content/plain/scorecard.toml/scorecard.toml"} {
		if n := fsys.opened[name]; n > 0 {
			t.Errorf("%s was looked up %d times, though its folder's listing does not hold it", name, n)
		}
	}
	for _, name := range []string{"content/scorecard.toml", "content/plain/scorecard.toml", "content/noted/scorecard.toml"} {
		if n := fsys.opened[name]; n != 1 {
			t.Errorf("%s was opened %d times; once, to read it, is enough", name, n)
		}
	}
	if fsys.opened["content/noted/notes"] == 0 || fsys.opened["content/index.md"] == 0 {
		t.Errorf("the listed narrative and notes were not read: %v", fsys.opened)
	}
}

// unitsFound loads the units of fsys, each described on a line, and their
// problems.
func unitsFound(fsys fs.FS) (units, problems []string) {
	var dl diag.List
	for _, u := range loadUnits(fsys, &dl) {
		s := u.Dir + " parent=" + u.ParentDir + " name=" + u.Card.Name
		if u.Narrative != nil {
			s += " narrative=" + strings.TrimSpace(string(u.Narrative))
		}
		for _, n := range u.Notes {
			s += " note=" + n.File
		}
		units = append(units, s)
	}
	for _, d := range dl.Sorted(diag.Error) {
		problems = append(problems, d.String())
	}
	return units, problems
}

func checkUnitsFound(t *testing.T, got, problems []string) {
	t.Helper()
	want := []string{
		"content parent= name=Org narrative=The organisation.",
		"content/folder parent=content name=",
		"content/linked parent=content name=Linked",
		"content/nocard/deeper parent=content name=Deeper",
		"content/noted parent=content name=Noted note=content/noted/notes/2026-09.md",
		"content/plain parent=content name=Plain",
		"content/plain/sub parent=content/plain name=Sub",
	}
	if !slices.Equal(got, want) {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantProblems := []string{
		"content/dangling/scorecard.toml: a symbolic link to nothing: remove it, or point it at a file inside the site",
		"content/folder/scorecard.toml: something other than a file: the build reads regular files only (reading this one could wait forever): put the file itself here",
	}
	if !slices.Equal(problems, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
}
