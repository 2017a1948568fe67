package i18n

import (
	"html/template"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/locale"
)

const enFile = `
plain = "Scorecard"
latest = "Latest data: {period}"
owner = "Owner: {name}"
measures.one = "{count} measure"
measures.other = "{count} measures"
`

func load(t *testing.T, lang string, files ...File) *Catalog {
	t.Helper()
	c, err := Load(files, locale.New(lang))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestT fills placeholders, picks plural forms by the language's rules,
// falls back to the base language message by message, writes counts in
// the language's digits and grouping, and escapes the message's text when
// HTML fills a placeholder.
func TestT(t *testing.T) {
	de := File{Name: "de.toml", Src: []byte(`
latest = "Neueste Daten: {period}"
measures.one = "{count} Kennzahl"
measures.other = "{count} Kennzahlen"
`)}
	c := load(t, "de", File{Name: "en.toml", Src: []byte(enFile)}, de)
	for _, tc := range []struct {
		key  string
		args []any
		want any
	}{
		{"plain", nil, "Scorecard"},
		{"latest", []any{"period", "September 2026"}, "Neueste Daten: September 2026"},
		{"measures", []any{1}, "1 Kennzahl"},
		{"measures", []any{1234}, "1.234 Kennzahlen"},
		{"measures", []any{"count", 2}, "2 Kennzahlen"},
		{"owner", []any{"name", "<b>CFO</b>"}, "Owner: <b>CFO</b>"}, // text: html/template escapes it
		{"owner", []any{"name", template.HTML(`<a href="x">Sales & Ops</a>`)}, template.HTML(`Owner: <a href="x">Sales & Ops</a>`)},
	} {
		got, err := c.T(tc.key, tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("T %q %v = %#v, %v; want %#v", tc.key, tc.args, got, err, tc.want)
		}
	}
	ar := load(t, "ar", File{Name: "en.toml", Src: []byte(enFile)}, File{Name: "ar.toml", Src: []byte(`
measures.zero = "لا مؤشرات"
measures.one = "مؤشر واحد"
measures.two = "مؤشران"
measures.few = "{count} مؤشرات"
measures.many = "{count} مؤشرًا"
measures.other = "{count} مؤشر"
`)})
	for n, want := range map[int]string{0: "لا مؤشرات", 1: "مؤشر واحد", 2: "مؤشران", 3: "3 مؤشرات", 11: "11 مؤشرًا", 100: "100 مؤشر"} {
		if got := ar.Count("measures", n); got != want {
			t.Errorf("ar %d: %q; want %q", n, got, want)
		}
	}
	if h, _ := load(t, "en", File{Name: "en.toml", Src: []byte(`x = "A & {link}"`)}).T("x", "link", template.HTML("<a>b</a>")); h != template.HTML("A &amp; <a>b</a>") {
		t.Errorf("the message's own text is not escaped around HTML: %v", h)
	}
}

// TestTErrors: an unknown key, a missing value and arguments that are not
// a count or pairs are errors, which stop a template.
func TestTErrors(t *testing.T) {
	c := load(t, "en", File{Name: "en.toml", Src: []byte(enFile)})
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"nope", nil, `no message "nope" in the theme's translations (i18n/en.toml)`},
		{"latest", nil, `message "latest": no value for {period}`},
		{"latest", []any{"period"}, `message "latest": one argument must be a count, not string`},
		{"measures", []any{"count", "2"}, `message "measures": the count is string, not an int`},
	} {
		if _, err := c.T(tc.key, tc.args...); err == nil || err.Error() != tc.want {
			t.Errorf("T %q %v: %v; want %s", tc.key, tc.args, err, tc.want)
		}
	}
	if got := c.Text("nope"); got != "[nope]" {
		t.Errorf("Text of an unknown key: %q", got)
	}
}

// TestLoadErrors reports every problem of a translation file at its line
// and column.
func TestLoadErrors(t *testing.T) {
	_, err := Load([]File{
		{Name: "en.toml", Src: []byte(enFile)},
		{Name: "themes/house/i18n/de.toml", Src: []byte(`latest = "Neueste Daten: {zeitraum}"
owner = 3
measures.one = "{count} Kennzahl"
measures.several = "{count} Kennzahlen"
`)},
		{Name: "themes/house/i18n/fr.toml", Src: []byte("latest = \"x\n")},
	}, locale.New("de"))
	want := []string{
		`themes/house/i18n/de.toml:1:10: message "latest" has the placeholder {zeitraum}, which the en message has not (it has {period})`,
		`themes/house/i18n/de.toml:2:9: message "owner" is neither text nor a table of plural forms`,
		`themes/house/i18n/de.toml:3:1: message "measures" has no other form, which every count falls back to`,
		`themes/house/i18n/de.toml:4:1: message "measures": "several" is not a plural form (expected zero, one, two, few, many, other or description)`,
		`themes/house/i18n/fr.toml:1:`,
	}
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error:\n%v\nwant a line: %s", err, w)
		}
	}
}

// TestForms gives a script each form as written, placeholders unfilled,
// the translation's forms rather than the base's.
func TestForms(t *testing.T) {
	ar := File{Name: "ar.toml", Src: []byte(`
measures.zero = "لا مقاييس"
measures.one = "مقياس واحد"
measures.few = "{count} مقاييس"
measures.other = "{count} مقياس"
`)}
	c := load(t, "ar", File{Name: "en.toml", Src: []byte(enFile)}, ar)
	got := c.Forms("measures")
	want := map[string]string{"zero": "لا مقاييس", "one": "مقياس واحد", "few": "{count} مقاييس", "other": "{count} مقياس"}
	if len(got) != len(want) {
		t.Errorf("Forms(measures) = %q, want %q", got, want)
	}
	for f, s := range want {
		if got[f] != s {
			t.Errorf("Forms(measures)[%s] = %q, want %q", f, got[f], s)
		}
	}
	if got := c.Forms("owner"); len(got) != 1 || got["other"] != "Owner: {name}" {
		t.Errorf("Forms(owner) = %q, want only other: %q", got, "Owner: {name}")
	}
	if got := c.Forms("nothing"); got != nil {
		t.Errorf("Forms(nothing) = %q, want none", got)
	}
}
