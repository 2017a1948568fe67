package tomlx

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

const doc = `id = "org" # comment
title = """
[[objectives]] inside a string
"""
[[objectives]]
id = "a"
drives = [
  "b", # why
  "c",
]
  [[objectives.measures]]
  id = "m1"
  band = { low = 1, high = 2 }
[[objectives]]
"id" = 'b'
measures = [ { id = "x" }, { id = "y", target = 3 } ]
[scoring.sub]
k.l = 1
`

func TestLocate(t *testing.T) {
	loc := Locate("f.toml", doc)
	tests := []struct {
		path      string
		line, col int
		key       bool
	}{
		{"id", 1, 6, false},
		{"id", 1, 1, true},
		{"title", 2, 9, false},
		{"objectives[0]", 5, 1, false},
		{"objectives[0].id", 6, 6, false},
		{"objectives[0].drives", 7, 10, false},
		{"objectives[0].drives[1]", 9, 3, false},
		{"objectives[0].measures[0]", 11, 3, false},
		{"objectives[0].measures[0].id", 12, 8, false},
		{"objectives[0].measures[0].band.high", 13, 28, false},
		{"objectives[1].id", 15, 8, false},
		{"objectives[1].measures[1].target", 16, 49, false},
		{"objectives[1].measures[1]", 16, 28, false},
		{"scoring.sub.k.l", 18, 7, false},
		{"scoring.sub.k.l", 18, 1, true},
		// Unknown paths fall back to the nearest enclosing one.
		{"objectives[0].measures[0].nothing", 11, 3, false},
		{"nowhere", 1, 1, false},
	}
	for _, tc := range tests {
		line, col := loc.Value(tc.path)
		if tc.key {
			line, col = loc.Key(tc.path)
		}
		if line != tc.line || col != tc.col {
			t.Errorf("%s (key %v) at %d:%d; want %d:%d", tc.path, tc.key, line, col, tc.line, tc.col)
		}
	}
}

func TestLocateCountsColumnsInCharacters(t *testing.T) {
	loc := Locate("f.toml", "t = { name = \"Zürich\", b = 1 }\n\"clé\" = \"été\"\n")
	if line, col := loc.Value("t.b"); line != 1 || col != 28 {
		t.Errorf("t.b at %d:%d; want 1:28", line, col)
	}
	if line, col := loc.Value("clé"); line != 2 || col != 9 {
		t.Errorf("clé at %d:%d; want 2:9", line, col)
	}
}

type measure struct {
	ID     string   `toml:"id"`
	Target *float64 `toml:"target"`
	Count  int      `toml:"count"`
	On     bool     `toml:"on"`
}

type file struct {
	Name     string     `toml:"name"`
	Tags     []string   `toml:"tags"`
	Start    *time.Time `toml:"start"`
	Measures []measure  `toml:"measures"`
}

func decode(t *testing.T, src string) (file, []string) {
	t.Helper()
	var f file
	var dl diag.List
	Decode("f.toml", []byte(src), &f, &dl)
	var msgs []string
	for _, d := range dl.Sorted(diag.Error) {
		msgs = append(msgs, d.String())
	}
	return f, msgs
}

func TestDecodeFillsValues(t *testing.T) {
	f, errs := decode(t, `name = "x"
tags = ["a", "b"]
start = 2026-01-31
[[measures]]
id = "m"
target = 5
count = 3
on = true
[[measures]]
id = "n"
target = 2.5
`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if f.Name != "x" || strings.Join(f.Tags, ",") != "a,b" || f.Start.Format("2006-01-02") != "2026-01-31" {
		t.Errorf("decoded %+v", f)
	}
	if len(f.Measures) != 2 || *f.Measures[0].Target != 5 || f.Measures[0].Count != 3 || !f.Measures[0].On || *f.Measures[1].Target != 2.5 || f.Measures[1].On {
		t.Errorf("measures %+v", f.Measures)
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	_, errs := decode(t, `Name = "x"
tags = "a"
start = 2026-01-31T10:00:00Z
[[measures]]
id = 7
target = nan
count = 1.5
on = "yes"
colour = "red"
[[measures]]
target = inf
`)
	want := []string{
		`f.toml:1:1: unknown key "Name" at the top level (did you mean "name"?)`,
		`f.toml:2:8: tags: expected an array, got a string ("a")`,
		`f.toml:3:9: start: expected a date such as 2026-01-31 (not quoted), got a date and time (2026-01-31T10:00:00)`,
		`f.toml:5:6: id: expected a string, got an integer (7)`,
		`f.toml:6:10: target: expected a finite number, got NaN`,
		`f.toml:7:9: count: expected a whole number, got a number (1.5)`,
		`f.toml:8:6: on: expected true or false, got a string ("yes")`,
		`f.toml:9:1: unknown key "colour" in [[measures]] (known keys: count, id, on, target)`,
		`f.toml:11:10: target: expected a finite number, got +Inf`,
	}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecodeSyntaxErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"name = \"x\nb = 1\n", `f.toml:1:10: invalid TOML: strings cannot contain newlines`},
		{"name = \"x\"\nname = \"y\"\n", `f.toml:2:1: invalid TOML: key "name" is defined twice`},
		{"a = 1\nb = = 2\n", `f.toml:2:5: invalid TOML: expected value but found '=' instead`},
	}
	for _, tc := range tests {
		if _, errs := decode(t, tc.src); len(errs) != 1 || errs[0] != tc.want {
			t.Errorf("%q: %q; want %q", tc.src, errs, tc.want)
		}
	}
}

// TestDecodeNesting: a file whose arrays and inline tables nest deeper than
// MaxNesting is reported at the first bracket too deep, whichever parser
// would have read it, and brackets in strings and comments do not count.
func TestDecodeNesting(t *testing.T) {
	nest := func(n int, open, close string) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	// Columns: the 17th bracket of a line of them; on the second line of
	// the second text, the 16th of "[ [ [", whose first is the 2nd deep;
	// in the third, the 8th "[" of "{a = [", after "tags = [".
	tests := []struct{ src, want string }{
		{"name = \"x\"\ntags = " + nest(17, "[", "]") + "\n", "f.toml:2:24: arrays and inline tables nest more than 16 deep"},
		{"tags = [\n" + nest(17, "[ ", "] ") + "]\n", "f.toml:2:31: arrays and inline tables nest more than 16 deep"},
		{"tags = [" + nest(9, "{a = [", "]}") + "]\n", "f.toml:1:56: arrays and inline tables nest more than 16 deep"},
		{"tags = " + nest(300000, "[\n", "]\n"), "f.toml:17:1: arrays and inline tables nest more than 16 deep"},
		// Sixteen deep is read, and reported for its type.
		{"tags = " + nest(16, "[", "]") + "\n", "f.toml:1:9: tags: expected a string, got an array"},
		{"# [[[[[[[[[[[[[[[[[[[\nname = \"[[[[[[[[[[[[[[[[[[[[\"\ntags = ['[[[[[[[[[[[[[[[[[[[[[']\n", ""},
	}
	for _, tc := range tests {
		_, errs := decode(t, tc.src)
		if got := strings.Join(errs, "\n"); got != tc.want {
			t.Errorf("%.60q: %q; want %q", tc.src, got, tc.want)
		}
	}
}

// TestLocateInlineTableOverLines: TOML 1.1, which BurntSushi/toml reads,
// lets an inline table span lines, with comments and a trailing comma; its
// keys have positions of their own.
func TestLocateInlineTableOverLines(t *testing.T) {
	src := "band = { # the green band\n  low = 1,\n  high = 2,\n}\nnext = 3\n"
	loc := Locate("f.toml", src)
	for _, tc := range []struct {
		path      string
		line, col int
	}{{"band.low", 2, 9}, {"band.high", 3, 10}, {"next", 5, 8}} {
		if line, col := loc.Value(tc.path); line != tc.line || col != tc.col {
			t.Errorf("%s at %d:%d; want %d:%d", tc.path, line, col, tc.line, tc.col)
		}
	}
	if diff := sameKeys(src, loc); diff != "" {
		t.Error(diff)
	}
}

func FuzzLocate(f *testing.F) {
	f.Add(doc)
	f.Add("a = [\n{ b = \"\"\"x\"\"\" }, 'y' ]\n[[c.d]]\ne.f = 1 # g\n")
	f.Add(`"""`)
	f.Add("[[")
	f.Add("a = [{b = 1}, {c = 2}]\n[[d]]\ne = 1\n[[d]]\nf.g = 2\n[h.i]\nj = {k = {l = 1}}\n")
	f.Add("a = {\n b = 1, # c\n d.e = [\n1,\n],\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		loc := Locate("f.toml", src)
		for path := range loc.values {
			line, col := loc.Value(path)
			if line < 1 || col < 1 {
				t.Fatalf("%s at %d:%d", path, line, col)
			}
		}
		var v file
		var dl diag.List
		Decode("f.toml", []byte(src), &v, &dl)
		if diff := sameKeys(src, loc); diff != "" {
			t.Fatalf("the locator and BurntSushi/toml read different keys: %s\n%q", diff, src)
		}
	})
}

// sameKeys compares the keys the locator found in src with those
// BurntSushi/toml's MetaData.Keys gives, when the library reads src, so that
// the two readers of a file cannot drift apart: a key the locator misses has
// no position of its own in the messages. The library's keys have no array
// indexes, so the locator's are compared without theirs. Documents with a
// key that holds anything but the characters of a bare key are left out: a
// quoted "a.b" would read as two keys in a path.
func sameKeys(src string, loc *Locator) string {
	var m map[string]any
	md, err := toml.Decode(src, &m)
	if err != nil {
		return ""
	}
	lib := map[string]bool{}
	for _, k := range md.Keys() {
		for _, part := range k {
			if part == "" || strings.IndexFunc(part, func(r rune) bool { return r > 0x7f || !isBare(byte(r)) }) >= 0 {
				return ""
			}
		}
		lib[strings.Join(k, ".")] = true
	}
	ours := map[string]bool{}
	for path := range loc.keys {
		ours[indexes.ReplaceAllString(path, "")] = true
	}
	for k := range lib {
		if !ours[k] {
			return "the locator has no " + k
		}
	}
	for k := range ours {
		if !lib[k] {
			return "the library has no " + k
		}
	}
	return ""
}

var indexes = regexp.MustCompile(`\[[0-9]+\]`)

// Joiners are part of writing Persian, the Indic scripts and emoji; every
// other invisible or direction-changing character is refused.
func TestHiddenRune(t *testing.T) {
	for s, want := range map[string]rune{
		"می\u200cخواهم":         0, // zero-width non-joiner
		"क्\u200dष":             0, // zero-width joiner
		"👩\u200d👩\u200d👧":       0,
		"tab\tand\nnewline":     0,
		"zero\u200bwidth":       0x200B,
		"word\u2060joiner":      0x2060,
		"\u200emark":            0x200E,
		"\u061carabic mark":     0x061C,
		"over\u202eride":        0x202E,
		"iso\u2066late\u2069":   0x2066,
		"\ufeffbyte order mark": 0xFEFF,
		"soft\u00adhyphen":      0x00AD,
		"bell\a":                0x0007,
		"dél\x7f":               0x007F,
		"é\u200b":               0x200B,
	} {
		got, bad := hiddenRune(s)
		if got != want || bad != (want != 0) {
			t.Errorf("hiddenRune(%q) = %U, %v; want %U", s, got, bad, want)
		}
	}
	// Every ASCII character, alone and after others, ASCII or not: ASCII's
	// hidden characters are its controls.
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := unicode.IsControl(r) && r != '\t' && r != '\n'
		for _, s := range []string{string(r), "id " + string(r), "é" + string(r)} {
			if got, bad := hiddenRune(s); bad != want || bad && got != r {
				t.Errorf("hiddenRune(%q) = %U, %v; want %v", s, got, bad, want)
			}
		}
	}
}

// TestDecodeMultilineCRLF: a multi-line string of a file saved with
// Windows line ends (a unit's vision or strategy) holds CRLF at each line
// break, which is a line end and reads as "\n"; a carriage return on its
// own is still refused.
func TestDecodeMultilineCRLF(t *testing.T) {
	f, errs := decode(t, "name = \"\"\"\r\nWin on service:\r\n- ship on time\r\n\"\"\"\r\n")
	if len(errs) > 0 || f.Name != "Win on service:\n- ship on time\n" {
		t.Errorf("name %q, errors %q", f.Name, errs)
	}
	if _, errs := decode(t, "name = \"a\\rb\"\n"); len(errs) != 1 || !strings.Contains(errs[0], "U+000D") {
		t.Errorf("a lone carriage return: %q", errs)
	}
}

// TestDecodeQuotesAtMost80Characters: a long key or value is quoted by its
// first 80 characters, whichever way the message comes about.
func TestDecodeQuotesAtMost80Characters(t *testing.T) {
	long, cut := strings.Repeat("k", 300), strings.Repeat("k", 80)+"…"
	tests := []struct{ src, want string }{
		{long + " = 1\n", `f.toml:1:1: unknown key "` + cut + `" at the top level (known keys: measures, name, start, tags)`},
		{"tags = \"" + long + "\"\n", `f.toml:1:8: tags: expected an array, got a string ("` + cut + `")`},
		{"name = \"x\"\n\"" + long + "\" = 1\n\"" + long + "\" = 2\n", `f.toml:3:1: invalid TOML: key "` + cut + `" is defined twice`},
		{"name = 0" + strings.Repeat("0", 300) + "\n", `f.toml:1:8: invalid TOML: Invalid integer "` + strings.Repeat("0", 80) + `…": cannot have leading zeroes`},
	}
	for _, tc := range tests {
		if _, errs := decode(t, tc.src); len(errs) != 1 || errs[0] != tc.want {
			t.Errorf("%.60q:\n%q\nwant\n%q", tc.src, errs, tc.want)
		}
	}
}

// TestDecodeLimitsTaggedStrings: a string, or each string of a list, over
// its field's max tag is refused at its position; an untagged one is not.
func TestDecodeLimitsTaggedStrings(t *testing.T) {
	type capped struct {
		Name  string   `toml:"name" max:"5"`
		Tags  []string `toml:"tags" max:"3"`
		Other string   `toml:"other"`
	}
	var v capped
	var dl diag.List
	Decode("f.toml", []byte("name = \"héllo\"\ntags = [\"abc\", \"abcd\"]\nother = \""+strings.Repeat("o", 1000)+"\"\n"), &v, &dl)
	var errs []string
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	want := []string{`f.toml:2:16: tags "abcd" is 4 characters long, more than the 3 allowed: shorten it`}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	if v.Name != "héllo" || len(v.Other) != 1000 {
		t.Errorf("decoded %q and %d characters", v.Name, len(v.Other))
	}
	Decode("f.toml", []byte("name = \"\"\"\\\n"+strings.Repeat("x", 1000)+"\\\n"+strings.Repeat("x", 1000)+"\"\"\"\n"), &v, &dl)
	if got, want := dl.Sorted(diag.Error)[0].String(), `f.toml:1:8: name "`+strings.Repeat("x", 80)+`…" is 2000 characters long, more than the 5 allowed: shorten it`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
