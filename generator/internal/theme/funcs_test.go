package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"

	"github.com/scorecard-dev/scorecard/themes"
)

// TestFuncExamples renders one example of every template function, those
// that speak a language in German.
func TestFuncExamples(t *testing.T) {
	examples := map[string][2]string{
		"dict":        {`{{ $d := dict "a" 1 "b" "x" }}{{ $d.a }}{{ $d.b }}`, "1x"},
		"statusLabel": {`{{ statusLabel "amber" }} {{ statusLabel "none" }}`, "Gelb Keine Daten"},
		"statusIcon":  {`{{ statusIcon "green" }}{{ statusIcon "amber" }}{{ statusIcon "red" }}{{ statusIcon "none" }}`, "●▲■○"},
		"trendLabel":  {`{{ trendLabel "worsening" }}`, "Verschlechtert sich"},
		"trendIcon":   {`{{ trendIcon "improving" }}{{ trendIcon "flat" }}`, "↗→"},
		"chartHTML":   {`{{ chartHTML .Chart }}`, "<div class=\"chart-scroll\"><div class=\"chart\" id=\"c1\" data-chart role=\"img\" aria-label=\"Umsatz &amp; Marge\" style=\"height: 200px;\"></div></div>\n<script type=\"application/json\" data-chart-option=\"c1\">{}</script>"},
		"T":           {`{{ T "nav_pack" }} · {{ T "measures_missing" 1200 }} · <a title="{{ T "stale_title" "period" "Mai 2026" }}">`, `Vorstandsbericht · 1.200 Kennzahlen ohne Wert · <a title="Der neueste Istwert stammt aus Mai 2026">`},
	}
	th, err := New(fstest.MapFS{}, "default", "de", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if err := th.Parse(); err != nil {
		t.Fatal(err)
	}
	all := template.FuncMap{}
	for name, f := range funcs {
		all[name] = f
	}
	for name, f := range wordFuncs(th.Words()) {
		all[name] = f
	}
	for name := range all {
		ex, ok := examples[name]
		if !ok {
			t.Errorf("template function %s has no example", name)
			continue
		}
		var b strings.Builder
		tpl := template.Must(template.New(name).Funcs(all).Parse(ex[0]))
		if err := tpl.Execute(&b, map[string]any{"Chart": &chart.Chart{ID: "c1", Label: "Umsatz & Marge", Height: 200, Option: "{}"}}); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if b.String() != ex[1] {
			t.Errorf("%s: %q gives %q; want %q", name, ex[0], b.String(), ex[1])
		}
	}
}

// TestCachedPartial checks that {{cached "p" v}} writes what {{template "p" v}}
// writes, escaped the same way, and executes the partial once per value.
func TestCachedPartial(t *testing.T) {
	runs := 0
	set := template.New("page").Funcs(template.FuncMap{"run": func() int { runs++; return runs }})
	set.Funcs(template.FuncMap{"cached": cachedPartial(set)})
	template.Must(set.Parse(`{{define "p"}}<b title="{{.}}">{{.}}#{{run}}</b>{{end}}` +
		`{{range .}}{{cached "p" .}}|{{end}}{{template "p" "<x>"}}`))
	var b strings.Builder
	if err := set.Execute(&b, []string{"<x>", "a&b", "<x>"}); err != nil {
		t.Fatal(err)
	}
	want := `<b title="&lt;x&gt;">&lt;x&gt;#1</b>|<b title="a&amp;b">a&amp;b#2</b>|<b title="&lt;x&gt;">&lt;x&gt;#1</b>|<b title="&lt;x&gt;">&lt;x&gt;#3</b>`
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
	if runs != 3 {
		t.Errorf("the partial ran %d times; want 3 (twice cached, once by template)", runs)
	}
}

// TestInlineMessages puts messages without placeholders into a template's
// text where plain HTML escaping is what html/template would do there, and
// leaves every other {{T}} to run.
func TestInlineMessages(t *testing.T) {
	th, err := New(fstest.MapFS{}, "default", "en", themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if err := th.Parse(); err != nil {
		t.Fatal(err)
	}
	src := `<p>{{T "nav_pack"}}</p><a title="{{T "objective_no_leading"}}" href="{{T "nav_pack"}}">` +
		`{{T "footer_rows" 2}}</a><script>var s = "{{T "nav_pack"}}";</script><b style="x: {{T "nav_pack"}}">{{ T "nav_pack" }}</b>`
	want := `<p>Board pack</p><a title="This objective drives others but has no leading measure: nothing on it moves before its results do. Give it a measure of kind &#34;leading&#34;." href="{{T "nav_pack"}}">` +
		`{{T "footer_rows" 2}}</a><script>var s = "{{T "nav_pack"}}";</script><b style="x: {{T "nav_pack"}}">{{ T "nav_pack" }}</b>`
	if got := inlineMessages(src, th.Words()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestOwnPartials tells the default theme's templates from a theme's own:
// a page writes in Go only what the first would write.
func TestOwnPartials(t *testing.T) {
	site := fstest.MapFS{
		"themes/mine/layouts/partials/chart.html": {Data: []byte(`{{define "chart"}}<div>{{chartHTML .}}</div>{{end}}`)},
		// One page kind's own switcher, in its layout.
		"themes/mine/layouts/unit.html":    {Data: []byte(`{{define "main"}}{{end}}{{define "period-switcher"}}{{.SwitcherHTML}} {{end}}`)},
		"themes/mine/layouts/measure.html": {Data: []byte(`{{define "main"}}{{.Body.HeadHTML}}{{end}}`)},
	}
	for _, c := range []struct {
		theme, kind, partial string
		own                  bool
	}{
		{"default", "measure", "chart", true},
		{"default", "unit", "period-switcher", true},
		{"mine", "measure", "chart", false},
		{"mine", "unit", "chart", false},
		{"mine", "measure", "period-switcher", true},
		{"mine", "unit", "period-switcher", false},
		{"default", "measure", "baseof.html", true},
		{"default", "measure", "main", true},
		{"default", "objective", "main", true},
		{"mine", "measure", "main", false},
		{"mine", "objective", "main", true},
		{"mine", "objective", "baseof.html", true},
	} {
		th, err := New(site, c.theme, "en", themes.Default())
		if err != nil {
			t.Fatal(err)
		}
		if err := th.Parse(); err != nil {
			t.Fatal(err)
		}
		if got := th.Own(c.kind, c.partial); got != c.own {
			t.Errorf("theme %s, %s pages: Own(%q) = %v, want %v", c.theme, c.kind, c.partial, got, c.own)
		}
	}
}
