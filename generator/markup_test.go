package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/themes"
)

// Parts of the default theme are written in Go rather than as template
// actions, for speed (docs/performance.md): a chart's box and scripts
// (chartHTML), a measure page's head (HeadHTML), facts (FactsHTML) and
// the rest of it (SectionsHTML), a measure's row in a unit's scorecard
// (RowHTML), the period switcher (SwitcherHTML), the rows of an
// objective's tables (ComponentsHTML, DriversHTML, EffectsHTML) and of
// the tables of changes (ChangeRow's RowHTML, ChangesView's TablesHTML),
// a comparison's rows (CompareView's RowsHTML), and every page's frame
// (StartHTML, EndHTML). testdata/templates holds
// the templates they replace; TestMarkupInGoLikeTheTemplates builds sites
// with the default theme and with a theme of those templates, and every
// file of the two outputs is the same, in languages written either way
// and with hostile names.
func TestMarkupInGoLikeTheTemplates(t *testing.T) {
	old := map[string]string{"layouts/partials/chart.html": readFile(t, os.DirFS("testdata/templates"), "chart.html")}
	for _, r := range []struct{ file, call, template string }{
		{"layouts/measure.html", "{{.HeadHTML}}", "measure-head.html"},
		{"layouts/measure.html", "{{.FactsHTML}}", "measure-facts.html"},
		{"layouts/measure.html", "{{.SectionsHTML}}", "measure-sections.html"},
		{"layouts/baseof.html", "{{.StartHTML}}", "frame-start.html"},
		{"layouts/baseof.html", "{{.EndHTML}}", "frame-end.html"},
		{"layouts/partials/unit.html", "{{.RowHTML}}", "scorecard-measure-row.html"},
		{"layouts/partials/status.html", "{{.SwitcherHTML}}", "period-switcher.html"},
		{"layouts/objective.html", "{{.HeadHTML}}", "objective-head.html"},
		{"layouts/objective.html", "{{.SectionsHTML}}", "objective-sections.html"},
		{"layouts/objective.html", "{{$.Body.ComponentsHTML}}", "objective-components.html"},
		{"layouts/compare.html", "{{.RowsHTML}}", "compare-rows.html"},
		{"layouts/partials/causes.html", "{{$.RowsHTML}}", "causes-rows.html"},
		{"layouts/changes.html", "{{.TablesHTML}}", "change-tables.html"},
		{"layouts/partials/exceptions.html", "{{.RowHTML}}", "change-row.html"},
	} {
		text, ok := old[r.file]
		if !ok {
			text = readFile(t, themes.Default(), r.file)
		}
		if !strings.Contains(text, r.call) {
			t.Fatalf("%s no longer holds %s: update testdata/templates", r.file, r.call)
		}
		// Each file of testdata/templates ends in a line feed that the
		// template it was cut from did not have there.
		tpl := strings.TrimSuffix(readFile(t, os.DirFS("testdata/templates"), r.template), "\n")
		old[r.file] = strings.Replace(text, r.call, tpl, 1)
	}
	// The small site in English publishes one review period: a page
	// without a period switcher's links.
	type site struct {
		site, lang string
		periods    int    // [review] periods; 0 for the site's own
		base       string // base_url, for canonical links
	}
	cases := []site{{smallSite, "de", 0, ""}, {smallSite, "ar", 0, ""}, {smallSite, "en", 1, ""}, {hostileSite, "en", 0, ""},
		// A base URL that url.URL leaves ( ) and ' in, which html/template
		// percent-encodes in an href.
		{smallSite, "en", 0, "https://intranet.example/finance(emea)/o'neill"}}
	if !testing.Short() {
		cases = append(cases, site{"..", "en", 0, ""})
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s-%s-%d-%t", filepath.Base(c.site), c.lang, c.periods, c.base != ""), func(t *testing.T) {
			src := inLanguage(t, c.site, c.lang)
			if c.periods > 0 {
				writeFile(t, filepath.Join(src, "config.toml"), []byte(readFile(t, os.DirFS(src), "config.toml")+fmt.Sprintf("\n[review]\nperiods = %d\n", c.periods)))
			}
			if c.base != "" {
				writeFile(t, filepath.Join(src, "config.toml"), []byte(fmt.Sprintf("base_url = %q\n", c.base)+readFile(t, os.DirFS(src), "config.toml")))
			}
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

// TestBrokenMessageFailsEitherWay: a message of a theme's own translations
// that cannot be written (a placeholder no page gives) fails the build
// where the Go writers use it, as it failed the templates, whether the
// theme's change-table partial is the default's (written in Go) or its own
// (run as a template with the messages as arguments).
func TestBrokenMessageFailsEitherWay(t *testing.T) {
	for _, own := range []bool{false, true} {
		src := inLanguage(t, smallSite, "en")
		writeFile(t, filepath.Join(src, "themes", "mine", "i18n", "en.toml"), []byte("changes_status = \"Status changes {x}\"\n"))
		if own {
			text := readFile(t, themes.Default(), "layouts/partials/exceptions.html")
			text = strings.Replace(text, `{{define "change-table"}}`, `{{define "change-table"}}<!-- mine -->`, 1)
			writeFile(t, filepath.Join(src, "themes", "mine", "layouts", "partials", "exceptions.html"), []byte(text))
		}
		writeFile(t, filepath.Join(src, "config.toml"), []byte("theme = \"mine\"\n"+readFile(t, os.DirFS(src), "config.toml")))
		_, err := Build(context.Background(), Options{Source: src, Destination: filepath.Join(t.TempDir(), "public")})
		if err == nil || !strings.Contains(err.Error(), `message "changes_status": no value for {x}`) {
			t.Errorf("own change-table %v: build error %v; want one naming the message", own, err)
		}
	}
}
