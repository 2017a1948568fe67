package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The spreadsheet and database faults of the bad-input corpus. Workbooks are
// binary, so these cases are made at run time, with excelize, on badBase;
// the database cases make a SQLite file, or use the PostgreSQL server of
// the tests.

func init() { generatedBadCases = append(generatedBadCases, sourceBadCases...) }

// workbook writes data/<name> holding the sheets' cells.
func workbook(t *testing.T, dir, name string, sheets map[string]map[string]any, more func(f *excelize.File)) {
	t.Helper()
	f := excelize.NewFile()
	for sheet, cells := range sheets {
		if sheet != "Sheet1" {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
		}
		for ref, v := range cells {
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if more != nil {
		more(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "data", name), b.Bytes())
}

func appendConfig(t *testing.T, dir, text string) {
	t.Helper()
	p := filepath.Join(dir, "config.toml")
	writeFile(t, p, []byte("title = \"T\"\n"+text))
}

// warehouse makes a SQLite database of the statements and points the
// source's variable at it.
func warehouse(t *testing.T, stmts string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "wh.db")
	execSQL(t, "sqlite", db, stmts)
	t.Setenv("WH_DSN", db)
}

// withInitiative gives the base site's unit an initiative, crm, from the
// start of 2026 to its end.
func withInitiative(t *testing.T, dir string) {
	t.Helper()
	p := filepath.Join(dir, "content/scorecard.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, append(b, "[[initiatives]]\nid = \"crm\"\nname = \"CRM\"\nobjectives = [\"grow\"]\nstart = 2026-01-01\nend = 2026-12-31\nbudget = 1000\n"...))
}

const whSource = `[[sources]]
name = "wh"
driver = "sqlite"
dsn_env = "WH_DSN"
query = `

var sourceBadCases = []generatedCase{
	{
		name: "xlsx-not-a-workbook",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "data/b.xlsx"), []byte("unit,measure,period,actual\norg,revenue,2026-08,1\n"))
			writeFile(t, filepath.Join(dir, "data/c.xlsx"), []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
		},
		want: "data/b.xlsx: the file is not an .xlsx workbook (it is not a zip archive of its parts): save it as Excel Workbook (.xlsx)\n" +
			"data/c.xlsx: the file is not an .xlsx workbook but an older Excel file (.xls) or an encrypted workbook: save it as Excel Workbook (.xlsx) without a password\n",
	},
	{
		name: "xlsx-cell-faults",
		make: func(t *testing.T, dir string) {
			workbook(t, dir, "b.xlsx", map[string]map[string]any{"Sheet1": {
				"A1": "Unit", "B1": "Measure", "C1": "Period", "D1": "Actual",
				"A2": "org", "B2": "revenue", "C2": "2026-07",
				"A3": "org", "B3": "revenue", "C3": "2026-06", "D3": "1 234",
				"A4": "org", "B4": "revnue", "C4": "2026-05", "D4": 4,
				"A5": "org", "B5": "revenue", "C5": "2026-09", "D5": 5,
				"B6": "revenue", "C6": "2026-04", "D6": 6,
			}}, func(f *excelize.File) {
				f.SetCellFormula("Sheet1", "D2", "=D3*2")
				f.MergeCell("Sheet1", "A5", "A6")
			})
		},
		want: `data/b.xlsx:Sheet1!D2: actual is a formula whose value was never saved (the file was written by a program that does not calculate): open the file in a spreadsheet and save it, or write the values` + "\n" +
			`data/b.xlsx:Sheet1!D3: actual "1 234" is not a plain number: remove the thousands separators (write 1234; in the spreadsheet, format the column as a number without a 1000 separator before saving as CSV)` + "\n" +
			`data/b.xlsx:Sheet1!B4: unit "org" has no measure "revnue" (did you mean "revenue"?)` + "\n" +
			`data/b.xlsx:Sheet1!A5: duplicate row for org/revenue 2026-09: the first is at data/a.csv:2:13` + "\n" +
			`data/b.xlsx:Sheet1!A6: unit is blank (a merged cell keeps its value in its first cell only: unmerge the cells and fill every row)` + "\n",
	},
	{
		name: "xlsx-wide-faults",
		make: func(t *testing.T, dir string) {
			workbook(t, dir, "b.xlsx", map[string]map[string]any{"Q3 data": {
				"B2": "unit", "C2": "measure", "D2": "2026-07", "E2": "2026-Q3", "F2": "2026-07", "G2": "notes",
				"B3": "org", "C3": "revenue", "D3": 1, "E3": 2,
			}}, func(f *excelize.File) { f.DeleteSheet("Sheet1") })
		},
		want: `data/b.xlsx:'Q3 data'!F2: period column "2026-07" appears twice, the first time as column 3` + "\n" +
			`data/b.xlsx:'Q3 data'!G2: unknown column "notes": a table in the wide layout has unit, measure and one column per period (2026-01, 2026-Q1 or 2026), and nothing else` + "\n",
	},
	{
		name: "xlsx-wide-period-of-another-frequency",
		make: func(t *testing.T, dir string) {
			workbook(t, dir, "b.xlsx", map[string]map[string]any{"Sheet1": {
				"A1": "unit", "B1": "measure", "C1": "2026-07", "D1": "2026-Q3",
				"A2": "org", "B2": "revenue", "C2": 1, "D2": 2,
			}}, nil)
		},
		want: `data/b.xlsx:Sheet1!D2: period "2026-Q3" is quarterly, but measure "revenue" is monthly: expected a month like 2026-09` + "\n",
	},
	{
		// A sheet of initiatives' progress beside one of measures: each
		// kind's faults, at the cells of the workbook.
		name: "xlsx-initiative-faults",
		make: func(t *testing.T, dir string) {
			withInitiative(t, dir)
			workbook(t, dir, "b.xlsx", map[string]map[string]any{
				"Sheet1": {"A1": "unit", "B1": "measure", "C1": "period", "D1": "target", "A2": "org", "B2": "revenue", "C2": "2026-08", "D2": 100},
				"Progress": {
					"A1": "Unit", "B1": "Initiative", "C1": "Period", "D1": "Complete", "E1": "Spend", "F1": "Status",
					"A2": "org", "B2": "crm", "C2": "2026-07", "D2": 0.4, "E2": 200,
					"A3": "org", "B3": "crn", "C3": "2026-08", "E3": 300,
					"A4": "org", "B4": "crm", "C4": "2026-09", "D4": 120, "F4": "late",
				},
				"Wide": {"A1": "unit", "B1": "initiative", "C1": "2026-09", "A2": "org", "B2": "crm", "C2": 50},
			}, func(f *excelize.File) {
				pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
				if err != nil {
					t.Fatal(err)
				}
				f.SetCellStyle("Progress", "D2", "D2", pct)
			})
		},
		want: `data/b.xlsx:Progress!D2: complete is 0.4, shown as a percentage (40%): the percent complete is a number from 0 to 100 (type 40 in a cell formatted as a number)` + "\n" +
			`data/b.xlsx:Progress!B3: unit "org" has no initiative "crn" (did you mean "crm"?)` + "\n" +
			`data/b.xlsx:Progress!D4: complete 120 is more than 100: it is the percent complete, from 0 to 100` + "\n" +
			`data/b.xlsx:Progress!F4: status "late" is not one of on-track | at-risk | off-track` + "\n" +
			`data/b.xlsx:Wide!A1: missing column "period": the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)` + "\n" +
			`data/b.xlsx:Wide!C1: column "2026-09" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status` + "\n",
	},
	{
		name: "workbooks-setting-faults",
		make: func(t *testing.T, dir string) {
			workbook(t, dir, "b.xlsx", map[string]map[string]any{"Sheet1": {"A1": "unit", "B1": "measure", "C1": "period"}}, nil)
			appendConfig(t, dir, "[[workbooks]]\nfile = \"data/b.xlsx\"\nsheets = [\"Actuals\"]\n[[workbooks]]\nfile = \"data/a.csv\"\nsheets = [\"x\"]\n[[workbooks]]\nfile = \"data/missing.xlsx\"\nsheets = [\"x\"]\n")
		},
		// Data is read only from a sound configuration: the sheet that is
		// not there is the next case.
		want: `config.toml:6:8: file "data/a.csv" is not a workbook in data/: name it from the site's folder, such as "data/actuals.xlsx"` + "\n" +
			`config.toml:9:8: file "data/missing.xlsx" is not among the data files (is the path right?)` + "\n",
	},
	{
		name: "workbooks-sheet-not-there",
		make: func(t *testing.T, dir string) {
			workbook(t, dir, "b.xlsx", map[string]map[string]any{"Sheet1": {"A1": "unit", "B1": "measure", "C1": "period"}}, nil)
			appendConfig(t, dir, "[[workbooks]]\nfile = \"data/b.xlsx\"\nsheets = [\"Actuals\"]\n")
		},
		want: `config.toml:4:10: data/b.xlsx has no sheet "Actuals" (its sheets are "Sheet1")` + "\n",
	},
	{
		name: "csv-wide-faults",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "data/b.csv"), []byte("unit,measure,2026-07,actual\norg,revenue,1,2\n"))
			writeFile(t, filepath.Join(dir, "data/c.csv"), []byte("unit,measure,2026-07,2026-08\norg,,1,2\norg,revenue,\"1,5\",\n"))
		},
		want: `data/b.csv:1:1: missing column "period": the header row must name unit, measure and period (and any of actual, target, red, stretch)` + "\n" +
			`data/b.csv:1:14: column "2026-07" is a period, but the table has an actual column: a table has either a period column (the long layout) or one column per period and no period, actual, target, red or stretch column (the wide layout)` + "\n" +
			`data/c.csv:2:5: measure is blank` + "\n" +
			`data/c.csv:3:13: actual "1,5" is not a plain number: it has a decimal comma; use "." (write 1.5; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to "." before saving as CSV)` + "\n",
	},
	{
		name: "source-setting-faults",
		make: func(t *testing.T, dir string) {
			appendConfig(t, dir, "[[sources]]\nname = \"Warehouse\"\ndriver = \"mysql\"\nquery = \"SELECT 1\"\ndsn_env = \"postgres://u:hunter2@db/x\"\ntimeout = 0\n[[sources]]\nname = \"wh\"\n")
		},
		want: `config.toml:3:8: source name "Warehouse" is not valid: ids are 1 to 64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit` + "\n" +
			`config.toml:4:10: driver "mysql" is not sqlite or postgres` + "\n" +
			`config.toml:6:11: dsn_env is not the name of an environment variable (letters, digits and _, at most 128): the connection string itself belongs in that variable, never in a file (remove it from config.toml, and change the password if the file was shared)` + "\n" +
			`config.toml:7:11: timeout 0 is not a number of seconds from 0.001 to 3600` + "\n" +
			`config.toml:8:1: source "wh" has no driver: sqlite or postgres` + "\n" +
			`config.toml:8:1: source "wh" has no dsn_env: the name of the environment variable that holds the connection string (never the connection string itself)` + "\n" +
			`config.toml:8:1: source "wh" has no query` + "\n",
	},
	{
		name: "source-environment-variable-not-set",
		make: func(t *testing.T, dir string) {
			t.Setenv("WH_DSN", "")
			appendConfig(t, dir, whSource+`"SELECT 1"`+"\n")
		},
		want: `config.toml:2:1: source "wh": the environment variable WH_DSN is not set: set it to the connection string of the database (it is read from the environment so that no password is written in a file)` + "\n",
	},
	{
		name: "source-sqlite-faults",
		make: func(t *testing.T, dir string) {
			warehouse(t, "CREATE TABLE f (u TEXT, m TEXT, p TEXT, a, t); INSERT INTO f VALUES ('org','revenue','2026-07', 1, 'n/a'), (NULL,'revenue','2026-06', 2, NULL), ('org','revenue','2026-05', 'x''1', NULL), ('org','revenue','2026-09', 9, NULL)")
			appendConfig(t, dir, whSource+`"SELECT u AS unit, m AS measure, p AS period, a AS actual, t AS target FROM f ORDER BY p DESC"`+"\n"+
				"[[sources]]\nname = \"bad-sql\"\ndriver = \"sqlite\"\ndsn_env = \"WH_DSN\"\nquery = \"SELECT unit FROM nowhere\"\n"+
				"[[sources]]\nname = \"columns\"\ndriver = \"sqlite\"\ndsn_env = \"WH_DSN\"\nquery = \"SELECT u AS unit, m AS measure, p AS when_ FROM f\"\n")
		},
		want: `source columns, column 3: the query's result: unknown column "when_" (the columns are unit, measure, period, actual, target, red, stretch)` + "\n" +
			`source wh, row 1, column 1: duplicate row for org/revenue 2026-09: the first is at data/a.csv:2:13` + "\n" +
			`source wh, row 2, column 5: target "n/a" is not a number (expected a plain decimal such as 1234.5 or -0.25)` + "\n" +
			`source wh, row 3, column 1: unit is NULL (or blank)` + "\n" +
			`source wh, row 4, column 4: actual "x'1" is not a number (expected a plain decimal such as 1234.5 or -0.25)` + "\n" +
			`config.toml:7:1: source "bad-sql": the query failed: SQL logic error: no such table: nowhere (1)` + "\n" +
			`config.toml:12:1: source "columns": the query's result: missing column "period": the header row must name unit, measure and period (and any of actual, target, red, stretch)` + "\n",
	},
	{
		// A query of initiatives' progress: spend for an unknown
		// initiative, a period before the start, a NULL initiative.
		name: "source-initiative-faults",
		make: func(t *testing.T, dir string) {
			withInitiative(t, dir)
			warehouse(t, "CREATE TABLE p (u, i, per, c, s, st); INSERT INTO p VALUES ('org','crm','2026-08',40,200,NULL), ('org','crn','2026-09',NULL,300,NULL), ('org','crm','2025-12',1,NULL,NULL), ('org',NULL,'2026-07',5,NULL,NULL), ('org','crm','2026-09',50,-1,'On Track')")
			appendConfig(t, dir, whSource+`"SELECT u AS unit, i AS initiative, per AS period, c AS complete, s AS spend, st AS status FROM p ORDER BY rowid"`+"\n")
		},
		want: `source wh, row 2, column 2: unit "org" has no initiative "crn" (did you mean "crm"?)` + "\n" +
			`source wh, row 3, column 3: org/crm 2025-12: the period ends before the initiative starts (2026-01-01), so it has no progress to report` + "\n" +
			`source wh, row 4, column 2: initiative is NULL (or blank)` + "\n" +
			`source wh, row 5, column 5: spend -1 is negative: it is the spend to date, 0 or more` + "\n",
	},
	{
		name: "source-timeout",
		make: func(t *testing.T, dir string) {
			warehouse(t, "CREATE TABLE f (x)")
			appendConfig(t, dir, whSource+`"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS unit FROM n"`+"\ntimeout = 0.2\n")
		},
		want: `config.toml:2:1: source "wh": the query failed: the database did not answer within 200ms (set timeout, in seconds, in the source's entry to wait longer)` + "\n",
	},
	{
		name: "source-postgres-password-never-shown",
		make: func(t *testing.T, dir string) {
			dsn := testPostgres(t)
			bad := strings.Replace(dsn, "@", "x@", 1) // a wrong password
			t.Setenv("WH_DSN", bad)
			appendConfig(t, dir, "[[sources]]\nname = \"wh\"\ndriver = \"postgres\"\ndsn_env = \"WH_DSN\"\nquery = \"SELECT 1\"\n")
		},
		check: func(t *testing.T, got string) {
			if !strings.HasPrefix(got, `config.toml:2:1: source "wh": cannot connect: failed to connect to `) || !strings.Contains(got, "password authentication failed") {
				t.Errorf("error %q", got)
			}
			dsn := testPostgres(t)
			_, rest, _ := strings.Cut(dsn, "://")
			userinfo, _, _ := strings.Cut(rest, "@")
			_, password, _ := strings.Cut(userinfo, ":")
			if strings.Contains(got, password) {
				t.Errorf("the password is in the message: %s", got)
			}
		},
	},
}
