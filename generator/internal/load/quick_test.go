package load

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// quickLines are lines under each header, and whether quickItem reads
// them: the common line, and a line of each kind it leaves to be read as
// any other.
var quickLines = []struct {
	header string
	lines  map[string]bool
}{
	{"unit,measure,period,actual,target", map[string]bool{
		"org,revenue,2026-01,1.5,2":     true,
		"org,revenue,2026-01,,":         true,
		"org,revenue,2026-01,-0.25,1e3": true,
		"o\x7frg,revenue,2026-01,1,2":   true,
		// Not ASCII within ids: € is E2 82 AC, Ċ is C4 8A.
		"o€€€€rg,reĊĊĊĊvenue,2026-01,1,2": true,
		"org,revenue,2026-01,1,2€":        false, // not ASCII at an end
		"org,revenue,2026-01,1,2,3":       false, // a field too many
		"org,revenue,2026-01,1":           false, // a field too few
		"org,revenue,2026-01, 1,2":        false, // to trim
		"org,revenue,2026-01,1,2\t":       false,
		"org ,revenue,2026-01,1,2":        false,
		"ébène,revenue,2026-01,1,2":       false, // not ASCII at an end
		"org,revenue,2026-01,1 000,2":     false, // no number
		"org,revenue,2026-01,0x10,2":      false,
		"org,revenue,2026-01,NaN,2":       false,
		",revenue,2026-01,1,2":            false, // blank ids
		"org,,2026-01,1,2":                false,
		"org,revenue,,1,2":                false,
		",,,,":                            false, // blank row
		"org,revenue,2026-01,1,\xff":      false, // not UTF-8
		long() + ",revenue,2026-01,1,2":   false,
	}},
	// Columns in another order, with red and stretch.
	{"period,stretch,unit,red,measure,actual,target", map[string]bool{
		"2026-01,9,org,1,revenue,5,7":     true,
		"2026-01,9,org,1,revenue, 5,7":    false,
		"2026-01,9,org,1,revenue,5,7,":    false,
		"2026-01,,org,,revenue,,":         true,
		"2026-01,9,org,1,rev\xffenue,5,7": false,
		"2026-01 ,9,org,1,revenue,5,7":    false,
		"2026-01,9,org,1,revenue,5,7.5":   true,
	}},
	{"unit,measure,period,target", map[string]bool{
		"org,revenue,2026-Q1,3": true,
		"org,revenue,2026,":     true,
	}},
}

func long() string { return strings.Repeat("u", MaxCellBytes+1) }

// TestQuickItem: quickItem reads the lines it should, each into the short
// form that reading it as any other line gives, and leaves the others.
func TestQuickItem(t *testing.T) {
	for _, h := range quickLines {
		for line, want := range h.lines {
			text := h.header + "\n" + line + "\n"
			fsys := fstest.MapFS{"d.csv": {Data: []byte(text)}}
			var dl diag.List
			r, f, _ := openCSV(fsys, "d.csv", &dl, 0)
			if r == nil || !r.quick() {
				t.Fatalf("%q: no reader for quick rows (%v)", h.header, dl.Err())
			}
			s, ok := r.plain.quickLine()
			var it aheadItem
			got := ok && r.quickItem(s, &it)
			f.Close()
			if got != want {
				t.Errorf("%q under %q: quick %v, want %v", line, h.header, got, want)
				continue
			}
			if !got {
				continue
			}
			b := &batch{file: "d.csv"}
			var rows int
			readCSV(fsys, "d.csv", &dl, func(row *Row) bool { b.add(row, &dl); rows++; return true })
			if rows != 1 || dl.HasErrors() || !reflect.DeepEqual(b.items[0], it) {
				t.Errorf("%q under %q: quick\n%+v\nread as any other (%d rows, %v)\n%+v", line, h.header, it, rows, dl.Err(), b.items)
			}
		}
	}
}

// TestQuickRowsAsAnyOther: files of every line above, between common
// ones, with empty lines and no last line break, read ahead (quickly) give
// the rows and problems that reading them one after the other gives.
func TestQuickRowsAsAnyOther(t *testing.T) {
	fsys := fstest.MapFS{}
	var names []string
	for i, h := range quickLines {
		var b strings.Builder
		b.WriteString(h.header + "\n")
		var lines []string
		for line := range h.lines {
			lines = append(lines, line)
		}
		slices.Sort(lines)
		for k := range 300 {
			b.WriteString(lines[k%len(lines)] + "\n")
			if k%7 == 0 {
				b.WriteString("\n")
			}
		}
		b.WriteString(lines[0]) // no last line break
		name := fmt.Sprintf("data/%d.csv", i)
		fsys[name] = &fstest.MapFile{Data: []byte(b.String())}
		names = append(names, name)
	}
	var wantRows []string
	var want diag.List
	for _, n := range names {
		readCSV(fsys, n, &want, func(r *Row) bool { wantRows = append(wantRows, fmt.Sprintf("%+v", *r)); return true })
	}
	if want.Count(diag.Error) < 100 || len(wantRows) < 300 {
		t.Fatalf("%d rows and %d problems: not what the test is for", len(wantRows), want.Count(diag.Error))
	}
	for _, size := range []int64{100, 1 << 20} {
		t.Cleanup(SetPieceBytes(size))
		var gotRows []string
		var got diag.List
		readCSVFiles(fsys, names, &got, func(r *Row) bool { gotRows = append(gotRows, fmt.Sprintf("%+v", *r)); return true })
		if !slices.Equal(gotRows, wantRows) {
			i := firstDiff(gotRows, wantRows)
			t.Errorf("pieces of %d bytes: row %d differs:\n%s\n%s", size, i, at(gotRows, i), at(wantRows, i))
		}
		for _, s := range []diag.Severity{diag.Error, diag.Warning} {
			if g, w := got.Sorted(s), want.Sorted(s); !slices.Equal(g, w) || got.Count(s) != want.Count(s) {
				t.Errorf("pieces of %d bytes, severity %v: %d problems, %d read one after the other", size, s, got.Count(s), want.Count(s))
			}
		}
	}
}
