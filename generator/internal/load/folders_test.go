package load

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// folderSite is a site whose content/ holds folders, files and links of
// every kind: to a file beside it, to one in another folder of the site,
// to one outside the site, to nothing, to a folder; and a named pipe.
func folderSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"content/scorecard.toml":           "name = \"Org\"\n",
		"content/a/scorecard.toml":         "name = \"A\"\n",
		"content/a/b/c/d/scorecard.toml":   "name = \"D\"\n",
		"content/a/b/notes/2026-09.md":     "note\n",
		"content/é/scorecard.toml":         "name = \"E\"\n",
		"content/skip/scorecard.toml":      "name = \"Skipped\"\n",
		"content/stop/a.txt":               "a\n",
		"content/stop/b.txt":               "b\n",
		"content/stop/c/scorecard.toml":    "name = \"C\"\n",
		"content/z/scorecard.toml":         "name = \"Z\"\n",
		"shared/card.toml":                 "name = \"Shared\"\n",
		"../outside.toml":                  "name = \"Outside\"\n",
		"content/a/b/c/d/e/f/g/h/deep.txt": "deep\n",
	} {
		p := filepath.Join(dir, "site", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{
		"content/a/beside.toml":         "scorecard.toml",
		"content/a/b/shared.toml":       "../../../shared/card.toml",
		"content/a/b/c/up.toml":         "../../scorecard.toml",
		"content/a/outside.toml":        "../../../outside.toml",
		"content/a/absolute.toml":       filepath.Join(dir, "outside.toml"),
		"content/a/nothing.toml":        "gone.toml",
		"content/a/folder":              "b",
		"content/z/scorecard-link.toml": "../a/b/c/d/scorecard.toml",
	} {
		if err := os.Symlink(target, filepath.Join(dir, "site", name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	if err := mkfifo(filepath.Join(dir, "site/content/a/pipe.md")); err != nil {
		t.Logf("no named pipe: %v", err)
	}
	return filepath.Join(dir, "site")
}

// TestWalkFoldersIsWalkDir: walkFolders calls its function with the same
// paths, entries and errors, in the same order, as fs.WalkDir, and stops
// where it is told to as fs.WalkDir does; a file opened in the folder that
// holds it is the file, or the error, that opening its path gives.
func TestWalkFoldersIsWalkDir(t *testing.T) {
	site := folderSite(t)
	src, closeFS, err := OpenSource(site)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	mapFS := fstest.MapFS{
		"content/scorecard.toml":       {Data: []byte("x")},
		"content/a/scorecard.toml":     {Data: []byte("y")},
		"content/a/b/notes/2026-09.md": {Data: []byte("z")},
		"content/skip/x":               {Data: []byte("s")},
		"content/stop/a.txt":           {Data: []byte("a")},
		"content/stop/b.txt":           {Data: []byte("b")},
	}
	stops := map[string]error{
		"content/skip":       fs.SkipDir, // a folder: it is passed over
		"content/stop/a.txt": fs.SkipDir, // a file: the rest of its folder is
	}
	for _, tc := range []struct {
		name string
		fsys fs.FS
		stop map[string]error
	}{
		{"site", src, nil},
		{"site with skips", src, stops},
		{"site stopped", src, map[string]error{"content/a/b/c": fs.SkipAll}},
		{"site's root skipped", src, map[string]error{"content": fs.SkipDir}},
		{"missing root", src, nil},
		{"map", mapFS, stops},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := "content"
			if tc.name == "missing root" {
				root = "nowhere"
			}
			event := func(p string, d fs.DirEntry, err error) string {
				s := p
				if d != nil {
					s += fmt.Sprintf(" %s %v", d.Name(), d.Type())
				}
				if err != nil {
					s += " error: " + err.Error()
				}
				return s
			}
			var want, got []string
			wantErr := fs.WalkDir(tc.fsys, root, func(p string, d fs.DirEntry, err error) error {
				want = append(want, event(p, d, err))
				return tc.stop[p]
			})
			gotErr := walkFolders(tc.fsys, root, func(p string, d fs.DirEntry, in folder, err error) error {
				got = append(got, event(p, d, err))
				if p != root && in == nil {
					t.Errorf("%s: no folder", p)
				}
				if d != nil && !d.IsDir() && in != nil {
					compareOpen(t, tc.fsys, in, p)
				}
				return tc.stop[p]
			})
			if !slices.Equal(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("walkFolders:\n%s\n(%v)\nfs.WalkDir:\n%s\n(%v)", strings.Join(got, "\n"), gotErr, strings.Join(want, "\n"), wantErr)
			}
			if tc.name == "site" && len(got) < 30 {
				t.Errorf("only %d entries walked", len(got))
			}
		})
	}
}

// compareOpen opens the file p in the folder in, and by its path, and
// fails when what either gives differs.
func compareOpen(t *testing.T, fsys fs.FS, in folder, p string) {
	t.Helper()
	read := func(f fs.File, err error) string {
		if err != nil {
			return "error: " + err.Error()
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return "stat: " + err.Error()
		}
		if fi.IsDir() {
			return "a folder"
		}
		b, err := io.ReadAll(f)
		return fmt.Sprintf("%q %v", b, err)
	}
	got, want := read(in.open(path.Base(p))), read(fsys.Open(p))
	if got != want {
		t.Errorf("%s: opened in its folder: %s; by its path: %s", p, got, want)
	}
	if strings.HasSuffix(p, "shared.toml") && !strings.Contains(got, "Shared") {
		t.Errorf("%s: a link to a file of the site outside its folder gave %s", p, got)
	}
}
