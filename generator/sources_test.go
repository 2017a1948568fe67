package generator

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The rows of sites/small/data/actuals.csv and initiatives.csv, for the
// databases.
const smallFacts = `CREATE TABLE progress (unit TEXT, initiative TEXT, period TEXT, complete NUMERIC, spend NUMERIC, status TEXT);
INSERT INTO progress VALUES
 ('org','crm','2026-07',50,110000,'on-track'), ('org','crm','2026-08',58,150000,NULL), ('org','crm','2026-09',64,190000,'at-risk'),
 ('ops','automation','2026-08',30,60000,NULL), ('ops','automation','2026-09',40,85000,'off-track'),
 ('ops','tender','2026-05',80,15000,NULL), ('ops','tender','2026-06',100,18000,'on-track');
CREATE TABLE facts (unit TEXT, measure TEXT, period TEXT, actual NUMERIC, target NUMERIC);
INSERT INTO facts VALUES
 ('ops','revenue','2026-07',110,NULL), ('ops','revenue','2026-08',95,NULL), ('ops','revenue','2026-09',102,NULL),
 ('ops','cost','2026-07',58,NULL), ('ops','cost','2026-08',66,NULL), ('ops','cost','2026-09',61,NULL),
 ('ops','on-time','2026-07',0.93,NULL), ('ops','on-time','2026-08',0.80,NULL),
 ('org','nps','2026-Q2',38,NULL), ('org','nps','2026-Q3',44,NULL),
 ('org','engagement','2026-08',78,NULL), ('org','engagement','2026-09',83,NULL),
 ('org','revenue','2026-10',NULL,110)`

// Three sources: the monthly rows pivoted into the wide layout, the rest in
// the long layout, and the initiatives' progress.
const smallSources = `
[[sources]]
name = "monthly"
driver = "%s"
dsn_env = "SCORECARD_TEST_WAREHOUSE"
query = """
SELECT unit, measure,
  max(CASE WHEN period = '2026-07' THEN actual END) AS "2026-07",
  max(CASE WHEN period = '2026-08' THEN actual END) AS "2026-08",
  max(CASE WHEN period = '2026-09' THEN actual END) AS "2026-09"
FROM facts WHERE period LIKE '2026-0_' AND actual IS NOT NULL GROUP BY unit, measure ORDER BY unit, measure"""

[[sources]]
name = "other"
driver = "%[1]s"
dsn_env = "SCORECARD_TEST_WAREHOUSE"
timeout = 20
query = "SELECT unit, measure, period, actual, target FROM facts WHERE period NOT LIKE '2026-0_' OR actual IS NULL ORDER BY unit, measure, period"

[[sources]]
name = "progress"
driver = "%[1]s"
dsn_env = "SCORECARD_TEST_WAREHOUSE"
query = "SELECT unit, initiative, period, complete, spend, status FROM progress ORDER BY unit, initiative, period"
`

// scoresOf builds the site in src and returns its scores.json without the
// sources, and the sources.
func scoresOf(t *testing.T, src string) (map[string]any, any) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "data/scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	sources := m["sources"]
	delete(m, "sources")
	return m, sources
}

func sourcesJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSourcesGiveTheSameScores builds the small site with its data from
// workbooks LibreOffice wrote (the wide and the long layout, and the
// initiatives' progress), from CSV in the wide layout, from SQLite and from
// PostgreSQL, and requires exactly the scores of the CSV build, the
// initiatives' health and the exceptions included; scores.json names the
// sources read.
func TestSourcesGiveTheSameScores(t *testing.T) {
	want, _ := scoresOf(t, smallSite)
	withData := func(t *testing.T, files map[string]string) string {
		src := copyTree(t, smallSite)
		for _, f := range []string{"data/actuals.csv", "data/initiatives.csv"} {
			if err := os.Remove(filepath.Join(src, f)); err != nil {
				t.Fatal(err)
			}
		}
		for name, from := range files {
			b, err := os.ReadFile(from)
			if err != nil {
				b = []byte(from)
			}
			writeFile(t, filepath.Join(src, name), b)
		}
		return src
	}
	cases := []struct {
		name    string
		site    func(t *testing.T) string
		sources string
	}{
		{"xlsx", func(t *testing.T) string {
			return withData(t, map[string]string{"data/monthly.xlsx": "testdata/workbooks/monthly.xlsx", "data/other.xlsx": "testdata/workbooks/other.xlsx", "data/progress.xlsx": "testdata/workbooks/progress.xlsx"})
		}, `[{"kind":"xlsx","file":"data/monthly.xlsx","sheet":"monthly","name":null,"driver":null,"rows":10},
			{"kind":"xlsx","file":"data/other.xlsx","sheet":"other","name":null,"driver":null,"rows":3},
			{"kind":"xlsx","file":"data/progress.xlsx","sheet":"progress","name":null,"driver":null,"rows":7}]`},
		{"csv wide", func(t *testing.T) string {
			return withData(t, map[string]string{"data/monthly.csv": "testdata/workbooks/monthly.csv", "data/other.csv": "testdata/workbooks/other.csv", "data/progress.csv": "testdata/workbooks/progress.csv"})
		}, `[{"kind":"csv","file":"data/monthly.csv","sheet":null,"name":null,"driver":null,"rows":10},
			{"kind":"csv","file":"data/other.csv","sheet":null,"name":null,"driver":null,"rows":3},
			{"kind":"csv","file":"data/progress.csv","sheet":null,"name":null,"driver":null,"rows":7}]`},
		{"sqlite", func(t *testing.T) string {
			db := filepath.Join(t.TempDir(), "warehouse.db")
			execSQL(t, "sqlite", db, smallFacts)
			t.Setenv("SCORECARD_TEST_WAREHOUSE", db)
			return sourcesSite(t, withData(t, nil), "sqlite")
		}, `[{"kind":"database","file":null,"sheet":null,"name":"monthly","driver":"sqlite","rows":10},
			{"kind":"database","file":null,"sheet":null,"name":"other","driver":"sqlite","rows":3},
			{"kind":"database","file":null,"sheet":null,"name":"progress","driver":"sqlite","rows":7}]`},
		{"merged", func(t *testing.T) string {
			// Percent complete and status in a file, spend in a database.
			db := filepath.Join(t.TempDir(), "warehouse.db")
			execSQL(t, "sqlite", db, smallFacts)
			t.Setenv("SCORECARD_TEST_WAREHOUSE", db)
			src := withData(t, map[string]string{"data/monthly.csv": "testdata/workbooks/monthly.csv", "data/other.csv": "testdata/workbooks/other.csv",
				"data/progress.csv": "unit,initiative,period,complete,status\norg,crm,2026-07,50,on-track\norg,crm,2026-08,58,\norg,crm,2026-09,64,at-risk\n" +
					"ops,automation,2026-08,30,\nops,automation,2026-09,40,off-track\nops,tender,2026-05,80,\nops,tender,2026-06,100,on-track\n"})
			appendFile(t, filepath.Join(src, "config.toml"), "[[sources]]\nname = \"spend\"\ndriver = \"sqlite\"\ndsn_env = \"SCORECARD_TEST_WAREHOUSE\"\nquery = \"SELECT unit, initiative, period, spend FROM progress\"\n")
			return src
		}, `[{"kind":"csv","file":"data/monthly.csv","sheet":null,"name":null,"driver":null,"rows":10},
			{"kind":"csv","file":"data/other.csv","sheet":null,"name":null,"driver":null,"rows":3},
			{"kind":"csv","file":"data/progress.csv","sheet":null,"name":null,"driver":null,"rows":7},
			{"kind":"database","file":null,"sheet":null,"name":"spend","driver":"sqlite","rows":7}]`},
		{"postgres", func(t *testing.T) string {
			dsn := testPostgres(t)
			execSQL(t, "pgx", dsn, "DROP TABLE IF EXISTS facts, progress")
			execSQL(t, "pgx", dsn, smallFacts)
			t.Setenv("SCORECARD_TEST_WAREHOUSE", dsn)
			return sourcesSite(t, withData(t, nil), "postgres")
		}, `[{"kind":"database","file":null,"sheet":null,"name":"monthly","driver":"postgres","rows":10},
			{"kind":"database","file":null,"sheet":null,"name":"other","driver":"postgres","rows":3},
			{"kind":"database","file":null,"sheet":null,"name":"progress","driver":"postgres","rows":7}]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, sources := scoresOf(t, c.site(t))
			if !reflect.DeepEqual(got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("scores differ from the CSV build's:\n%s\nwant:\n%s", g, w)
			}
			if w := sourcesJSON(t, c.sources); !reflect.DeepEqual(sources, w) {
				t.Errorf("sources %v; want %v", sources, w)
			}
		})
	}
}

func appendFile(t *testing.T, p, text string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func sourcesSite(t *testing.T, src, driver string) string {
	t.Helper()
	cfg := filepath.Join(src, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg, append(b, []byte(strings.ReplaceAll(strings.ReplaceAll(smallSources, "%s", driver), "%[1]s", driver))...))
	return src
}

func execSQL(t *testing.T, driver, dsn, stmt string) {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// testPostgres returns the connection string of the test server that
// .ci/run starts; without one the test skips, except in CI.
func testPostgres(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("SCORECARD_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but SCORECARD_TEST_POSTGRES is not: .ci/run starts a PostgreSQL server for these tests")
		}
		t.Skip("no PostgreSQL server: set SCORECARD_TEST_POSTGRES (scripts/postgres start prints one)")
	}
	return dsn
}

// TestProvenanceNamesEveryTable: a measure whose targets come from a second
// file, and an initiative whose status for a month comes from a second
// file, name both files on their pages, in the order the build read them,
// though each merged period keeps the position of its first row alone.
func TestProvenanceNamesEveryTable(t *testing.T) {
	src := copyTree(t, smallSite)
	writeFile(t, filepath.Join(src, "data/more/targets.csv"), []byte("unit,measure,period,target\nops,cost,2026-08,59\n"))
	writeFile(t, filepath.Join(src, "data/more/status.csv"), []byte("unit,initiative,period,status\nops,automation,2026-08,at-risk\n"))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"units/ops/measures/cost.html":    "<dd>data/actuals.csv; data/more/targets.csv</dd>",
		"units/ops/measures/revenue.html": "<dd>data/actuals.csv</dd>",
		"initiatives/ops/automation.html": "Data from: data/initiatives.csv; data/more/status.csv</p>",
		"initiatives/ops/tender.html":     "Data from: data/initiatives.csv</p>",
	} {
		b, err := os.ReadFile(filepath.Join(dest, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s does not say %q", page, want)
		}
	}
}
