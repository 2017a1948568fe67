// Package browsertest holds what the tests that start Chromium share: the
// browser to test with, and proof that it left nothing behind.
package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/scorecard-dev/scorecard/internal/pdf"
	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// Chromium returns the browser to test with (pdf.Find). The browser tests
// run with the whole suite only (testenv.Full); there, a missing Chromium
// is a failure.
func Chromium(t testing.TB) string {
	t.Helper()
	testenv.NeedFull(t, "a test in headless Chromium")
	c, err := pdf.Find("")
	if err != nil {
		t.Fatalf("the browser tests need Chromium: %v", err)
	}
	return c
}

// TempDir points the temporary folder at an empty one for the test and
// returns it, so that the test can see what the browser left there. Its path
// is short, unlike t.TempDir's, so that pdf.Scratch puts everything in
// it. Make the test's own files before calling it.
func TempDir(t testing.TB) string {
	t.Helper()
	tmp, err := os.MkdirTemp("", "bt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	return tmp
}

// AssertNothingLeft fails the test if anything of the browser remains: a
// file in the temporary folder tmp, or a process whose command line names it.
func AssertNothingLeft(t testing.TB, tmp string) {
	t.Helper()
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left in the temporary folder: %s", strings.Join(names, ", "))
	}
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return // not Linux: the folder is what we can check
	}
	for _, p := range procs {
		cmdline, err := os.ReadFile(filepath.Join("/proc", p.Name(), "cmdline"))
		if err == nil && strings.Contains(string(cmdline), tmp) {
			t.Errorf("process %s still runs: %s", p.Name(), strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
}

// Args returns the command line that the allocator options give Chromium. It
// starts a stand-in for Chromium that writes its arguments down and exits,
// so that nothing is opened.
func Args(t testing.TB, opts []chromedp.ExecAllocatorOption) []string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in for Chromium is a shell script")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "args")
	fake := filepath.Join(dir, "chromium")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + out + "'\nexit 1\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, chromedp.ExecPath(fake))...)
	defer cancelAlloc()
	// The stand-in's end is expected: chromedp need not log it.
	bctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	defer cancel()
	if err := chromedp.Do(bctx); err == nil {
		t.Fatal("the stand-in for Chromium started")
	}
	args, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(args), "\n"), "\n")
}

// ExamplePages lists a page of every type, and of each kind of measure, of
// the example site at the root of the repository, by path in its output.
// The value says whether the page has charts: a page that should have them
// and has none would otherwise pass with nothing drawn.
func ExamplePages() map[string]bool {
	return map[string]bool{
		"index.html":                                           true, // home
		"units/org/index.html":                                 true, // the root unit
		"units/operations/index.html":                          true, // a unit with a parent and children
		"units/fulfilment/index.html":                          true, // a leaf unit
		"units/org/objectives/grow-revenue.html":               true,
		"units/org/measures/revenue.html":                      true, // monthly, year to date
		"units/operations/measures/on-time-delivery.html":      true, // monthly, per period
		"units/org/measures/nps.html":                          true, // quarterly
		"units/org/measures/engagement-index.html":             true, // annual
		"units/org/measures/gross-margin-pct.html":             true, // a formula, one period undefined
		"units/apac/measures/revenue.html":                     true, // no actual for 2025-06: a gap
		"units/operations/measures/inventory-days.html":        true, // no target
		"units/procurement/measures/supplier-audit-score.html": true, // stale
		"initiatives/index.html":                               true, // each unit's timeline
		"initiatives/sales/crm-rollout.html":                   true, // progress and spend
		"initiatives/fulfilment/slotting-optimisation.html":    true, // over budget
		"exceptions/index.html":                                false,
		"alignment/index.html":                                 false,
		"pack/index.html":                                      true,
		"changes/index.html":                                   false, // since the last review
		"units/sales/changes.html":                             false,
		"glossary/index.html":                                  false,
		"periods/2026-08/units/org/measures/revenue.html":      true, // an earlier review period
		"periods/2026-06/pack/index.html":                      true,
	}
}
