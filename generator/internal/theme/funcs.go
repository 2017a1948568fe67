package theme

import (
	"fmt"
	"html/template"

	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// funcs are the template functions a theme can use that do not depend on
// the language. Each has an example in funcs_test.go that is rendered and
// checked.
var funcs = template.FuncMap{
	"dict":       dict,
	"statusIcon": StatusIcon,
	"trendIcon":  trendIcon,
}

// wordFuncs are the template functions that speak the site's language:
// T, a message of the translations, and the words for a status and a
// trend.
func wordFuncs(w *i18n.Catalog) template.FuncMap {
	return template.FuncMap{
		"T":           w.T,
		"statusLabel": func(s string) string { return StatusLabel(w, s) },
		"trendLabel":  func(t string) string { return TrendLabel(w, t) },
		"chartHTML":   chartHTML(w),
	}
}

// dict builds a map from key, value pairs, to pass several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// StatusLabel names a status in words, so that it never rests on colour
// alone: the message status_<status>.
func StatusLabel(w *i18n.Catalog, s string) string {
	return w.Text("status_" + parseStatus(s).String())
}

// StatusIcon gives each status its own shape as well as its colour.
func StatusIcon(s string) string { return parseStatus(s).Icon() }

// parseStatus is the status named s; any other name is None.
func parseStatus(s string) model.Status {
	for _, st := range []model.Status{model.Green, model.Amber, model.Red} {
		if s == st.String() {
			return st
		}
	}
	return model.None
}

// TrendLabel names a trend in words: the message trend_<trend>.
func TrendLabel(w *i18n.Catalog, t string) string {
	switch t {
	case "improving", "worsening", "flat":
		return w.Text("trend_" + t)
	}
	return w.Text("trend_none")
}

func trendIcon(t string) string {
	switch t {
	case "improving":
		return "↗"
	case "worsening":
		return "↘"
	case "flat":
		return "→"
	}
	return "·"
}
