package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// fuzzBase is a small valid site; each fuzz target replaces one of its files.
var fuzzBase = map[string]string{
	"config.toml": "title = \"T\"\n",
	"content/scorecard.toml": `name = "Org"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  target = 100
  [[objectives.measures]]
  id = "margin"
  name = "Margin"
  polarity = "higher"
  formula = "revenue / 2"
`,
	"content/sales/scorecard.toml": `name = "Sales"
[[objectives]]
id = "sell"
perspective = "customer"
name = "Sell"
supports = ["grow"]
  [[objectives.measures]]
  id = "deals"
  name = "Deals"
  polarity = "lower"
  basis = "ytd"
  aggregation = "sum"
  target = 5
`,
	"data/a.csv": "unit,measure,period,actual,target\norg,revenue,2026-08,90,\norg,revenue,2026-09,95,100\nsales,deals,2026-09,4,\n",
}

// compileWith compiles the base site with file replaced by content and checks
// what must hold for any input: no panic, and every diagnostic positioned
// inside a file of the site (or at no file).
func compileWith(t *testing.T, file string, content []byte) {
	fsys := fstest.MapFS{}
	for name, data := range fuzzBase {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	fsys[file] = &fstest.MapFile{Data: content}
	_, dl, _ := pipeline.Compile(context.Background(), fsys, pipeline.Options{})
	for _, sev := range []diag.Severity{diag.Error, diag.Warning} {
		for _, d := range dl.Sorted(sev) {
			if d.Pos.File == "" || d.Pos.Line == 0 {
				continue
			}
			f, ok := fsys[d.Pos.File]
			if !ok {
				continue // a folder, or a flag
			}
			lines := bytes.Count(f.Data, []byte("\n")) + 1
			if d.Pos.Line > lines+1 || d.Pos.Col < 0 {
				t.Fatalf("%v is outside %s (%d lines)", d, d.Pos.File, lines)
			}
		}
	}
}

// seed adds the base file and the example site's files of the same kind.
func seed(f *testing.F, base string, glob string) {
	f.Add([]byte(fuzzBase[base]))
	matches, _ := filepath.Glob(glob)
	for _, m := range matches {
		if b, err := os.ReadFile(m); err == nil {
			f.Add(b)
		}
	}
}

func FuzzScorecardTOML(f *testing.F) {
	seed(f, "content/scorecard.toml", "../content/*/scorecard.toml")
	f.Fuzz(func(t *testing.T, src []byte) { compileWith(t, "content/sales/scorecard.toml", src) })
}

func FuzzConfigTOML(f *testing.F) {
	seed(f, "config.toml", "../config.toml")
	f.Fuzz(func(t *testing.T, src []byte) { compileWith(t, "config.toml", src) })
}

func FuzzCSV(f *testing.F) {
	seed(f, "data/a.csv", "testdata/sites/*/data/*.csv")
	f.Add([]byte("\ufeffunit;measure;period;actual\r\norg;revenue;2026-09;1,5\r\n"))
	f.Add([]byte("unit,measure,period,actual\n\"org\n\",revenue,2026-09,\"1\"\"2\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) { compileWith(t, "data/a.csv", src) })
}
