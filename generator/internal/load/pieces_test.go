package load

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// piecesSite is plain data files whose pieces must read as the whole file
// does: good rows with bad ones among them, blank lines, a byte order
// mark, no last line break, a line too long in the middle (which ends the
// file), the wide layout, initiatives, invalid UTF-8 — and a file with
// quotes, which is not cut.
func piecesSite() (fstest.MapFS, []string) {
	var good, long, wide, inits strings.Builder
	good.WriteString("\xef\xbb\xbfunit,measure,period,actual,target\n")
	for i := range 700 {
		switch i % 50 {
		case 7:
			fmt.Fprintf(&good, "org,m%d,2026-01,x%d,1\n", i, i) // not a number
		case 8:
			good.WriteString("\n\n")
		case 9:
			fmt.Fprintf(&good, "org,m%d,2026-01\n", i) // too few fields
		case 10:
			fmt.Fprintf(&good, "org,m%d,2026-01,\xff,2\n", i) // not UTF-8
		default:
			fmt.Fprintf(&good, "org,m%d,2026-%02d, %d.5 ,%d\n", i, i%12+1, i, i*2)
		}
	}
	good.WriteString("org,last,2026-01,1,2") // no line break
	long.WriteString("unit,measure,period,actual\n")
	for i := range 300 {
		fmt.Fprintf(&long, "org,m%d,2026-01,%d\n", i, i)
	}
	long.WriteString("org,huge,2026-01," + strings.Repeat("9", MaxLineBytes+10) + "\n")
	for i := range 300 {
		fmt.Fprintf(&long, "org,after%d,2026-01,%d\n", i, i)
	}
	wide.WriteString("unit,measure,2026-01,2026-02,2026-03\n")
	for i := range 400 {
		fmt.Fprintf(&wide, "org,m%d,%d,,%d\n", i, i, i+1)
	}
	inits.WriteString("unit,initiative,period,complete,spend,status\n")
	for i := range 400 {
		fmt.Fprintf(&inits, "org,i%d,2026-01,%d,%d,on-track\n", i, i%100, i*10)
	}
	fsys := fstest.MapFS{
		"data/good.csv":  {Data: []byte(good.String())},
		"data/long.csv":  {Data: []byte(long.String())},
		"data/end.csv":   {Data: []byte(long.String()[:long.Len()-300*22])},
		"data/wide.csv":  {Data: []byte(wide.String())},
		"data/inits.csv": {Data: []byte(inits.String())},
		"data/quote.csv": {Data: []byte("unit,measure,period,actual\n" + strings.Repeat("org,revenue,2026-01,1\n", 300) + "\"org\",cost,2026-01,2\n")},
	}
	return fsys, []string{"data/good.csv", "data/long.csv", "data/end.csv", "data/wide.csv", "data/inits.csv", "data/quote.csv", "data/good.csv"}
}

// TestPiecesReadAsTheWholeFile: a plain file read in pieces, however small,
// gives the rows (every field and position) and the problems, in order,
// that reading it from start to end gives.
func TestPiecesReadAsTheWholeFile(t *testing.T) {
	fsys, names := piecesSite()
	var wantRows []string
	var want diag.List
	for _, n := range names {
		readCSV(fsys, n, &want, func(r *Row) bool { wantRows = append(wantRows, fmt.Sprintf("%+v", *r)); return true })
	}
	if want.Count(diag.Error) < 10 || !slices.ContainsFunc(want.Sorted(diag.Error), func(d diag.Diagnostic) bool { return d.Pos.Line == 302 }) {
		t.Fatalf("the files' problems are not those the test is for: %v", want.Sorted(diag.Error))
	}
	for _, size := range []int64{1, 37, 1000, 4096, 1 << 20} {
		t.Cleanup(SetPieceBytes(size))
		var gotRows []string
		var got diag.List
		if !readCSVFiles(fsys, names, &got, func(r *Row) bool { gotRows = append(gotRows, fmt.Sprintf("%+v", *r)); return true }) {
			t.Fatal("readCSVFiles stopped")
		}
		if !slices.Equal(gotRows, wantRows) {
			i := firstDiff(gotRows, wantRows)
			t.Errorf("pieces of %d bytes: %d rows, %d from the whole files; first differing at %d:\n%s\n%s", size, len(gotRows), len(wantRows), i, at(gotRows, i), at(wantRows, i))
		}
		for _, s := range []diag.Severity{diag.Error, diag.Warning} {
			if g, w := got.Sorted(s), want.Sorted(s); !slices.Equal(g, w) || got.Count(s) != want.Count(s) {
				t.Errorf("pieces of %d bytes, severity %v: %d problems (%d kept), %d from the whole files (%d kept)", size, s, got.Count(s), len(g), want.Count(s), len(w))
			}
		}
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}

// TestPiecesStop: when the caller stops in the middle of a file read in
// pieces, reading stops, and no piece is left reading the file.
func TestPiecesStop(t *testing.T) {
	fsys, names := piecesSite()
	defer SetPieceBytes(100)()
	n := 0
	var dl diag.List
	if readCSVFiles(fsys, names, &dl, func(*Row) bool { n++; return n < 250 }) {
		t.Error("readCSVFiles read to the end after the caller stopped")
	}
	if n != 250 {
		t.Errorf("%d rows after the caller stopped at 250", n)
	}
}

// TestScanPlainCuts: cuts are line starts at least pieceBytes apart, with
// the lines before them, the last at the end of the input.
func TestScanPlainCuts(t *testing.T) {
	s := "a,b\n\nccc,d\ne,f\n" + strings.Repeat("g,h\n", 30000) + "x,y"
	plain, cuts := scanPlain(strings.NewReader(s), 5)
	if !plain {
		t.Fatal("not plain")
	}
	prev := cut{}
	for i, c := range cuts {
		if i < len(cuts)-1 && (c.off-prev.off < 5 || s[c.off-1] != '\n') {
			t.Fatalf("cut %d at %d after %d: not a line start 5 or more bytes on", i, c.off, prev.off)
		}
		if want := strings.Count(s[:c.off], "\n"); c.lines != want {
			t.Fatalf("cut %d at %d: %d lines before it, want %d", i, c.off, c.lines, want)
		}
		prev = c
	}
	if len(cuts) < 15000 || prev.off != int64(len(s)) {
		t.Errorf("%d cuts, the last at %d of %d", len(cuts), prev.off, len(s))
	}
	if _, cuts := scanPlain(strings.NewReader("a,b\nc,d\n"), 8); len(cuts) != 0 {
		t.Errorf("a file of one piece has cuts %v", cuts)
	}
	rows := strings.Repeat("g,h\n", 20000)
	for _, line := range []string{strings.Repeat("x", MaxLineBytes+1), strings.Repeat("x", 3*MaxLineBytes) + "\n", "y" + strings.Repeat("x", MaxLineBytes) + "\n"} {
		for _, s := range []string{rows + line + rows, line + rows, rows + line} {
			if plain, cuts := scanPlain(strings.NewReader(s), 5); !plain || len(cuts) != 0 {
				t.Errorf("a line of %d bytes at %d of %d: plain %v, %d cuts", len(line), strings.Index(s, "x"), len(s), plain, len(cuts))
			}
		}
	}
	if _, cuts := scanPlain(strings.NewReader("\xef\xbb\xbf\n\n\na,b\n"+rows), 1); len(cuts) == 0 || cuts[0].off != 10 || cuts[0].lines != 4 {
		t.Errorf("after empty lines, the first cut is %v, want {10 4}: the first piece holds the header", cuts[:min(len(cuts), 1)])
	}
	if _, cuts := scanPlain(strings.NewReader(strings.Repeat("\n", 70000)+"a,b\n"+rows), 1); len(cuts) != 0 {
		t.Errorf("%d cuts in a file whose first read holds no header", len(cuts))
	}
	if _, cuts := scanPlain(strings.NewReader(rows+strings.Repeat("x", MaxLineBytes)+"\n"+rows), 5); len(cuts) == 0 {
		t.Error("a line of MaxLineBytes leaves the file uncut")
	}
}

// FuzzPieces holds a plain file read in pieces of 1 to 32 bytes to the same
// file read from start to end: the same rows, every field and position,
// and the same problems. It found a file whose first lines are empty cut
// before its header.
func FuzzPieces(f *testing.F) {
	f.Add("unit,measure,period,actual\norg,a,2026-01,1\n\norg,b,2026-02,x\norg,c\n", uint8(3))
	f.Add("unit,measure,2026-01,2026-02\norg,a,1,\norg,b,,2\n", uint8(1))
	f.Add("period,target,unit,measure,actual\n2026-01,2,org,a,1\n2026-02,,org,a, 3\n2026-03,1e3,org,a,-0\n2026-04,2,org,,1\n2026-05,1,org,a,1,\n2026-06,4,o\xffrg,a,1", uint8(9))
	f.Add("\xef\xbb\xbf\n\nunit,initiative,period,complete,spend,status\norg,i,2026-01,5,6,on-track\norg,j,2026-01,5", uint8(7))
	f.Fuzz(func(t *testing.T, s string, size uint8) {
		s = strings.NewReplacer(`"`, "q", "\r", "r").Replace(s)
		fsys := fstest.MapFS{"d.csv": {Data: []byte(s)}}
		var wantRows, gotRows []string
		var want, got diag.List
		readCSV(fsys, "d.csv", &want, func(r *Row) bool { wantRows = append(wantRows, fmt.Sprintf("%+v", *r)); return true })
		defer SetPieceBytes(int64(size%32) + 1)()
		readCSVFiles(fsys, []string{"d.csv"}, &got, func(r *Row) bool { gotRows = append(gotRows, fmt.Sprintf("%+v", *r)); return true })
		if !slices.Equal(gotRows, wantRows) {
			i := firstDiff(gotRows, wantRows)
			t.Fatalf("%q in pieces of %d bytes: row %d differs:\n%s\n%s", s, pieceBytes, i, at(gotRows, i), at(wantRows, i))
		}
		for _, sev := range []diag.Severity{diag.Error, diag.Warning} {
			if g, w := got.Sorted(sev), want.Sorted(sev); !slices.Equal(g, w) || got.Count(sev) != want.Count(sev) {
				t.Fatalf("%q in pieces of %d bytes: problems\n%v\nfrom the whole file\n%v", s, pieceBytes, g, w)
			}
		}
	})
}

// TestKeptTextIsPoisoned: the rows of a file read in pieces point into
// their batch's text, which is read over once the batch is spare; in tests
// it is first made unreadable, so that a caller that keeps a row's string
// past its yield, instead of cloning it, shows in what the tests compare
// (the string reads as 0xff bytes, or as a later piece's text).
func TestKeptTextIsPoisoned(t *testing.T) {
	fsys, _ := piecesSite()
	defer SetPieceBytes(1000)()
	var kept, copies []string
	var dl diag.List
	readCSVFiles(fsys, []string{"data/good.csv"}, &dl, func(r *Row) bool {
		kept, copies = append(kept, r.Measure), append(copies, strings.Clone(r.Measure))
		return true
	})
	if len(kept) < 600 {
		t.Fatalf("%d rows", len(kept))
	}
	changed, poisoned := 0, 0
	for i := range kept {
		if kept[i] != copies[i] {
			changed++
			if strings.Count(kept[i], "\xff") == len(kept[i]) {
				poisoned++
			}
		}
	}
	if changed == 0 || poisoned == 0 {
		t.Errorf("of %d measures kept, %d changed and %d were made unreadable: the text of spare batches is not reused, or not poisoned", len(kept), changed, poisoned)
	}
}
