package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// TestBrowser opens the built sites in headless Chromium from file:// with
// the network off (sitecheck.Browse): one page of every type of the example
// site, and every page of the hostile one. No page may log a console error,
// make a request that fails, or open a dialog, and every chart must have
// drawn its SVG. On the hostile site a dialog is the proof that an author's
// alert(…) ran. Without Chromium the test skips, except in CI.
func TestBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()

	example := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: "..", Destination: example}); err != nil {
		t.Fatal(err)
	}
	exampleTypes := browsertest.ExamplePages()
	var pages []string
	for p := range exampleTypes {
		pages = append(pages, filepath.Join(example, p))
	}
	// scorecard pack writes the same pack as build; should they part, the
	// standalone one is opened too.
	pack := filepath.Join(t.TempDir(), "pack.html")
	if _, _, err := Pack(ctx, PackOptions{Source: "..", Output: pack}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(pack)
	b, _ := os.ReadFile(filepath.Join(example, "pack/index.html"))
	if !bytes.Equal(a, b) {
		pages = append(pages, pack)
		exampleTypes[pack] = true
	}

	hostile := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: hostileSite, Destination: hostile}); err != nil {
		t.Fatal(err)
	}
	hostilePages := 0
	err := filepath.WalkDir(hostile, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
			hostilePages++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if hostilePages < 8 {
		t.Fatalf("the hostile site has only %d pages", hostilePages)
	}

	start := time.Now()
	reports, err := sitecheck.Browse(ctx, chromium, pages)
	t.Logf("%d pages in %v", len(pages), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != len(pages) {
		t.Fatalf("%d reports for %d pages", len(reports), len(pages))
	}
	for _, r := range reports {
		for _, p := range r.Problems() {
			t.Error(strings.TrimPrefix(p, filepath.Dir(filepath.Dir(example))+"/"))
		}
		rel, err := filepath.Rel(example, r.Page)
		if err == nil && exampleTypes[filepath.ToSlash(rel)] && r.ChartsTotal == 0 {
			t.Errorf("%s: no chart on a page that has charts", rel)
		}
	}
}

// denseSite has one unit with a strategy map of 24 objectives in three
// themes and 35 drives links (the dense fixture of package maplayout).
const denseSite = "testdata/sites/dense"

// TestAccessibility opens a page of every type (browsertest.ExamplePages, the
// alignment page, the pack and the dense site's map) in Chromium, as on a
// desktop and as on a phone 390 pixels wide, each in the light and the
// dark scheme, and runs axe-core on each (WCAG 2.1 A and AA and axe's best
// practices): no violation, no page that scrolls sideways, no console
// error, every chart drawn. It runs with the whole suite (CI=true), as the
// other browser tests do: it takes about a minute.
func TestAccessibility(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()
	example := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: "..", Destination: example}); err != nil {
		t.Fatal(err)
	}
	dense := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: denseSite, Destination: dense}); err != nil {
		t.Fatal(err)
	}
	pages := []string{filepath.Join(dense, "units/org/index.html")}
	for p := range browsertest.ExamplePages() {
		pages = append(pages, filepath.Join(example, p))
	}
	slices.Sort(pages)
	for _, o := range []sitecheck.Options{
		{Axe: true}, {Axe: true, Dark: true},
		{Axe: true, Width: 390}, {Axe: true, Width: 390, Dark: true},
	} {
		reports, err := sitecheck.BrowseWith(ctx, chromium, pages, o)
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		for _, r := range reports {
			for _, p := range r.Problems() {
				t.Errorf("%+v: %s", o, strings.TrimPrefix(p, filepath.Dir(filepath.Dir(example))+"/"))
			}
		}
	}
}
