package generator

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"

	"github.com/scorecard-dev/scorecard/themes"
)

// TestArabicPagesHoldNoEnglish builds the small site and (without -short)
// the example site in Arabic and reads every page, the board pack included, as a person or a
// screen reader would: its text, the attributes people read or hear, and
// the words of its charts (series, legends, axes, labels). Arabic is
// written in another script, so any word in Latin letters is either the
// site's own (a name, a unit, a note, a file) or a word that Go code or a
// template wrote without the translations. TestTemplatesHoldNoEnglish
// holds the templates; this holds the views and the charts.
func TestArabicPagesHoldNoEnglish(t *testing.T) {
	for name, site := range map[string]string{"small": smallSite, "example": ".."} {
		t.Run(name, func(t *testing.T) {
			if name == "example" && testing.Short() {
				t.Skip("the example site: not with -short")
			}
			t.Parallel()
			src := inLanguage(t, site, "ar")
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := Pack(context.Background(), PackOptions{Source: src, Output: filepath.Join(dest, "pack.html")}); err != nil {
				t.Fatal(err)
			}
			allowed := siteWords(t, src)
			for _, w := range notShown {
				allowed[w] = true
			}
			var messages any
			if _, err := toml.Decode(readFile(t, themes.Default(), "i18n/ar.toml"), &messages); err != nil {
				t.Fatal(err)
			}
			for _, m := range tomlStrings(messages) {
				for w := range latinWords(m) {
					allowed[w] = true // CSV, r, n
				}
			}
			pages := 0
			err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !strings.HasSuffix(p, ".html") {
					return err
				}
				pages++
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dest, p)
				for _, text := range readableText(t, b) {
					for w := range latinWords(text) {
						if !allowed[w] {
							t.Errorf("%s: %q in %q", rel, w, cut(text))
						}
					}
				}
				return nil
			})
			if err != nil || pages < 10 {
				t.Fatalf("%d pages: %v", pages, err)
			}
		})
	}
}

// notShown are the Latin words a page may hold where no one reads them:
// the names of the charts' hidden series, nodes and categories (the
// strategy map's series, lanes, corner anchors, theme pills and status
// styles, the base of a history chart's stacked bands), which have no
// legend entry, label or tooltip; and "US", of CLDR's Arabic symbol of the
// US dollar (US$).
var notShown = []string{"objectives", "anchor", "lane", "lanes", "theme", "green", "amber", "red", "none", "band", "base", "us"}

// inLanguage copies a site's sources to a temporary folder with its
// language set to lang.
func inLanguage(t *testing.T, site, lang string) string {
	t.Helper()
	src := t.TempDir()
	for _, name := range []string{"config.toml", "content", "data"} {
		from := filepath.Join(site, name)
		if name == "config.toml" {
			b, err := os.ReadFile(from)
			if err != nil {
				t.Fatal(err)
			}
			b = regexp.MustCompile(`(?m)^language = .*\n`).ReplaceAll(b, nil)
			b = append([]byte("language = \""+lang+"\"\n"), b...)
			if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// siteWords are the Latin words of a site's own text: the strings of its
// TOML files (not their comments), its notes, its data files and their
// names, and the text of its workbooks.
func siteWords(t *testing.T, src string) map[string]bool {
	t.Helper()
	words := map[string]bool{}
	add := func(s string) {
		for w := range latinWords(s) {
			words[w] = true
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		add(filepath.ToSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".toml":
			var v any
			if _, err := toml.Decode(string(b), &v); err != nil {
				return err
			}
			for _, s := range tomlStrings(v) {
				add(s)
			}
		case ".xlsx":
			for _, s := range workbookText(t, p) {
				add(s)
			}
		default:
			add(string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return words
}

func tomlStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, tomlStrings(e)...)
		}
		return out
	case []map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, tomlStrings(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, tomlStrings(e)...)
		}
		return out
	}
	return nil
}

// workbookText is the text of a workbook's parts: its sheets' names and
// cells.
func workbookText(t *testing.T, path string) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var out []string
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// readableAttrs are the attributes whose values a person reads or hears.
var readableAttrs = []string{"title", "aria-label", "alt", "placeholder", "data-label", "aria-description", "aria-roledescription"}

// readableText is what a page gives people to read: its text outside
// scripts and styles, its readable attributes, and the words of its
// charts' options.
func readableText(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(strings.NewReader(string(page)))
	in := ""       // the element whose raw text comes next: script or style
	chart := false // the script is a chart's option
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.TextToken:
			switch {
			case in == "" || in == "title":
				out = append(out, string(z.Text()))
			case in == "script" && chart:
				out = append(out, chartWords(t, z.Text())...)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			in, chart = "", false
			if tok.Data == "script" || tok.Data == "style" {
				in = tok.Data
			}
			for _, a := range tok.Attr {
				if slices.Contains(readableAttrs, a.Key) {
					out = append(out, a.Val)
				}
				if a.Key == "data-chart-option" {
					chart = true
				}
			}
		case html.EndTagToken:
			in = ""
		}
	}
}

// chartWords are the strings of a chart's option that it shows: names of
// series, nodes and data, legends and categories, and label texts.
func chartWords(t *testing.T, option []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(option, &v); err != nil {
		t.Fatalf("a chart's option: %v", err)
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			switch key {
			case "name", "data", "series", "text":
				out = append(out, v)
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		}
	}
	walk("", v)
	return out
}

var latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// latinWords are the words of s in Latin letters, lower-cased.
func latinWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range latinWord.FindAllString(s, -1) {
		out[strings.ToLower(w)] = true
	}
	return out
}

func readFile(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func cut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// TestSiteTranslatesItsTheme: a site changes one word of a shipped
// language in its own theme folder, adds a regional variant that changes
// another, and adds a language the theme does not ship, message by
// message over English; a message of its own with a placeholder English
// has not is an error at its place, and nothing is written.
func TestSiteTranslatesItsTheme(t *testing.T) {
	src := inLanguage(t, smallSite, "de-CH")
	write := func(name, content string) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("themes/default/i18n/de.toml", "nav_pack = \"Aufsichtsratsbericht\"\n")
	write("themes/default/i18n/de-CH.toml", "exc_title = \"Ausnahmen\"\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	page := readPage(t, dest, "exceptions/index.html")
	for _, want := range []string{
		`<html lang="de-CH" dir="ltr">`,
		`<li><a href="../pack/index.html">Aufsichtsratsbericht</a></li>`, // the site's de.toml
		`<title>Ausnahmen · Acme Scorecard</title>`,                      // its de-CH.toml
		`<li><a href="../initiatives/index.html">Initiativen</a></li>`,   // the built-in de.toml
	} {
		if !strings.Contains(page, want) {
			t.Errorf("exceptions page lacks %s", want)
		}
	}

	src = inLanguage(t, smallSite, "pt")
	write("themes/default/i18n/pt.toml", "nav_initiatives = \"Iniciativas\"\n")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	page = readPage(t, dest, "exceptions/index.html")
	for _, want := range []string{`<html lang="pt" dir="ltr">`, `>Iniciativas</a>`, `>Board pack</a>`, `<h1>Exceptions</h1>`} {
		if !strings.Contains(page, want) {
			t.Errorf("a page in a language of the site's own lacks %s", want)
		}
	}

	write("themes/default/i18n/pt.toml", "nav_initiatives = \"Iniciativas\"\n\nlatest_data = \"Últimos dados: {periodo}\"\n")
	_, err := Build(context.Background(), Options{Source: src, Destination: dest})
	want := `themes/default/i18n/pt.toml:3:15: message "latest_data" has the placeholder {periodo}, which the en message has not (it has {period})`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Build = %v; want %s", err, want)
	}
	if !strings.Contains(readPage(t, dest, "exceptions/index.html"), `>Iniciativas</a>`) {
		t.Error("a failed build changed the previous output")
	}
}

func readPage(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
