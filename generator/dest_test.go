package generator

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// TestBuildRefusesAFolderThatWasNeverASite: a project folder — a
// repository, sources, and a data/scores.json of its own — used as the
// destination is refused and left as it was. It was replaced whole, .git
// included, while any folder holding data/scores.json passed for a build.
func TestBuildRefusesAFolderThatWasNeverASite(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "project")
	for name, content := range map[string]string{
		".git/HEAD":              "ref: refs/heads/main\n",
		".git/objects/ab/cdef":   "blob",
		"config.toml":            "title = \"Mine\"\n",
		"content/scorecard.toml": "name = \"Mine\"\n",
		"data/actuals.csv":       "unit,measure,period,actual\n",
		"data/scores.json":       "{\"mine\": true}\n",
		"notes.md":               "my notes\n",
	} {
		writeFile(t, filepath.Join(dest, name), []byte(content))
	}
	before := tree(t, parent)
	_, err := Build(context.Background(), Options{Source: smallSite, Destination: dest})
	want := "destination " + dest + " holds data/scores.json but no .scorecard-build: refusing to replace it. " +
		"If it is the output of an earlier scorecard, which did not mark its folders, and nothing in it is yours, delete it and build again; else choose another --destination"
	if err == nil || err.Error() != want {
		t.Errorf("Build = %v\nwant %s", err, want)
	}
	if err := sameTree(t, tree(t, parent), before); err != nil {
		t.Errorf("the refused build changed the folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, ".git", "HEAD")); err != nil {
		t.Errorf(".git is gone: %v", err)
	}
}

// TestBuildKeepsGHPagesFiles builds twice into a gh-pages layout — .git a
// file, as in a worktree, CNAME and .nojekyll, and nothing else — which was
// refused as a folder that is not a build: the first build is accepted, and
// the three are there, unchanged, after both.
func TestBuildKeepsGHPagesFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "gh-pages")
	kept := map[string]string{
		".git":      "gitdir: /home/me/site/.git/worktrees/gh-pages\n",
		"CNAME":     "scorecard.example.org\n",
		".nojekyll": "",
	}
	for name, content := range kept {
		writeFile(t, filepath.Join(dest, name), []byte(content))
	}
	for i := range 2 {
		if _, err := Build(context.Background(), Options{Source: smallSite, Destination: dest}); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		got := tree(t, dest)
		for name, content := range kept {
			if b, ok := got[name]; !ok || string(b) != content {
				t.Errorf("build %d: %s = %q; want %q", i+1, name, b, content)
			}
		}
		if got["index.html"] == nil || got[".scorecard-build"] == nil {
			t.Errorf("build %d: no index.html or .scorecard-build", i+1)
		}
	}
}

// TestBuildIntoARealGHPagesWorktree publishes as a GitHub Pages user does:
// the destination is a worktree of the repository's gh-pages branch, which
// holds CNAME and .nojekyll. The first build goes in; git still knows the
// worktree; once committed, a second build of the same source changes
// nothing git can see, the mark included.
func TestBuildIntoARealGHPagesWorktree(t *testing.T) {
	gitPath := testenv.Tool(t, "git", "git")
	root := t.TempDir()
	repo, pages := filepath.Join(root, "site"), filepath.Join(root, "pages")
	if err := os.CopyFS(repo, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(gitPath, append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	git(repo, "init", "-q", "-b", "main")
	git(repo, "add", "-A")
	git(repo, "commit", "-q", "-m", "source")
	git(repo, "checkout", "-q", "--orphan", "gh-pages")
	git(repo, "rm", "-rq", "--cached", ".")
	git(repo, "clean", "-fdq")
	writeFile(t, filepath.Join(repo, "CNAME"), []byte("scorecard.example.org\n"))
	writeFile(t, filepath.Join(repo, ".nojekyll"), nil)
	git(repo, "add", "CNAME", ".nojekyll")
	git(repo, "commit", "-q", "-m", "pages")
	git(repo, "checkout", "-q", "main")
	git(repo, "worktree", "add", "-q", pages, "gh-pages")
	gitFile, err := os.ReadFile(filepath.Join(pages, ".git"))
	if err != nil {
		t.Fatal(err)
	}

	build := func() {
		t.Helper()
		if _, err := Build(context.Background(), Options{Source: repo, Destination: pages}); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(pages, ".git")); string(b) != string(gitFile) {
			t.Errorf(".git = %q; want %q", b, gitFile)
		}
		if b, _ := os.ReadFile(filepath.Join(pages, "CNAME")); string(b) != "scorecard.example.org\n" {
			t.Errorf("CNAME = %q", b)
		}
	}
	build()
	if got := git(pages, "status", "--porcelain"); !strings.Contains(got, "?? .scorecard-build\n") || !strings.Contains(got, "?? index.html\n") || strings.Contains(got, "CNAME") || strings.Contains(got, ".nojekyll") {
		t.Errorf("git status after the first build:\n%s", got)
	}
	git(pages, "add", "-A")
	git(pages, "commit", "-q", "-m", "site")
	build()
	if got := git(pages, "status", "--porcelain"); got != "" {
		t.Errorf("git status after building the same source again:\n%s", got)
	}
	if got := git(repo, "worktree", "list", "--porcelain"); !strings.Contains(got, "worktree "+pages+"\n") {
		t.Errorf("git no longer knows the worktree:\n%s", got)
	}
}
