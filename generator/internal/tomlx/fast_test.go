package tomlx

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// library parses src as Decode did before parseFast: the reference.
func library(src string) (map[string]any, error) {
	var m map[string]any
	_, err := toml.Decode(src, &m)
	return m, err
}

// agree fails t unless parseFast declines src or gives the library's maps.
// It reports whether parseFast took src.
func agree(t testing.TB, src string) bool {
	t.Helper()
	got, loc, ok := parseFast("f.toml", src)
	if !ok {
		return false
	}
	// Decode checks the nesting of a text parseFast declines only.
	if line, col := tooDeep([]byte(src)); line > 0 {
		t.Fatalf("parseFast took text that nests too deep (at %d:%d):\n%s", line, col, src)
	}
	want, err := library(src)
	if err != nil {
		t.Fatalf("parseFast took text the library refuses (%v):\n%s", err, src)
	}
	if fast := asMap(got); !reflect.DeepEqual(fast, want) {
		t.Fatalf("parseFast and the library disagree on\n%s\nfast:    %#v\nlibrary: %#v", src, fast, want)
	}
	sameLocations(t, src, loc, Locate("f.toml", src))
	return true
}

// asMap is the table t as the library gives tables.
func asMap(t *posTable) map[string]any {
	m := map[string]any{}
	for i := range t.entries {
		m[t.key(i)] = plainValue(t.vals[i])
	}
	for _, s := range t.subs {
		switch v := s.val.(type) {
		case *posTable:
			m[s.key] = asMap(v)
		case []*posTable:
			a := make([]map[string]any, len(v))
			for i, e := range v {
				a[i] = asMap(e)
			}
			m[s.key] = a
		}
	}
	return m
}

// plainValue is a value of parseFast's as the library gives it: a string
// for a *string, in arrays too.
func plainValue(v any) any {
	switch v := v.(type) {
	case *string:
		return *v
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plainValue(e)
		}
		return out
	}
	return v
}

// sameLocations fails t unless the two locators place every path alike:
// each path either knows, and paths below and beside them.
func sameLocations(t testing.TB, src string, got, want *Locator) {
	t.Helper()
	paths := map[string]bool{"": true, "nope": true}
	add := func(p string) {
		for _, q := range []string{p, p + ".nope", p + "[0]", p + "[99]", Parent(p)} {
			paths[q] = true
		}
	}
	for p := range want.keys {
		add(p)
	}
	for p := range want.values {
		add(p)
	}
	tables := map[string]*posTable{"": got.root}
	maps.Copy(tables, got.tables)
	for tp, tb := range tables {
		add(tp)
		for i, e := range tb.entries {
			add(join(tp, tb.key(i)))
			for _, el := range got.elems[e.elem : e.elem+e.elemN] {
				add(join(tp, tb.key(i)) + el.suffix)
			}
		}
	}
	for p := range paths {
		gl, gc := got.Value(p)
		wl, wc := want.Value(p)
		kl, kc := got.Key(p)
		ml, mc := want.Key(p)
		if gl != wl || gc != wc || kl != ml || kc != mc || got.Has(p) != want.Has(p) {
			t.Fatalf("the locators disagree on %q in\n%s\nvalue %d:%d, Locate's %d:%d; key %d:%d, Locate's %d:%d; has %v, Locate's %v",
				p, src, gl, gc, wl, wc, kl, kc, ml, mc, got.Has(p), want.Has(p))
		}
	}
}

func TestParseFastTakes(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n# only a comment\r\n",
		`name = "Adriatic Area" # trailing comment`,
		"a = 1\nb = -2\nc = +3\nd = 0\ne = -0\nf = 9223372036854775807\ng = -9223372036854775808",
		"a = 1.5\nb = -0.0\nc = 1e3\nd = 2E-2\ne = 6.02e+23\nf = 0.000001\ng = 1e-400\nh = 0e5",
		"a = true\nb = false",
		`a = "tab\tq\" b\\ n\n r\r f\f b\b u\u00e9 U\U0001F600 end"`,
		`a = 'C:\path\no escapes "here"'`,
		"a = \"é ü 中文\"",
		"a = []\nb = [1, 2.5, \"x\", true, [3, []]]\nc = [\n  1, # one\n  # between\n  2,\n]\n",
		"[t]\nx = 1\n[t.u]\ny = 2\n[ t . v ]\nz = 3",
		"[[objectives]]\nid = \"a\"\n  [[objectives.measures]]\n  id = \"m\"\n  [[objectives.measures]]\n  id = \"n\"\n[[objectives]]\nid = \"b\"\n[objectives.notes]\nx = 1\n[[ objectives.measures ]]\nid = \"o\"",
		"x = 1\r\n[a]\r\ny = 2\r\n",
		"a=1\n\t b\t=\t2\t\n",
		"[a.b.c]\nx = 1\n[a.b.d]\ny = 2",
		"start = 2026-01-01\nend = 2024-02-29 # leap\nd = [2026-12-31]",
		many + "k20 = 20\n[t]\n" + many + "[t.k20]\n[[t.k21]]\n[[t.k21]]\n" + many,
	} {
		if !agree(t, src) {
			t.Errorf("parseFast declined\n%s", src)
		}
	}
}

// many is twenty keys, k0 to k19: a table of more keys than a look along
// them finds quickly (manyKeys).
var many = func() string {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "k%d = %d\n", i, i)
	}
	return b.String()
}()

// TestParseFastDeclines lists text parseFast must leave to the library:
// errors, whose messages are the library's, and the rest of TOML.
func TestParseFastDeclines(t *testing.T) {
	for _, src := range []string{
		"a = 1\na = 2",               // a key twice
		"[a]\n[a]",                   // a table twice
		"[a.b]\n[a]",                 // valid: a table defined after its child
		"a = 1\n[a]",                 // a value named as a table
		"[a]\n[[a]]",                 // a table then an array of tables
		"[[a]]\n[a]",                 // and the other way round
		"a = [1]\n[a.b]",             // a static array as a table
		"a.b = 1",                    // dotted key
		`"a" = 1`,                    // quoted key
		"a = {x = 1}",                // inline table
		`a = """multi"""`,            // multi-line strings
		"a = '''multi'''",            //
		"a = 0x1F\nb = 0o7\nc = 0b1", // other bases
		"a = 1_000",                  // underscores
		"a = inf",                    // special floats
		"a = 1979-05-27T07:32:00Z",   // date-times
		"a = 1979-05-27 07:32:00",    //
		"a = 07:32:00",               // times
		"a = 2026-02-29",             // not a day
		"a = 2026-13-01",             //
		"a = 2026-1-011",             //
		"a = 1e400",                  // out of range
		"a = 9223372036854775808",    // out of range
		"a = 01",                     // leading zero
		"a = 1.",                     // no fraction digits
		"a = .5",                     //
		"a = 1e",                     //
		`a = "\e"`,                   // TOML 1.1 escapes
		`a = "\x41"`,                 //
		`a = "\uD800"`,               // a surrogate
		`a = "\u12"`,                 // a short escape
		"a = \"unterminated\nb = 1",  //
		"a = 'unterminated",          //
		"a = \"ctrl \x01\"",          // control characters
		"a = 1 # ctrl \x7f",          //
		"a = 1\rb = 2",               // a lone carriage return
		"a = 1 b = 2",                // two values on a line
		"a =",                        //
		"= 1",                        //
		"[a",                         //
		"[[a]",                       //
		"[a] x = 1",                  //
		"[]",                         //
		"a = [1 2]",                  //
		"a = [1,",                    //
		"\uFEFFa = 1",                // a byte order mark
		"a = \"\xff\"",               // not UTF-8
		many + "k3 = 0",              // a key twice in a table of many
		many + "[k3]",                //
		"[t]\n" + many + "[t.k3]",    //
		"[t]\n" + many + "[t.k20]\n[t.k20]",
	} {
		if agree(t, src) {
			t.Errorf("parseFast took\n%q", src)
		}
	}
}

// TestParseFastTakesScorecards checks that the fast path is the one real
// sites take — the example site, the scaffold of `scorecard new`, a
// generated cascade — and that it reads each
// file as the library does.
func TestParseFastTakesScorecards(t *testing.T) {
	site := t.TempDir()
	if _, err := gen.Generate(site, gen.Params{Units: 12, Measures: 40, Months: 3, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, root := range []string{"../../../config.toml", "../../../content", "../../../internal/scaffold/site", site} {
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".toml") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !agree(t, string(src)) {
				t.Errorf("%s: parseFast declined it", p)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 20 {
		t.Fatalf("read %d files: the walk missed the sites", n)
	}
}

func FuzzParseFast(f *testing.F) {
	for _, src := range []string{
		"a = 1\n[t]\nb = [1, 'x', \"y\\n\"]\n[[t.u]]\nc = 1.5e3",
		"[[o]]\nid = \"a\"\n  [[o.m]]\n  x = -0.0 # c\n[o.n]\nk = true",
		"a = [\n  1, # one\n]\r\n",
	} {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		agree(t, src)
	})
}
