package load

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
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
		readCSV(fsys, n, &want, func(r *Row) bool { wantRows = append(wantRows, fmt.Sprintf("%+v", *r)); return true })
	}
	if !readCSVFiles(fsys, names, &got, func(r *Row) bool { gotRows = append(gotRows, fmt.Sprintf("%+v", *r)); return true }) {
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

// TestBatchKeepsRows: a batch gives back every row as it was given, in
// short form or in full, with the problems before each row and after the
// last in their places.
func TestBatchKeepsRows(t *testing.T) {
	plain := Row{File: "data/a.csv", Line: 7, Unit: "org", Measure: "revenue", Period: "2026-01"}
	plain.Values[0], plain.Values[2] = model.Some(1.5), model.Opt{V: 3} // a missing value keeps its V
	for c, col := range []int{1, 5, 13, 21, 0, 30} {
		if col > 0 {
			plain.SetPos(c, 7, col)
		}
	}
	spans := plain // a quoted field over lines: a cell on a later line
	spans.SetPos(ColActual, 8, 2)
	far := plain // past 32 bits of lines
	far.Line = math.MaxInt32 + 1
	for c := range far.Cols {
		if far.Cols[c] != 0 {
			far.SetPos(c, far.Line, int(far.Cols[c]))
		}
	}
	sheet, other, initiative, status := plain, plain, plain, plain
	sheet.Sheet = "2026"
	other.File = "data/b.csv"
	initiative.Initiative, initiative.Progress[0] = "crm", model.Some(40)
	status.Status = "at-risk"
	noPos := plain // a position without a column: not short
	noPos.ColLines[ColStretch] = 7
	rows := []struct {
		row   Row
		short bool
	}{{plain, true}, {spans, false}, {far, false}, {sheet, false}, {other, false}, {initiative, false}, {status, false}, {noPos, false}, {plain, true}}
	b := &batch{file: "data/a.csv"}
	var dl diag.List
	for i, r := range rows {
		if i%3 == 0 {
			dl.Errorf(diag.Pos{File: "data/a.csv", Line: i}, "before %d", i)
		}
		b.add(&r.row, &dl)
		if !dl.Empty() {
			t.Fatal("add left the problems in the list")
		}
	}
	dl.Errorf(diag.Pos{File: "data/a.csv", Line: 99}, "after the last")
	b.note(&dl)
	var into Row
	for i, r := range rows {
		if got := b.row(i, &into); !reflect.DeepEqual(*got, r.row) {
			t.Errorf("row %d: got back\n%+v\nwant\n%+v", i, *got, r.row)
		}
		if short := b.items[i].full < 0; short != r.short {
			t.Errorf("row %d: short form %v, want %v", i, short, r.short)
		}
	}
	var notes []string
	for _, n := range b.notes {
		for _, d := range n.list.Sorted(diag.Error) {
			notes = append(notes, fmt.Sprintf("%d:%s", n.at, d.Msg))
		}
	}
	if want := []string{"0:before 0", "3:before 3", "6:before 6", "9:after the last"}; !slices.Equal(notes, want) {
		t.Errorf("problems %q, want %q", notes, want)
	}
	b.reset("data/c.csv")
	if b.file != "data/c.csv" || len(b.items)+len(b.full)+len(b.notes) != 0 {
		t.Errorf("reset left %+v", b)
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
