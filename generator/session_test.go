package generator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// copyTree copies the site at src into a new temporary folder.
func copyTree(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// edit replaces the one occurrence of old in the source file name.
func edit(t testing.TB, source, name, old, new string) {
	t.Helper()
	p := filepath.Join(source, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", name, old, n)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fileID is what tells a rewritten file from an untouched one: a file
// replaced by renaming has a new inode.
type fileID struct {
	ino   uint64
	mtime time.Time
	data  string
}

func snapshot(t testing.TB, root string) map[string]fileID {
	t.Helper()
	out := map[string]fileID{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = fileID{ino: fi.Sys().(*syscall.Stat_t).Ino, mtime: fi.ModTime(), data: string(b)}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRewrites checks that exactly the files in written were replaced
// between before and after, each with new bytes, and every other file is
// the same file, untouched.
func checkRewrites(t testing.TB, before, after map[string]fileID, written []string) {
	t.Helper()
	if !slices.Equal(slices.Sorted(mapKeys(before)), slices.Sorted(mapKeys(after))) {
		t.Fatalf("the update added or removed files")
	}
	for name, b := range before {
		a := after[name]
		if slices.Contains(written, name) {
			if a.ino == b.ino || a.data == b.data {
				t.Errorf("%s: reported written, but same inode %v or same bytes %v", name, a.ino == b.ino, a.data == b.data)
			}
			continue
		}
		if a != b {
			t.Errorf("%s was rewritten (inode %d→%d, mtime %v→%v) though it was not reported", name, b.ino, a.ino, b.mtime, a.mtime)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// sameAsFullBuild checks that dest holds exactly what a full build of
// source writes.
func sameAsFullBuild(t testing.TB, source, dest string) {
	t.Helper()
	full := filepath.Join(t.TempDir(), "full")
	if _, err := Build(context.Background(), Options{Source: source, Destination: full}); err != nil {
		t.Fatal(err)
	}
	want, got := tree(t.(*testing.T), full), tree(t.(*testing.T), dest)
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: missing after the update", name)
		} else if string(got[name]) != string(want[name]) {
			t.Errorf("%s: differs from a full build: %s", name, firstDiff(want[name], got[name]))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: left by the update, but a full build has no such file", name)
		}
	}
}

func startSession(t *testing.T, source string) (*Session, string) {
	t.Helper()
	s := NewSession(Options{Source: source})
	dest := filepath.Join(t.TempDir(), "site")
	if _, err := s.Build(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	return s, dest
}

func mustUpdate(t *testing.T, s *Session) (*Report, *Update) {
	t.Helper()
	rep, up, err := s.Update(context.Background(), nil)
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	later, err := s.Finish(context.Background())
	if err != nil {
		t.Fatalf("finish: %v", err)
	}
	if !slices.Equal(later, slices.DeleteFunc(slices.Clone(later), func(p string) bool { return !slices.Contains(up.Deferred, p) })) {
		t.Errorf("Finish wrote %v, not deferred by the update (%v)", later, up.Deferred)
	}
	for _, p := range later {
		rep.Files++
		if strings.HasSuffix(p, ".html") {
			rep.Pages++
		}
	}
	up.Written = slices.Sorted(slices.Values(append(up.Written, later...)))
	return rep, up
}

// TestUpdateRewritesWhatAValueReaches changes the August on-time rate of the
// ops unit from 0.80 to 0.96: red becomes green (target 0.95, red flag
// 0.855). That changes the measure, its objective "ship", the objective it
// drives ("sell": driver score, and the row for ship on its page), the ops
// unit's score, and so the pages that show that score: the home page's tree
// and org's table of child units, and the comparison of org's units. The
// exceptions no longer list the measure,
// and the alignment page shows ship's new status. The pages of the
// initiatives that serve ship and sell show their rows.
// Org's objectives keep their scores (ship drives sell but adds nothing to
// its score, which is what grow reads), so their pages stay as they are, as
// do the other measures, the other initiatives and the assets. Of the CSV
// downloads, the measure's history, the ops scorecard and the site-wide
// file change.
func TestUpdateRewritesWhatAValueReaches(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)

	edit(t, source, "data/actuals.csv", "ops,on-time,2026-08,0.80,", "ops,on-time,2026-08,0.96,")
	rep, up := mustUpdate(t, s)
	// August's row: the pages of the review of August change as those of
	// September do, and the reviews of July and June, before it, do not.
	want := []string{
		"alignment/index.html",
		"changes/index.html",
		"data/measures.csv",
		"data/scores.json",
		"exceptions/index.html",
		"index.html",
		"initiatives/ops/automation.html",
		"initiatives/ops/tender.html",
		"pack/index.html",
		"periods/2026-08/alignment/index.html",
		"periods/2026-08/changes/index.html",
		"periods/2026-08/data/scores.json",
		"periods/2026-08/exceptions/index.html",
		"periods/2026-08/index.html",
		"periods/2026-08/initiatives/ops/automation.html",
		"periods/2026-08/initiatives/ops/tender.html",
		"periods/2026-08/pack/index.html",
		"periods/2026-08/units/ops/changes.html",
		"periods/2026-08/units/ops/index.html",
		"periods/2026-08/units/ops/measures/on-time.html",
		"periods/2026-08/units/ops/objectives/sell.html",
		"periods/2026-08/units/ops/objectives/ship.html",
		"periods/2026-08/units/org/changes.html",
		"periods/2026-08/units/org/compare.html",
		"periods/2026-08/units/org/index.html",
		"units/ops/changes.html",
		"units/ops/index.html",
		"units/ops/measures/on-time.csv",
		"units/ops/measures/on-time.html",
		"units/ops/objectives/sell.html",
		"units/ops/objectives/ship.html",
		"units/ops/scorecard.csv",
		"units/org/changes.html",
		"units/org/compare.html",
		"units/org/index.html",
	}
	if !slices.Equal(up.Written, want) {
		t.Errorf("written:\n%s\nwant:\n%s", strings.Join(up.Written, "\n"), strings.Join(want, "\n"))
	}
	if up.All || !slices.Equal(up.Data, []string{"data/actuals.csv"}) {
		t.Errorf("All %v, Data %v: want one data file and some pages", up.All, up.Data)
	}
	if rep.Pages != 30 || rep.Files != 35 || rep.Rows != 20 {
		t.Errorf("report: %d pages, %d files, %d rows; want 30, 35, 20", rep.Pages, rep.Files, rep.Rows)
	}
	after := snapshot(t, dest)
	checkRewrites(t, before, after, up.Written)
	if !strings.Contains(after["units/ops/measures/on-time.html"].data, "96.0%") {
		t.Errorf("the measure page does not show the new value 96.0%%")
	}
	sameAsFullBuild(t, source, dest)

	// Nothing changed since: nothing is rendered or written.
	_, up = mustUpdate(t, s)
	if len(up.Data) != 0 || len(up.Rendered) != 0 || len(up.Written) != 0 {
		t.Errorf("an update without a change did %+v", up)
	}
	checkRewrites(t, after, snapshot(t, dest), nil)
}

// TestUpdateOfInitiativeProgress reports the automation initiative 75 %
// complete in September instead of 40 % (70 % expected): off track becomes
// on track. Its page, the initiatives page, its unit's page (the table of
// initiatives), the exceptions, the pack and scores.json are written again;
// no measure, objective or other initiative changes. Removing the file
// takes every initiative's progress away, which is what a full build of the
// source without it writes.
func TestUpdateOfInitiativeProgress(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)

	edit(t, source, "data/initiatives.csv", "ops,automation,2026-09,40,", "ops,automation,2026-09,75,")
	rep, up := mustUpdate(t, s)
	want := []string{
		"data/scores.json",
		"exceptions/index.html",
		"initiatives/index.html",
		"initiatives/ops/automation.html",
		"pack/index.html",
		"units/ops/index.html",
	}
	if !slices.Equal(up.Written, want) {
		t.Errorf("written:\n%s\nwant:\n%s", strings.Join(up.Written, "\n"), strings.Join(want, "\n"))
	}
	if up.All || rep.Rows != 20 {
		t.Errorf("All %v, rows %d: want some pages and 20 rows", up.All, rep.Rows)
	}
	after := snapshot(t, dest)
	checkRewrites(t, before, after, up.Written)
	if !strings.Contains(after["initiatives/ops/automation.html"].data, "On track") {
		t.Errorf("the initiative's page does not say it is on track")
	}
	sameAsFullBuild(t, source, dest)

	if err := os.Remove(filepath.Join(source, "data", "initiatives.csv")); err != nil {
		t.Fatal(err)
	}
	rep, _ = mustUpdate(t, s)
	if rep.Rows != 13 {
		t.Errorf("rows %d after the file went; want 13", rep.Rows)
	}
	sameAsFullBuild(t, source, dest)
}

// TestUpdateOfInitiativeProgressInAWorkbook: the progress of one initiative
// comes from a sheet of a workbook, that of another from a database query.
// A new version of the workbook is applied in place: the initiative's page
// and those that show it are written again, the query's rows are kept
// (updates read the changed files alone), and the folder is what a full
// build writes, scores.json's sources and the pages' provenance included.
func TestUpdateOfInitiativeProgressInAWorkbook(t *testing.T) {
	source := copyTree(t, smallSite)
	if err := os.Remove(filepath.Join(source, "data/initiatives.csv")); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "warehouse.db")
	execSQL(t, "sqlite", db, "CREATE TABLE progress (unit, initiative, period, complete, spend, status); INSERT INTO progress VALUES "+
		"('org','crm','2026-07',50,110000,'on-track'), ('org','crm','2026-08',58,150000,NULL), ('org','crm','2026-09',64,190000,'at-risk')")
	t.Setenv("SCORECARD_TEST_WAREHOUSE", db)
	appendFile(t, filepath.Join(source, "config.toml"), "\n[[sources]]\nname = \"progress\"\ndriver = \"sqlite\"\ndsn_env = \"SCORECARD_TEST_WAREHOUSE\"\nquery = \"SELECT * FROM progress\"\n")
	progress := func(automation float64) map[string]map[string]any {
		return map[string]map[string]any{"Sheet1": {
			"A1": "unit", "B1": "initiative", "C1": "period", "D1": "complete", "E1": "spend", "F1": "status",
			"A2": "ops", "B2": "automation", "C2": "2026-08", "D2": 30, "E2": 60000,
			"A3": "ops", "B3": "automation", "C3": "2026-09", "D3": automation, "E3": 85000, "F3": "off-track",
			"A4": "ops", "B4": "tender", "C4": "2026-05", "D4": 80, "E4": 15000,
			"A5": "ops", "B5": "tender", "C5": "2026-06", "D5": 100, "E5": 18000, "F5": "on-track",
		}}
	}
	workbook(t, source, "progress.xlsx", progress(40), nil)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)
	for page, want := range map[string]string{
		"initiatives/ops/automation.html": "Data from: data/progress.xlsx, sheet Sheet1",
		"initiatives/org/crm.html":        "Data from: database source progress (sqlite)",
	} {
		if !strings.Contains(before[page].data, want) {
			t.Errorf("%s does not say %q", page, want)
		}
	}

	workbook(t, source, "progress.xlsx", progress(75), nil)
	rep, up := mustUpdate(t, s)
	want := []string{
		"data/scores.json",
		"exceptions/index.html",
		"initiatives/index.html",
		"initiatives/ops/automation.html",
		"pack/index.html",
		"units/ops/index.html",
	}
	if up.All || !slices.Equal(up.Data, []string{"data/progress.xlsx"}) || !slices.Equal(up.Written, want) {
		t.Errorf("All %v, data %v, written:\n%s\nwant:\n%s", up.All, up.Data, strings.Join(up.Written, "\n"), strings.Join(want, "\n"))
	}
	if rep.Rows != 20 {
		t.Errorf("rows %d; want 20", rep.Rows)
	}
	checkRewrites(t, before, snapshot(t, dest), up.Written)
	sameAsFullBuild(t, source, dest)
}

// TestUpdateOfTheLatestPeriodLeavesEarlierReviews: a value of September, the
// as-of period, reaches no page of the reviews of August, July and June,
// which read the data up to their own period; a value of July reaches the
// reviews of July and August as well as September's, and not June's.
func TestUpdateOfTheLatestPeriodLeavesEarlierReviews(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)
	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,", "ops,cost,2026-09,64,")
	_, up := mustUpdate(t, s)
	if len(up.Written) == 0 {
		t.Fatal("the edit wrote nothing")
	}
	for _, w := range up.Written {
		if strings.HasPrefix(w, "periods/") {
			t.Errorf("an edit of September rewrote %s", w)
		}
	}
	after := snapshot(t, dest)
	checkRewrites(t, before, after, up.Written)
	sameAsFullBuild(t, source, dest)

	edit(t, source, "data/actuals.csv", "ops,cost,2026-07,58,", "ops,cost,2026-07,57,")
	_, up = mustUpdate(t, s)
	reached := map[string]bool{}
	for _, w := range up.Written {
		top, _, _ := strings.Cut(strings.TrimPrefix(w, "periods/"), "/")
		if !strings.HasPrefix(w, "periods/") {
			top = "root"
		}
		reached[top] = true
	}
	if !reached["root"] || !reached["2026-08"] || !reached["2026-07"] || reached["2026-06"] {
		t.Errorf("an edit of July reached %v; want the reviews of September, August and July, not June's", reached)
	}
	checkRewrites(t, after, snapshot(t, dest), up.Written)
	sameAsFullBuild(t, source, dest)
}

// TestUpdateOfTheFreshestDataRewritesEverything adds an actual for October,
// which moves the as-of period, shown on every page: every page is rendered
// again, and the folder is still what a full build writes.
//
// The site publishes the as-of period alone: with earlier review periods,
// the move takes a full build (TestUpdateThatMovesTheReviewPeriods).
func TestUpdateOfTheFreshestDataRewritesEverything(t *testing.T) {
	source := copyTree(t, smallSite)
	appendFile(t, filepath.Join(source, "config.toml"), "[review]\nperiods = 1\n")
	s, dest := startSession(t, source)
	before := snapshot(t, dest)
	// With nps current through November, three of the five measures with
	// actuals reach October: at least half.
	edit(t, source, "data/actuals.csv", "org,revenue,2026-10,,110", "org,revenue,2026-10,,110\nops,cost,2026-10,59,\nops,revenue,2026-10,104,")
	_, up := mustUpdate(t, s)
	if !up.All {
		t.Fatalf("the as-of period moved, but not every page was rendered: %v", up.Rendered)
	}
	if p := scoresPeriod(t, dest); p != "2026-10" {
		t.Errorf("scores.json is as of %s; want 2026-10", p)
	}
	checkRewrites(t, before, snapshot(t, dest), up.Written)
	if slices.Contains(up.Written, "assets/site.css") {
		t.Errorf("an asset was rewritten with the same bytes")
	}
	sameAsFullBuild(t, source, dest)
}

// TestUpdateThatMovesTheReviewPeriods: an actual for October moves the
// as-of period, and with it the review periods published (September to
// June become October to July): the update asks for a full build, which
// writes the review of September and leaves out that of June.
func TestUpdateThatMovesTheReviewPeriods(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	for _, p := range []string{"periods/2026-06/index.html", "periods/2026-08/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Fatalf("before: %v", err)
		}
	}
	edit(t, source, "data/actuals.csv", "org,revenue,2026-10,,110", "org,revenue,2026-10,,110\nops,cost,2026-10,59,\nops,revenue,2026-10,104,")
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("Update: %v; want ErrFullBuild", err)
	}
	if _, err := s.Build(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "periods/2026-06")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the review of June is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "periods/2026-09/index.html")); err != nil {
		t.Errorf("no review of September: %v", err)
	}
	sameAsFullBuild(t, source, dest)
}

// TestUpdateWithAStrayRow appends an actual with a mistyped year: the as-of
// period stays where the other measures are, the update warns about the row
// with its position, as a full build does, and the folder is still what a
// full build writes.
func TestUpdateWithAStrayRow(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	edit(t, source, "data/actuals.csv", "org,revenue,2026-10,,110", "org,revenue,2026-10,,110\nops,cost,2062-09,59,")
	rep, _ := mustUpdate(t, s)
	if p := scoresPeriod(t, dest); p != "2026-09" {
		t.Errorf("the as-of period moved to %s", p)
	}
	want := "data/actuals.csv:15:10: warning: ops/cost 2062-09 is after the as-of period 2026-09 and left out of this build"
	found := false
	for _, w := range rep.Warnings {
		found = found || strings.HasPrefix(w.String(), want)
	}
	if !found {
		t.Errorf("no warning %q in %v", want, rep.Warnings)
	}
	sameAsFullBuild(t, source, dest)
}

// scoresPeriod is the as-of period of the site built in dest.
func scoresPeriod(t *testing.T, dest string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, "data", "scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	var scores struct{ Period string }
	if err := json.Unmarshal(b, &scores); err != nil {
		t.Fatal(err)
	}
	return scores.Period
}

// TestUpdateNeedsAFullBuildForDefinitions: a change to a scorecard, to
// config.toml, or to a theme is not applied in place, and the folder is left
// as it was; after a full build, updates work again.
func TestUpdateNeedsAFullBuildForDefinitions(t *testing.T) {
	for _, c := range []struct{ file, old, new string }{
		{"content/ops/scorecard.toml", "target = 0.95", "target = 0.9"},
		{"config.toml", `title = "Acme Scorecard"`, `title = "Acme"`},
		{"content/ops/notes/2026-09/cost.md", "", ""},
		{"themes/default/static/assets/extra.css", "", "body { color: black }\n"},
		// A spreadsheet is warned of by a full build.
		{"data/budget.ods", "", "PK\x03\x04"},
		// A symbolic link anywhere below content/ is checked.
		{"content/ops/notes/link.md", "", "\x00link"},
	} {
		t.Run(c.file, func(t *testing.T) {
			source := copyTree(t, smallSite)
			s, dest := startSession(t, source)
			before := snapshot(t, dest)
			switch {
			case c.new != "" && c.old == "": // a new file
				p := filepath.Join(source, filepath.FromSlash(c.file))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if c.new == "\x00link" {
					if err := os.Symlink("2026-09/cost.md", p); err != nil {
						t.Skipf("symbolic links: %v", err)
					}
					break
				}
				writeTestFile(t, p, c.new)
			case c.old == "":
				f, err := os.OpenFile(filepath.Join(source, c.file), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(f, "One more line.")
				f.Close()
			default:
				edit(t, source, c.file, c.old, c.new)
			}
			// A data change at the same time does not make it an update.
			edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,", "ops,cost,2026-09,62,")
			if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
				t.Fatalf("update: %v, want ErrFullBuild", err)
			}
			checkRewrites(t, before, snapshot(t, dest), nil)

			dest2 := filepath.Join(t.TempDir(), "site")
			if _, err := s.Build(context.Background(), dest2); err != nil {
				t.Fatal(err)
			}
			edit(t, source, "data/actuals.csv", "ops,cost,2026-09,62,", "ops,cost,2026-09,63,")
			_, up := mustUpdate(t, s)
			if !slices.Contains(up.Written, "units/ops/measures/cost.html") {
				t.Errorf("the update after the full build did not rewrite the cost page: %v", up.Written)
			}
			sameAsFullBuild(t, source, dest2)
		})
	}
}

// TestUpdateLooksOnlyAtWhatABuildReads: files a build does not read —
// a video beside the notes, a theme's read-me, the leftovers of editors —
// change without making an update a full build, and are not read: a large
// one grows between the build and the update, and the update applies in
// place.
func TestUpdateLooksOnlyAtWhatABuildReads(t *testing.T) {
	source := copyTree(t, smallSite)
	large := filepath.Join(source, "content/ops/notes/walkthrough.mp4")
	if err := os.WriteFile(large, make([]byte, 3<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	// A theme folder of the site's own, with files a build does not read.
	if err := os.MkdirAll(filepath.Join(source, "themes/default/static"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(source, "themes/default/README.md"), "# The theme\n")
	s, dest := startSession(t, source)
	before := snapshot(t, dest)
	f, err := os.OpenFile(large, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("more"))
	f.Close()
	for name, content := range map[string]string{
		"content/notes/chart.png":         "\x89PNG",
		"content/.DS_Store":               "\x00\x00\x00\x01Bud1",
		"content/notes/2026-09.md~":       "An old draft.\n",
		"content/ops/notes/._2026-09":     "\x00\x05\x16\x07",
		"data/~$actuals.csv":              "\x00lock",
		"data/README.txt":                 "Where the numbers come from.\n",
		"themes/default/README.md":        "# A theme\n",
		"themes/default/static/.DS_Store": "\x00",
		"scratch/notes.md":                "Not part of the site.\n",
	} {
		p := filepath.Join(source, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeTestFile(t, p, content)
	}
	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,", "ops,cost,2026-09,62,")
	_, up := mustUpdate(t, s)
	if !slices.Contains(up.Written, "units/ops/measures/cost.html") {
		t.Errorf("the data change was not applied: %v", up.Written)
	}
	checkRewrites(t, before, snapshot(t, dest), up.Written)
	sameAsFullBuild(t, source, dest)

	// A theme file larger than maxThemeHash is fingerprinted by its size
	// and time of change: a change to it is still a full build.
	big := filepath.Join(source, "themes/default/static/assets/clip.webm")
	if err := os.MkdirAll(filepath.Dir(big), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, make([]byte, maxThemeHash+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update after a theme file was added: %v, want ErrFullBuild", err)
	}
	if _, err := s.Build(context.Background(), filepath.Join(t.TempDir(), "site2")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, make([]byte, maxThemeHash+2), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update after a large theme file changed: %v, want ErrFullBuild", err)
	}
}

// TestBrokenDataThenFixed: a broken data file cannot be applied in place;
// the full build reports it with its position and leaves the folder alone;
// once it is fixed, an update applies the fix and everything else that
// changed since the last good build.
func TestBrokenDataThenFixed(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)

	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,", "ops,cost,2026-09,6l,")
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update of a broken file: %v, want ErrFullBuild", err)
	}
	_, err := s.Build(context.Background(), filepath.Join(t.TempDir(), "broken"))
	if err == nil || !strings.Contains(err.Error(), "data/actuals.csv:7:18") {
		t.Fatalf("full build of a broken file: %v, want an error at data/actuals.csv:7:18", err)
	}
	checkRewrites(t, before, snapshot(t, dest), nil)

	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,6l,", "ops,cost,2026-09,70,")
	_, up := mustUpdate(t, s)
	if !slices.Contains(up.Written, "units/ops/measures/cost.html") {
		t.Errorf("the fix was not applied: %v", up.Written)
	}
	checkRewrites(t, before, snapshot(t, dest), up.Written)
	sameAsFullBuild(t, source, dest)
}

// TestDataBeyondTheLargestNumberThenFixed: data that reads well but whose
// year-to-date total is beyond ±1.8e308 cannot be applied in place; the
// full build reports it at the aggregation key. The failed update changed
// nothing of the last build (new data is a new value beside it), so once
// the data is fixed an update applies everything that changed since that
// build: the cost, which changed in the same edit, too.
func TestDataBeyondTheLargestNumberThenFixed(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	before := snapshot(t, dest)

	edit(t, source, "data/actuals.csv", "ops,revenue,2026-07,110,", "ops,revenue,2026-07,1e308,")
	edit(t, source, "data/actuals.csv", "ops,revenue,2026-08,95,", "ops,revenue,2026-08,1e308,")
	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,", "ops,cost,2026-09,62,")
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update: %v, want ErrFullBuild", err)
	}
	_, err := s.Build(context.Background(), filepath.Join(t.TempDir(), "broken"))
	if err == nil || !strings.Contains(err.Error(), `content/ops/scorecard.toml:17:17: measure "revenue" of unit "ops": the year-to-date sum of its actuals is beyond ±1.8e308`) {
		t.Fatalf("full build: %v, want the error at the aggregation key", err)
	}
	checkRewrites(t, before, snapshot(t, dest), nil)

	edit(t, source, "data/actuals.csv", "ops,revenue,2026-07,1e308,", "ops,revenue,2026-07,110,")
	edit(t, source, "data/actuals.csv", "ops,revenue,2026-08,1e308,", "ops,revenue,2026-08,95,")
	_, up := mustUpdate(t, s)
	if !slices.Contains(up.Written, "units/ops/measures/cost.html") {
		t.Errorf("the change of the cost was not applied: %v", up.Written)
	}
	checkRewrites(t, before, snapshot(t, dest), up.Written)
	sameAsFullBuild(t, source, dest)
}

// TestUpdateOfAddedAndRemovedDataFiles moves rows to a new data file, then
// removes it: the rows of a file that goes are gone with it.
func TestUpdateOfAddedAndRemovedDataFiles(t *testing.T) {
	source := copyTree(t, smallSite)
	s, dest := startSession(t, source)
	edit(t, source, "data/actuals.csv", "ops,on-time,2026-07,0.93,\nops,on-time,2026-08,0.80,\n", "")
	extra := filepath.Join(source, "data", "more", "on-time.csv")
	if err := os.MkdirAll(filepath.Dir(extra), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(extra, []byte("unit,measure,period,actual\nops,on-time,2026-06,0.97\nops,on-time,2026-08,0.99\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, up := mustUpdate(t, s)
	if !slices.Equal(up.Data, []string{"data/actuals.csv", "data/more/on-time.csv"}) {
		t.Errorf("data files changed: %v", up.Data)
	}
	sameAsFullBuild(t, source, dest)

	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s)
	sameAsFullBuild(t, source, dest)
}

// TestUpdatesMatchFullBuilds changes one row at a time in a generated site
// with a deep cascade, formulas and roll-ups (an actual moves or goes, a
// target moves, a row goes), and after each update compares the folder with
// a full build of the changed source.
func TestUpdatesMatchFullBuilds(t *testing.T) {
	source := t.TempDir()
	if _, err := gen.Generate(source, gen.Params{Units: 12, Measures: 8, Months: 18, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	s, dest := startSession(t, source)
	files, err := pipeline.CSVFiles(os.DirFS(source))
	if err != nil || len(files) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	pages := len(snapshot(t, dest))
	for i := range 12 {
		name := pickFile(rnd, files, i)
		what := changeRow(t, rnd, filepath.Join(source, filepath.FromSlash(name)), i)
		before := snapshot(t, dest)
		_, up := mustUpdate(t, s)
		t.Logf("%s, %s: rendered %d, wrote %d of %d files (all %v)", name, what, len(up.Rendered), len(up.Written), pages, up.All)
		checkRewrites(t, before, snapshot(t, dest), up.Written)
		sameAsFullBuild(t, source, dest)
	}
}

// pickFile picks a data file for the i-th change of changeRow: a file of
// targets to move a target, any file otherwise.
func pickFile(rnd *rand.Rand, files []string, i int) string {
	if i%4 == 1 {
		var targets []string
		for _, f := range files {
			if strings.Contains(f, "target") {
				targets = append(targets, f)
			}
		}
		if len(targets) > 0 {
			return targets[rnd.IntN(len(targets))]
		}
	}
	return files[rnd.IntN(len(files))]
}

// changeRow changes one row of the data file at p, picked with rnd, in the
// i-th way of four: an actual moves, a target moves, an actual goes, the
// row goes. It says what it did.
func changeRow(t *testing.T, rnd *rand.Rand, p string, i int) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	k := 1 + rnd.IntN(len(lines)-1)
	cells := strings.Split(lines[k], ",")
	what := ""
	switch {
	case i%4 == 3:
		lines = slices.Delete(lines, k, k+1)
		what = "row removed"
	case i%4 == 1 && len(cells) > 4 && cells[4] != "":
		cells[4] = fmt.Sprintf("%.2f", mustFloat(t, cells[4])*1.3)
		what = "target moved"
	case i%4 == 2 && len(cells) > 3 && cells[3] != "":
		cells[3] = ""
		what = "actual removed"
	case len(cells) > 3 && cells[3] != "":
		// Up or down by half: enough to move a status.
		cells[3] = fmt.Sprintf("%.2f", mustFloat(t, cells[3])*[]float64{0.5, 1.5}[rnd.IntN(2)])
		what = "actual moved"
	default:
		what = "nothing changed"
	}
	if what != "row removed" {
		lines[k] = strings.Join(cells, ",")
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("line %d: %s", k+1, what)
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestRecomputeMatchesCompute checks the incremental compilation below the
// pages, where rounding cannot hide a difference: after changes to actuals
// and targets, added and removed rows, the result and the warnings are those
// of a compilation from scratch.
func TestRecomputeMatchesCompute(t *testing.T) {
	source := t.TempDir()
	if _, err := gen.Generate(source, gen.Params{Units: 10, Measures: 8, Months: 18, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	fsys := os.DirFS(source)
	site, err := pipeline.Prepare(ctx, fsys, pipeline.Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := pipeline.CSVFiles(fsys)
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range 16 {
		name := pickFile(rnd, files, i)
		what := changeRow(t, rnd, filepath.Join(source, filepath.FromSlash(name)), i)
		next, ok := site.Update(ctx, fsys, files, []string{name})
		if !ok {
			t.Fatalf("%s, %s: not recompiled", name, what)
		}
		site = next
		got, gotDL := next.Result, next.Diags
		want, wantDL, err := pipeline.Compile(ctx, fsys, pipeline.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s, %s: the result differs from a compilation from scratch", name, what)
		}
		if g, w := sitetest.Lines(gotDL, diag.Warning), sitetest.Lines(wantDL, diag.Warning); !slices.Equal(g, w) {
			t.Fatalf("%s, %s: warnings\n%s\nwant\n%s", name, what, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
	}
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateWarnsAsAFullBuild: an update reports the warnings a full build
// of the changed source would, not those of the data before the change. A
// stray row far after the as-of period is warned of; once it is removed,
// so is the warning.
func TestUpdateWarnsAsAFullBuild(t *testing.T) {
	source := copyTree(t, smallSite)
	edit(t, source, "data/actuals.csv", "ops,cost,2026-09,61,\n", "ops,cost,2026-09,61,\nops,cost,2027-03,70,\n")
	s, _ := startSession(t, source)
	for _, change := range []struct{ old, new string }{
		{"ops,cost,2027-03,70,\n", ""},
		{"ops,cost,2026-09,61,\n", "ops,cost,2026-09,61,\nops,cost,2027-04,71,\n"},
	} {
		edit(t, source, "data/actuals.csv", change.old, change.new)
		rep, _ := mustUpdate(t, s)
		full, err := Check(context.Background(), Options{Source: source})
		if err != nil {
			t.Fatal(err)
		}
		if g, w := fmt.Sprint(rep.Warnings), fmt.Sprint(full.Warnings); g != w || rep.WarningCount != full.WarningCount {
			t.Errorf("after %q → %q, the update warns\n%s\nwhere a full build warns\n%s", change.old, change.new, g, w)
		}
	}
}

// TestUpdateOfMergedRowsNeedsAFullBuild: when a period's values come from
// rows of two files (actuals in one, targets in another), a change to one
// of them is not applied in place, where dropping that file's rows would
// drop the other file's values of the period too: Update asks for a full
// build, which gives the right result.
func TestUpdateOfMergedRowsNeedsAFullBuild(t *testing.T) {
	source := copyTree(t, smallSite)
	writeFile(t, filepath.Join(source, "data/targets.csv"), []byte("unit,measure,period,target\nops,revenue,2026-09,100\n"))
	s, _ := startSession(t, source)
	edit(t, source, "data/actuals.csv", "ops,revenue,2026-09,102,", "ops,revenue,2026-09,103,")
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update: %v; want ErrFullBuild", err)
	}

	// The same for an initiative's progress: its status for August in a
	// file of its own, beside the percent complete and spend of that month.
	source = copyTree(t, smallSite)
	writeFile(t, filepath.Join(source, "data/status.csv"), []byte("unit,initiative,period,status\nops,automation,2026-08,at-risk\n"))
	s, dest := startSession(t, source)
	if b, err := os.ReadFile(filepath.Join(dest, "data/scores.json")); err != nil || !strings.Contains(string(b), `"file": "data/status.csv",`) {
		t.Errorf("scores.json does not name the file of the status (%v):\n%s", err, b)
	}
	edit(t, source, "data/initiatives.csv", "ops,automation,2026-09,40,", "ops,automation,2026-09,45,")
	if _, _, err := s.Update(context.Background(), nil); !errors.Is(err, ErrFullBuild) {
		t.Fatalf("update of an initiative's merged rows: %v; want ErrFullBuild", err)
	}
}
