package render

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
