package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// files maps every file and link under root to its content (a link to
// "-> target"), and every folder to "/", so that a test can tell that
// nothing changed.
func files(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		case d.IsDir():
			out[rel] = "/"
		default:
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// put writes each file of a "name: content" map under dir.
func put(t *testing.T, dir string, tree map[string]string) {
	t.Helper()
	for name, content := range tree {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// build writes a small site into dest, each file's content tagged, and
// commits it.
func build(dest, tag string, extra ...string) error {
	d, err := Open(dest)
	if err != nil {
		return err
	}
	defer d.Abort()
	for _, name := range append([]string{"index.html", "data/scores.json", "assets/site.css"}, extra...) {
		if err := d.WriteFile(name, []byte(tag+" "+name)); err != nil {
			return err
		}
	}
	return d.Commit()
}

// ghPages is a gh-pages worktree as git leaves it: .git is a file naming
// the repository's folder for the worktree.
var ghPages = map[string]string{
	".git":      "gitdir: /home/me/site/.git/worktrees/gh-pages\n",
	"CNAME":     "scorecard.example.org\n",
	".nojekyll": "",
}

// TestBuildMarksItsFolder: a build writes the marker, and only then is the
// folder replaced by the next one.
func TestBuildMarksItsFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := build(dest, "first"); err != nil {
		t.Fatal(err)
	}
	want := "scorecard-build b79ccee6cc4bad830968e905c1035453\n"
	if got := read(t, filepath.Join(dest, ".scorecard-build")); !strings.HasPrefix(got, want) || !strings.Contains(got, "docs/site.md") {
		t.Errorf(".scorecard-build = %q; want it to begin %q and point at docs/site.md", got, want)
	}
	if err := build(dest, "second"); err != nil {
		t.Fatalf("a marked folder is refused: %v", err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "second index.html" {
		t.Errorf("index.html = %q", got)
	}
	// A checkout with CRLF line ends (git's core.autocrlf) keeps the mark.
	os.WriteFile(filepath.Join(dest, ".scorecard-build"), []byte(strings.TrimSuffix(want, "\n")+"\r\n# comment\r\n"), 0o644)
	if err := build(dest, "third"); err != nil {
		t.Errorf("a marker with CRLF line ends is refused: %v", err)
	}
}

// TestOpenRefusesFoldersNotMadeByABuild: every folder that may hold the
// user's files is refused, with what to do, and left as it was. Before the
// marker, any folder holding data/scores.json was replaced whole, .git and
// sources included.
func TestOpenRefusesFoldersNotMadeByABuild(t *testing.T) {
	source := map[string]string{
		".git/HEAD":              "ref: refs/heads/main\n",
		".git/config":            "[core]\n",
		"content/scorecard.toml": "name = \"Acme\"\n",
		"data/actuals.csv":       "unit,measure,period,actual\n",
	}
	withScores := map[string]string{"data/scores.json": "{}"}
	for name, content := range source {
		withScores[name] = content
	}
	oldBuild := map[string]string{"index.html": "<html>", "data/scores.json": "{}", "assets/site.css": ""}
	markerOf := func(content string) map[string]string {
		return map[string]string{"index.html": "<html>", ".scorecard-build": content}
	}
	for _, tc := range []struct {
		name  string
		tree  map[string]string
		links map[string]string // name: target
		want  string
	}{
		{"sources and data/scores.json", withScores, nil,
			"destination DEST holds data/scores.json but no .scorecard-build: refusing to replace it. If it is the output of an earlier scorecard, which did not mark its folders, and nothing in it is yours, delete it and build again; else choose another --destination"},
		{"an earlier version's output", oldBuild, nil,
			"destination DEST holds data/scores.json but no .scorecard-build: refusing to replace it. If it is the output of an earlier scorecard, which did not mark its folders, and nothing in it is yours, delete it and build again; else choose another --destination"},
		{"data/scores.json a link", map[string]string{"notes.txt": "x"}, map[string]string{"data": "/etc"},
			"destination DEST is not empty and was not made by scorecard build (no .scorecard-build): refusing to replace it, since it holds data, notes.txt; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"one file", map[string]string{"thesis.docx": "precious"}, nil,
			"destination DEST is not empty and was not made by scorecard build (no .scorecard-build): refusing to replace it, since it holds thesis.docx; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"sources", source, nil,
			"destination DEST is not empty and was not made by scorecard build (no .scorecard-build): refusing to replace it, since it holds content, data; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"gh-pages worktree with a README", map[string]string{".git": "gitdir: /x\n", "CNAME": "a.org\n", "README.md": "# pages", "a": "", "b": "", "c": ""}, nil,
			"destination DEST is not empty and was not made by scorecard build (no .scorecard-build): refusing to replace it, since it holds README.md, a, b and 1 more; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"names long or with a line break", map[string]string{"a\nb": "", strings.Repeat("x", 200): ""}, nil,
			"destination DEST is not empty and was not made by scorecard build (no .scorecard-build): refusing to replace it, since it holds \"a\\nb\", " + strings.Repeat("x", 39) + "…; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"marker with other content", markerOf("scorecard-build\n"), nil,
			"destination DEST has a .scorecard-build that is not the mark of a build (its first line is not the signature): refusing to replace it; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"marker with more on its first line", markerOf("scorecard-build b79ccee6cc4bad830968e905c1035453 x\n"), nil,
			"destination DEST has a .scorecard-build that is not the mark of a build (its first line is not the signature): refusing to replace it; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"marker a folder", map[string]string{"index.html": "", ".scorecard-build/x": ""}, nil,
			"destination DEST has a .scorecard-build that is not the mark of a build (not a regular file): refusing to replace it; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
		{"marker a link to a marker", map[string]string{"index.html": ""}, map[string]string{".scorecard-build": "MARKER"},
			"destination DEST has a .scorecard-build that is not the mark of a build (not a regular file): refusing to replace it; choose another --destination, or empty the folder (it may keep .git, CNAME and .nojekyll)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			built := filepath.Join(t.TempDir(), "built")
			if err := build(built, "x"); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(parent, "public")
			put(t, dest, tc.tree)
			for name, target := range tc.links {
				if target == "MARKER" {
					target = filepath.Join(built, ".scorecard-build")
				}
				if err := os.Symlink(target, filepath.Join(dest, name)); err != nil {
					t.Fatal(err)
				}
			}
			before := files(t, parent)
			err := build(dest, "new")
			want := strings.ReplaceAll(tc.want, "DEST", dest)
			if err == nil || err.Error() != want {
				t.Errorf("Open = %v\nwant %s", err, want)
			}
			if !same(files(t, parent), before) {
				t.Errorf("a refused build changed the folder:\n%v\nwas\n%v", files(t, parent), before)
			}
		})
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := Open(file); err == nil || err.Error() != "destination "+file+" exists and is not a folder" {
		t.Errorf("Open(file) = %v; want a refusal", err)
	}
	built := filepath.Join(t.TempDir(), "built")
	if err := build(built, "x"); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(built, link)
	want := "destination " + link + " is a symbolic link: refusing to replace it; give the folder it leads to"
	if err := Check(link); err == nil || err.Error() != want {
		t.Errorf("Check(link) = %v; want %s", err, want)
	}
	if err := Check(built); err != nil {
		t.Errorf("Check(a build) = %v", err)
	}
}

// TestGHPagesWorktreeKeepsItsFiles builds twice into a fresh gh-pages
// worktree (.git a file, CNAME, .nojekyll and nothing else): the first build
// is accepted, and .git, CNAME and .nojekyll are there, unchanged, after each
// build, while the first build's own files are replaced.
func TestGHPagesWorktreeKeepsItsFiles(t *testing.T) {
	for _, gitIsDir := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "gh-pages")
		kept := map[string]string{}
		for k, v := range ghPages {
			kept[k] = v
		}
		if gitIsDir { // a clone of the gh-pages branch
			delete(kept, ".git")
			kept[".git/HEAD"] = "ref: refs/heads/gh-pages\n"
			kept[".git/objects/ab/cdef"] = "blob"
		}
		put(t, dest, kept)
		if err := build(dest, "first", "first-only.html"); err != nil {
			t.Fatalf("a fresh gh-pages worktree is refused: %v", err)
		}
		if err := build(dest, "second"); err != nil {
			t.Fatal(err)
		}
		got := files(t, dest)
		for name, content := range kept {
			if got[name] != content {
				t.Errorf("%s = %q after two builds; want %q", name, got[name], content)
			}
		}
		if got["index.html"] != "second index.html" {
			t.Errorf("index.html = %q", got["index.html"])
		}
		if _, ok := got["first-only.html"]; ok {
			t.Error("a file of the first build survived the second")
		}
		if got := entries(t, filepath.Dir(dest)); strings.Join(got, " ") != "gh-pages" {
			t.Errorf("beside the output: %v", got)
		}
	}
}

// TestOnlyKeptFilesIsAcceptedAsEmpty: a folder holding any of the kept
// entries, and nothing else, is a first build's destination.
func TestOnlyKeptFilesIsAcceptedAsEmpty(t *testing.T) {
	for _, name := range Kept() {
		dest := filepath.Join(t.TempDir(), "public")
		put(t, dest, map[string]string{name: ghPages[name]})
		if err := build(dest, "x"); err != nil {
			t.Errorf("a folder holding only %s: %v", name, err)
		}
		if got := read(t, filepath.Join(dest, name)); got != ghPages[name] {
			t.Errorf("%s = %q", name, got)
		}
	}
}

// TestOutputOwnFilesWinOverKept: a theme's own CNAME replaces the one the
// destination had; a theme cannot write .git or the marker.
func TestOutputOwnFilesWinOverKept(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	put(t, dest, ghPages)
	if err := build(dest, "theme's", "CNAME"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "CNAME")); got != "theme's CNAME" {
		t.Errorf("CNAME = %q; want the theme's", got)
	}
	if got := read(t, filepath.Join(dest, ".git")); got != ghPages[".git"] {
		t.Errorf(".git = %q", got)
	}
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{".git", ".git/HEAD", ".scorecard-build"} {
		top, _, _ := strings.Cut(name, "/")
		want := "cannot write " + name + ": a build never writes " + top + " at the top of its output"
		if err := d.WriteFile(name, []byte("x")); err == nil || err.Error() != want {
			t.Errorf("WriteFile(%s) = %v; want %s", name, err, want)
		}
	}
	if err := d.WriteFile("assets/.git", []byte("x")); err != nil {
		t.Errorf("a .git below the top is refused: %v", err)
	}
}

// TestFailedSwapPutsKeptFilesBack: when the swap fails, the kept entries
// are back in the destination and the destination is as it was.
func TestFailedSwapPutsKeptFilesBack(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	put(t, dest, ghPages)
	if err := build(dest, "first"); err != nil {
		t.Fatal(err)
	}
	before := files(t, dest)
	d, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("index.html", []byte("second"))
	d.swap = func(tmp, dest string) (string, error) {
		if !exists(filepath.Join(tmp, ".git")) || exists(filepath.Join(dest, ".git")) {
			t.Error("the kept entries were not moved into the new output before the swap")
		}
		return "", errors.New("disk on fire")
	}
	if err := d.Commit(); err == nil || err.Error() != "cannot replace "+dest+": disk on fire" {
		t.Errorf("Commit = %v", err)
	}
	if !same(files(t, dest), before) {
		t.Errorf("after a failed swap:\n%v\nwant\n%v", files(t, dest), before)
	}
	if got := entries(t, parent); strings.Join(got, " ") != "public" {
		t.Errorf("beside the output: %v", got)
	}
}

// TestSwapByRenameKeepsKeptFiles: the fallback for file systems without an
// atomic exchange carries the kept entries over too.
func TestSwapByRenameKeepsKeptFiles(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	put(t, dest, ghPages)
	for _, tag := range []string{"first", "second"} {
		d, err := Open(dest)
		if err != nil {
			t.Fatal(err)
		}
		d.swap = swapByRename
		d.WriteFile("index.html", []byte(tag))
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	got := files(t, dest)
	for name, content := range ghPages {
		if got[name] != content {
			t.Errorf("%s = %q; want %q", name, got[name], content)
		}
	}
	if got["index.html"] != "second" {
		t.Errorf("index.html = %q", got["index.html"])
	}
	if got := entries(t, parent); strings.Join(got, " ") != "public" {
		t.Errorf("beside the output: %v", got)
	}
}

// TestKilledCarryOverIsRecovered puts the folders in each state a build
// killed while carrying the kept entries over leaves them: the next build
// moves them back, and never deletes a repository.
func TestKilledCarryOverIsRecovered(t *testing.T) {
	t.Run("killed before the swap", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		put(t, dest, ghPages)
		if err := build(dest, "first"); err != nil {
			t.Fatal(err)
		}
		// The new output holds .git and CNAME; .nojekyll was not moved yet.
		stale := filepath.Join(parent, ".public.tmp-123")
		put(t, stale, map[string]string{"index.html": "half", ".scorecard-build": marker})
		for _, name := range []string{".git", "CNAME"} {
			if err := os.Rename(filepath.Join(dest, name), filepath.Join(stale, name)); err != nil {
				t.Fatal(err)
			}
		}
		if err := build(dest, "second"); err != nil {
			t.Fatal(err)
		}
		got := files(t, dest)
		for name, content := range ghPages {
			if got[name] != content {
				t.Errorf("%s = %q; want %q", name, got[name], content)
			}
		}
		if got := entries(t, parent); strings.Join(got, " ") != "public" {
			t.Errorf("beside the output: %v", got)
		}
	})
	t.Run("killed between the two renames of the fallback", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		stale := filepath.Join(parent, ".public.tmp-123")
		put(t, stale, ghPages)
		put(t, stale, map[string]string{"index.html": "new", ".scorecard-build": marker})
		put(t, stale+".old", map[string]string{"index.html": "old", ".scorecard-build": marker})
		if err := build(dest, "next"); err != nil {
			t.Fatal(err)
		}
		got := files(t, dest)
		for name, content := range ghPages {
			if got[name] != content {
				t.Errorf("%s = %q; want %q", name, got[name], content)
			}
		}
		if got := entries(t, parent); strings.Join(got, " ") != "public" {
			t.Errorf("beside the output: %v", got)
		}
	})
	t.Run("a repository on both sides", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		put(t, dest, ghPages)
		stale := filepath.Join(parent, ".public.tmp-123")
		put(t, stale, map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", "CNAME": "old.example.org\n"})
		if err := build(dest, "next"); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(stale, ".git/HEAD")); got != "ref: refs/heads/gh-pages\n" {
			t.Errorf("the stale folder's repository: %q", got)
		}
		if got := read(t, filepath.Join(dest, "CNAME")); got != ghPages["CNAME"] {
			t.Errorf("CNAME = %q", got)
		}
	})
}
