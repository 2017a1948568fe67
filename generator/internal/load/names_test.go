package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

func TestLeftovers(t *testing.T) {
	for _, name := range []string{
		".DS_Store", "._a.csv", "~$budget.xlsx", ".~lock.a.csv#", ".#2026-09.md",
		"#2026-09.md#", "a.csv~", "scorecard.toml~", "a.md.swp", ".a.md.swo", "x.swx",
		"Thumbs.db", "thumbs.db", "desktop.ini", "__MACOSX",
	} {
		if !Leftover(name) || !Ignored(name) {
			t.Errorf("%q is not a leftover", name)
		}
	}
	for _, name := range []string{"a.csv", "2026-09.md", "scorecard.toml", "#", "a#b", "style.css", ".htaccess", "well~known.css.map"} {
		if Leftover(name) {
			t.Errorf("%q is a leftover", name)
		}
	}
	if !Ignored(".htaccess") || !Ignored(".github") {
		t.Error("a hidden file below content/ or data/ is read")
	}
}

func TestInputNamesWhatTheBuildReads(t *testing.T) {
	for rel, want := range map[string]bool{
		"config.toml":                          true,
		"content/scorecard.toml":               true,
		"content/sales/emea/scorecard.toml":    true,
		"content/index.md":                     true,
		"content/notes/2026-09.md":             true,
		"content/notes/2026-09/revenue.md":     true,
		"data/a.csv":                           true,
		"data/2026/A.CSV":                      true,
		"data/budget.xlsx":                     true, // warned of
		"themes/house/layouts/home.html":       true,
		"themes/house/layouts/partials/x.html": true,
		"themes/house/static/css/site.css":     true,
		"themes/house/static/.htaccess":        true,
		"README.md":                            false,
		"public/index.html":                    false,
		"scorecard.toml":                       false,
		"content/video.mp4":                    false,
		"content/notes/chart.png":              false,
		"content/notes/.#2026-09.md":           false,
		"content/notes/2026-09.md~":            false,
		"content/.hidden/scorecard.toml":       false,
		"data/~$a.csv":                         false,
		"data/._a.csv":                         false,
		"data/notes.txt":                       false,
		"themes/house/README.md":               false,
		"themes/house/screenshot.png":          false,
		"themes/house/static/.DS_Store":        false,
		"themes/house/static/css/site.css~":    false,
		"themes/readme.md":                     false,
	} {
		if got := Input(rel); got != want {
			t.Errorf("Input(%q) = %v, want %v", rel, got, want)
		}
	}
}

// TestSpreadsheetsInDataAreWarnedOf: a spreadsheet other than an .xlsx
// workbook is not read; the warning names it and says to save it as .xlsx
// or CSV. A Numbers document may be a folder. An .xlsx workbook is a data
// file.
func TestSpreadsheetsInDataAreWarnedOf(t *testing.T) {
	fsys := site(fstest.MapFS{
		"data/budget.xlsx":             {Data: []byte("PK\x03\x04")},
		"data/~$budget.xlsx":           {Data: []byte("lock")},
		"data/2026/old.XLS":            {Data: []byte("\xd0\xcf\x11\xe0")},
		"data/plan.ods":                {Data: []byte("PK\x03\x04")},
		"data/plan.numbers/Index.zip":  {Data: []byte("PK\x03\x04")},
		"data/plan.numbers/Data/a.csv": {Data: []byte("not,a,data,file\n")},
	})
	var dl diag.List
	s := Load(fsys, &dl)
	var got []string
	for _, d := range dl.Sorted(diag.Warning) {
		got = append(got, d.String())
	}
	const msg = `: warning: a spreadsheet file that the build does not read: save it as an Excel Workbook (.xlsx), or the sheet as CSV, into data/ (in LibreOffice: Save As → Excel 2007-365; in Excel: Save As → Excel Workbook)`
	want := []string{"data/2026/old.XLS" + msg, "data/plan.numbers" + msg, "data/plan.ods" + msg}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if dl.HasErrors() || !slices.Equal(s.CSVFiles, []string{"data/a.csv", "data/budget.xlsx"}) {
		t.Errorf("errors %v, data files %v", dl.Err(), s.CSVFiles)
	}
}

func TestSkipped(t *testing.T) {
	for rel, want := range map[string]bool{
		"config.toml":                     false,
		"content":                         false,
		"content/sales":                   false,
		"content/.git":                    true,
		"content/.git/objects":            true,
		"content/sales~/scorecard.toml":   true,
		"data/__MACOSX":                   true,
		"data/2026":                       false,
		"themes/house/static/.well-known": false,
		"themes/house/static/.DS_Store":   true,
		"public":                          true,
		"public/index.html":               true,
		"README.md":                       true,
		"config.toml/x":                   true,
	} {
		if got := Skipped(rel); got != want {
			t.Errorf("Skipped(%q) = %v, want %v", rel, got, want)
		}
	}
}
