package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/themes"
)

// Parts of the default theme are written in Go rather than as template
// actions, for speed (docs/performance.md): a chart's box and scripts
// (chartHTML), a measure's facts (FactsHTML) and a measure's row in a
// unit's scorecard (RowHTML). testdata/templates holds the templates they
// replace; TestMarkupInGoLikeTheTemplates builds sites with the default
// theme and with a theme of those templates, and every file of the two
// outputs is the same, in languages written either way and with hostile
// names.
func TestMarkupInGoLikeTheTemplates(t *testing.T) {
	facts := readFile(t, os.DirFS("testdata/templates"), "measure-facts.html")
	measure := readFile(t, themes.Default(), "layouts/measure.html")
	if !strings.Contains(measure, "{{.FactsHTML}}") {
		t.Fatal("layouts/measure.html no longer calls FactsHTML: update testdata/templates")
	}
	unit := readFile(t, themes.Default(), "layouts/partials/unit.html")
	row := readFile(t, os.DirFS("testdata/templates"), "scorecard-measure-row.html")
	if !strings.Contains(unit, "{{.RowHTML}}") {
		t.Fatal("layouts/partials/unit.html no longer calls RowHTML: update testdata/templates")
	}
	old := map[string]string{
		"layouts/partials/unit.html":  strings.Replace(unit, "{{.RowHTML}}", strings.TrimSuffix(row, "\n"), 1),
		"layouts/measure.html":        strings.Replace(measure, "{{.FactsHTML}}", strings.TrimSuffix(facts, "\n"), 1),
		"layouts/partials/chart.html": readFile(t, os.DirFS("testdata/templates"), "chart.html"),
	}
	cases := []struct{ site, lang string }{{smallSite, "de"}, {smallSite, "ar"}, {hostileSite, "en"}}
	if !testing.Short() {
		cases = append(cases, struct{ site, lang string }{"..", "en"})
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.site)+"-"+c.lang, func(t *testing.T) {
			src := inLanguage(t, c.site, c.lang)
			want := buildTree(t, src)
			for name, text := range old {
				writeFile(t, filepath.Join(src, "themes", "old", name), []byte(text))
			}
			config := filepath.Join(src, "config.toml")
			own := regexp.MustCompile(`(?m)^theme = .*\n`).ReplaceAllString(readFile(t, os.DirFS(src), "config.toml"), "")
			writeFile(t, config, []byte("theme = \"old\"\n"+own))
			got := buildTree(t, src)
			if err := sameTree(t, got, want); err != nil {
				t.Error(err)
			}
		})
	}
}

// buildTree builds src and returns every file of its output.
func buildTree(t *testing.T, src string) map[string][]byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	return tree(t, dest)
}
