package generator

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// searchResult is what searchScript reads of the search box.
type searchResult struct {
	Ms      float64  // from focusing the box to the results shown
	Status  string   // what the box's status says
	Shown   bool     // whether the results are on screen
	Items   []string // "Kind | Name | Where | absolute URL"
	Focused string   // the text of the element focused after ArrowDown
	Markup  int      // elements in the results other than the theme's
}

// searchScript types query into the search box of the page, waits for the
// results (the index is loaded on the first focus) and reads them; then it
// presses ArrowDown and notes where the focus went.
func searchScript(query string) string {
	q, _ := json.Marshal(query)
	return `(async () => {
	const input = document.querySelector("#search-q"), status = document.querySelector("#search-status");
	const t0 = performance.now();
	input.focus();
	input.value = ` + string(q) + `;
	input.dispatchEvent(new Event("input"));
	for (let i = 0; i < 400 && !/results?$/.test(status.textContent); i++) await new Promise(r => setTimeout(r, 10));
	const ms = performance.now() - t0;
	const list = document.querySelector("#search-results");
	const items = Array.from(list.querySelectorAll("a")).map(a => Array.from(a.children).map(c => c.textContent).join(" | ") + " | " + a.href);
	const markup = list.querySelectorAll("*:not(li):not(a):not(span)").length;
	input.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowDown", bubbles: true}));
	const focused = Array.from(document.activeElement.children).map(c => c.textContent).join(" | ");
	return JSON.stringify({Ms: ms, Status: status.textContent, Shown: !list.hidden, Items: items, Focused: focused, Markup: markup});
})()`
}

// browseSearch opens each page with the search script for query.
func browseSearch(t *testing.T, chromium string, pages []string, query string) []searchResult {
	t.Helper()
	reports, err := sitecheck.BrowseWith(context.Background(), chromium, pages, sitecheck.Options{Script: searchScript(query)})
	if err != nil {
		t.Fatal(err)
	}
	var out []searchResult
	for _, r := range reports {
		for _, p := range r.Problems() {
			t.Error(p)
		}
		var sr searchResult
		if err := json.Unmarshal([]byte(r.Script), &sr); err != nil {
			t.Fatalf("%s: %v: %q", r.Page, err, r.Script)
		}
		out = append(out, sr)
	}
	return out
}

// itemPage is the file a result's absolute file:// URL names.
func itemPage(t *testing.T, item string) string {
	t.Helper()
	u, err := url.Parse(item[strings.LastIndex(item, " | ")+3:])
	if err != nil || u.Scheme != "file" {
		t.Fatalf("%q: not a file URL", item)
	}
	return u.Path
}

// TestSearchInBrowser types into the search box of the example site, from
// disk with the network off, on the home page, on a page three folders
// down and on that page of an earlier review: the same results, best first, each linking its page from where it
// is shown; ArrowDown moves to the first; axe finds nothing wrong with the
// results open. Served under a sub-path the box
// finds the same. On the hostile site the names found are text: no element
// of theirs, no dialog.
func TestSearchInBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	dest := buildSite(t, "..")
	// The third page is of an earlier review: one index serves every
	// review, and its results are that review's pages.
	pages := []string{filepath.Join(dest, "index.html"), filepath.Join(dest, "units/sales/measures/revenue.html"), filepath.Join(dest, "periods/2026-08/units/sales/measures/revenue.html")}
	homes := []string{dest, dest, filepath.Join(dest, "periods/2026-08")}
	// "apac" is in the name of their unit, Sales APAC, which alone (a
	// unit's measures are not found by their unit's name) is not found
	// for "revenue"; the shorter name first.
	want := []string{
		"Measure | Revenue | Sales APAC, Sales",
		"Measure | Share of revenue through partners | Sales APAC, Sales",
	}
	for i, r := range browseSearch(t, chromium, pages, "revenue apac") {
		var items []string
		for _, it := range r.Items {
			items = append(items, it[:strings.LastIndex(it, " | ")])
			if _, err := os.Stat(itemPage(t, it)); err != nil {
				t.Errorf("%s: %s: %v", pages[i], it, err)
			}
		}
		if !r.Shown || r.Status != "2 results" || !slices.Equal(items, want) || r.Focused != want[0] {
			t.Errorf("%s: %+v; want %q, focus on the first", pages[i], r, want)
		}
		if got, want := itemPage(t, r.Items[0]), filepath.Join(homes[i], "units/apac/measures/revenue.html"); got != want {
			t.Errorf("%s: the first result leads to %s; want %s", pages[i], got, want)
		}
	}

	// With the results open, the page passes axe, as on a desktop and as
	// on a phone, light and dark.
	for _, o := range []sitecheck.Options{{Width: 1280}, {Width: 1280, Dark: true}, {Width: 390}, {Width: 390, Dark: true}} {
		o.Axe, o.Script = true, searchScript("revenue")
		reports, err := sitecheck.BrowseWith(context.Background(), chromium, pages[:1], o)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range reports[0].Problems() {
			t.Errorf("%d wide, dark %v, results open: %s", o.Width, o.Dark, p)
		}
	}

	const prefix = "/strategy/2026/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dest))))
	// The browser asks for one by itself; a 404 would be a console error.
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, r := range browseSearch(t, chromium, []string{srv.URL + prefix + "units/org/objectives/grow-revenue.html"}, "revenue apac") {
		if len(r.Items) != 2 || !strings.HasSuffix(r.Items[0], prefix+"units/apac/measures/revenue.html") {
			t.Fatalf("under %s: %+v", prefix, r)
		}
		res, err := srv.Client().Get(r.Items[0][strings.LastIndex(r.Items[0], " | ")+3:])
		if err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("under %s: the first result: %v %v", prefix, err, res)
		}
	}

	hostile := buildSite(t, hostileSite)
	for _, r := range browseSearch(t, chromium, []string{filepath.Join(hostile, "index.html")}, "alert") {
		joined := strings.Join(r.Items, "\n")
		for _, name := range []string{"<img src=x onerror=alert('unit')>", "<iframe src=javascript:alert('initiative')>", "'; alert('measure'); //\" </script>"} {
			if !strings.Contains(joined, name) {
				t.Errorf("the hostile site's search does not show %q as text:\n%s", name, joined)
			}
		}
		if r.Markup != 0 {
			t.Errorf("the hostile site's results hold %d elements of their own", r.Markup)
		}
	}
}

// sortScript clicks the headings of the comparison's table in turn and
// reads the order of the units after each click, with the heading's
// aria-sort.
const sortScript = `(async () => {
	const table = document.querySelector("table.league"), out = [];
	const order = () => Array.from(table.tBodies[0].rows).map(r => r.cells[1].textContent).join(",");
	for (const [name, as] of [["Sales", "Sales"], ["Sales", "Sales"], [SCORE, "Score"], [RANK, "Rank"]]) {
		const th = Array.from(table.tHead.rows[0].cells).find(c => c.textContent.trim().startsWith(name));
		th.querySelector("button").click();
		out.push(as + " " + th.getAttribute("aria-sort") + ": " + order());
	}
	return out.join("\n");
})()`

// sortScriptIn is sortScript for a page whose headings of the score and
// the rank are score and rank.
func sortScriptIn(score, rank string) string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return strings.NewReplacer("SCORE", q(score), "RANK", q(rank)).Replace(sortScript)
}

// leagueOrder is the order sortScript reads on the league site's level 2.
// Sales scores: Westbury 10, Eastport 25/3, Easton 20/3, Weston 10/3,
// Westmoor none. Unit scores: Eastport = Easton 20/3 (tied, the site's
// order), Westbury 55/9, Weston 5.
const leagueOrder = "Sales descending: Westbury,Eastport,Easton,Weston,Westmoor\n" +
	"Sales ascending: Weston,Easton,Eastport,Westbury,Westmoor\n" +
	"Score descending: Eastport,Easton,Westbury,Weston,Westmoor\n" +
	"Rank ascending: Eastport,Easton,Westbury,Weston,Westmoor"

// TestCompareInBrowser opens the league site's level 2 from disk: its chart
// draws, and each heading sorts the units by its scores, best first, then
// worst first, units without a score last; the rank's heading puts the
// ranking back. The page passes axe at 1,280 and 390 pixels, light and
// dark, and does not scroll sideways (the table scrolls in its box).
func TestCompareInBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	dest := buildSite(t, leagueSite)
	page := []string{filepath.Join(dest, "compare/level-2.html")}
	reports, err := sitecheck.BrowseWith(context.Background(), chromium, page, sitecheck.Options{Script: sortScriptIn("Score", "Rank")})
	if err != nil {
		t.Fatal(err)
	}
	r := reports[0]
	want := leagueOrder
	if r.Script != want || r.ChartsDrawn != 1 || len(r.Problems()) > 0 {
		t.Errorf("%s\ncharts %d drawn, problems %v; want:\n%s", r.Script, r.ChartsDrawn, r.Problems(), want)
	}
	pages := []string{page[0], filepath.Join(dest, "compare/index.html"), filepath.Join(dest, "units/west/compare.html")}
	for _, o := range []sitecheck.Options{{Axe: true, Width: 1280}, {Axe: true, Width: 1280, Dark: true}, {Axe: true, Width: 390}, {Axe: true, Width: 390, Dark: true}} {
		reports, err := sitecheck.BrowseWith(context.Background(), chromium, pages, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reports {
			for _, p := range r.Problems() {
				t.Errorf("%+v: %s", o, p)
			}
		}
	}
}

// rtlScript reads how a comparison's page in a language written right to
// left lies: its direction, whether the table's rank (its first column)
// is right of the unit's name, and whether the search's results, once
// open, lie within the page's width; then the status the search says.
func rtlScript(query string) string {
	q, _ := json.Marshal(query)
	return `(async () => {
	const row = document.querySelector("table.league tbody tr");
	const rank = row.cells[0].getBoundingClientRect(), name = row.cells[1].getBoundingClientRect();
	const input = document.querySelector("#search-q"), status = document.querySelector("#search-status");
	input.focus();
	input.value = ` + string(q) + `;
	input.dispatchEvent(new Event("input"));
	for (let i = 0; i < 400 && !status.textContent; i++) await new Promise(r => setTimeout(r, 10));
	const list = document.querySelector("#search-results").getBoundingClientRect();
	return [document.documentElement.dir, rank.left >= name.right ? "rank right of name" : "rank left of name",
		list.left >= 0 && list.right <= document.documentElement.clientWidth ? "results in view" : "results out of view",
		status.textContent].join(" | ");
})()`
}

// TestCompareInLanguages opens the league site's level 2 built in German
// and in Arabic: the table sorts by the scores as in English, though the
// page writes them in its own way (6,7 in German); in Arabic the table
// runs right to left, its rank at the right, and the search's results lie
// within the page at 1,280 and 390 pixels and say their count in Arabic
// (two results: the dual).
func TestCompareInLanguages(t *testing.T) {
	chromium := browsertest.Chromium(t)
	build := func(lang string) string {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: inLanguage(t, leagueSite, lang), Destination: dest}); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(dest, "compare/level-2.html")
	}
	de, ar := build("de"), build("ar")
	for _, tc := range []struct{ page, score, rank string }{{de, "Bewertung", "Rang"}, {ar, "الدرجة", "المرتبة"}} {
		reports, err := sitecheck.BrowseWith(context.Background(), chromium, []string{tc.page}, sitecheck.Options{Script: sortScriptIn(tc.score, tc.rank)})
		if err != nil {
			t.Fatal(err)
		}
		if r := reports[0]; r.Script != leagueOrder || r.ChartsDrawn != 1 || len(r.Problems()) > 0 {
			t.Errorf("%s:\n%s\ncharts %d drawn, problems %v; want:\n%s", tc.page, r.Script, r.ChartsDrawn, r.Problems(), leagueOrder)
		}
	}
	for _, width := range []int{1280, 390} {
		reports, err := sitecheck.BrowseWith(context.Background(), chromium, []string{ar}, sitecheck.Options{Width: width, Script: rtlScript("eastport")})
		if err != nil {
			t.Fatal(err)
		}
		r := reports[0]
		if want := "rtl | rank right of name | results in view | نتيجتان"; r.Script != want || len(r.Problems()) > 0 {
			t.Errorf("%d wide: %q, problems %v; want %q", width, r.Script, r.Problems(), want)
		}
	}
}

// TestFindOnL builds the L workload (1,000 units, 40 measures each, 60
// months) and opens it from disk: the search index loads and answers
// within a second, finds a unit's measure by the measure's and the unit's
// names together; the largest comparison page stays under 1 MB and its
// table of 100 units sorts. It takes minutes: with CI=true, never with
// -short.
func TestFindOnL(t *testing.T) {
	if testing.Short() {
		t.Skip("the L workload: not with -short")
	}
	chromium := browsertest.Chromium(t)
	src := generated(t, gen.Params{Units: 1000, Measures: 40, Months: 60, Seed: 1})
	dest := buildSite(t, src)

	index, err := os.Stat(filepath.Join(dest, "data/search.js"))
	if err != nil || index.Size() > 400<<10 {
		t.Errorf("the search index: %v, %d bytes; want under 400 KB", err, index.Size())
	}
	largest, size := "", int64(0)
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasPrefix(d.Name(), "compare") || filepath.Base(filepath.Dir(p)) == "compare") {
			if fi, _ := d.Info(); fi.Size() > size {
				largest, size = p, fi.Size()
			}
		}
		return nil
	})
	if size == 0 || size > 1<<20 {
		t.Errorf("the largest comparison page, %s, is %d bytes; want under 1 MB", largest, size)
	}
	t.Logf("search index %d bytes; largest comparison page %s, %d bytes", index.Size(), largest, size)

	home := filepath.Join(dest, "index.html")
	for _, r := range browseSearch(t, chromium, []string{home}, "singapore revenue") {
		t.Logf("%.0f ms: %s; %s", r.Ms, r.Status, strings.Join(r.Items, "; "))
		if r.Ms > 1000 {
			t.Errorf("the search took %.0f ms from the first focus; want under a second", r.Ms)
		}
		// Measures named Revenue... of units named Singapore... come first,
		// before the objectives about revenue whose owners are there.
		if len(r.Items) != 20 || !strings.HasPrefix(r.Items[0], "Measure | Revenue") || !strings.Contains(r.Items[0], " | Singapore ") {
			t.Errorf("singapore revenue: %+v", r)
		}
	}
	level := filepath.Join(dest, "compare/level-4.html")
	reports, err := sitecheck.BrowseWith(context.Background(), chromium, []string{level}, sitecheck.Options{Script: `(() => {
		const table = document.querySelector("table.league"), rows = () => Array.from(table.tBodies[0].rows);
		const th = table.tHead.rows[0].cells[4];
		th.querySelector("button").click();
		const col = Array.from(th.parentNode.cells).indexOf(th);
		const s = rows().map(r => parseFloat(r.cells[col].getAttribute("data-s"))).filter(v => !isNaN(v));
		return rows().length + " rows, sorted " + s.every((v, i) => i === 0 || s[i - 1] >= v);
	})()`, Limits: sitecheck.Limits{Page: 60 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if r := reports[0]; r.Script != "100 rows, sorted true" || r.ChartsDrawn != 1 || len(r.Problems()) > 0 {
		t.Errorf("level 4: %q, %d charts drawn, %v", r.Script, r.ChartsDrawn, r.Problems())
	}
}
