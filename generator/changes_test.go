package generator

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// twoPeriods is a site of two months whose every kind of change is worked
// by hand (amber band 10%: red at target − 10%, stretch at target + 10%).
//
//	org/sales   100 → 85 against 100: 6.6667 green → 1.6667 red (−5.0)
//	org/margin    8 → 10.5 against 10: 0 red → 8.3333 green (+8.3)
//	org/nps      40 → 41 against 40: 6.6667 → 7.5 green (+0.8)
//	org/hours    10 → 7 against 10: 6.6667 green → 0 red (−6.7)
//	east/orders  50 → 60 against 50: 6.6667 → 10 green (+3.3)
//
// Objectives: sell (sales, margin) 3.3333 → 5, amber both (+1.7); serve
// (nps) 6.6667 → 7.5 green, and newly at risk: train, which drives it,
// falls to 0, red; train (hours) 6.6667 green → 0 red. Units: org, the mean
// of its three perspectives, (3.3333 + 6.6667 + 6.6667) / 3 = 5.5556 →
// (5 + 7.5 + 0) / 3 = 4.1667, amber both (−1.4); east 6.6667 → 10 (+3.3).
// Two milestones fall due in February, one done; February has commentary on
// the unit and on sales.
const twoPeriods = `
-- config.toml --
title = "Two months"
frequency = "monthly"
[review]
periods = 2
-- content/scorecard.toml --
name = "Acme"
[[objectives]]
id = "sell"
perspective = "financial"
name = "Sell more"
  [[objectives.measures]]
  id = "sales"
  name = "Sales"
  format = "#,##0"
  polarity = "higher"
  target = 100
  [[objectives.measures]]
  id = "margin"
  name = "Margin"
  format = "0.0"
  polarity = "higher"
  target = 10
[[objectives]]
id = "serve"
perspective = "customer"
name = "Serve well"
  [[objectives.measures]]
  id = "nps"
  name = "NPS"
  format = "0"
  polarity = "higher"
  target = 40
[[objectives]]
id = "train"
perspective = "learning"
name = "Train staff"
drives = ["serve"]
  [[objectives.measures]]
  id = "hours"
  name = "Training hours"
  format = "0"
  polarity = "higher"
  target = 10
[[initiatives]]
id = "crm"
name = "CRM"
objectives = ["sell"]
  [[initiatives.milestones]]
  name = "Earlier"
  due = 2026-01-31
  [[initiatives.milestones]]
  name = "Pilot"
  due = 2026-02-10
  done = true
  [[initiatives.milestones]]
  name = "Rollout"
  due = 2026-02-20
  [[initiatives.milestones]]
  name = "Later"
  due = 2026-03-15
-- content/notes/2026-01.md --
January.
-- content/notes/2026-02.md --
February, on the whole.
-- content/notes/2026-02/sales.md --
Sales fell.
-- content/east/scorecard.toml --
name = "East"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow East"
  [[objectives.measures]]
  id = "orders"
  name = "Orders"
  format = "0"
  polarity = "higher"
  target = 50
-- data/a.csv --
unit,measure,period,actual
org,sales,2026-01,100
org,sales,2026-02,85
org,margin,2026-01,8
org,margin,2026-02,10.5
org,nps,2026-01,40
org,nps,2026-02,41
org,hours,2026-01,10
org,hours,2026-02,7
east,orders,2026-01,50
east,orders,2026-02,60
`

// TestChangesSinceTheLastReview reads the pages of what changed from
// January to February, for the organisation and for each unit, section by
// section, against the changes worked out above.
func TestChangesSinceTheLastReview(t *testing.T) {
	src := t.TempDir()
	writeArchive(t, src, txtar.Parse([]byte(strings.TrimLeft(twoPeriods, "\n"))).Files)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	org := sections(t, filepath.Join(dest, "changes/index.html"))
	want := map[string][]string{
		// The organisation's status changes are those of units and
		// objectives; measures are in newly red and recovered.
		"status": {
			"Train staff objective | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 |",
		},
		"red": {
			"Train staff objective | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 |",
			"Sales | Acme | 6.7 ●Green | 1.7 ■Red | ↘ Worsened -5.0 | 100 → 85",
			"Training hours | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 | 10 → 7",
		},
		"recovered": {
			"Margin | Acme | 0.0 ■Red | 8.3 ●Green | ↗ Improved +8.3 | 8.0 → 10.5",
		},
		"at-risk": {
			"Serve well objective | Acme | 6.7 ●Green | 7.5 ●Green | +0.8 |",
		},
		// Eleven scores moved; the ten largest are listed, ties in the
		// site's order (NPS, +0.8 as its objective, is the eleventh).
		"moves": {
			"Margin | Acme | 0.0 ■Red | 8.3 ●Green | ↗ Improved +8.3 | 8.0 → 10.5",
			"Train staff objective | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 |",
			"Training hours | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 | 10 → 7",
			"Sales | Acme | 6.7 ●Green | 1.7 ■Red | ↘ Worsened -5.0 | 100 → 85",
			"East unit | East | 6.7 ●Green | 10.0 ●Green | +3.3 |",
			"Grow East objective | East | 6.7 ●Green | 10.0 ●Green | +3.3 |",
			"Orders | East | 6.7 ●Green | 10.0 ●Green | +3.3 | 50 → 60",
			"Sell more objective | Acme | 3.3 ▲Amber | 5.0 ▲Amber | +1.7 |",
			"Acme unit | Acme | 5.6 ▲Amber | 4.2 ▲Amber | -1.4 |",
			"Serve well objective | Acme | 6.7 ●Green | 7.5 ●Green | +0.8 |",
		},
		"due": {
			"Pilot | CRM | Acme | Feb 10, 2026 | ✓ Done",
			"Rollout | CRM | Acme | Feb 20, 2026 | ⚠ Missed",
		},
		"notes": {"Acme", "Sales"},
	}
	for id, rows := range want {
		if got := org[id]; !slices.Equal(got, rows) {
			t.Errorf("organisation, %s:\n%s\nwant:\n%s", id, strings.Join(got, "\n"), strings.Join(rows, "\n"))
		}
	}

	// A unit's page: its own items, and its child units' scores; its status
	// changes, measures too, worsened first.
	acme := sections(t, filepath.Join(dest, "units/org/changes.html"))
	if got, want := acme["status"], []string{
		"Train staff objective | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 |",
		"Sales | Acme | 6.7 ●Green | 1.7 ■Red | ↘ Worsened -5.0 | 100 → 85",
		"Training hours | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 | 10 → 7",
		"Margin | Acme | 0.0 ■Red | 8.3 ●Green | ↗ Improved +8.3 | 8.0 → 10.5",
	}; !slices.Equal(got, want) {
		t.Errorf("org's page, status:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := acme["moves"], []string{
		"Margin | Acme | 0.0 ■Red | 8.3 ●Green | ↗ Improved +8.3 | 8.0 → 10.5",
		"Train staff objective | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 |",
		"Training hours | Acme | 6.7 ●Green | 0.0 ■Red | ↘ Worsened -6.7 | 10 → 7",
		"Sales | Acme | 6.7 ●Green | 1.7 ■Red | ↘ Worsened -5.0 | 100 → 85",
		"East unit | East | 6.7 ●Green | 10.0 ●Green | +3.3 |",
		"Sell more objective | Acme | 3.3 ▲Amber | 5.0 ▲Amber | +1.7 |",
		"Acme unit | Acme | 5.6 ▲Amber | 4.2 ▲Amber | -1.4 |",
		"Serve well objective | Acme | 6.7 ●Green | 7.5 ●Green | +0.8 |",
		"NPS | Acme | 6.7 ●Green | 7.5 ●Green | +0.8 | 40 → 41",
	}; !slices.Equal(got, want) {
		t.Errorf("org's page, moves:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	east := sections(t, filepath.Join(dest, "units/east/changes.html"))
	if got, want := east["moves"], []string{
		"East unit | East | 6.7 ●Green | 10.0 ●Green | +3.3 |",
		"Grow East objective | East | 6.7 ●Green | 10.0 ●Green | +3.3 |",
		"Orders | East | 6.7 ●Green | 10.0 ●Green | +3.3 | 50 → 60",
	}; !slices.Equal(got, want) {
		t.Errorf("east's page, moves:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(east["status"]) != 0 || len(east["due"]) != 0 || len(east["notes"]) != 0 {
		t.Errorf("east's page lists the changes of others: %v", east)
	}

	// January, the first month, has nothing to compare with.
	jan, err := os.ReadFile(filepath.Join(dest, "periods/2026-01/changes/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(jan), "There is no earlier review to compare with: the data begin in January 2026.") {
		t.Errorf("January's page of changes does not say that there is nothing to compare with")
	}
}

var (
	sectionRE = regexp.MustCompile(`(?s)<section aria-labelledby="x-([a-z-]+)">(.*?)</section>`)
	rowRE     = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
	trRE      = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	cellRE    = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	liRE      = regexp.MustCompile(`(?s)<li><a href="[^"]*">(.*?)</a>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

// sections reads a page of changes: each section's rows, cells joined by
// " | ", or the names its list links.
func sections(t *testing.T, page string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, s := range sectionRE.FindAllStringSubmatch(string(b), -1) {
		var rows []string
		if body := rowRE.FindStringSubmatch(s[2]); body != nil {
			for _, tr := range trRE.FindAllStringSubmatch(body[1], -1) {
				var cells []string
				for _, c := range cellRE.FindAllStringSubmatch(tr[1], -1) {
					cells = append(cells, strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(c[1], ""))), " "))
				}
				rows = append(rows, strings.TrimSpace(strings.Join(cells, " | ")))
			}
		}
		for _, li := range liRE.FindAllStringSubmatch(s[2], -1) {
			rows = append(rows, html.UnescapeString(li[1]))
		}
		out[s[1]] = rows
	}
	return out
}

// TestPackShowsInitiativesSinceAndInExceptions: the board pack of the
// two-month site has, since the last review, February's milestones, done
// and missed; among its exceptions, after the red measures and objectives
// at risk and under a heading of their own (its bookmarks nest by
// heading), the overdue milestones, January's too, and the red objective
// that no initiative serves. The pack of East alone has none of them.
func TestPackShowsInitiativesSinceAndInExceptions(t *testing.T) {
	src := t.TempDir()
	writeArchive(t, src, txtar.Parse([]byte(strings.TrimLeft(twoPeriods, "\n"))).Files)
	out := filepath.Join(t.TempDir(), "pack.html")
	if _, _, err := Pack(context.Background(), PackOptions{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	since, exceptions := packSection(t, out, "since"), packSection(t, out, "exceptions")
	if got, want := tableRows(after(t, since, "Milestones due in February 2026")), []string{
		"Pilot | CRM | Acme | Feb 10, 2026 | ✓ Done",
		"Rollout | CRM | Acme | Feb 20, 2026 | ⚠ Missed",
	}; !slices.Equal(got, want) {
		t.Errorf("since the last review, milestones:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := headings(exceptions), []string{
		"1 Exceptions",
		"2 Red measures", "3 Training hours · Acme", "3 Sales · Acme",
		"2 Objectives at risk", "3 Serve well · Acme",
		"2 Initiative exceptions",
		"3 Initiatives behind schedule", "3 Initiatives over budget or spending ahead of delivery",
		"3 Overdue milestones", "3 Red objectives with no active initiative",
	}; !slices.Equal(got, want) {
		t.Errorf("exceptions, headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := tableRows(after(t, exceptions, "Initiative exceptions")), []string{
		"Earlier | Acme |  | Jan 31, 2026 | Milestone of CRM, not done",
		"Rollout | Acme |  | Feb 20, 2026 | Milestone of CRM, not done",
		"Train staff | Acme |  | 0.0 ■Red | Red, and no initiative serves it",
	}; !slices.Equal(got, want) {
		t.Errorf("exceptions, initiatives:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	if _, _, err := Pack(context.Background(), PackOptions{Source: src, Output: out, Unit: "east"}); err != nil {
		t.Fatal(err)
	}
	since, exceptions = packSection(t, out, "since"), packSection(t, out, "exceptions")
	if !strings.Contains(since, "No milestone was due.") || len(tableRows(exceptions)) != 0 {
		t.Errorf("East's pack shows Acme's milestones or exceptions:\n%s\n%s", since, exceptions)
	}
}

var (
	packSectionRE = regexp.MustCompile(`(?s)<section class="[^"]*" id="([a-z]+)".*?</section>`)
	headingRE     = regexp.MustCompile(`(?s)<h([1-6])[^>]*>(.*?)</h[1-6]>`)
)

// packSection is the section of the pack in file with the id.
func packSection(t *testing.T, file, id string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range packSectionRE.FindAllStringSubmatch(string(b), -1) {
		if m[1] == id {
			return m[0]
		}
	}
	t.Fatalf("%s has no section %q", file, id)
	return ""
}

// after is s from the first mark on.
func after(t *testing.T, s, mark string) string {
	t.Helper()
	i := strings.Index(s, mark)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", mark, s)
	}
	return s[i:]
}

// headings are the headings of s, each its level and text.
func headings(s string) []string {
	var out []string
	for _, m := range headingRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+" "+plainText(m[2]))
	}
	return out
}

// tableRows are the body rows of every table in s, cells joined by " | ".
func tableRows(s string) []string {
	var rows []string
	for _, body := range rowRE.FindAllStringSubmatch(s, -1) {
		for _, tr := range trRE.FindAllStringSubmatch(body[1], -1) {
			var cells []string
			for _, c := range cellRE.FindAllStringSubmatch(tr[1], -1) {
				cells = append(cells, plainText(c[1]))
			}
			rows = append(rows, strings.TrimSpace(strings.Join(cells, " | ")))
		}
	}
	return rows
}

// plainText is the text of an HTML fragment, its spaces collapsed.
func plainText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(s, ""))), " ")
}
