package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestExampleSite builds the repository's own example site and compares the
// computed model with a reviewed golden copy (go test ./generator -update
// rewrites it; read the diff).
func TestExampleSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := Build(context.Background(), Options{Source: "..", Destination: dest})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Units < 8 || rep.Measures < 30 {
		t.Errorf("the example site has %d units and %d measures; it should show at least 8 and 30", rep.Units, rep.Measures)
	}
	var warnings strings.Builder
	for _, w := range rep.Warnings {
		warnings.WriteString(w.String() + "\n")
	}
	golden(t, "testdata/golden/example/warnings.txt", []byte(warnings.String()))
	scores, err := os.ReadFile(filepath.Join(dest, "data/scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/golden/example/scores.json", scores)
}

// TestBuildIsDeterministic builds the example site twice and compares the two
// output trees byte for byte.
func TestBuildIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) == 0 || len(ta) != len(tb) {
		t.Fatalf("%d files and %d files", len(ta), len(tb))
	}
	for name, content := range ta {
		if !bytes.Equal(content, tb[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
}

func tree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the build's output (go test ./generator -update rewrites it):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			c := 0
			for c < len(w) && c < len(g) && w[c] == g[c] {
				c++
			}
			return "line " + itoa(i+1) + ", column " + itoa(c+1) + ":\n  want: " + excerpt(w, c) + "\n  got:  " + excerpt(g, c)
		}
	}
	return ""
}

// excerpt shows the part of a long line around column c.
func excerpt(s string, c int) string {
	from, to := max(0, c-60), min(len(s), c+60)
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
