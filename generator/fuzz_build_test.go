package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// FuzzBuildSite builds, as the command does and render included, a whole
// generated site with one of its files — a data file, a scorecard.toml or
// config.toml, picked by the input — replaced by the fuzzer's bytes. What
// must hold for any input:
//
//   - the build does not panic or hang (a panic in a page's job is an
//     "internal error", which fails too);
//   - an error for the input gives every problem a position inside a file
//     of the site;
//   - when check passes, so does the build: render finds nothing check did
//     not;
//   - nothing written holds a number that is not finite: data/scores.json
//     and every chart's JSON parse, no sparkline has a NaN coordinate, and
//     no page shows NaN or Inf unless the input's own text does.
//
// The seeds are the site's files and the numbers that used to break the
// build: a target of 1.7e308, actuals of 1e308 summed over the year and
// over the child units, a weight of 1e308, a formula beyond ±1.8e308.
func FuzzBuildSite(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "site")
	if _, err := gen.Generate(dir, gen.Params{Units: 3, Measures: 4, Months: 13, Seed: 1}); err != nil {
		f.Fatal(err)
	}
	files, originals := siteFiles(f, dir)
	for i, name := range files {
		f.Add(uint8(i), originals[name])
		for _, s := range numberSeeds(name, originals[name]) {
			f.Add(uint8(i), s)
		}
	}
	dest := filepath.Join(f.TempDir(), "public")
	f.Fuzz(func(t *testing.T, pick uint8, content []byte) {
		name := files[int(pick)%len(files)]
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(p, originals[name], 0o644)
		err := buildWithin(t, dir, dest, 20*time.Second*raceFactor)
		var errs *Errors
		switch {
		case errors.As(err, &errs):
			for _, d := range errs.List {
				if d.Pos.File == "" {
					t.Fatalf("an error without a position: %v", d)
				}
				if msg := outsideSource(dir, d); msg != "" {
					t.Fatalf("%s: %v", msg, d)
				}
			}
		case err != nil && strings.Contains(err.Error(), "internal error"):
			t.Fatalf("build: %v", err)
		case err != nil:
			if _, cerr := Check(context.Background(), Options{Source: dir}); cerr == nil {
				t.Fatalf("check passes, but the build fails: %v", err)
			}
		default:
			looseNumbers(t, dest, bytes.Contains(bytes.ToLower(content), []byte("nan")) || bytes.Contains(bytes.ToLower(content), []byte("inf")))
		}
	})
}

// siteFiles lists the CSV and TOML files of the site in dir, with their
// contents.
func siteFiles(f *testing.F, dir string) ([]string, map[string][]byte) {
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
	return files, originals
}

var (
	csvActual = regexp.MustCompile(`(?m)^([a-z0-9-]+,[a-z0-9-]+,[0-9Q-]+,)[0-9.]+`)
	csvTarget = regexp.MustCompile(`(?m)^([a-z0-9-]+,[a-z0-9-]+,[0-9Q-]+,[0-9.]*,)[0-9.]+`)
	tomlKey   = func(key string) *regexp.Regexp { return regexp.MustCompile(`(?m)^(\s*` + key + ` = )[0-9.]+`) }
)

// numberSeeds are the file with the numbers that once made the build
// overflow: every actual 1e308 (summed over the year and over units), every
// target 1.7e308 (whose default stretch is beyond), a weight of 1e308, a
// formula measure beyond ±1.8e308.
func numberSeeds(name string, b []byte) [][]byte {
	var out [][]byte
	add := func(re *regexp.Regexp, repl string) {
		if s := re.ReplaceAll(b, []byte(repl)); !bytes.Equal(s, b) {
			out = append(out, s)
		}
	}
	switch filepath.Ext(name) {
	case ".csv":
		add(csvActual, "${1}1e308")
		add(csvTarget, "${1}1.7e308")
	case ".toml":
		add(tomlKey("target"), "${1}1.7e308")
		add(tomlKey("weight"), "${1}1e308")
		if bytes.Contains(b, []byte(`id = "share-of-wallet"`)) {
			// 1e307 written out, for a formula has no exponents: times the
			// share (about 0.27) and 1000, 2.7e309.
			huge := "1" + strings.Repeat("0", 307)
			formula := "\n  [[objectives.measures]]\n  id = \"overflow\"\n  name = \"Overflow\"\n  polarity = \"higher\"\n  target = 1\n  formula = \"share-of-wallet * " + huge + " * 1000\"\n"
			out = append(out, bytes.Replace(b, []byte("\n[[objectives]]\nid = \"deliver-on-promises\""), []byte(formula+"\n[[objectives]]\nid = \"deliver-on-promises\""), 1))
		}
	}
	return out
}

// buildWithin runs Build from src into dest and fails the test when it
// panics or takes longer than limit.
func buildWithin(t *testing.T, src, dest string, limit time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	type result struct {
		err   error
		panic string
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
			}
		}()
		_, err := Build(ctx, Options{Source: src, Destination: dest})
		done <- result{err: err}
	}()
	select {
	case r := <-done:
		if r.panic != "" {
			t.Fatalf("build panicked: %s", r.panic)
		}
		if errors.Is(r.err, context.DeadlineExceeded) {
			t.Fatalf("build took longer than %v", limit)
		}
		return r.err
	case <-ctx.Done():
		t.Fatalf("build took longer than %v", limit)
	}
	return nil
}

var (
	jsonScript = regexp.MustCompile(`(?s)<script type="application/json" data-chart-[a-z]+="[^"]*">(.*?)</script>`)
	anyScript  = regexp.MustCompile(`(?s)<script.*?</script>`)
	badCoord   = regexp.MustCompile(`(points|cx|cy)="[^"]*(NaN|Inf)`)
	badNumber  = regexp.MustCompile(`NaN|[+-]Inf|&#43;Inf|Infinity`)
)

// looseNumbers fails the test when the site in dest holds a number that is
// not finite: scores.json or a chart's JSON that does not parse (JSON has no
// NaN or Inf), a sparkline coordinate, or, unless textHasThem (the input's
// own text may say "NaN"), the words on a page.
func looseNumbers(t *testing.T, dest string, textHasThem bool) {
	t.Helper()
	scores, err := os.ReadFile(filepath.Join(dest, "data", "scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(scores) {
		t.Fatalf("data/scores.json is not JSON: %s", firstMatch(badNumber, scores))
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		for _, m := range jsonScript.FindAllSubmatch(page, -1) {
			if !json.Valid(m[1]) {
				t.Fatalf("%s: a chart's JSON does not parse: %s", rel, firstMatch(badNumber, m[1]))
			}
		}
		if m := badCoord.Find(page); m != nil {
			t.Fatalf("%s: a sparkline at %s", rel, m)
		}
		if m := badNumber.Find(anyScript.ReplaceAll(page, nil)); m != nil && !textHasThem {
			t.Fatalf("%s: %s on the page: %s", rel, m, firstMatch(regexp.MustCompile(`.{0,60}`+regexp.QuoteMeta(string(m))+`.{0,20}`), page))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func firstMatch(re *regexp.Regexp, b []byte) string {
	if m := re.Find(b); m != nil {
		return string(m)
	}
	return "(no NaN or Inf in it)"
}
