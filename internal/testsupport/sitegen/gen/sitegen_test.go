package gen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
)

// small is quick enough to generate twice in every run.
var small = Params{Units: 12, Measures: 10, Months: 14, Seed: 1}

// workloadM is the M benchmark workload.
var workloadM = Params{Units: 100, Measures: 30, Months: 36, Seed: 1}

func TestSameSeedSameBytes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	sa := mustGenerate(t, a, small)
	sb := mustGenerate(t, b, small)
	if sa != sb {
		t.Fatalf("Stats differ: %+v and %+v", sa, sb)
	}
	fa, fb := readTree(t, a), readTree(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if len(fa) != sa.Files {
		t.Errorf("%d files written, summary says %d", len(fa), sa.Files)
	}
}

func TestOtherSeedOtherSite(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	mustGenerate(t, a, small)
	other := small
	other.Seed = 2
	mustGenerate(t, b, other)
	fa, fb := readTree(t, a), readTree(t, b)
	if bytes.Equal(fa["content/scorecard.toml"], fb["content/scorecard.toml"]) {
		t.Error("seeds 1 and 2 gave the same root scorecard: the seed is not used")
	}
}

func TestSmallSiteChecks(t *testing.T) {
	dir := t.TempDir()
	st := mustGenerate(t, dir, small)
	mustCheck(t, dir, st)
}

// TestReviewPeriods: -review writes [review] periods into config.toml,
// which the build then publishes; without it the key is left out, so that
// the M and L workloads stay the sites they were.
func TestReviewPeriods(t *testing.T) {
	dir := t.TempDir()
	p := small
	p.Review = 1
	st := mustGenerate(t, dir, p)
	cfg, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(cfg), "\n[review]\nperiods = 1\n") {
		t.Errorf("config.toml ends %q, want it to end with [review] periods = 1", cfg[max(0, len(cfg)-60):])
	}
	mustCheck(t, dir, st)
	if strings.Contains(string(configTOML(small)), "[review]") {
		t.Error("config.toml has a [review] table without -review")
	}
	if err := (Params{Units: 3, Measures: 6, Months: 3, Review: MaxReview + 1}).Check(); err == nil || err.Error() != "-review 121: expected 1 to 120, or 0 for the default" {
		t.Errorf("Check of -review 121 = %v", err)
	}
}

// TestWorkloadM generates and checks the M workload; both take well under
// a second, so it runs with the other tests.
func TestWorkloadM(t *testing.T) {
	dir := t.TempDir()
	start := time.Now()
	st := mustGenerate(t, dir, workloadM)
	t.Logf("generated %+v in %v", st, time.Since(start))
	start = time.Now()
	mustCheck(t, dir, st)
	t.Logf("checked in %v", time.Since(start))
	if st.Units != 100 || st.Measures != 3000 {
		t.Errorf("got %+v", st)
	}
	assertFeatures(t, readTree(t, dir))
}

// assertFeatures makes sure a generated site exercises what it is for: a
// validator that accepts a site without formulas proves little.
func assertFeatures(t *testing.T, files map[string][]byte) {
	var toml, csv bytes.Buffer
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".toml"):
			toml.Write(data)
		case strings.HasSuffix(name, ".csv"):
			csv.Write(data)
		}
	}
	for _, want := range []string{
		`polarity = "lower"`, `polarity = "range"`, `frequency = "quarterly"`,
		`basis = "ytd"`, `aggregation = "sum"`, `aggregation = "average"`,
		`aggregation = "last"`, `aggregation = "min"`, `aggregation = "max"`,
		`formula = "(revenue - `, `rollup = "sum"`, `rollup = "average"`,
		`drives = [`, `supports = [`, `[[initiatives.milestones]]`,
		`target = `, `red = `, `stretch = `, `target_low = `, `tolerance = `,
	} {
		if !bytes.Contains(toml.Bytes(), []byte(want)) {
			t.Errorf("no scorecard.toml has %s", want)
		}
	}
	for _, re := range []string{
		`(?m),\d{4}-Q[1-4],`,           // quarterly periods
		`(?m),\d{4}-\d\d,,\d`,          // a gap: blank actual, with a target
		`(?m),\d{4}-\d\d,\d+\.?\d*,\d`, // per-period targets
	} {
		if !regexp.MustCompile(re).Match(csv.Bytes()) {
			t.Errorf("no CSV row matches %s", re)
		}
	}
	if !regexp.MustCompile(`supports = \["[a-z0-9_-]+/`).Match(toml.Bytes()) {
		t.Error("no objective supports an objective of a unit above its parent")
	}
	if regexp.MustCompile(`(?m),2026-Q4,|,2026-1[0-2],|\de[+-]?\d`).Match(csv.Bytes()) {
		t.Error("a CSV row is after 2026-09 or has an exponent")
	}
}

func TestRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, small); err == nil {
		t.Fatal("generated into a non-empty folder")
	}
	got, _ := os.ReadFile(filepath.Join(dir, "keep.txt"))
	if string(got) != "mine" {
		t.Errorf("keep.txt is now %q", got)
	}
}

func mustGenerate(t *testing.T, dir string, p Params) Stats {
	t.Helper()
	st, err := Generate(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// mustCheck runs scorecard's own checker, which validates and computes the
// whole site, and compares its counts with the generator's.
func mustCheck(t *testing.T, dir string, st Stats) {
	t.Helper()
	rep, err := generator.Check(context.Background(), generator.Options{Source: dir})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if rep.Units != st.Units || rep.Measures != st.Measures || rep.Rows != st.Rows {
		t.Errorf("check read %d units, %d measures, %d rows; generated %d, %d, %d",
			rep.Units, rep.Measures, rep.Rows, st.Units, st.Measures, st.Rows)
	}
}

// readTree reads every file below dir, by slash path relative to it.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
