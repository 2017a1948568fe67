package dbsource

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/table"
)

var at = diag.Pos{File: "config.toml", Line: 7, Col: 1}

// run reads source s with the connection string dsn and returns its rows,
// one line each, and its errors.
func run(t *testing.T, s Source, dsn string) ([]string, []string) {
	t.Helper()
	if s.Name == "" {
		s.Name = "wh"
	}
	if s.Timeout == 0 {
		s.Timeout = 10 * time.Second
	}
	s.DSNEnv, s.At = "WH_DSN", at
	var rows, errs []string
	var dl diag.List
	Read(context.Background(), s, func(k string) string {
		if k == "WH_DSN" {
			return dsn
		}
		return ""
	}, &dl, func(r *table.Row) {
		var vals []string
		for _, v := range r.Values {
			if v.OK {
				vals = append(vals, fmt.Sprint(v.V))
			} else {
				vals = append(vals, "-")
			}
		}
		rows = append(rows, fmt.Sprintf("%s/%s %s %s @%s", r.Unit, r.Measure, r.Period, strings.Join(vals, " "), r.Pos(table.ColActual)))
	})
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	return rows, errs
}

func check(t *testing.T, got, want []string, what string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// sqliteDB makes a database file holding the statements' tables.
func sqliteDB(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wh.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

const facts = `CREATE TABLE facts (unit TEXT, measure TEXT, period TEXT, actual REAL, target NUMERIC, note TEXT);
INSERT INTO facts VALUES ('org', 'revenue', '2026-08', 1012345.5, 1000000, NULL), ('org', 'revenue', '2026-09', 0.1, NULL, 'x'), ('org', 'nps', '2026-09', 32, 40, NULL)`

func TestSQLiteLongAndWide(t *testing.T) {
	db := sqliteDB(t, facts)
	rows, errs := run(t, Source{Driver: "sqlite", Query: "SELECT unit, measure, period, actual, target FROM facts ORDER BY measure DESC, period"}, db)
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"org/revenue 2026-08 1.0123455e+06 1e+06 - - @source wh, row 1, column 4",
		"org/revenue 2026-09 0.1 - - - @source wh, row 2, column 4",
		"org/nps 2026-09 32 40 - - @source wh, row 3, column 4",
	}, "rows")
	rows, errs = run(t, Source{Driver: "sqlite", Query: `SELECT 'org' AS unit, 'revenue' AS measure, 5 AS "2026-01", NULL AS "2026-02", 7.5 AS "2026-03"`}, db)
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"org/revenue 2026-01 5 - - - @source wh, row 1, column 3",
		"org/revenue 2026-03 7.5 - - - @source wh, row 1, column 5",
	}, "wide rows")
}

// TestSQLiteInitiatives: a result whose columns name an initiative holds
// initiatives' progress, read by the rules of every table: NULL is a blank
// figure or status, a number as the status is the status's text (which the
// data's check reads), and a NULL id or a text percentage is an error at
// its cell. The wide layout is for measures only.
func TestSQLiteInitiatives(t *testing.T) {
	db := sqliteDB(t, `CREATE TABLE progress (u TEXT, i TEXT, p, c NUMERIC, s REAL, st);
INSERT INTO progress VALUES ('org', 'crm', '2026-08', 55.5, 120000, 'On track'), ('org', 'crm', '2026-09', NULL, 150000, NULL),
 ('org', NULL, '2026-10', 60, NULL, NULL), ('org', 'crm', '2026-11', '70%', NULL, 2), ('ops', 'tender', '2026-07', 100, 18000, 7)`)
	var rows, errs []string
	var dl diag.List
	s := Source{Name: "wh", Driver: "sqlite", Timeout: 10 * time.Second, DSNEnv: "WH_DSN", At: at,
		Query: "SELECT u AS unit, i AS Initiative, p AS period, c AS complete, s AS spend, st AS status FROM progress ORDER BY rowid"}
	Read(context.Background(), s, func(string) string { return db }, &dl, func(r *table.Row) {
		rows = append(rows, fmt.Sprintf("%s/%s %s %v %v %q @%s", r.Unit, r.Initiative, r.Period, r.Progress[0], r.Progress[1], r.Status, r.Pos(table.ColComplete)))
	})
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	check(t, errs, []string{
		`source wh, row 3, column 2: initiative is NULL (or blank)`,
		`source wh, row 4, column 4: complete "70%" is not a plain number: write the percent complete without the sign (70)`,
	}, "errors")
	check(t, rows, []string{
		`org/crm 2026-08 {55.5 true} {120000 true} "On track" @source wh, row 1, column 4`,
		`org/crm 2026-09 {0 false} {150000 true} "" @source wh, row 2, column 4`,
		`ops/tender 2026-07 {100 true} {18000 true} "7" @source wh, row 5, column 4`,
	}, "rows")

	_, errs = run(t, Source{Driver: "sqlite", Query: `SELECT 'org' AS unit, 'crm' AS initiative, 50 AS "2026-08", 'x' AS measure`}, db)
	check(t, errs, []string{
		`source wh, column 3: the query's result: column "2026-08" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status`,
		`source wh, column 4: the query's result: column "measure" is a column of measures' tables, but this table has an initiative column: a table holds measures' values (unit, measure, period, actual, target, red, stretch) or initiatives' progress (unit, initiative, period, complete, spend, status), not both`,
		`config.toml:7:1: source "wh": the query's result: missing column "period": the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)`,
	}, "errors of a wide result")
}

// TestSQLiteFaults: each fault a clear error naming the source, and the row
// and column where there is one.
func TestSQLiteFaults(t *testing.T) {
	db := sqliteDB(t, facts)
	for _, c := range []struct {
		name, query, dsn string
		timeout          time.Duration
		want             []string
	}{
		{"no env", "SELECT 1", "", 0, []string{`config.toml:7:1: source "wh": the environment variable WH_DSN is not set: set it to the connection string of the database (it is read from the environment so that no password is written in a file)`}},
		{"no file", "SELECT 1", db + ".missing", 0, []string{`config.toml:7:1: source "wh": cannot connect: unable to open database file (14)`}},
		{"bad SQL", "SELEC unit FROM facts", db, 0, []string{`config.toml:7:1: source "wh": the query failed: SQL logic error: near "SELEC": syntax error (1)`}},
		{"wrong column", "SELECT unit, measure, period, note FROM facts", db, 0, []string{
			`source wh, column 4: the query's result: unknown column "note" (the columns are unit, measure, period, actual, target, red, stretch)`}},
		{"NULL id", "SELECT NULL AS unit, measure, period, actual FROM facts WHERE period = '2026-08'", db, 0, []string{
			`source wh, row 1, column 1: unit is NULL (or blank)`}},
		{"wrong type", "SELECT unit, measure, period, X'00ff' AS actual, 'abc' AS target FROM facts WHERE period = '2026-08'", db, 0, []string{
			`source wh, row 1, column 4: actual is not valid UTF-8`,
			`source wh, row 1, column 5: target "abc" is not a number (expected a plain decimal such as 1234.5 or -0.25)`}},
		{"writes", "DELETE FROM facts RETURNING unit, measure, period", db, 0, []string{
			`config.toml:7:1: source "wh": the query failed: attempt to write a readonly database (8)`}},
		{"timeout", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS unit FROM n", db, 50 * time.Millisecond, []string{
			`config.toml:7:1: source "wh": the query failed: the database did not answer within 50ms (set timeout, in seconds, in the source's entry to wait longer)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := run(t, Source{Driver: "sqlite", Query: c.query, Timeout: c.timeout}, c.dsn)
			check(t, errs, c.want, "errors")
		})
	}
	if _, err := os.Stat(db + ".missing"); err == nil {
		t.Error("a missing database file was created")
	}
}

func TestSecrets(t *testing.T) {
	for dsn, want := range map[string][]string{
		"postgres://u:p%40ss@h/db":              {"postgres://u:p%40ss@h/db", "p%40ss", "p%2540ss", "p@ss"},
		"host=h user=u password='pw1' dbname=d": {"host=h user=u password='pw1' dbname=d", "pw1"},
		"postgres://h/db?password=zz9":          {"postgres://h/db?password=zz9", "zz9"},
	} {
		got := secrets(dsn)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("secrets(%q) = %q: no %q", dsn, got, w)
			}
		}
	}
}
