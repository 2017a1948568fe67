package validate

import (
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// themes checks the strategic themes of one unit's objectives: a theme is
// the name of a band of the strategy map, and objectives share a band only
// when their themes are written exactly alike. Two ways of writing one
// theme are an error rather than two bands.
type themes struct {
	seen map[string]themeUse // by folded name
}

type themeUse struct {
	name string
	pos  diag.Pos
}

// check returns the theme of the objective at path, or "" after reporting
// why it cannot be one.
func (t *themes) check(v *validator, loc *tomlx.Locator, path string, theme *string) string {
	if theme == nil {
		return ""
	}
	name, pos := *theme, loc.Pos(path)
	switch {
	case strings.TrimSpace(name) == "":
		v.dl.Errorf(pos, "theme is empty: leave the key out for an objective without a theme")
		return ""
	case strings.TrimSpace(name) != name:
		v.dl.Errorf(pos, "theme %s begins or ends with a space: remove it", diag.Quote(name))
		return ""
	}
	key := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if t.seen == nil {
		t.seen = map[string]themeUse{}
	}
	if first, ok := t.seen[key]; ok && first.name != name {
		v.dl.Errorf(pos, "theme %s is written differently at line %d (%s): write one theme the same way each time, or objectives of it fall in different bands",
			diag.Quote(name), first.pos.Line, diag.Quote(first.name))
		return ""
	}
	if _, ok := t.seen[key]; !ok {
		t.seen[key] = themeUse{name, pos}
	}
	return name
}
