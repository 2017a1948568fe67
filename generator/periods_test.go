package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// The small site's review periods: September 2026 at the root, the three
// months before it under periods/.
var smallReviews = []struct{ code, name, prefix string }{
	{"2026-09", "September 2026", ""},
	{"2026-08", "August 2026", "periods/2026-08/"},
	{"2026-07", "July 2026", "periods/2026-07/"},
	{"2026-06", "June 2026", "periods/2026-06/"},
}

// TestReviewPeriodsAreTheSiteAsOfThen: each past review period's
// scores.json is byte for byte the one a build as of that period writes
// (`--period`), and so are its pages but for what says which review it is:
// each period is computed as of itself, from the data up to it.
func TestReviewPeriodsAreTheSiteAsOfThen(t *testing.T) {
	dest := buildSmall(t)
	for _, rv := range smallReviews[1:] {
		alone := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: smallSite, Destination: alone, Period: rv.code}); err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join(alone, "data/scores.json"))
		got, err := os.ReadFile(filepath.Join(dest, rv.prefix, "data/scores.json"))
		if err != nil || len(want) == 0 || string(got) != string(want) {
			t.Errorf("%sdata/scores.json (%v) differs from the scores.json of a build as of %s:\n%s", rv.prefix, err, rv.code, firstDiff(want, got))
		}
		for _, page := range smallPages {
			if page == "pack/index.html" {
				continue // it names the other periods' packs
			}
			want, _ := os.ReadFile(filepath.Join(alone, page))
			got, err := os.ReadFile(filepath.Join(dest, rv.prefix, page))
			if err != nil {
				t.Fatal(err)
			}
			if w, g := withoutReviewNav(string(want)), withoutReviewNav(string(got)); w != g {
				t.Errorf("%s%s differs from %s as of %s beyond the period switcher:\n%s", rv.prefix, page, page, rv.code, firstDiff([]byte(w), []byte(g)))
			}
		}
	}
}

var (
	switcherRE  = regexp.MustCompile(`(?s)<details class="asof periods">.*?</details>|<p class="asof">.*?</p>`)
	noticeRE    = regexp.MustCompile(`(?s)<section class="past-notice".*?</section>\n`)
	assetsRE    = regexp.MustCompile(`(href|src|data-search)="(\.\./)*(assets/[^"]*|data/search\.js)"`)
	canonRE     = regexp.MustCompile(`<link rel="canonical"[^>]*>\n`)
	periodsRE   = regexp.MustCompile(`href="(\.\./)*periods/`)
	csvRE       = regexp.MustCompile(`href="(\.\./)*([^"]*\.csv)"`)
	scorecardRE = regexp.MustCompile(`<p class="download"><a href="[^"]*/scorecard\.csv" download>[^<]*</a></p>`)
)

// withoutReviewNav is a page without the period switcher, the notice of a
// past period and the depth of the paths to the shared assets and search
// index: what tells
// a past period's page from the same page of a build as of that period,
// and the depth of the links to another period's pages and to the
// downloads, which are the as-of period's (a unit's scorecard as of an
// earlier review has none).
func withoutReviewNav(page string) string {
	page = switcherRE.ReplaceAllString(page, "")
	page = noticeRE.ReplaceAllString(page, "")
	page = canonRE.ReplaceAllString(page, "")
	page = periodsRE.ReplaceAllString(page, `href="periods/`)
	page = csvRE.ReplaceAllString(page, `href="$2"`)
	page = scorecardRE.ReplaceAllString(page, "")
	return assetsRE.ReplaceAllString(page, `$1="$3"`)
}

// TestPeriodSwitcher: every page of every review period links the same page
// in each review period, newest first, marking its own, with links that
// resolve from disk (sitecheck.Links: relative, each to a file).
func TestPeriodSwitcher(t *testing.T) {
	dest := buildSmall(t)
	if problems := sitecheck.Links(dest); len(problems) > 0 {
		t.Fatalf("links:\n%s", strings.Join(problems, "\n"))
	}
	link := regexp.MustCompile(`<li><a href="([^"]*)"( aria-current="page")?>([^<]*)`)
	for _, rv := range smallReviews {
		for _, page := range smallPages {
			if page == "pack/index.html" {
				continue
			}
			full := rv.prefix + page
			b, err := os.ReadFile(filepath.Join(dest, full))
			if err != nil {
				t.Fatal(err)
			}
			sw := switcherRE.FindString(string(b))
			var got []string
			for _, m := range link.FindAllStringSubmatch(sw, -1) {
				target := filepath.ToSlash(filepath.Join(filepath.Dir(full), m[1]))
				got = append(got, target+m[2]+" "+strings.TrimSpace(m[3]))
			}
			var want []string
			for _, other := range smallReviews {
				w := other.prefix + page
				if other == rv {
					w += ` aria-current="page"`
				}
				want = append(want, w+" "+other.name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: the switcher links\n%s\nwant\n%s", full, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if past := strings.Contains(string(b), `class="past-notice"`); past != (rv.prefix != "") {
				t.Errorf("%s: notice of an earlier review %v; want %v", full, past, rv.prefix != "")
			}
		}
	}
}

// TestPastInitiativeStopsAtItsPeriod: an initiative's page in a review
// shows the reports up to that review's period and its milestones as they
// stood then: Warehouse automation reported 30% in August and 40% in
// September; "Robots installed", due on 15 September and not done, is
// upcoming in August's review and overdue in September's. Its schedule,
// the plan, runs to its end in every review.
func TestPastInitiativeStopsAtItsPeriod(t *testing.T) {
	dest := buildSmall(t)
	complete := regexp.MustCompile(`"name":"Complete"[^\]]*"data":\[([^\]]*)\]`)
	for _, c := range []struct{ prefix, newest, reports, robots string }{
		{"", "September 2026", `{},{},{},{},{"value":0.3},{"value":0.4},{},{},{},{}`, "Overdue"},
		{"periods/2026-08/", "August 2026", `{},{},{},{},{"value":0.3},{},{},{},{},{}`, "Upcoming"},
		{"periods/2026-07/", "July 2026", `{},{},{},{},{},{},{},{},{},{}`, "Upcoming"},
	} {
		page := c.prefix + "initiatives/ops/automation.html"
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		rows := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td class="num">`).FindAllSubmatch(b, -1)
		if len(rows) == 0 || string(rows[0][1]) != c.newest {
			t.Errorf("%s: the table's newest row is %q; want %s", page, rows, c.newest)
		}
		if m := complete.FindSubmatch(b); m == nil || string(m[1]) != c.reports {
			t.Errorf("%s: the chart's percent complete, April 2026 to January 2027, is %q; want %s", page, m, c.reports)
		}
		robots := regexp.MustCompile(`<span class="what"[^>]*>Robots installed</span> <span class="ms [a-z]+"><span aria-hidden="true">[^<]*</span> ([A-Za-z]+)</span>`).FindSubmatch(b)
		if robots == nil || string(robots[1]) != c.robots {
			t.Errorf("%s: Robots installed is %q; want %s", page, robots, c.robots)
		}
	}
}

// TestPastHistoryStopsAtItsPeriod: a measure's history chart and table in
// the review of July end in July; in September's, in September.
func TestPastHistoryStopsAtItsPeriod(t *testing.T) {
	dest := buildSmall(t)
	axis := regexp.MustCompile(`"xAxis":\[\{"data":\[([^\]]*)\]`)
	for _, c := range []struct{ page, axis, newest string }{
		{"units/ops/measures/cost.html", `"Jul 2026","Aug 2026","Sep 2026"`, "September 2026"},
		{"periods/2026-08/units/ops/measures/cost.html", `"Jul 2026","Aug 2026"`, "August 2026"},
		{"periods/2026-07/units/ops/measures/cost.html", `"Jul 2026"`, "July 2026"},
	} {
		b, err := os.ReadFile(filepath.Join(dest, c.page))
		if err != nil {
			t.Fatal(err)
		}
		if m := axis.FindSubmatch(b); m == nil || string(m[1]) != c.axis {
			t.Errorf("%s: chart periods %q; want %s", c.page, m, c.axis)
		}
		rows := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td class="num">`).FindAllSubmatch(b, -1)
		if len(rows) == 0 || string(rows[0][1]) != c.newest {
			t.Errorf("%s: the table's newest row is %q; want %s", c.page, rows, c.newest)
		}
	}
	// June has no cost actual yet: the page says so, with no chart.
	b, err := os.ReadFile(filepath.Join(dest, "periods/2026-06/units/ops/measures/cost.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "data-chart") || !strings.Contains(string(b), "No actual for June 2026 or before.") {
		t.Errorf("June's cost page has a chart or does not say that there is no value")
	}
}
