// Package theme reads a site's theme — its templates (layouts/) and the
// files copied as they are (static/) — over the built-in default theme, and
// parses the templates with the functions they may use.
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

	"github.com/scorecard-dev/scorecard/generator/internal/load"
)

// Theme is a theme's files: the site's themes/<name>/ folder, when it has one,
// over the built-in default theme, file by file.
type Theme struct {
	layers []fs.FS // first match wins
	tpls   map[string]*template.Template
	cached map[string]func(name string, v any) (template.HTML, error) // by page kind
}

// Parse parses the theme's templates; rendering does it when it has not
// been done.
func (t *Theme) Parse() error {
	if t.tpls != nil {
		return nil
	}
	tpls, cached, err := t.templates()
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	t.tpls, t.cached = tpls, cached
	return nil
}

// New returns the theme called name: site is the source folder and
// builtin the default theme. A theme other than "default" must exist in the
// site's themes/ folder.
func New(site fs.FS, name string, builtin fs.FS) (*Theme, error) {
	t := &Theme{}
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
var PageKinds = []string{"home", "unit", "objective", "measure", "initiatives", "initiative", "exceptions", "alignment", "compare", "comparisons"}

// templates parses the theme's layouts: one template set per page kind, each
// holding baseof.html, every partial and the kind's own file.
func (t *Theme) templates() (map[string]*template.Template, map[string]func(string, any) (template.HTML, error), error) {
	base := template.New("baseof.html").Funcs(funcs)
	base.Funcs(template.FuncMap{"cached": cachedPartial(base)}) // each set below binds its own
	src, err := t.ReadFile("layouts/baseof.html")
	if err != nil {
		return nil, nil, err
	}
	if _, err := base.Parse(string(src)); err != nil {
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
		src, err := t.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		if _, err := base.New(path.Base(p)).Parse(string(src)); err != nil {
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
	src, err = t.ReadFile("layouts/pack.html")
	if err != nil {
		return nil, nil, err
	}
	if _, err := pack.New("pack.html").Parse(string(src)); err != nil {
		return nil, nil, err
	}
	cached["pack"] = cachedPartial(pack)
	pack.Funcs(template.FuncMap{"cached": cached["pack"]})
	out["pack"] = pack
	for _, kind := range PageKinds {
		src, err := t.ReadFile("layouts/" + kind + ".html")
		if err != nil {
			return nil, nil, err
		}
		tpl, err := base.Clone()
		if err != nil {
			return nil, nil, err
		}
		cached[kind] = cachedPartial(tpl)
		tpl.Funcs(template.FuncMap{"cached": cached[kind]})
		if _, err := tpl.New(kind + ".html").Parse(string(src)); err != nil {
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

// Partial is {{cached name v}} in the templates of page kind: the output of
// the theme's partial for v, run once per value.
func (t *Theme) Partial(kind, name string, v any) (template.HTML, error) {
	return t.cached[kind](name, v)
}

// Execute writes the template name of the templates of page kind (or
// "pack") applied to data to w. The theme must be parsed.
func (t *Theme) Execute(w io.Writer, kind, name string, data any) error {
	return t.tpls[kind].ExecuteTemplate(w, name, data)
}
