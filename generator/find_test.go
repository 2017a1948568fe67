package generator

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// leagueSite is a ministry of three regions and five units below them,
// whose ranks and spreads are worked out by hand in package compare's
// tests (TestSetsRankTheUnitsByScore).
const leagueSite = "testdata/sites/league"

func buildSite(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	return dest
}

// TestComparePagesGolden compares the league site's comparisons, their
// list and the search index with their reviewed copies in
// testdata/golden/league (go test ./generator -update rewrites them).
func TestComparePagesGolden(t *testing.T) {
	dest := buildSite(t, leagueSite)
	for _, page := range []string{
		"compare/index.html",
		"compare/level-2.html",
		"units/org/compare.html",
		"units/west/compare.html",
		"units/west/index.html",
		"data/search.js",
	} {
		got, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata/golden/league", page), got)
	}
}

// rowsOf lists the rows of a page's ranking: rank, unit and the text of
// each cell after them, tags dropped.
func rowsOf(t *testing.T, page string) []string {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	body := s[strings.Index(s, `<table class="data league"`):]
	body = body[strings.Index(body, "<tbody>"):strings.Index(body, "</tbody>")]
	tag := regexp.MustCompile(`<[^>]*>`)
	var rows []string
	for _, tr := range strings.Split(body, "<tr>")[1:] {
		var cells []string
		for _, c := range regexp.MustCompile(`<t[dh][^>]*>`).Split(tr, -1)[1:] {
			cells = append(cells, strings.TrimSpace(tag.ReplaceAllString(c, " ")))
		}
		rows = append(rows, strings.Join(strings.Fields(strings.Join(cells, " | ")), " "))
	}
	return rows
}

// TestComparisonRanks reads the league site's level 2 as its page shows
// it: the ranks and order worked out by hand (package compare's
// TestSetsRankTheUnitsByScore), each unit's parent, score and the score of
// its one perspective with objectives (the other three, which no unit
// compared has, have no column), and each shared measure's value with its
// status in shape and words.
func TestComparisonRanks(t *testing.T) {
	dest := buildSite(t, leagueSite)
	got := rowsOf(t, filepath.Join(dest, "compare/level-2.html"))
	want := []string{
		"1 | Eastport | East Region | 6.7 ● Green | ● 6.7 Green | ● 105 USD Green | ▲ 95 Amber",
		"1 | Easton | East Region | 6.7 ● Green | ● 6.7 Green | ● 100 USD Green |",
		"3 | Westbury | West Region | 6.1 ▲ Amber | ▲ 6.1 Amber | ● 110 USD Green | ■ 85 Red",
		"4 | Weston | West Region | 5.0 ▲ Amber | ▲ 5.0 Amber | ▲ 90 USD Amber | ● 100 Green",
		"– | Westmoor | West Region | – ○ No data | ○ – No data | ○ – No data | ○ – No data",
	}
	if !slices.Equal(got, want) {
		t.Errorf("level 2:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// pagedSite writes a site of a root, three regions and n units below them,
// unit i (1 to n) in region i mod 3, with one measure whose actual rises
// with i: 80 + 0.1·i against a target of 100, so that unit n is first
// and unit i ranks n + 1 − i.
func pagedSite(t *testing.T, n int) string {
	t.Helper()
	src := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"Paged\"\n")
	write("content/scorecard.toml", "id = \"org\"\nname = \"Org\"\n")
	var data strings.Builder
	data.WriteString("unit,measure,period,actual\n")
	for r := range 3 {
		write(fmt.Sprintf("content/r%d/scorecard.toml", r), fmt.Sprintf("name = \"Region %d\"\n", r))
	}
	for i := 1; i <= n; i++ {
		write(fmt.Sprintf("content/r%d/u%03d/scorecard.toml", i%3, i), fmt.Sprintf(`name = "Unit %03d"
[[objectives]]
id = "o"
perspective = "financial"
name = "O"
  [[objectives.measures]]
  id = "m"
  name = "M"
  polarity = "higher"
  target = 100
`, i))
		fmt.Fprintf(&data, "u%03d,m,2026-09,%g\n", i, 80+0.1*float64(i))
	}
	write("data/actuals.csv", data.String())
	return src
}

// TestComparisonPages: a level of 250 units is three pages of at most 100
// rows, ranked across them; each page links every page and the next and
// previous ones, and only the first draws the spread of the measures,
// which the others link.
func TestComparisonPages(t *testing.T) {
	dest := buildSite(t, pagedSite(t, 250))
	for _, tc := range []struct {
		page        string
		first, last string
		rows        int
		links       []string
		spread      bool
	}{
		{"compare/level-2.html", "1 | Unit 250", "100 | Unit 151", 100, []string{`<span aria-current="page">1</span>`, `href="../compare/level-2-page-2.html">2<`, `href="../compare/level-2-page-3.html">3<`, `href="../compare/level-2-page-2.html" rel="next">Next ›<`}, true},
		{"compare/level-2-page-2.html", "101 | Unit 150", "200 | Unit 051", 100, []string{`<a href="../compare/level-2.html#spread-h">Each measure across the units</a> is on the first page.`, `href="../compare/level-2.html" rel="prev">‹ Previous<`, `<span aria-current="page">2</span>`, `href="../compare/level-2-page-3.html" rel="next">`, "Units 101–200 of 250"}, false},
		{"compare/level-2-page-3.html", "201 | Unit 050", "250 | Unit 001", 50, []string{`href="../compare/level-2-page-2.html" rel="prev">`, `<span aria-current="page">3</span>`, "Units 201–250 of 250"}, false},
	} {
		rows := rowsOf(t, filepath.Join(dest, tc.page))
		if len(rows) != tc.rows || !strings.HasPrefix(rows[0], tc.first+" |") || !strings.HasPrefix(rows[len(rows)-1], tc.last+" |") {
			t.Errorf("%s: %d rows from %q to %q; want %d from %q to %q", tc.page, len(rows), rows[0], rows[len(rows)-1], tc.rows, tc.first, tc.last)
		}
		b, _ := os.ReadFile(filepath.Join(dest, tc.page))
		for _, l := range tc.links {
			if !strings.Contains(string(b), l) {
				t.Errorf("%s: no %s", tc.page, l)
			}
		}
		if got := strings.Contains(string(b), "data-chart"); got != tc.spread {
			t.Errorf("%s: chart %v; want %v", tc.page, got, tc.spread)
		}
	}
	for _, p := range sitecheck.Links(dest) {
		t.Error(p) // the pages' links and the first page's #spread-h among them
	}
	if _, err := os.Stat(filepath.Join(dest, "compare/level-2-page-4.html")); err == nil {
		t.Error("a fourth page of 250 units")
	}
	// Each region's own comparison is one page: 83 or 84 units.
	if rows := rowsOf(t, filepath.Join(dest, "units/r1/compare.html")); len(rows) != 84 || !strings.HasPrefix(rows[0], "1 | Unit 250 |") {
		t.Errorf("region 1: %d rows from %q", len(rows), rows[0])
	}
}

// searchIndex reads a built site's search index.
func searchIndex(t *testing.T, dest string) map[string]json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, "data/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const head = "// The search index of the site, read by assets/find.js.\nvar scorecardSearch = "
	if !strings.HasPrefix(s, head) || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("data/search.js is not the index script:\n%.200s", s)
	}
	var ix map[string]json.RawMessage
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, head), ";\n")), &ix); err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestSearchIndexLeadsToEveryPage decodes the example site's index as
// find.js does and checks that it names every unit, objective, measure and
// initiative once, by a page that exists, with its name and owner.
func TestSearchIndexLeadsToEveryPage(t *testing.T) {
	dest := buildSite(t, "..")
	raw := searchIndex(t, dest)
	var ix struct {
		T, K    []string
		P, U, I []int
		O, M    [][]int
	}
	for k, v := range map[string]any{"t": &ix.T, "k": &ix.K, "p": &ix.P, "u": &ix.U, "i": &ix.I, "o": &ix.O, "m": &ix.M} {
		if err := json.Unmarshal(raw[k], v); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
	var entries []string
	add := func(path, name, owner string) {
		if _, err := os.Stat(filepath.Join(dest, path)); err != nil {
			t.Errorf("%s (%s): %v", path, name, err)
		}
		entries = append(entries, path+" "+name+" / "+owner)
	}
	for u := 0; u < len(ix.U)/4; u++ {
		id := ix.K[ix.U[4*u]]
		add("units/"+id+"/index.html", ix.T[ix.U[4*u+1]], ix.T[ix.U[4*u+2]])
		for j := 0; j < len(ix.O[u]); j += 2 {
			p := ix.O[u][j]
			add("units/"+id+"/objectives/"+ix.K[ix.P[2*p]]+".html", ix.T[ix.P[2*p+1]], ix.T[ix.O[u][j+1]])
		}
		for _, p := range ix.M[u] {
			add("units/"+id+"/measures/"+ix.K[ix.P[2*p]]+".html", ix.T[ix.P[2*p+1]], "")
		}
	}
	for j := 0; j < len(ix.I); j += 4 {
		add("initiatives/"+ix.K[ix.U[4*ix.I[j]]]+"/"+ix.K[ix.I[j+1]]+".html", ix.T[ix.I[j+2]], ix.T[ix.I[j+3]])
	}
	// The example has 9 units, 31 objectives, 44 measures and 8
	// initiatives.
	got := map[string]int{}
	for _, e := range entries {
		switch {
		case strings.Contains(e, "/objectives/"):
			got["objectives"]++
		case strings.Contains(e, "/measures/"):
			got["measures"]++
		case strings.HasPrefix(e, "initiatives/"):
			got["initiatives"]++
		default:
			got["units"]++
		}
	}
	if want := map[string]int{"units": 9, "objectives": 31, "measures": 44, "initiatives": 8}; !maps.Equal(got, want) {
		t.Errorf("entries by kind %v; want %v", got, want)
	}
	for _, e := range []string{
		"units/org/index.html Northwind Traders / Chief Executive",
		"units/org/objectives/grow-revenue.html Grow revenue profitably / Chief Financial Officer",
		"units/apac/measures/revenue.html Revenue / ",
		"initiatives/sales/crm-rollout.html CRM roll-out / Head of Sales Operations",
	} {
		if !slices.Contains(entries, e) {
			t.Errorf("no entry %q", e)
		}
	}
	if len(entries) != len(slices.Compact(slices.Sorted(slices.Values(entries)))) {
		t.Error("an entry is named twice")
	}
}
