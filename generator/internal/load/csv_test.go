package load

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

func readAll(t *testing.T, content string) ([]Row, []string, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{"data/a.csv": {Data: []byte(content)}}
	var rows []Row
	var dl diag.List
	ReadCSV(fsys, "data/a.csv", &dl, func(r *Row) { rows = append(rows, *r) })
	var errs []string
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	return rows, errs, &dl
}

func TestCSVAcceptsSpreadsheetExports(t *testing.T) {
	// A UTF-8 byte order mark, CRLF line ends, a reordered header, blank cells
	// and trailing empty rows, as spreadsheets write them.
	rows, errs, _ := readAll(t, "\ufeffperiod,unit,measure,target,actual\r\n2026-09,org,revenue,,95.5\r\n2026-08, org ,revenue,100,\r\n,,,,\r\n\r\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows; want 2", len(rows))
	}
	r := rows[0]
	if r.Unit != "org" || r.Measure != "revenue" || r.Period != "2026-09" || r.Line != 2 {
		t.Errorf("row %+v", r)
	}
	if !r.Values[0].OK || r.Values[0].V != 95.5 || r.Values[1].OK || r.Values[2].OK || r.Values[3].OK {
		t.Errorf("values %+v: want actual 95.5 and nothing else (blank is missing, never 0)", r.Values)
	}
	if r.Cols != [numCols]int32{9, 13, 1, 22, 21, 0, 0} {
		t.Errorf("columns %v", r.Cols)
	}
	if rows[1].Unit != "org" || rows[1].Values[0].OK || !rows[1].Values[1].OK || rows[1].Values[1].V != 100 {
		t.Errorf("second row %+v", rows[1])
	}
}

// TestCSVCellsTrimmed: a cell is trimmed of the spaces strings.TrimSpace
// trims, non-breaking and other Unicode spaces too, in a plain file as in
// one encoding/csv reads.
func TestCSVCellsTrimmed(t *testing.T) {
	cells := []string{"org", " org", "org ", "\torg\t", "\u00a0org", "org\u00a0", "\u2003org\u3000", "\u0085org", "o r g", "ö", " ö "}
	for _, quoted := range []bool{false, true} {
		var b strings.Builder
		b.WriteString("unit,measure,period,actual\n")
		for _, c := range cells {
			if quoted {
				c = `"` + c + `"`
			}
			b.WriteString(c + ",revenue,2026-09,1\n")
		}
		rows, errs, _ := readAll(t, b.String())
		if len(rows) != len(cells) {
			t.Fatalf("%d rows, %v", len(rows), errs)
		}
		for i, r := range rows {
			if want := strings.TrimSpace(cells[i]); r.Unit != want {
				t.Errorf("quoted %v: unit %q read as %q; want %q", quoted, cells[i], r.Unit, want)
			}
		}
	}
}

func TestCSVPositionsCountPhysicalLines(t *testing.T) {
	// A quoted field holding a line break moves every later row down a line.
	_, errs, _ := readAll(t, "unit,measure,period,actual\n\"org\nx\",revenue,2026-09,1\norg,revenue,2026-08,bad\n")
	want := `data/a.csv:4:21: actual "bad" is not a number (expected a plain decimal such as 1234.5 or -0.25)`
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q; want %q", errs, want)
	}
}

func TestCSVErrorsAreCappedAndCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit,measure,period,actual\n")
	n := diag.MaxPerList + 50
	for i := range n {
		fmt.Fprintf(&b, "org,m,2026-01,x%d\n", i)
	}
	_, errs, dl := readAll(t, b.String())
	if len(errs) != diag.MaxPerList || dl.Count(diag.Error) != n {
		t.Errorf("kept %d of %d errors; want %d kept of %d", len(errs), dl.Count(diag.Error), diag.MaxPerList, n)
	}
	if !strings.HasSuffix(dl.Err().Error(), "\n... and 50 more errors") {
		t.Error("the error does not count what it left out")
	}
}

func TestCSVHeaderNamesIgnoreCase(t *testing.T) {
	rows, errs, _ := readAll(t, "Unit,MEASURE, Period ,Actual\norg,revenue,2026-09,95\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(rows) != 1 || rows[0].Unit != "org" || rows[0].Period != "2026-09" || rows[0].Values[0].V != 95 {
		t.Errorf("rows %+v", rows)
	}
	// Only ASCII letters fold: the long s (U+017F), which Unicode folds to s,
	// is not an s.
	_, errs, _ = readAll(t, "unit,mea\u017fure,period,actual\n")
	want := []string{
		`data/a.csv:1:1: missing column "measure": the header row must name unit, measure and period (and any of actual, target, red, stretch)`,
		"data/a.csv:1:6: unknown column \"mea\u017fure\" (the columns are unit, measure, period, actual, target, red, stretch)",
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors %q; want %q", errs, want)
	}
}

// A table whose header names an initiative column holds initiatives'
// progress: its own columns, read with the same rules.
func TestCSVInitiativeTables(t *testing.T) {
	rows, errs, _ := readAll(t, "Unit,Initiative,Period,Complete,Spend,Status\norg,crm,2026-09,55.5,,On track\norg,crm,2026-10,,120000,\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows; want 2", len(rows))
	}
	r := rows[0]
	if r.Unit != "org" || r.Initiative != "crm" || r.Measure != "" || r.Period != "2026-09" || r.Status != "On track" {
		t.Errorf("row %+v", r)
	}
	if r.Progress != [2]model.Opt{model.Some(55.5), {}} || r.Values != [4]model.Opt{} {
		t.Errorf("complete and spend %v, values %v: want 55.5, missing, and no measure values", r.Progress, r.Values)
	}
	if r.Cols[ColInitiative] != 5 || r.Cols[ColStatus] != 23 || r.Cols[ColMeasure] != 0 {
		t.Errorf("columns %v", r.Cols)
	}
	if rows[1].Progress != [2]model.Opt{{}, model.Some(120000)} || rows[1].Status != "" {
		t.Errorf("second row %+v", rows[1])
	}

	_, errs, _ = readAll(t, "unit,initiative,measure,actual,complete,owner\n")
	want := []string{
		`data/a.csv:1:1: missing column "period": the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)`,
		`data/a.csv:1:17: column "measure" is a column of measures' tables, but this table has an initiative column: a table holds measures' values (unit, measure, period, actual, target, red, stretch) or initiatives' progress (unit, initiative, period, complete, spend, status), not both`,
		`data/a.csv:1:25: column "actual" is a column of measures' tables, but this table has an initiative column: a table holds measures' values (unit, measure, period, actual, target, red, stretch) or initiatives' progress (unit, initiative, period, complete, spend, status), not both`,
		`data/a.csv:1:41: unknown column "owner" (the columns are unit, initiative, period, complete, spend, status)`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}

	_, errs, _ = readAll(t, "unit,measure,period,spend\norg,,2026-09,5\n")
	want = []string{`data/a.csv:1:21: column "spend" is a column of initiatives' progress, which a table with an initiative column instead of measure holds (the columns of a measures' table are unit, measure, period, actual, target, red, stretch)`}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}

	// The wide layout is for measures' actuals alone.
	_, errs, _ = readAll(t, "unit,initiative,2026-08,2026-09\norg,crm,50,60\n")
	want = []string{
		`data/a.csv:1:1: missing column "period": the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)`,
		`data/a.csv:1:17: column "2026-08" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status`,
		`data/a.csv:1:25: column "2026-09" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}

	_, errs, _ = readAll(t, "unit,initiative,period,complete\norg,,2026-09,5\norg,crm,2026-09,5%\n")
	want = []string{
		`data/a.csv:2:5: initiative is blank`,
		`data/a.csv:3:17: complete "5%" is not a plain number: write the percent complete without the sign (5)`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}
