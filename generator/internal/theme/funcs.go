package theme

import (
	"fmt"
	"html/template"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// funcs are the template functions a theme can use. Each has an example in
// funcs_test.go that is rendered and checked.
var funcs = template.FuncMap{
	"dict":        dict,
	"statusLabel": statusLabel,
	"statusIcon":  statusIcon,
	"trendLabel":  trendLabel,
	"trendIcon":   trendIcon,
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

// statusLabel names a status in words, so that it never rests on colour alone.
func statusLabel(s string) string { return parseStatus(s).Label() }

// statusIcon gives each status its own shape as well as its colour.
func statusIcon(s string) string { return parseStatus(s).Icon() }

// parseStatus is the status named s; any other name is None.
func parseStatus(s string) model.Status {
	for _, st := range []model.Status{model.Green, model.Amber, model.Red} {
		if s == st.String() {
			return st
		}
	}
	return model.None
}

func trendLabel(t string) string {
	switch t {
	case "improving":
		return "Improving"
	case "worsening":
		return "Worsening"
	case "flat":
		return "Flat"
	}
	return "No trend"
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
