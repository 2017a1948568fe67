package theme

import (
	"html/template"
	"strings"
	"testing"
)

// TestFuncExamples renders one example of every template function.
func TestFuncExamples(t *testing.T) {
	examples := map[string][2]string{
		"dict":        {`{{ $d := dict "a" 1 "b" "x" }}{{ $d.a }}{{ $d.b }}`, "1x"},
		"statusLabel": {`{{ statusLabel "amber" }} {{ statusLabel "none" }}`, "Amber No data"},
		"statusIcon":  {`{{ statusIcon "green" }}{{ statusIcon "amber" }}{{ statusIcon "red" }}{{ statusIcon "none" }}`, "●▲■○"},
		"trendLabel":  {`{{ trendLabel "worsening" }}`, "Worsening"},
		"trendIcon":   {`{{ trendIcon "improving" }}{{ trendIcon "flat" }}`, "↗→"},
	}
	for name := range funcs {
		ex, ok := examples[name]
		if !ok {
			t.Errorf("template function %s has no example", name)
			continue
		}
		var b strings.Builder
		tpl := template.Must(template.New(name).Funcs(funcs).Parse(ex[0]))
		if err := tpl.Execute(&b, nil); err != nil {
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
