package generator

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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

// mapOnScreen reads the strategy map of the page as it is shown: the scale
// site.js gave it, whether its frame scrolls and takes focus, how many
// objectives' names lie inside the frame's visible part, and the link a
// click on the middle of the first name would follow (the chart's click
// handlers replaced by one that records it, so the page stays).
const mapOnScreen = `(async () => {
	const el = document.querySelector("[data-fit]"), frame = el.parentNode.parentNode;
	frame.scrollIntoView();
	const box = frame.getBoundingClientRect();
	const names = Array.from(el.querySelectorAll("svg text")).filter(t => /Raise share|Grow revenue|Use assets|Keep customers|Offer the best/.test(t.textContent));
	const seen = names.filter(t => { const r = t.getBoundingClientRect(); return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom; });
	const links = JSON.parse(document.querySelector('script[data-chart-links="' + el.id + '"]').textContent);
	const chart = echarts.getInstanceByDom(el);
	let clicked = "";
	chart.off("click");
	chart.on("click", p => { clicked = links[p.dataIndex]; });
	const r = names[0].getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
	const target = document.elementFromPoint(x, y), at = {clientX: x, clientY: y, bubbles: true};
	for (const type of ["mousedown", "mouseup", "click"]) target.dispatchEvent(new MouseEvent(type, at));
	await new Promise(done => setTimeout(done, 100));
	return [el.style.transform || "none", frame.scrollWidth > frame.clientWidth, frame.getAttribute("tabindex"), seen.length, names[0].textContent, clicked].join(" | ");
})()`

// TestStrategyMapOnScreen opens the dense site's map as on a desktop
// 1,280 pixels wide and as on a phone 390 wide. On the desktop the map
// shrinks to fit its frame, which does not scroll and so takes no focus; on
// the phone it shrinks no further than 0.7, and its frame pans and takes
// focus, with the first objectives in view. Either way a click on a box,
// scaled, opens that box's objective.
func TestStrategyMapOnScreen(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()
	dense := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: denseSite, Destination: dense}); err != nil {
		t.Fatal(err)
	}
	page := []string{filepath.Join(dense, "units/org/index.html")}
	for _, tc := range []struct {
		width int
		want  *regexp.Regexp
	}{
		{1280, regexp.MustCompile(`^scale\(0\.[89]\d*\) \| false \|  \| 6 \| Raise share of \| ../../units/org/objectives/share-of-wallet.html$`)},
		{390, regexp.MustCompile(`^scale\(0\.7\) \| true \| 0 \| [23] \| Raise share of \| ../../units/org/objectives/share-of-wallet.html$`)},
	} {
		reports, err := sitecheck.BrowseWith(ctx, chromium, page, sitecheck.Options{Width: tc.width, Script: mapOnScreen})
		if err != nil {
			t.Fatal(err)
		}
		r := reports[0]
		if !tc.want.MatchString(r.Script) || len(r.Problems()) > 0 {
			t.Errorf("%d wide: %q, problems %v; want %v", tc.width, r.Script, r.Problems(), tc.want)
		}
	}
}

// rightToLeft reads how a page runs: its direction, the transform of its
// first sparkline, and for each chart over time whether its time axis runs
// leftwards and which side its value or name axis is on, as ECharts was
// told and drew it.
const rightToLeft = `(() => {
	const spark = document.querySelector(".spark");
	const axes = Array.from(document.querySelectorAll("[data-chart]")).map(el => {
		const o = echarts.getInstanceByDom(el).getOption();
		if (!o.xAxis || !o.yAxis || o.series.some(s => s.type === "graph")) return "";
		return (o.xAxis[0].inverse ? "leftwards" : "rightwards") + "/" + (o.yAxis[0].position || "left") +
			(o.legend && o.legend[0] && o.legend[0].show !== false ? "/" + (o.legend[0].align || "auto") : "");
	}).filter(s => s);
	return [document.documentElement.dir, spark ? getComputedStyle(spark).transform : "-", [...new Set(axes)].join(",")].join(" | ");
})()`

// rtlPages are a page of each kind of the example site with a chart or a
// sparkline, the exceptions page, the pages of changes and the glossary,
// and a measure's page (its year-to-date chart) in an earlier review.
var rtlPages = []string{
	"index.html",
	"units/operations/index.html",
	"units/org/objectives/grow-revenue.html",
	"units/org/measures/revenue.html",
	"initiatives/index.html",
	"initiatives/sales/crm-rollout.html",
	"exceptions/index.html",
	"changes/index.html",
	"units/operations/changes.html",
	"glossary/index.html",
	"periods/2026-08/units/org/measures/revenue.html",
	"pack/index.html",
}

// TestRightToLeftInTheBrowser opens a page of each type that draws
// (rtlPages) of the example site built in Arabic in Chromium, as on a desktop and as on a phone 390
// pixels wide in the dark scheme: no page that scrolls sideways, no console
// error, every chart drawn (axe-core runs on the English pages,
// TestAccessibility; here it would double the suite's longest test). Each
// page runs right to left; sparklines are mirrored; every chart over time
// (history, score, progress, spend, the initiatives' timeline) runs
// leftwards, its values or names on the right and its legend's marks on
// the right of their names.
func TestRightToLeftInTheBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()
	example := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: inLanguage(t, "..", "ar"), Destination: example}); err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, p := range rtlPages {
		pages = append(pages, filepath.Join(example, p))
	}
	want := regexp.MustCompile(`^rtl \| (-|matrix\(-1, 0, 0, 1, 0, 0\)) \| (leftwards/right(/right)?(,|$))*$`)
	for _, o := range []sitecheck.Options{{Script: rightToLeft}, {Width: 390, Dark: true, Script: rightToLeft}} {
		reports, err := sitecheck.BrowseWith(ctx, chromium, pages, o)
		if err != nil {
			t.Fatalf("%d wide: %v", o.Width, err)
		}
		for _, r := range reports {
			rel, _ := filepath.Rel(example, r.Page)
			for _, p := range r.Problems() {
				t.Errorf("%d wide: %s", o.Width, strings.TrimPrefix(p, example+"/"))
			}
			if !want.MatchString(r.Script) {
				t.Errorf("%d wide: %s runs %q", o.Width, rel, r.Script)
			}
			if strings.HasPrefix(rel, "units/") && strings.HasSuffix(rel, "/index.html") && !strings.Contains(r.Script, "matrix(-1") {
				t.Errorf("%s: its sparklines are not mirrored: %q", rel, r.Script)
			}
		}
	}
}

// axisLabels are the numbers of a page's charts' axes, as drawn, by chart.
const axisLabels = `(() => [...document.querySelectorAll("[data-chart]")].map(el =>
	el.id + ": " + [...el.querySelectorAll("svg text")].map(t => t.textContent).filter(s => /^-?[\d.,]+(K|M|B|T|%)?$/.test(s)).join(" ")
).join("\n"))()`

// TestChartAxesAreCompact: the value axis of a chart of millions says
// "120M", in the page language's short form as the page's tiles do, not
// "120,000,000"; a percentage axis stays as the measure's format has it. The example's revenue is in the
// tens of millions a year, its gross margin about 38%.
func TestChartAxesAreCompact(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()
	site := filepath.Join(t.TempDir(), "public")
	if _, err := Build(ctx, Options{Source: "..", Destination: site}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]*regexp.Regexp{
		"units/org/measures/revenue.html":          regexp.MustCompile(`(?m)^ytd-org-revenue: 0 20M 40M 60M 80M 100M 120M 140M$`),
		"units/org/measures/gross-margin-pct.html": regexp.MustCompile(`(?m)^history-org-gross-margin-pct: (\d\d(\.\d)?% )+\d\d(\.\d)?%$`),
	} {
		reports, err := sitecheck.BrowseWith(ctx, chromium, []string{filepath.Join(site, page)}, sitecheck.Options{Script: axisLabels})
		if err != nil {
			t.Fatal(err)
		}
		if r := reports[0]; !want.MatchString(r.Script) || len(r.Problems()) > 0 {
			t.Errorf("%s: axes\n%s\nproblems %v; want %v", page, r.Script, r.Problems(), want)
		}
	}
}
