package pipeline_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// themeSite is a one-measure site asking for a theme it does not have,
// with data rows csv.
func themeSite(csv string) fstest.MapFS {
	return fstest.MapFS{
		"config.toml": {Data: []byte("title = \"T\"\ntheme = \"nowhere\"\n")},
		"content/scorecard.toml": {Data: []byte(`name = "Org"
[[objectives]]
id = "o"
perspective = "financial"
name = "O"
  [[objectives.measures]]
  id = "m"
  name = "M"
  polarity = "higher"
`)},
		"data/a.csv": {Data: []byte("unit,measure,period,actual,target,red,stretch\n" + csv)},
	}
}

// The theme is loaded beside the data, but a problem of the data is
// reported first, as when the theme was loaded after it; with good data,
// the theme's problem is the error, and the result is there.
func TestPrepareReportsTheDataBeforeTheTheme(t *testing.T) {
	ctx := context.Background()
	s, err := pipeline.Prepare(ctx, themeSite("org,m,2026-01,abc,1,,\n"), pipeline.Options{}, false)
	if err == nil || !strings.Contains(err.Error(), "data/a.csv:2:") || strings.Contains(err.Error(), "theme") {
		t.Errorf("bad data and a missing theme: %v; want the data's error alone", err)
	}
	if s.Theme != nil || s.Result != nil {
		t.Errorf("bad data: theme %v, result %v; want neither", s.Theme, s.Result)
	}
	s, err = pipeline.Prepare(ctx, themeSite("org,m,2026-01,5,1,,\n"), pipeline.Options{}, false)
	if want := `theme "nowhere" not found`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("good data and a missing theme: %v; want %q", err, want)
	}
	if s.Result == nil || s.Theme != nil {
		t.Errorf("good data, missing theme: result %v, theme %v; want a result and no theme", s.Result != nil, s.Theme)
	}
	if _, err := pipeline.Prepare(ctx, fstest.MapFS{"config.toml": {Data: []byte("title = \"T\"\n")}}, pipeline.Options{}, false); err == nil {
		t.Error("a site with no scorecard prepared without an error")
	}
}
