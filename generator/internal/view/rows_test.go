package view

import (
	"html/template"
	"strings"
	"testing"
)

// TestWriteTextLikeHTMLTemplate checks that writeText escapes element
// content byte for byte as html/template does, for every ASCII character
// and for text around it.
func TestWriteTextLikeHTMLTemplate(t *testing.T) {
	tpl := template.Must(template.New("t").Parse(`<td>{{.}}</td>`))
	cases := []string{"", "plain", "£1,234.5 k€", "<script>alert('x')</script>", `a "b" & c+d`, "\x00nul", "bad \xff utf-8", "\u2028\u2029", "日本語 + <>"}
	for c := range 128 {
		cases = append(cases, "x"+string(rune(c))+"y")
	}
	for _, s := range cases {
		var want strings.Builder
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		got.WriteString("<td>")
		writeText(&got, s)
		got.WriteString("</td>")
		if got.String() != want.String() {
			t.Errorf("writeText(%q) = %q; html/template writes %q", s, got.String(), want.String())
		}
	}
}

// TestCrumbsHTMLLikeTheTemplate: the breadcrumbs written in Go are what the
// default theme's range over Crumbs wrote, names that need escaping
// included.
func TestCrumbsHTMLLikeTheTemplate(t *testing.T) {
	tpl := template.Must(template.New("t").Parse(`{{range $i, $c := .}}<li>{{if $c.Href}}<a href="{{$c.Href}}">{{$c.Text}}</a>{{else}}<span aria-current="page">{{$c.Text}}</span>{{end}}</li>{{end}}`))
	crumbs := []Link{
		{Text: "Acme & Sons <Ltd>", Href: "../../units/org/index.html"},
		{Text: `"Quoted" 'unit' +1`, Href: "../../initiatives/index.html#u-ops"},
		{Text: "Grow\x00 revenue"},
	}
	var want strings.Builder
	if err := tpl.Execute(&want, crumbs); err != nil {
		t.Fatal(err)
	}
	if got := (&Page{Crumbs: crumbs}).CrumbsHTML(); string(got) != want.String() {
		t.Errorf("CrumbsHTML:\n got %s\nwant %s", got, want.String())
	}
}
