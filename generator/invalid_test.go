package generator

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

var update = flag.Bool("update", false, "rewrite the expected output of golden files and test cases")

// TestInvalidSites runs every case of testdata/invalid: a site with defects and,
// as the archive's comment, the exact errors it must produce, sorted.
func TestInvalidSites(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := sitetest.FS(string(txtar.Format(&txtar.Archive{Files: a.Files})))
			_, dl, err := pipeline.Compile(context.Background(), fsys, pipeline.Options{})
			if err == nil {
				t.Fatal("the site compiled without errors")
			}
			var got bytes.Buffer
			for _, d := range dl.Sorted(diag.Error) {
				got.WriteString(d.String() + "\n")
			}
			if *update {
				a.Comment = got.Bytes()
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(a.Comment); got.String() != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
}
