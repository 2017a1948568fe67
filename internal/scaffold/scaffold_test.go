package scaffold

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

func TestWrittenSiteBuildsWithoutErrorOrWarning(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "site")
	written, err := Write(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		".github/workflows/scorecard.yml", ".gitignore", "config.toml", "content/index.md", "content/notes/2026-09.md",
		"content/scorecard.toml", "content/wholesale/scorecard.toml", "data/org.csv", "data/wholesale.csv",
	}
	if !slices.Equal(written, want) {
		t.Errorf("wrote %v, want %v", written, want)
	}

	rep, err := generator.Check(context.Background(), generator.Options{Source: dir, Strict: true})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if rep.WarningCount > 0 {
		t.Errorf("check warns: %v", rep.Warnings)
	}
	if rep.Units != 2 || rep.Measures != 8 {
		t.Errorf("%d units and %d measures, want 2 and 8", rep.Units, rep.Measures)
	}

	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: dir, Destination: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
	var scores struct {
		Period string `json:"period"`
	}
	data, err := os.ReadFile(filepath.Join(out, "data", "scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &scores); err != nil {
		t.Fatal(err)
	}
	// The as-of period comes from the data, never from the clock.
	if scores.Period != "2026-09" {
		t.Errorf("as of %s, want 2026-09", scores.Period)
	}
}

// The starter site is where users learn the format: it shows each feature
// the format has at least once.
func TestStarterSiteShowsTheFormat(t *testing.T) {
	var toml strings.Builder
	for _, name := range []string{"content/scorecard.toml", "content/wholesale/scorecard.toml"} {
		data, err := fs.ReadFile(files(), name)
		if err != nil {
			t.Fatal(err)
		}
		toml.Write(data)
	}
	for _, want := range []string{
		`polarity = "higher"`, `polarity = "lower"`, `polarity = "range"`,
		`frequency = "quarterly"`, `basis = "ytd"`, `aggregation = "sum"`, `formula = `,
		`drives = [`, `supports = [`, `[[initiatives]]`, `[[initiatives.milestones]]`,
	} {
		if !strings.Contains(toml.String(), want) {
			t.Errorf("no %s in the starter scorecards", want)
		}
	}
	months := map[string]bool{}
	for _, name := range []string{"data/org.csv", "data/wholesale.csv"} {
		data, err := fs.ReadFile(files(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			if f := strings.Split(line, ","); len(f) > 2 && !strings.Contains(f[2], "Q") {
				months[f[2]] = true
			}
		}
	}
	if len(months) != 12 || !months["2025-10"] || !months["2026-09"] {
		t.Errorf("data covers %d months, want the 12 from 2025-10 to 2026-09", len(months))
	}
}

func TestWriteRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, ""); err == nil || !strings.Contains(err.Error(), "already exists and is not empty") {
		t.Fatalf("Write into a folder in use: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Write added files: %v", entries)
	}
	if _, err := Write(filepath.Join(dir, "keep.txt"), ""); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("Write over a file: %v", err)
	}
}

func TestWriteIntoAnEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		// No wider than 0755 for folders and 0644 for files; a umask may narrow them.
		limit := fs.FileMode(0o644)
		if d.IsDir() {
			limit = 0o755
		}
		if fi.Mode().Perm()&^limit != 0 {
			t.Errorf("%s has mode %v", p, fi.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGitignoreLeavesOutWhatCommandsWrite asks git which paths the starter
// site's .gitignore leaves out: the output, what a killed build or pack
// leaves, and board packs; never the site's own files.
func TestGitignoreLeavesOutWhatCommandsWrite(t *testing.T) {
	git := testenv.Tool(t, "git", "git")
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) error {
		cmd := exec.Command(git, append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		return cmd.Run()
	}
	if err := run("init", "-q"); err != nil {
		t.Fatal(err)
	}
	for path, ignored := range map[string]bool{
		"public/index.html":                   true,
		".public.tmp-123456/index.html":       true,
		".public.tmp-123456.old/index.html":   true,
		"board-pack-2026-09.html":             true,
		"packs/board-pack-2026-Q3.html":       true,
		".board-pack-2026-09.html.tmp-123456": true,
		"config.toml":                         false,
		"content/scorecard.toml":              false,
		"data/org.csv":                        false,
		"content/notes/2026-09.md":            false,
		"content/public/scorecard.toml":       false,
		"my-board-pack-notes.md":              false,
	} {
		// check-ignore exits 0 for a path left out, 1 for one kept.
		err := run("check-ignore", "-q", "--no-index", path)
		if got := err == nil; got != ignored {
			t.Errorf("%s: ignored %v, want %v (%v)", path, got, ignored, err)
		}
	}
}
