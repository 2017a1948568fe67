package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
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
[[initiatives]]
id = "crm"
name = "CRM"
objectives = ["grow"]
start = 2026-01-01
end = 2026-12-31
budget = 1000
  [[initiatives.milestones]]
  name = "Pilot"
  due = 2026-04-30
  done = 2026-04-28
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
// inside a file of the site, within its lines and their columns (or at no
// file).
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
			if msg := outsideText(f.Data, d.Pos); msg != "" {
				t.Fatalf("%s: %v", msg, d)
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
	// A header in capitals, a decimal comma, a stray year.
	f.Add([]byte("Unit,MEASURE, Period ,Actual\norg,revenue,2026-09,\"0,935\"\norg,revenue,2026-08,1\norg,revenue,2062-09,1\n"))
	// Initiatives' progress: a percent sign, over 100, an unknown id, a
	// status in a spreadsheet's words, a measures' column.
	f.Add([]byte("unit,initiative,period,complete,spend,status\norg,crm,2026-08,55%,10,On track\norg,crm,2026-09,101,-1,late\norg,crn,2026-09,,,\n"))
	f.Add([]byte("unit,initiative,period,actual\norg,crm,2025-12,1\n"))
	f.Fuzz(func(t *testing.T, src []byte) { compileWith(t, "data/a.csv", src) })
}

// FuzzCheckSite runs check, as the command does, on a whole generated site
// with one of its files — a data file, a scorecard.toml or config.toml, picked
// by the input — replaced by the fuzzer's bytes. Check must not panic or
// hang, and every error and warning must point inside a file of the site.
func FuzzCheckSite(f *testing.F) {
	dir := f.TempDir()
	if _, err := gen.Generate(dir, gen.Params{Units: 3, Measures: 4, Months: 13, Seed: 1}); err != nil {
		f.Fatal(err)
	}
	var files []string
	originals := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if ext := filepath.Ext(p); ext == ".csv" || ext == ".toml" {
			files = append(files, filepath.ToSlash(rel))
			originals[filepath.ToSlash(rel)], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil || len(files) < 3 {
		f.Fatalf("%d files: %v", len(files), err)
	}
	for i, name := range files {
		f.Add(uint8(i), originals[name])
	}
	f.Fuzz(func(t *testing.T, pick uint8, content []byte) {
		name := files[int(pick)%len(files)]
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(p, originals[name], 0o644)
		rep, err := checkWithin(t, dir, 10*time.Second*raceFactor)
		var diags []diag.Diagnostic
		if rep != nil {
			diags = rep.Warnings
		}
		var errs *Errors
		if errors.As(err, &errs) {
			diags = append(diags, errs.List...)
		} else if err != nil {
			return // not an input error: a theme the site names, say
		}
		for _, d := range diags {
			if msg := outsideSource(dir, d); msg != "" {
				t.Fatalf("%s: %v", msg, d)
			}
		}
	})
}

// checkWithin runs Check on dir and fails the test when it panics or takes
// longer than limit.
func checkWithin(t *testing.T, dir string, limit time.Duration) (*Report, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	type result struct {
		rep *Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := Check(ctx, Options{Source: dir})
		done <- result{rep, err}
	}()
	select {
	case r := <-done:
		if errors.Is(r.err, context.DeadlineExceeded) {
			t.Fatalf("check took longer than %v", limit)
		}
		return r.rep, r.err
	case <-ctx.Done():
		t.Fatalf("check took longer than %v", limit)
	}
	return nil, nil
}

// outsideSource says what is wrong with d's position, if anything: a file
// that is not in the site, a line past its end, a column past its line's end.
func outsideSource(dir string, d diag.Diagnostic) string {
	if d.Pos.File == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(d.Pos.File)))
	if err != nil {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(d.Pos.File))); err == nil && d.Pos.Line == 0 {
			return "" // a folder
		}
		return "names no file of the site"
	}
	return outsideText(b, d.Pos)
}

// outsideText says what is wrong with pos as a position in the text b, if
// anything: a line past its end, a column past its line's end.
func outsideText(b []byte, pos diag.Pos) string {
	if pos.Line == 0 {
		return ""
	}
	lines := bytes.Split(b, []byte("\n"))
	if pos.Line > len(lines) || pos.Line < 0 {
		return fmt.Sprintf("line past the end (%d lines)", len(lines))
	}
	if n := len(lines[pos.Line-1]); pos.Col > n+1 || pos.Col < 0 {
		return fmt.Sprintf("column past the end of the line (%d bytes)", n)
	}
	return ""
}
