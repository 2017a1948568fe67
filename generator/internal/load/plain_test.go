package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzPlainReader holds plainReader to encoding/csv on files without
// quotes or carriage returns: the same records, fields and positions, and
// the end in the same place. A small buffer makes lines longer than it.
func FuzzPlainReader(f *testing.F) {
	for _, s := range []string{
		"unit,measure,period,actual\norg,revenue,2026-01,1.5\n",
		"a,b\n\n\nc,d", // empty lines, no last line break
		",,\n,\n \n",   // empty fields, a line of a space
		"unit,measure\nörg,ümsatz,2026-01\n" + strings.Repeat("x", 40) + ",y\n",
		"",
		"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.NewReplacer(`"`, "q", "\r", "r").Replace(s)
		if !isPlain(strings.NewReader(s)) {
			t.Fatalf("isPlain(%q) = false", s)
		}
		want := readRecords(t, csvRecords(s))
		got := readRecords(t, newPlainReader(bufio.NewReaderSize(strings.NewReader(s), 16)))
		if !slices.Equal(got, want) {
			t.Errorf("%q:\nplainReader %q\nencoding/csv %q", s, got, want)
		}
	})
}

func csvRecords(s string) records {
	cr := csv.NewReader(bufio.NewReaderSize(strings.NewReader(s), 16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// readRecords lists every field of every record of rs with its position.
func readRecords(t *testing.T, rs records) []string {
	var out []string
	for {
		rec, err := rs.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range rec {
			line, col := rs.FieldPos(i)
			out = append(out, fmt.Sprintf("%d:%d:%q", line, col, f))
		}
		out = append(out, "|")
	}
}

// TestIsPlain: a quote or a carriage return anywhere, even past the first
// buffer's worth, sends a file to encoding/csv.
func TestIsPlain(t *testing.T) {
	long := strings.Repeat("a,b\n", 40000) // 160,000 bytes: more than one read
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{long, true},
		{long + `"x"` + "\n", false},
		{long + "x\r\n", false},
		{`"unit",measure` + "\n" + long, false},
	} {
		if got := isPlain(bytes.NewReader([]byte(tc.s))); got != tc.want {
			t.Errorf("isPlain of %d bytes ending %q = %v", len(tc.s), tc.s[len(tc.s)-8:], got)
		}
	}
}
