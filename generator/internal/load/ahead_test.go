package load

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// aheadSite is five data files: good rows, a bad number among them, a
// header that is not one, a quoted field over two lines (encoding/csv's
// path), more problems than a List keeps, and a missing file.
func aheadSite() (fstest.MapFS, []string) {
	var many strings.Builder
	many.WriteString("unit,measure,period,actual\n")
	for i := range diag.MaxPerList + 2000 {
		fmt.Fprintf(&many, "org,m%d,2026-01,x%d\n", i, i)
	}
	var long strings.Builder
	long.WriteString("unit,measure,period,actual\n")
	for i := range 3 * aheadBatch {
		fmt.Fprintf(&long, "org,revenue,2026-01,%d\n", i)
	}
	fsys := fstest.MapFS{
		"data/a.csv": {Data: []byte(long.String() + "org,revenue,2026-02,1,000\norg,cost,2026-01,7\n")},
		"data/b.csv": {Data: []byte("unit;measure;period\norg;revenue;2026-01\n")},
		"data/c.csv": {Data: []byte("unit,measure,period,actual\n\"org\",\"reve\nnue\",2026-01,5\norg,cost,2026-03,\"1\"x\norg,cost,2026-04,4\n")},
		"data/d.csv": {Data: []byte(many.String())},
	}
	return fsys, []string{"data/a.csv", "data/b.csv", "data/c.csv", "data/d.csv", "data/e.csv", "data/a.csv"}
}

// TestReadAheadIsReadingInOrder: the files read ahead give the rows and
// the problems, in the same order, that reading them one after the other
// gives, the problems kept when there are too many included.
func TestReadAheadIsReadingInOrder(t *testing.T) {
	fsys, names := aheadSite()
	var wantRows, gotRows []string
	var want, got diag.List
	for _, n := range names {
		readCSV(fsys, n, &want, func(r *Row) bool { wantRows = append(wantRows, r.String()); return true })
	}
	if !readCSVFiles(fsys, names, &got, func(r *Row) bool { gotRows = append(gotRows, r.String()); return true }) {
		t.Fatal("readCSVFiles stopped")
	}
	if !slices.Equal(gotRows, wantRows) {
		t.Errorf("%d rows read ahead, %d one file after the other; first differing at %d", len(gotRows), len(wantRows), firstDiff(gotRows, wantRows))
	}
	for _, s := range []diag.Severity{diag.Error, diag.Warning} {
		g, w := got.Sorted(s), want.Sorted(s)
		if !slices.Equal(g, w) || got.Count(s) != want.Count(s) {
			t.Errorf("severity %v: %d kept of %d read ahead, %d of %d one after the other", s, len(g), got.Count(s), len(w), want.Count(s))
		}
	}
	if want.Count(diag.Error) <= diag.MaxPerList {
		t.Fatalf("only %d errors: the test needs more than a List keeps", want.Count(diag.Error))
	}
}

// TestReadAheadStops: when the caller stops, reading stops, in the middle
// of a file with others being read ahead.
func TestReadAheadStops(t *testing.T) {
	fsys, names := aheadSite()
	n := 0
	var dl diag.List
	if readCSVFiles(fsys, names, &dl, func(*Row) bool { n++; return n < aheadBatch+10 }) {
		t.Error("readCSVFiles read to the end after the caller stopped")
	}
	if n != aheadBatch+10 {
		t.Errorf("%d rows after the caller stopped at %d", n, aheadBatch+10)
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
