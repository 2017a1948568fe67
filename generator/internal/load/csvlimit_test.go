package load

import (
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// rowEnds returns the offsets just past each line feed that ends a row, as
// the limiter sees the rows of src.
func rowEnds(src []byte) []int64 {
	l := newRowLimiter(nil)
	var ends []int64
	for i, c := range src {
		l.step(c)
		if l.state == fieldStart && l.row == 0 && i+1 < len(src) {
			ends = append(ends, int64(i+1))
		}
	}
	return ends
}

// csvEnds returns the offsets where encoding/csv ends its records in src,
// and the ends of the blank lines it skips between them, before the end of
// the file.
func csvEnds(src []byte) []int64 {
	cr := csv.NewReader(bytes.NewReader(src))
	cr.FieldsPerRecord = -1
	starts := []int64{0}
	for {
		if _, err := cr.Read(); err == io.EOF {
			break
		}
		starts = append(starts, cr.InputOffset())
	}
	// A blank line, or one of a carriage return alone, is skipped by the
	// reader; for the limiter it is a row of nothing.
	var ends []int64
	for i := 0; i < len(starts); i++ {
		p := starts[i]
		if p > 0 && p < int64(len(src)) {
			ends = append(ends, p)
		}
		rest := src[p:]
		switch {
		case bytes.HasPrefix(rest, []byte("\n")):
			starts = append(starts, p+1)
		case bytes.HasPrefix(rest, []byte("\r\n")):
			starts = append(starts, p+2)
		}
	}
	slices.Sort(ends)
	return slices.Compact(ends)
}

// TestRowLimiterFollowsEncodingCSV: the limiter must see rows where
// encoding/csv does, quoted line breaks, doubled quotes, stray quotes and
// carriage returns included, or it would count two rows as one (and refuse
// a good file) or one as two (and let a long row through).
func TestRowLimiterFollowsEncodingCSV(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab,\"\"\n\n\r"
	cases := []string{
		"a,b\n\"x\ny\",z\n",
		"\"a\"\"b\",c\n\"d\"e,f\ng,h\n",
		"a\"b,c\nd,e\n",
		"\"a\"\r\nb\n",
		"\"a\"\rb\nc\n",
		"\n\na\n\r\n\"b\n\nc\"\n",
	}
	for range 20000 {
		b := make([]byte, rnd.IntN(24))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, src := range cases {
		if got, want := rowEnds([]byte(src)), csvEnds([]byte(src)); !slices.Equal(got, want) {
			t.Fatalf("%q: the limiter ends rows at %v, encoding/csv at %v", src, got, want)
		}
	}
}

func TestCSVRowsRunningOnAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{
			// A cell spanning lines, each short, 100 KB in all: refused at its
			// opening quote once the row passes 64 KiB, and the file is read
			// no further.
			name:    "long quoted cell",
			content: "unit,measure,period,actual\norg,revenue,2026-09,1\nx,\"" + strings.Repeat("y\n", 50000) + "\",2026-08,1\norg,revenue,2026-07,1\n",
			want:    []string{"data/a.csv:3:3: " + longRowMsg},
		},
		{
			name:    "quote never closed",
			content: "unit,measure,period,actual\norg,revenue,\"2026-09,1\n" + strings.Repeat("org,revenue,2026-08,1\n", 4000),
			want:    []string{"data/a.csv:2:13: " + longRowMsg},
		},
		{
			// encoding/csv drops the carriage return that ends the file, and
			// reports the open quote past the end of its own line.
			name:    "quote never closed before a carriage return",
			content: "unit,measure,period,actual\norg,revenue,2026-09,\"1\n\r",
			want:    []string{`data/a.csv:2:1: a quoted field on this row is never closed, so the rest of the file was read into it: close the quote (a quote inside a field is written "")`},
		},
		{
			// Just under the limit: the cell is read, and is too long.
			name:    "quoted cell under the row limit",
			content: "unit,measure,period,actual\n\"" + strings.Repeat("u\n", 30000) + "\",revenue,2026-09,1\n",
			want:    []string{`data/a.csv:2:1: unit "` + strings.Repeat(`u\n`, 40) + `…" is 60000 bytes long: a cell holds at most 1024 (an id, a period or a number)`},
		},
		{
			name:    "long unquoted cell",
			content: "unit,measure,period,actual\norg,revenue,2026-09," + strings.Repeat("9", 2000) + "\norg,revenue,2026-08,1\n",
			want:    []string{`data/a.csv:2:21: actual "` + strings.Repeat("9", 80) + `…" is 2000 bytes long: a cell holds at most 1024 (an id, a period or a number)`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, msgs, _ := readAll(t, tc.content)
			if !slices.Equal(msgs, tc.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tc.want, "\n"))
			}
			if tc.name == "long unquoted cell" && len(rows) != 1 {
				t.Errorf("%d rows read; want the one after the long cell", len(rows))
			}
		})
	}
}

// FuzzRowLimiter checks on any input that the limiter sees rows where
// encoding/csv does.
func FuzzRowLimiter(f *testing.F) {
	f.Add("a,b\n\"x\ny\",z\n")
	f.Add("\"a\"\"b\",c\n\"d\"e,f\ng,h\n")
	f.Add("\n\na\n\r\n\"b\n\nc\"\n\"x\"\r\ny\n")
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := rowEnds([]byte(src)), csvEnds([]byte(src)); !slices.Equal(got, want) {
			t.Fatalf("%q: the limiter ends rows at %v, encoding/csv at %v", src, got, want)
		}
	})
}
