package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"

	"golang.org/x/net/html"

	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/themes"
)

// shipped are the languages the default theme is translated into.
var shipped = []string{"en", "de", "fr", "es", "nb", "ar"}

// visibleAttrs are the attributes whose values a person reads or hears.
var visibleAttrs = []string{"title", "aria-label", "alt", "placeholder", "data-label", "aria-description", "aria-roledescription"}

// TestTemplatesHoldNoEnglish fails when a template of the default theme
// holds words outside its translations: text between tags, the value of an
// attribute people read (title, aria-label, alt, placeholder, data-label),
// or a string literal in an action that is not a key, a name or an id.
// Symbols, numbers and punctuation may stand in a template.
func TestTemplatesHoldNoEnglish(t *testing.T) {
	for _, file := range templateFiles(t) {
		for _, problem := range wordsIn(t, file) {
			t.Errorf("%s: %s", file, problem)
		}
	}
}

// TestWordsFinderFindsWords checks the check itself on a template with
// words in every place it looks.
func TestWordsFinderFindsWords(t *testing.T) {
	src := `{{define "x"}}<p title="Latest {{.}}">Hello {{T "key"}}</p>` +
		`<img alt="{{T "ok"}}"><span aria-label="Chart">·</span>{{template "p" dict "Title" "Red measures" "ID" "red"}}` +
		`<td data-label="Owner">–</td>{{if eq .State "done"}}✓ 12{{end}}<b>&nbsp;(&#8594;)</b>{{end}}`
	got := findWords(t, "x.html", src)
	want := []string{
		`attribute title: "Latest"`,
		`text: "Hello"`,
		`attribute aria-label: "Chart"`,
		`attribute data-label: "Owner"`,
		`string "Red measures" in {{template "p" dict "Title" "Red measures" "ID" "red"}}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func templateFiles(t *testing.T) []string {
	var out []string
	err := fs.WalkDir(themes.Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
		return err
	})
	if err != nil || len(out) < 10 {
		t.Fatalf("the default theme's layouts: %v (%d files)", err, len(out))
	}
	return out
}

func wordsIn(t *testing.T, file string) []string {
	src, err := fs.ReadFile(themes.Default(), file)
	if err != nil {
		t.Fatal(err)
	}
	return findWords(t, file, string(src))
}

// allFuncs names every template function, for parsing.
func allFuncs() template.FuncMap {
	fm := template.FuncMap{}
	for name := range funcs {
		fm[name] = funcs[name]
	}
	names := []string{"cached", "partial"}
	for name := range wordFuncs(nil) {
		names = append(names, name)
	}
	for _, name := range names {
		fm[name] = func(...any) string { return "" }
	}
	return fm
}

// findWords parses a template and lists the words it holds: each text run
// and visible attribute with letters in it, after its actions are taken
// out, and each string literal of an action that is a phrase rather than a
// key or an id.
func findWords(t *testing.T, name, src string) []string {
	tpl, err := template.New(name).Funcs(allFuncs()).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var skeleton strings.Builder
	var problems []string
	for _, tt := range tpl.Templates() {
		if tt.Tree == nil {
			continue
		}
		walk(tt.Tree.Root, &skeleton, &problems)
	}
	return append(htmlWords(skeleton.String()), problems...)
}

// hole stands for an action in a template's text.
const hole = "\x00"

func walk(n parse.Node, b *strings.Builder, problems *[]string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, b, problems)
		}
	case *parse.TextNode:
		b.Write(n.Text)
	case *parse.ActionNode:
		b.WriteString(hole)
		checkPipe(n.Pipe, n.String(), problems)
	case *parse.TemplateNode:
		b.WriteString(hole)
		checkPipe(n.Pipe, n.String(), problems)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, b, problems)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, b, problems)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, b, problems)
	}
}

func walkBranch(n *parse.BranchNode, b *strings.Builder, problems *[]string) {
	checkPipe(n.Pipe, n.String(), problems)
	b.WriteString(hole)
	walk(n.List, b, problems)
	b.WriteString(hole)
	if n.ElseList != nil {
		walk(n.ElseList, b, problems)
		b.WriteString(hole)
	}
}

// identifier is what a string literal of an action may be: a key of the
// translations, a template's name, an id, a class or a state.
var identifier = regexp.MustCompile(`^[a-z0-9_-]*$`)

// checkPipe looks at the string literals of a pipeline. The first argument
// of T, template, cached and partial is a name; dict's keys are names;
// anything else must be an identifier.
func checkPipe(p *parse.PipeNode, action string, problems *[]string) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		fn := ""
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
			fn = id.Ident
		}
		for i, a := range cmd.Args {
			switch a := a.(type) {
			case *parse.StringNode:
				name := i == 1 && (fn == "T" || fn == "cached" || fn == "partial")
				key := fn == "dict" && i%2 == 1
				if !name && !key && !identifier.MatchString(a.Text) && strings.IndexFunc(a.Text, unicode.IsLetter) >= 0 {
					*problems = append(*problems, fmt.Sprintf("string %q in %s", a.Text, action))
				}
			case *parse.PipeNode:
				checkPipe(a, action, problems)
			}
		}
	}
}

// htmlWords tokenizes a template's text, its actions as holes, and lists
// the text and visible attributes that hold letters.
func htmlWords(src string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(src))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if !inScript {
				if w := letters(string(z.Text())); w != "" {
					out = append(out, fmt.Sprintf("text: %q", w))
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			inScript = tok.Data == "script" || tok.Data == "style"
			for _, a := range tok.Attr {
				if slices.Contains(visibleAttrs, a.Key) {
					if w := letters(a.Val); w != "" {
						out = append(out, fmt.Sprintf("attribute %s: %q", a.Key, w))
					}
				}
			}
		case html.EndTagToken:
			inScript = false
		}
	}
}

// letters is s without its holes and trimmed, when any letter is left in
// it: "" for symbols, numbers and punctuation alone.
func letters(s string) string {
	// The tokenizer turns a NUL in an attribute into U+FFFD.
	s = strings.TrimSpace(strings.NewReplacer(hole, " ", "\uFFFD", " ").Replace(s))
	if strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}

// TestTranslationsAreComplete loads every language the theme ships: each
// has every message of the English file, with the same placeholders, and
// each plural message with every form the language's plural rules use.
// Every key a template names exists.
func TestTranslationsAreComplete(t *testing.T) {
	en := catalogOf(t, "en", "en")
	for _, lang := range shipped[1:] {
		only := catalogOf(t, lang, lang) // the language's own file, without English beneath
		if only == nil {
			continue
		}
		for _, k := range en.Keys() {
			if !only.Has(k) {
				t.Errorf("i18n/%s.toml has no message %q", lang, k)
			}
		}
		for _, k := range only.Keys() {
			if !en.Has(k) {
				t.Errorf("i18n/%s.toml has message %q, which i18n/en.toml has not", lang, k)
			}
		}
	}
	for _, file := range templateFiles(t) {
		src, _ := fs.ReadFile(themes.Default(), file)
		for _, m := range regexp.MustCompile(`\bT "([^"]*)"`).FindAllStringSubmatch(string(src), -1) {
			if !en.Has(m[1]) {
				t.Errorf("%s: T %q: no such message in i18n/en.toml", file, m[1])
			}
		}
	}
}

// TestPluralForms checks that every plural message of each shipped
// language has each form its plural rules pick for the counts 0 to 200.
func TestPluralForms(t *testing.T) {
	en := catalogOf(t, "en", "en")
	for _, lang := range shipped {
		c := catalogOf(t, lang, lang)
		if c == nil {
			continue
		}
		loc := locale.New(lang)
		needed := map[string]bool{}
		for n := range 201 {
			needed[loc.Plural(n)] = true
		}
		for _, k := range en.Keys() {
			if !en.IsPlural(k) {
				continue
			}
			for form := range needed {
				if !c.HasForm(k, form) {
					t.Errorf("i18n/%s.toml: message %q has no %s form (%s uses it, for example for %d)", lang, k, form, lang, example(loc, form))
				}
			}
		}
	}
}

func example(loc *locale.Locale, form string) int {
	for n := range 201 {
		if loc.Plural(n) == form {
			return n
		}
	}
	return -1
}

// catalogOf loads the default theme's file i18n/<file>.toml alone.
func catalogOf(t *testing.T, lang, file string) *i18n.Catalog {
	t.Helper()
	name := path.Join("i18n", file+".toml")
	src, err := fs.ReadFile(themes.Default(), name)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	var files []i18n.File
	if file != i18n.Base {
		base, _ := fs.ReadFile(themes.Default(), "i18n/en.toml")
		files = append(files, i18n.File{Name: "en.toml", Src: base})
	}
	c, err := i18n.Load(append(files, i18n.File{Name: name, Src: src}), locale.New(lang))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if file == i18n.Base {
		return c
	}
	own, err := i18n.Load([]i18n.File{{Name: name, Src: src}}, locale.New(lang))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return own
}
