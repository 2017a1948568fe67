package generator

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDownloadedHistoryFedBackGivesTheSameScores: every measure's history,
// downloaded from its page, put back in data/ in place of the rows it came
// from, gives the same scores, as-of period and all. Computed measures are
// left as they are: their actuals come from their formula or roll-up.
func TestDownloadedHistoryFedBackGivesTheSameScores(t *testing.T) {
	dest := buildSmall(t)
	want, _ := scoresOf(t, smallSite)
	src := copyTree(t, smallSite)
	fed := map[string]bool{}
	for _, m := range []string{"ops/revenue", "ops/cost", "ops/on-time", "org/nps", "org/engagement"} {
		unit, id, _ := strings.Cut(m, "/")
		b, err := os.ReadFile(filepath.Join(dest, "units", unit, "measures", id+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(src, "data", unit+"-"+id+".csv"), b)
		fed[unit+","+id+","] = true
	}
	csvPath := filepath.Join(src, "data/actuals.csv")
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		u, rest, _ := strings.Cut(line, ",")
		m, _, _ := strings.Cut(rest, ",")
		if !fed[u+","+m+","] {
			kept = append(kept, line)
		}
	}
	writeFile(t, csvPath, []byte(strings.Join(kept, "")))
	got, _ := scoresOf(t, src)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scores from the downloaded histories differ:\n%v\nwant:\n%v", got, want)
	}
}

// TestDownloadsOpenInASpreadsheet: UTF-8 with a byte order mark, quoted
// where needed, and a name that a spreadsheet would run as a formula
// neutralised with an apostrophe (negative numbers stay numbers).
func TestDownloadsOpenInASpreadsheet(t *testing.T) {
	src := copyTree(t, smallSite)
	card := filepath.Join(src, "content/ops/scorecard.toml")
	b, err := os.ReadFile(card)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(`name = "Revenue"`), []byte(`name = "=HYPERLINK(\"http://x\",\"Revenue, net\")"`), 1)
	writeFile(t, card, b)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dest, "units/ops/scorecard.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("\xef\xbb\xbfperspective,objective,objective_name,objective_score,measure,measure_name,display_unit,basis,period,value,target,red,stretch,score,status,trend,stale\n")) {
		t.Fatalf("start of the file: %q", got[:min(len(got), 200)])
	}
	recs, err := csv.NewReader(bytes.NewReader(got[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if name := recs[1][5]; name != `'=HYPERLINK("http://x","Revenue, net")` {
		t.Errorf("measure name %q: want it neutralised", name)
	}
	if !bytes.Contains(got, []byte(`"'=HYPERLINK(""http://x"",""Revenue, net"")"`)) {
		t.Errorf("the name is not quoted as CSV quotes it:\n%s", got)
	}
	hist, err := os.ReadFile(filepath.Join(dest, "units/ops/measures/cost.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\ufeffunit,measure,period,actual,target,red,stretch\nops,cost,2026-07,58,60,,\nops,cost,2026-08,66,60,,\nops,cost,2026-09,61,60,,\n"; string(hist) != want {
		t.Errorf("history:\n%q\nwant:\n%q", hist, want)
	}
}

// TestFailedSourceLeavesTheSiteUntouched: a database source that cannot be
// read fails the build, and the previous output stays as it was.
func TestFailedSourceLeavesTheSiteUntouched(t *testing.T) {
	src := copyTree(t, smallSite)
	os.Remove(filepath.Join(src, "data/actuals.csv"))
	os.Remove(filepath.Join(src, "data/initiatives.csv"))
	db := filepath.Join(t.TempDir(), "warehouse.db")
	execSQL(t, "sqlite", db, smallFacts)
	t.Setenv("SCORECARD_TEST_WAREHOUSE", db)
	sourcesSite(t, src, "sqlite")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dest, "data/scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, "sqlite", db, "DROP TABLE facts")
	_, err = Build(context.Background(), Options{Source: src, Destination: dest})
	want := `config.toml:5:1: source "monthly": the query failed: SQL logic error: no such table: facts (1)` + "\n" +
		`config.toml:16:1: source "other": the query failed: SQL logic error: no such table: facts (1)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	after, _ := os.ReadFile(filepath.Join(dest, "data/scores.json"))
	if !bytes.Equal(before, after) {
		t.Error("the failed build changed the site")
	}
}
