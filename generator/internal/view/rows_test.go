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
