package chart

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/themes"
)

// TestStatusColoursAreTheTheme holds the charts' status colours to the
// default theme's custom properties, so that a box on the strategy map is
// the colour of the badges beside it.
func TestStatusColoursAreTheTheme(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	// The first :root block is the light scheme, the one charts are drawn for.
	root := regexp.MustCompile(`(?s):root\s*\{(.*?)\}`).FindSubmatch(css)
	if root == nil {
		t.Fatal("site.css has no :root block")
	}
	for prop, st := range map[string]model.Status{"--green": model.Green, "--amber-fill": model.Amber, "--red": model.Red} {
		m := regexp.MustCompile(regexp.QuoteMeta(prop) + `:\s*(#[0-9a-fA-F]{6});`).FindSubmatch(root[1])
		if m == nil {
			t.Errorf("site.css has no %s", prop)
			continue
		}
		if got := string(m[1]); got != statusFill[st] {
			t.Errorf("site.css has %s: %s; the charts colour %s %s", prop, got, st, statusFill[st])
		}
	}
}

func TestTint(t *testing.T) {
	for _, tc := range []struct {
		s     model.Status
		alpha float64
		want  string
	}{
		{model.Amber, 0.20, "rgba(242,169,0,0.20)"},
		{model.Green, 0.16, "rgba(42,114,48,0.16)"},
		{model.Red, 0.08, "rgba(198,40,40,0.08)"},
	} {
		if got := tint(tc.s, tc.alpha); got != tc.want {
			t.Errorf("tint(%s, %v) = %s; want %s", tc.s, tc.alpha, got, tc.want)
		}
	}
}
