package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestQuoteCutsLongValues(t *testing.T) {
	long := strings.Repeat("y", 100<<20)
	for _, tc := range []struct{ name, in, want string }{
		{"short", "revenue", `"revenue"`},
		{"exactly the limit", strings.Repeat("a", 80), `"` + strings.Repeat("a", 80) + `"`},
		{"one over", strings.Repeat("a", 81), `"` + strings.Repeat("a", 80) + `…"`},
		{"100 MB", long, `"` + strings.Repeat("y", 80) + `…"`},
		// Cut between characters, never inside one: é is two bytes.
		{"multi-byte", strings.Repeat("é", 100), `"` + strings.Repeat("é", 80) + `…"`},
		// Escapes are counted as the one character they stand for.
		{"escaped", strings.Repeat("\n", 81), `"` + strings.Repeat(`\n`, 80) + `…"`},
		{"not UTF-8", strings.Repeat("\xff", 81), `"` + strings.Repeat(`\xff`, 80) + `…"`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("%s: Quote = %.200s, want %.200s", tc.name, got, tc.want)
		}
	}
}

func TestMessagesQuoteAtMost80Characters(t *testing.T) {
	var l List
	cell := strings.Repeat("x", 1000)
	args := []any{cell, len(cell), "a hint longer than eighty characters is a message, not a value, so it stays whole: " + strings.Repeat("h", 40)}
	l.Errorf(Pos{File: "a.csv", Line: 2, Col: 1}, "unknown unit %q (%d bytes), %s", args...)
	l.Warnf(Pos{File: "a.csv", Line: 3, Col: 1}, "[%5.3s] %v %q", cell, "v", cell)
	got := l.Sorted(Error)[0].Msg
	want := `unknown unit "` + strings.Repeat("x", 80) + `…" (1000 bytes), a hint longer than eighty characters is a message, not a value, so it stays whole: ` + strings.Repeat("h", 40)
	if got != want {
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
	if got, want := l.Sorted(Warning)[0].Msg, `[  xxx] v "`+strings.Repeat("x", 80)+`…"`; got != want {
		t.Errorf("warning: %s, want %s", got, want)
	}
	if args[0] != cell {
		t.Error("Errorf changed its caller's arguments")
	}
}

func TestClipQuotesCutsLibraryMessages(t *testing.T) {
	n := strings.Repeat("9", 1000)
	for _, tc := range []struct{ in, want string }{
		{`Invalid integer "` + n + `": cannot have leading zeroes`, `Invalid integer "` + n[:80] + `…": cannot have leading zeroes`},
		{`invalid float: '` + n + `'`, `invalid float: '` + n[:80] + `…'`},
		{`Key 'a.b' has already been defined.`, `Key 'a.b' has already been defined.`},
		{`expected value but found '\n' instead; an unclosed " is left alone`, `expected value but found '\n' instead; an unclosed " is left alone`},
	} {
		if got := ClipQuotes(tc.in); got != tc.want {
			t.Errorf("ClipQuotes(%.100q) = %.200q, want %.200q", tc.in, got, tc.want)
		}
	}
}

func TestErrorsInMessagesHaveTheirQuotesCut(t *testing.T) {
	var l List
	long := strings.Repeat("z", 500)
	apostrophes := "the site's frequency is monthly, and every one of this measure's periods must be a month"
	l.Errorf(Pos{File: "c.toml", Line: 1, Col: 1}, "polarity %v", fmt.Errorf("%q is not one of higher | lower | range", long))
	l.Errorf(Pos{File: "c.toml", Line: 2, Col: 1}, "%v", errors.New(apostrophes))
	got := l.Sorted(Error)
	if want := `polarity "` + long[:80] + `…" is not one of higher | lower | range`; got[0].Msg != want {
		t.Errorf("got %s, want %s", got[0].Msg, want)
	}
	if got[1].Msg != apostrophes {
		t.Errorf("an apostrophe was taken for a quote: %s", got[1].Msg)
	}
}
