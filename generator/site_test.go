package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallSite is a fixture with every page type and every kind of exception: a
// roll-up, a formula, quarterly and range measures, a stale red measure, an
// objective at risk, commentary, and initiatives in every phase: behind
// schedule and spending ahead of delivery, off track on a stepwise schedule
// and over budget, complete, not started; overdue milestones, and a red
// objective whose only initiative is complete.
const smallSite = "testdata/sites/small"

func buildSmall(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: smallSite, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	return dest
}

// TestPagesGolden compares one page of each type with its reviewed copy in
// testdata/golden/small (go test ./generator -update rewrites them).
func TestPagesGolden(t *testing.T) {
	dest := buildSmall(t)
	for _, page := range []string{
		"index.html",
		"units/ops/index.html",
		"units/org/objectives/grow.html",
		"units/org/objectives/delight.html",
		"units/ops/objectives/sell.html",
		"units/ops/measures/margin.html",
		"units/ops/measures/cost.html",
		"units/org/measures/engagement.html",
		"initiatives/index.html",
		"initiatives/org/crm.html",
		"initiatives/ops/automation.html",
		"exceptions/index.html",
		"alignment/index.html",
		"changes/index.html",
		"units/ops/changes.html",
		"data/scores.json",
	} {
		got, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata/golden/small", page), got)
	}
}

// TestPagesGoldenInLanguages builds the small site in German and in Arabic
// and compares pages of each kind with their reviewed copies in
// testdata/golden/small-<language>: every word from the language's
// translations, numbers, dates and periods as the language writes them,
// and the Arabic pages right to left; the comparisons and the search's
// words too.
func TestPagesGoldenInLanguages(t *testing.T) {
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			src := t.TempDir()
			if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
				t.Fatal(err)
			}
			cfg, err := os.ReadFile(filepath.Join(src, "config.toml"))
			if err != nil {
				t.Fatal(err)
			}
			cfg = append(cfg, "language = \""+lang+"\"\n"...)
			if err := os.WriteFile(filepath.Join(src, "config.toml"), cfg, 0o644); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			for _, page := range []string{
				"index.html",
				"units/ops/index.html",
				"units/org/objectives/grow.html",
				"units/org/objectives/delight.html",
				"units/ops/measures/margin.html",
				"units/org/measures/revenue.html",
				"units/org/measures/engagement.html",
				"initiatives/index.html",
				"initiatives/org/crm.html",
				"initiatives/ops/automation.html",
				"exceptions/index.html",
				"alignment/index.html",
				"changes/index.html",
				"units/ops/changes.html",
				"glossary/index.html",
				"periods/2026-08/units/ops/index.html",
				"compare/index.html",
				"units/org/compare.html",
				"data/search.js",
			} {
				got, err := os.ReadFile(filepath.Join(dest, page))
				if err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("testdata/golden/small-"+lang, page), got)
			}
		})
	}
}

// TestThemeOverridesFileByFile builds with a theme folder of the site's own
// that replaces one layout and the stylesheet; everything else comes from the
// built-in theme.
func TestThemeOverridesFileByFile(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	write := func(name, content string) {
		p := filepath.Join(src, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"Acme Scorecard\"\nfiscal_year_start = 7\ntheme = \"house\"\n")
	write("themes/house/static/assets/site.css", "body { color: rebeccapurple }\n")
	write("themes/house/layouts/exceptions.html", `{{define "main"}}<p class="house">{{len .Body.RedMeasures}} red</p>{{end}}`)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if css := read("assets/site.css"); css != "body { color: rebeccapurple }\n" {
		t.Errorf("site.css = %q; want the site's own", css)
	}
	if x := read("exceptions/index.html"); !strings.Contains(x, `<p class="house">1 red</p>`) || !strings.Contains(x, `class="masthead"`) {
		t.Errorf("exceptions page does not use the site's layout inside the default base:\n%s", x)
	}
	if js := read("assets/site.js"); !strings.Contains(js, "data-chart") {
		t.Error("site.js of the default theme is missing")
	}

	// The leftovers of editors and operating systems in the theme are not
	// published; a hidden file the theme means to publish is.
	write("themes/house/static/.DS_Store", "\x00\x00\x00\x01Bud1")
	write("themes/house/static/assets/._site.css", "\x00\x05\x16\x07")
	write("themes/house/static/assets/site.css~", "body {}\n")
	write("themes/house/static/assets/Thumbs.db", "\x00")
	write("themes/house/static/.htaccess", "Options -Indexes\n")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".DS_Store", "assets/._site.css", "assets/site.css~", "assets/Thumbs.db"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err == nil {
			t.Errorf("%s was published", name)
		}
	}
	if x := read(".htaccess"); x != "Options -Indexes\n" {
		t.Errorf(".htaccess = %q", x)
	}

	// A theme that exists nowhere is an error, and nothing is written.
	write("config.toml", "title = \"Acme\"\nfiscal_year_start = 7\ntheme = \"nowhere\"\n")
	_, err := Build(context.Background(), Options{Source: src, Destination: dest})
	if err == nil || !strings.Contains(err.Error(), `theme "nowhere" not found: expected a folder themes/nowhere/ in the site`) {
		t.Errorf("Build = %v; want a missing-theme error", err)
	}
	if x := read("exceptions/index.html"); !strings.Contains(x, "house") {
		t.Error("a failed build changed the previous output")
	}
}

// TestStaleMarkIsDrawn: the stale mark is an inline SVG, not the
// stopwatch character U+23F1, which no font of a plain Debian install has
// (it showed as an empty box): on no page of the example site, and drawn on
// the scorecard table and measure page of a stale measure and where an
// initiative's progress report is stale.
func TestStaleMarkIsDrawn(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for name, b := range tree(t, dest) {
		if strings.Contains(string(b), "\u23f1") {
			t.Errorf("%s holds the stopwatch character", name)
		}
	}
	for _, page := range []string{"units/procurement/index.html", "units/procurement/measures/supplier-audit-score.html",
		"initiatives/index.html", "initiatives/apac/apac-partner-program.html"} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); !strings.Contains(s, `class="stale"`) || !strings.Contains(s, `<svg class="icon"`) {
			t.Errorf("%s: the stale mark is not the drawn clock", page)
		}
	}
}
