package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDestinationOverlapRefused builds the small site into folders that
// would replace the source or be read back as its input — the source itself,
// a folder holding it, its content/, data/ and themes/ folders and folders
// inside them, also when reached through a symbolic link — and expects a
// clear refusal, with nothing written anywhere.
func TestDestinationOverlapRefused(t *testing.T) {
	root, links := t.TempDir(), t.TempDir()
	src := filepath.Join(root, "site")
	if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "data"), filepath.Join(links, "data-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(links, "site-link")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	j := filepath.Join
	for _, tc := range []struct{ source, dest, want string }{
		{src, src, "destination " + src + " contains the source " + src + ": refusing to replace it"},
		{src, j(src, "."), "destination " + src + " contains the source " + src + ": refusing to replace it"},
		{src, root, "destination " + root + " contains the source " + src + ": refusing to replace it"},
		{src, "/", "destination / contains the source " + src + ": refusing to replace it"},
		{src, j(src, "content"), "destination " + j(src, "content") + " is inside the source's content/ folder: the output would be read back as input"},
		{src, j(src, "content/ops/public"), "destination " + j(src, "content/ops/public") + " is inside the source's content/ folder: the output would be read back as input"},
		{src, j(src, "data"), "destination " + j(src, "data") + " is inside the source's data/ folder: the output would be read back as input"},
		{src, j(src, "data/out"), "destination " + j(src, "data/out") + " is inside the source's data/ folder: the output would be read back as input"},
		{src, j(src, "themes/x"), "destination " + j(src, "themes/x") + " is inside the source's themes/ folder: the output would be read back as input"},
		{src, j(src, "public/../data/x"), "destination " + j(src, "public/../data/x") + " is inside the source's data/ folder: the output would be read back as input"},
		{src, j(links, "data-link/out"), "destination " + j(links, "data-link/out") + " is inside the source's data/ folder: the output would be read back as input"},
		{j(links, "site-link"), j(src, "content/out"), "destination " + j(src, "content/out") + " is inside the source's content/ folder: the output would be read back as input"},
		{j(links, "site-link"), src, "destination " + src + " contains the source " + j(links, "site-link") + ": refusing to replace it"},
	} {
		_, err := Build(context.Background(), Options{Source: tc.source, Destination: tc.dest})
		if err == nil || err.Error() != tc.want {
			t.Errorf("Build(%s → %s) = %v\nwant %s", tc.source, tc.dest, err, tc.want)
		}
	}
	if err := sameTree(t, tree(t, root), before); err != nil {
		t.Errorf("refused builds changed files: %v", err)
	}
	if _, err := Build(context.Background(), Options{Source: j(links, "site-link")}); err != nil {
		t.Errorf("the default destination, <source>/public, is refused: %v", err)
	}
}

// TestNoteLinksReadNothing builds a site whose commentary links to files
// outside it, by relative path, absolute path and file: URL, as links and as
// images: the build reads none of them, no page carries their content, and
// file: URLs are emptied. Links are left for the reader's browser to follow
// or not; images become links, so that a page loads nothing by itself.
func TestNoteLinksReadNothing(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(root, "secret.txt")
	writeFile(t, secret, []byte("TOP-SECRET-MARKER\n"))
	src := filepath.Join(root, "site")
	if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	note := "Links: [relative](../../../secret.txt), [passwd](../../../../../../../../etc/passwd), " +
		"[absolute](" + secret + "), [url](file://" + secret + "), [passwd url](file:///etc/passwd).\n\n" +
		"Images: ![relative](../../secret.txt) ![url](file://" + secret + ") ![passwd](/etc/passwd)\n\n" +
		"[ref]: file:///etc/shadow\n\nSee [the reference][ref].\n"
	writeFile(t, filepath.Join(src, "content/notes/2026-09.md"), []byte(note))
	dest := filepath.Join(root, "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	passwd, _ := os.ReadFile("/etc/passwd")
	firstLine, _, _ := bytes.Cut(passwd, []byte("\n"))
	themeJS := themeScripts(t)
	shown := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("TOP-SECRET-MARKER")) || (len(firstLine) > 8 && bytes.Contains(b, firstLine)) {
			t.Errorf("%s holds the content of a linked file", p)
		}
		if strings.HasSuffix(p, ".html") {
			checkInert(t, p, b, themeJS) // no file: URL, no image
		}
		if bytes.Contains(b, []byte(`<a href="../../../secret.txt">relative</a>`)) {
			shown++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if shown == 0 {
		t.Error("no page shows the commentary's relative link as a link")
	}
}
