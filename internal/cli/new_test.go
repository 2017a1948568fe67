package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
)

func TestNewWritesASiteThatChecksWithoutWarnings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "site")
	var stdout, stderr bytes.Buffer
	if code := runNew([]string{dir}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	for _, want := range []string{
		"Created a scorecard site in " + dir + ":\n",
		"  " + dir + "/config.toml\n",
		"  " + dir + "/data/org.csv\n",
		"cd " + dir + " && scorecard build",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	rep, err := generator.Check(context.Background(), generator.Options{Source: dir, Strict: true})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if rep.WarningCount > 0 {
		t.Errorf("check warns: %v", rep.Warnings)
	}
}

func TestNewRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{dir}, ExitError, "scorecard new: " + dir + " already exists and is not empty: choose a new folder, or empty this one first\n"},
		{[]string{mine}, ExitError, "scorecard new: " + mine + " exists and is not a folder: choose another name\n"},
		{nil, ExitUsage, "scorecard new: expected one folder to create, as in: scorecard new my-scorecard\n"},
		{[]string{"a", "b"}, ExitUsage, "scorecard new: expected one folder to create"},
	} {
		var stdout, stderr bytes.Buffer
		code := runNew(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) || stdout.Len() > 0 {
			t.Errorf("new %v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout.String(), stderr.String(), tc.code, tc.stderr)
		}
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Errorf("the existing file was touched: %q, %v", data, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files were added to the folder in use: %v", entries)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"site":         "site",
		"../a/b-c_d.e": "../a/b-c_d.e",
		"my site":      "'my site'",
		"it's":         `'it'\''s'`,
		"$HOME":        "'$HOME'",
		"":             "''",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
