// Package theme reads a site's theme — its templates (layouts/), its
// translations (i18n/) and the files copied as they are (static/) — over
// the built-in default theme, and parses the templates with the functions
// they may use, in the site's language.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/themes"
)

// Theme is a theme's files: the site's themes/<name>/ folder, when it has one,
// over the built-in default theme, file by file, and its translations in
// the site's language, message by message.
type Theme struct {
	name   string
	lang   string
	layers []fs.FS // first match wins
	tpls   map[string]*template.Template
	cached map[string]func(name string, v any) (template.HTML, error) // by page kind
	// own holds, by page kind, the partials that are the default theme's
	// own: where a page may write in Go what the partial writes.
	own   map[string]map[string]bool
	chart func(*chart.Chart) template.HTML
	words *i18n.Catalog
}

// Parse reads the theme's translations and parses its templates; rendering
// does it when it has not been done.
func (t *Theme) Parse() error { return t.parse(true) }

// parse is Parse; inline says whether messages without placeholders are
// put into the templates' text before they are parsed (inlineMessages).
func (t *Theme) parse(inline bool) error {
	if t.tpls != nil {
		return nil
	}
	words, err := t.catalog()
	if err != nil {
		return err
	}
	t.words = words
	tpls, cached, err := t.templates(inline)
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	t.tpls, t.cached = tpls, cached
	// Read before any template runs: running one escapes it, which adds
	// the escapers' calls to its text.
	t.chart = chartHTML(words)
	if t.own, err = t.ownPartials(tpls, inline); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	return nil
}

// Own reports whether the template name of the templates of page kind (a
// partial, "baseof.html" or the kind's "main") is the default theme's:
// whether a page may write in Go what it writes (a chart, the period
// switcher, the tables of causes, a whole page) rather than run it, a
// template's reflective calls for every chart and page, as it must for a
// theme's own.
func (t *Theme) Own(kind, name string) bool { return t.own[kind][name] }

// none stands for the functions a template set binds to itself, in a set
// that is parsed and never run.
func none(string, any) (template.HTML, error) { return "", nil }

// ownPartials finds, for each page kind, the templates whose text is that
// of the built-in theme's: its partials, "baseof.html" and the kind's
// "main". It must run before any template does: running one escapes it,
// which adds the escapers' calls to its text.
func (t *Theme) ownPartials(tpls map[string]*template.Template, inline bool) (map[string]map[string]bool, error) {
	builtin := &Theme{name: "default", lang: t.lang, layers: t.layers[len(t.layers)-1:], words: t.words}
	read := func(name string) (string, error) {
		src, err := builtin.ReadFile(name)
		if err != nil || !inline {
			return string(src), err
		}
		return inlineMessages(string(src), t.words), nil
	}
	// Sets that are parsed and never run: cached and partial stand in.
	parseOnly := func(name string) *template.Template {
		return template.New(name).Funcs(funcs).Funcs(wordFuncs(t.words)).Funcs(template.FuncMap{"cached": none, "partial": none})
	}
	ref := parseOnly("ref")
	files, err := builtin.Files("layouts/partials")
	if err != nil {
		return nil, err
	}
	for _, name := range append(files, "layouts/baseof.html") {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		if _, err := ref.New(path.Base(name)).Parse(src); err != nil {
			return nil, err
		}
	}
	same := func(a, b *template.Template) bool {
		return a != nil && b != nil && a.Tree != nil && b.Tree != nil && a.Tree.Root.String() == b.Tree.Root.String()
	}
	own := map[string]map[string]bool{}
	for kind, tpl := range tpls {
		own[kind] = map[string]bool{}
		for _, r := range ref.Templates() {
			if same(tpl.Lookup(r.Name()), r) {
				own[kind][r.Name()] = true
			}
		}
		if kind == "pack" {
			continue
		}
		src, err := read("layouts/" + kind + ".html")
		if err != nil {
			return nil, err
		}
		main, err := parseOnly(kind).Parse(src)
		if err != nil {
			return nil, err
		}
		own[kind]["main"] = same(tpl.Lookup("main"), main.Lookup("main"))
	}
	return own, nil
}

// Chart is what the default theme's chart partial writes for c.
func (t *Theme) Chart(c *chart.Chart) template.HTML { return t.chart(c) }

// WriteChart writes what Chart returns into b.
func (t *Theme) WriteChart(b Writer, c *chart.Chart) { writeChart(b, t.words, c) }

// New returns the theme called name for pages in the language lang: site
// is the source folder and builtin the default theme. A theme other than
// "default" must exist in the site's themes/ folder.
func New(site fs.FS, name, lang string, builtin fs.FS) (*Theme, error) {
	t := &Theme{name: name, lang: lang}
	dir := path.Join("themes", name)
	fi, err := fs.Stat(site, dir)
	switch {
	case err == nil && fi.IsDir():
		sub, err := fs.Sub(site, dir)
		if err != nil {
			return nil, err
		}
		t.layers = append(t.layers, sub)
	case name != "default":
		return nil, fmt.Errorf("theme %q not found: expected a folder themes/%s/ in the site", name, name)
	}
	t.layers = append(t.layers, builtin)
	return t, nil
}

// catalog reads the translations of the theme's language: for the base
// language and then each of the tag's (de, de-CH), the built-in file and
// then the site's, each over the ones before it message by message.
func (t *Theme) catalog() (*i18n.Catalog, error) {
	var files []i18n.File
	for _, lang := range i18n.Languages(t.lang) {
		for i := len(t.layers) - 1; i >= 0; i-- {
			name := "i18n/" + lang + ".toml"
			src, err := fs.ReadFile(t.layers[i], name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			where := "themes/" + t.name + "/" + name
			if i == len(t.layers)-1 {
				where = "themes/default/" + name + " (built in)"
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			files = append(files, i18n.File{Name: where, Lang: lang, Src: src})
		}
	}
	return i18n.Load(files, locale.New(t.lang))
}

// BuiltinWords are the built-in default theme's messages in the language
// lang, without any site's.
func BuiltinWords(lang string) (*i18n.Catalog, error) {
	t := &Theme{name: "default", lang: lang, layers: []fs.FS{themes.Default()}}
	return t.catalog()
}

// Words are the theme's messages in the site's language. The theme must be
// parsed.
func (t *Theme) Words() *i18n.Catalog { return t.words }

// ReadFile returns the file name from the first layer that has it.
func (t *Theme) ReadFile(name string) ([]byte, error) {
	for _, l := range t.layers {
		b, err := fs.ReadFile(l, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("theme file %s: %w", name, fs.ErrNotExist)
}

// Files lists the regular files below dir in every layer, each once, sorted,
// leaving out the leftovers of editors and operating systems (a .DS_Store
// would otherwise be published with the theme's assets).
func (t *Theme) Files(dir string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, l := range t.layers {
		err := fs.WalkDir(l, dir, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			if err != nil {
				return err
			}
			if p != dir && load.Leftover(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}

// PageKinds are the page templates of a theme, each in
// layouts/<kind>.html, each defining "main" for layouts/baseof.html.
var PageKinds = []string{"home", "unit", "objective", "measure", "initiatives", "initiative", "exceptions", "alignment", "changes", "glossary", "compare", "comparisons"}

// templates parses the theme's layouts: one template set per page kind, each
// holding baseof.html, every partial and the kind's own file.
func (t *Theme) templates(inline bool) (map[string]*template.Template, map[string]func(string, any) (template.HTML, error), error) {
	read := func(name string) (string, error) {
		src, err := t.ReadFile(name)
		if err != nil || !inline {
			return string(src), err
		}
		return inlineMessages(string(src), t.words), nil
	}
	base := template.New("baseof.html").Funcs(funcs).Funcs(wordFuncs(t.words))
	base.Funcs(template.FuncMap{"cached": cachedPartial(base), "partial": partial(base)}) // each set below binds its own
	src, err := read("layouts/baseof.html")
	if err != nil {
		return nil, nil, err
	}
	if _, err := base.Parse(src); err != nil {
		return nil, nil, err
	}
	partials, err := t.Files("layouts/partials")
	if err != nil {
		return nil, nil, err
	}
	for _, p := range partials {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		src, err := read(p)
		if err != nil {
			return nil, nil, err
		}
		if _, err := base.New(path.Base(p)).Parse(src); err != nil {
			return nil, nil, err
		}
	}
	out := map[string]*template.Template{}
	cached := map[string]func(string, any) (template.HTML, error){}
	// The board pack is a document of its own: partials, but no base.
	pack, err := base.Clone()
	if err != nil {
		return nil, nil, err
	}
	src, err = read("layouts/pack.html")
	if err != nil {
		return nil, nil, err
	}
	if _, err := pack.New("pack.html").Parse(src); err != nil {
		return nil, nil, err
	}
	cached["pack"] = cachedPartial(pack)
	pack.Funcs(template.FuncMap{"cached": cached["pack"], "partial": partial(pack)})
	out["pack"] = pack
	for _, kind := range PageKinds {
		src, err := read("layouts/" + kind + ".html")
		if err != nil {
			return nil, nil, err
		}
		tpl, err := base.Clone()
		if err != nil {
			return nil, nil, err
		}
		cached[kind] = cachedPartial(tpl)
		tpl.Funcs(template.FuncMap{"cached": cached[kind], "partial": partial(tpl)})
		if _, err := tpl.New(kind + ".html").Parse(src); err != nil {
			return nil, nil, err
		}
		out[kind] = tpl
	}
	return out, cached, nil
}

// cachedPartial returns the template function cached: {{cached "score" .Score}}
// writes what {{template "score" .Score}} writes, but executes the partial
// only once for each distinct value and then reuses its output. A partial
// sees nothing but its argument, so for a comparable argument its output
// depends on the argument alone. Status cells and score badges repeat a few
// dozen distinct values over tens of thousands of table rows; executing the
// partial each time was most of the template work of a page.
func cachedPartial(set *template.Template) func(name string, v any) (template.HTML, error) {
	type key struct {
		name string
		v    any
	}
	var cache sync.Map // key → template.HTML
	return func(name string, v any) (template.HTML, error) {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			var b strings.Builder
			err := set.ExecuteTemplate(&b, name, v)
			return template.HTML(b.String()), err
		}
		k := key{name, v}
		if h, ok := cache.Load(k); ok {
			return h.(template.HTML), nil
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, name, v); err != nil {
			return "", err
		}
		h := template.HTML(b.String())
		cache.Store(k, h)
		return h, nil
	}
}

// partial returns the template function partial: {{partial "link" .}} is
// the output of the partial as HTML, to pass to another function (T takes
// it as a placeholder's value). Unlike cached, it keeps nothing: for values
// that do not repeat.
func partial(set *template.Template) func(name string, v any) (template.HTML, error) {
	return func(name string, v any) (template.HTML, error) {
		var b strings.Builder
		err := set.ExecuteTemplate(&b, name, v)
		return template.HTML(b.String()), err
	}
}

// Partial is {{cached name v}} in the templates of page kind: the output of
// the theme's partial for v, run once per value.
func (t *Theme) Partial(kind, name string, v any) (template.HTML, error) {
	return t.cached[kind](name, v)
}

// Run writes the theme's partial name of the templates of page kind,
// applied to v, to w, keeping nothing: for values that do not repeat.
func (t *Theme) Run(kind, name string, w io.Writer, v any) error {
	return t.tpls[kind].ExecuteTemplate(w, name, v)
}

// Execute writes the template name of the templates of page kind (or
// "pack") applied to data to w. The theme must be parsed.
func (t *Theme) Execute(w io.Writer, kind, name string, data any) error {
	return t.tpls[kind].ExecuteTemplate(w, name, data)
}
