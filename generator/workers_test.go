package generator

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// TestBuildSameOnAnyNumberOfWorkers builds a generated site with one worker
// (GOMAXPROCS=1: units are decoded and pages rendered and written one at a
// time), with two, and with more workers than this machine has cores, and
// requires every output file, scores.json and every page, to be the same
// bytes. The build's workers are GOMAXPROCS. A last build, with two,
// reads the data files in pieces of 512 bytes, whose rows point into text
// that later pieces are read into (in tests, made unreadable first): a row's
// string kept past its reading would show as a difference.
func TestBuildSameOnAnyNumberOfWorkers(t *testing.T) {
	src := filepath.Join(t.TempDir(), "site")
	st, err := gen.Generate(src, gen.Params{Units: 12, Measures: 8, Months: 24, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first map[string][]byte
	for i, procs := range []int{1, 2, 5, 2} {
		runtime.GOMAXPROCS(procs)
		run := fmt.Sprintf("GOMAXPROCS=%d", procs)
		if i == 3 {
			defer load.SetPieceBytes(512)()
			run += ", pieces of 512 bytes"
		}
		dest := filepath.Join(t.TempDir(), "public")
		start := time.Now()
		rep, err := Build(context.Background(), Options{Source: src, Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d pages, %d rows in %v", run, rep.Pages, rep.Rows, time.Since(start))
		if rep.Units != st.Units || rep.Rows != st.Rows {
			t.Fatalf("built %d units and %d rows; generated %d and %d", rep.Units, rep.Rows, st.Units, st.Rows)
		}
		files := tree(t, dest)
		// The report counts the site's files, not the mark that the folder
		// is a build's.
		if files["data/scores.json"] == nil || files[".scorecard-build"] == nil || len(files)-1 != rep.Files {
			t.Fatalf("%s: %d files in the output, the build reports %d", run, len(files), rep.Files)
		}
		if first == nil {
			first = files
			continue
		}
		if len(files) != len(first) {
			t.Errorf("%s: %d files; with 1: %d", run, len(files), len(first))
		}
		for name, b := range first {
			if !bytes.Equal(files[name], b) {
				t.Errorf("%s: %s differs from the build with one worker", run, name)
			}
		}
	}
}
