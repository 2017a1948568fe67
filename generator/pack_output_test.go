package generator

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// nodeID is what tells that a file was left alone: its type and mode, its
// inode and, for a device, which device it is.
type nodeID struct {
	mode      os.FileMode
	ino, rdev uint64
}

func node(t *testing.T, name string) nodeID {
	t.Helper()
	fi, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return nodeID{fi.Mode(), st.Ino, uint64(st.Rdev)}
}

// TestPackRefusesFilesThatAreNotRegular names, as --output and as --pdf, a
// named pipe, a device (made when the test runs as root), a symbolic link
// to a file and a folder: each is refused with its exact message, before
// anything is written, and is as it was (the link's target too). These were
// replaced, or written through, by the rename.
func TestPackRefusesFilesThatAreNotRegular(t *testing.T) {
	dir := t.TempDir()
	j := func(name string) string { return filepath.Join(dir, name) }
	if err := syscall.Mkfifo(j("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, j("target.html"), []byte("mine"))
	if err := os.Symlink(j("target.html"), j("link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(j("folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, want string }{
		{j("fifo"), " " + j("fifo") + " is a named pipe, not a regular file: refusing to replace it; name a regular file"},
		{j("link.html"), " " + j("link.html") + " is a symbolic link: refusing to write through it or replace it; name the file itself"},
		{j("folder"), " " + j("folder") + " is a folder: name a file"},
	}
	if os.Geteuid() == 0 {
		// A copy of /dev/null (character device 1, 3), where nothing is lost
		// if the check fails.
		if err := syscall.Mknod(j("null"), syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, want string }{j("null"), " " + j("null") + " is a device, not a regular file: refusing to replace it; name a regular file"})
	}
	for _, tc := range cases {
		before := node(t, tc.name)
		for _, opts := range []PackOptions{
			{Source: smallSite, Output: tc.name},
			{Source: smallSite, Output: j("pack.html"), PDF: tc.name, Printer: unavailable{}},
		} {
			flag := "--output"
			if opts.PDF != "" {
				flag = "--pdf"
			}
			_, written, err := Pack(context.Background(), opts)
			if err == nil || err.Error() != flag+tc.want {
				t.Errorf("%s %s: %v\nwant %s", flag, tc.name, err, flag+tc.want)
			}
			if len(written) > 0 || exists(j("pack.html")) {
				t.Errorf("%s %s: wrote %v", flag, tc.name, written)
			}
			if node(t, tc.name) != before {
				t.Errorf("%s %s: the file changed", flag, tc.name)
			}
		}
	}
	if b, _ := os.ReadFile(j("target.html")); string(b) != "mine" {
		t.Errorf("the link's target holds %q", b)
	}
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// TestPackRefusesTheSourceInput names, as --output and as --pdf, files of
// the site's input — in content/, data/ and themes/, and config.toml, also
// through a link to the folder and a link to the site — and expects each
// refused with its exact message, nothing written, the source unchanged.
// content/scorecard.toml was overwritten with the pack.
func TestPackRefusesTheSourceInput(t *testing.T) {
	root, links := t.TempDir(), t.TempDir()
	src := filepath.Join(root, "site")
	if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(links, "content-link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(links, "site-link")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	j := filepath.Join
	for _, tc := range []struct{ source, name, want string }{
		{src, j(src, "content/scorecard.toml"), j(src, "content/scorecard.toml") + " is inside the source's content/ folder: refusing to write over the site's input"},
		{src, j(src, "content/new.html"), j(src, "content/new.html") + " is inside the source's content/ folder: refusing to write over the site's input"},
		{src, j(src, "data/actuals.csv"), j(src, "data/actuals.csv") + " is inside the source's data/ folder: refusing to write over the site's input"},
		{src, j(src, "data/2026/pack.html"), j(src, "data/2026/pack.html") + " is inside the source's data/ folder: refusing to write over the site's input"},
		{src, j(src, "themes/house/pack.html"), j(src, "themes/house/pack.html") + " is inside the source's themes/ folder: refusing to write over the site's input"},
		{src, j(src, "config.toml"), j(src, "config.toml") + " is the source's config.toml: refusing to write over the site's input"},
		{src, j(links, "content-link/scorecard.toml"), j(links, "content-link/scorecard.toml") + " is inside the source's content/ folder: refusing to write over the site's input"},
		{j(links, "site-link"), j(src, "config.toml"), j(src, "config.toml") + " is the source's config.toml: refusing to write over the site's input"},
		{src, j(links, "site-link/data/x.pdf"), j(links, "site-link/data/x.pdf") + " is inside the source's data/ folder: refusing to write over the site's input"},
	} {
		for _, flag := range []string{"--output", "--pdf"} {
			opts := PackOptions{Source: tc.source, Output: tc.name}
			if flag == "--pdf" {
				opts = PackOptions{Source: tc.source, Output: j(root, "pack.html"), PDF: tc.name, Printer: unavailable{}}
			}
			_, _, err := Pack(context.Background(), opts)
			if err == nil || err.Error() != flag+" "+tc.want {
				t.Errorf("%s %s: %v\nwant %s", flag, tc.name, err, flag+" "+tc.want)
			}
		}
	}
	if err := sameTree(t, tree(t, root), before); err != nil {
		t.Errorf("refused packs changed files: %v", err)
	}
}

// TestPackReplacesARegularFile: replacing an existing file is what --output
// is for; the new file is a regular file with the pack, nothing is left
// beside it, and a PDF may not take the HTML's place.
func TestPackReplacesARegularFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pack.html")
	writeFile(t, out, []byte("last month's pack"))
	if _, _, err := Pack(context.Background(), PackOptions{Source: smallSite, Output: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || len(b) < 1000 || string(b[:15]) != "<!DOCTYPE html>" {
		t.Errorf("pack.html: %d bytes beginning %.20q (%v)", len(b), b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left beside the pack: %v", entries)
	}
	same := dir + "/./pack.html"
	_, _, err = Pack(context.Background(), PackOptions{Source: smallSite, Output: out, PDF: same, Printer: unavailable{}})
	if want := "--pdf " + same + " and --output " + out + " are the same file: give the PDF another name"; err == nil || err.Error() != want {
		t.Errorf("Pack = %v\nwant %s", err, want)
	}
}
