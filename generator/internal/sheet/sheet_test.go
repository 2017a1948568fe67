package sheet

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/table"
	"github.com/xuri/excelize/v2"
)

// read reads a workbook and returns its rows, one line each, and its errors.
func read(t *testing.T, b []byte, opts Options) ([]string, []string) {
	t.Helper()
	var rows, errs []string
	var dl diag.List
	Read(bytes.NewReader(b), int64(len(b)), "data/a.xlsx", opts, &dl, func(r *table.Row) {
		var vals []string
		for _, v := range r.Values {
			if v.OK {
				vals = append(vals, fmt.Sprint(v.V))
			} else {
				vals = append(vals, "-")
			}
		}
		rows = append(rows, fmt.Sprintf("%s %s/%s %s %s @%s", r.Pos(table.ColUnit), r.Unit, r.Measure, r.Period, strings.Join(vals, " "), r.Pos(table.ColActual)))
	})
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	return rows, errs
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func check(t *testing.T, got, want []string, what string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLibreOfficeLong reads the long layout as LibreOffice wrote it: text
// periods and ids from the shared strings, numbers exactly as stored.
func TestLibreOfficeLong(t *testing.T) {
	rows, errs := read(t, fixture(t, "long.xlsx"), Options{})
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"data/a.xlsx:long!A2 org/revenue 2026-07 1.0123455e+06 1e+06 - - @data/a.xlsx:long!D2",
		"data/a.xlsx:long!A3 org/revenue 2026-08 0.1 - - - @data/a.xlsx:long!D3",
		"data/a.xlsx:long!A4 org/revenue 2026-09 -2500 1e+06 - - @data/a.xlsx:long!D4",
	}, "rows")
}

// TestLibreOfficeWide reads the wide layout: a row per period cell that is
// not blank, positioned at that cell.
func TestLibreOfficeWide(t *testing.T) {
	rows, errs := read(t, fixture(t, "wide.xlsx"), Options{})
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"data/a.xlsx:wide!A2 org/revenue 2026-07 1.0123455e+06 - - - @data/a.xlsx:wide!C2",
		"data/a.xlsx:wide!A2 org/revenue 2026-09 0.1 - - - @data/a.xlsx:wide!E2",
		"data/a.xlsx:wide!A3 org/nps 2026-07 32 - - - @data/a.xlsx:wide!C3",
		"data/a.xlsx:wide!A3 org/nps 2026-08 33.25 - - - @data/a.xlsx:wide!D3",
	}, "rows")
}

// TestLibreOfficeDates: a period that the application turned into a date
// (2026-08-01, a number with a date format) is read as its month, in a
// period cell and in a wide header alike; 2026-07 stayed text.
func TestLibreOfficeDates(t *testing.T) {
	rows, errs := read(t, fixture(t, "dates.xlsx"), Options{})
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"data/a.xlsx:dates!A2 org/revenue 2026-07 1 - - - @data/a.xlsx:dates!D2",
		"data/a.xlsx:dates!A3 org/revenue 2026-08 2 - - - @data/a.xlsx:dates!D3",
	}, "rows")
	rows, errs = read(t, fixture(t, "widedates.xlsx"), Options{})
	check(t, errs, nil, "errors")
	check(t, rows, []string{
		"data/a.xlsx:widedates!A2 org/revenue 2026-07 1 - - - @data/a.xlsx:widedates!C2",
		"data/a.xlsx:widedates!A2 org/revenue 2026-08 2 - - - @data/a.xlsx:widedates!D2",
	}, "rows")
}

// book writes a workbook with excelize: cells by sheet and reference.
func book(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	build(f)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func set(t *testing.T, f *excelize.File, sheet string, cells map[string]any) {
	t.Helper()
	if _, err := f.GetSheetIndex(sheet); err == nil {
		if i, _ := f.GetSheetIndex(sheet); i < 0 {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
		}
	}
	for ref, v := range cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCellFaults: a formula without a saved value, an error cell, a
// boolean, a date where a number belongs, a decimal comma in text, a
// number where an id belongs: each an error at its cell.
func TestCellFaults(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", map[string]any{
			"A1": "unit", "B1": "measure", "C1": "period", "D1": "actual", "E1": "target",
			"A2": "org", "B2": "revenue", "C2": "2026-01", "E2": true,
			"A3": "org", "B3": "revenue", "C3": "2026-02", "D3": "1,5",
			"A4": "org", "B4": "revenue", "C4": 46266.5, "D4": 3,
			"A5": "org", "B5": 42.5, "C5": "2026-04", "D5": 4,
			"A6": "org", "B6": "revenue", "C6": "2026-05", "D6": 5, "F6": "note",
			"A7": "org", "B7": "revenue", "C7": 2026, "D7": 7,
		})
		f.SetCellFormula("Sheet1", "D2", "=1/0")
		f.SetCellFormula("Sheet1", "E3", "=D3*2")
	})
	rows, errs := read(t, b, Options{})
	check(t, errs, []string{
		`data/a.xlsx:Sheet1!D2: actual is a formula whose value was never saved (the file was written by a program that does not calculate): open the file in a spreadsheet and save it, or write the values`,
		`data/a.xlsx:Sheet1!E2: target is a boolean (TRUE), not a number`,
		`data/a.xlsx:Sheet1!D3: actual "1,5" is not a plain number: it has a decimal comma; use "." (write 1.5; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to "." before saving as CSV)`,
		`data/a.xlsx:Sheet1!E3: target is a formula whose value was never saved (the file was written by a program that does not calculate): open the file in a spreadsheet and save it, or write the values`,
		`data/a.xlsx:Sheet1!C4: period 46266.5 is a number, not a period: write 2026-09, 2026-Q3 or 2026 (a month typed into a spreadsheet becomes a date, which is read as its month)`,
		`data/a.xlsx:Sheet1!B5: measure 42.5 is a number, not an id`,
		`data/a.xlsx:Sheet1!F6: a value outside the table: the header row has no column above this cell (clear the cell, or give its column a name)`,
	}, "errors")
	check(t, rows, []string{"data/a.xlsx:Sheet1!A7 org/revenue 2026 7 - - - @data/a.xlsx:Sheet1!D7"}, "rows")
}

// TestSheetsHiddenMergedAndNamed: hidden sheets are passed over unless
// named; an empty sheet is passed over; a merged unit column reads blank
// below its first cell, and says so; a named sheet that is not there is an
// error at the setting.
func TestSheetsHiddenMergedAndNamed(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", map[string]any{
			"A1": "unit", "B1": "measure", "C1": "2026-01", "D1": "2026-02",
			"A2": "org", "B2": "revenue", "C2": 1, "D2": 2,
			"B3": "cost", "C3": 3,
		})
		f.MergeCell("Sheet1", "A2", "A3")
		f.NewSheet("Empty")
		f.NewSheet("Scratch")
		set(t, f, "Scratch", map[string]any{"A1": "anything at all"})
		f.SetSheetVisible("Scratch", false)
	})
	rows, errs := read(t, b, Options{})
	check(t, errs, []string{`data/a.xlsx:Sheet1!A3: unit is blank` + mergedHint}, "errors")
	check(t, rows, []string{
		"data/a.xlsx:Sheet1!A2 org/revenue 2026-01 1 - - - @data/a.xlsx:Sheet1!C2",
		"data/a.xlsx:Sheet1!A2 org/revenue 2026-02 2 - - - @data/a.xlsx:Sheet1!D2",
	}, "rows")

	at := diag.Pos{File: "config.toml", Line: 4, Col: 10}
	rows, errs = read(t, b, Options{Sheets: []string{"Scratch", "Nope"}, SheetsAt: at})
	check(t, errs, []string{
		`config.toml:4:10: data/a.xlsx has no sheet "Nope" (its sheets are "Sheet1", "Empty", "Scratch")`,
		`data/a.xlsx:Scratch!A1: missing column "measure": the header row must name unit, measure and period (and any of actual, target, red, stretch)`,
		`data/a.xlsx:Scratch!A1: missing column "period": the header row must name unit, measure and period (and any of actual, target, red, stretch)`,
		`data/a.xlsx:Scratch!A1: missing column "unit": the header row must name unit, measure and period (and any of actual, target, red, stretch)`,
		`data/a.xlsx:Scratch!A1: unknown column "anything at all" (the columns are unit, measure, period, actual, target, red, stretch)`,
	}, "errors of named sheets")
	check(t, rows, nil, "rows of named sheets")
}

// TestNotAWorkbook: an .xls, a file that is not a zip, a zip without a workbook.
func TestNotAWorkbook(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "data/a.xlsx: the file is not an .xlsx workbook but an older Excel file (.xls) or an encrypted workbook: save it as Excel Workbook (.xlsx) without a password"},
		{"unit,measure,period\n", "data/a.xlsx: the file is not an .xlsx workbook (it is not a zip archive of its parts): save it as Excel Workbook (.xlsx)"},
	} {
		_, errs := read(t, []byte(c.data), Options{})
		check(t, errs, []string{c.want}, "errors")
	}
}

// TestDateSerials: the 1900 date system, Excel's phantom 29 February 1900
// included, and the 1904 system.
func TestDateSerials(t *testing.T) {
	wb := &workbook{}
	for serial, want := range map[float64]string{1: "1900-01", 59: "1900-02", 61: "1900-03", 46235: "2026-08", 46266.75: "2026-09", 2958465: "9999-12"} {
		if got, ok := wb.month(serial); !ok || got != want {
			t.Errorf("month(%v) = %q, %v; want %q", serial, got, ok, want)
		}
	}
	wb.date1904 = true
	if got, _ := wb.month(44773); got != "2026-08" { // 2026-08-01 in the 1904 system
		t.Errorf("1904: %q", got)
	}
}

func TestNumberFormats(t *testing.T) {
	for code, want := range map[string]numFormat{
		"General": plainFormat, "0.00": plainFormat, "#,##0": plainFormat, `yyyy\-mm\-dd`: dateFormat, "MM/YY": dateFormat,
		`"Day" 0`: plainFormat, "[Red]0.0": plainFormat, "[h]:mm": dateFormat, "0.0%;[Red]-0.0%": percentFormat, `0 "m"`: plainFormat,
		`0 "%"`: plainFormat, `0\%`: plainFormat, "0;0%": plainFormat, "[Red": plainFormat,
	} {
		if got := codeFormat(code); got != want {
			t.Errorf("codeFormat(%q) = %v, want %v", code, got, want)
		}
	}
	for id, want := range map[int]numFormat{0: plainFormat, 2: plainFormat, 9: percentFormat, 10: percentFormat, 11: plainFormat, 14: dateFormat} {
		if got := builtinFormat(id); got != want {
			t.Errorf("builtinFormat(%d) = %v, want %v", id, got, want)
		}
	}
}

// TestInitiativeSheets: each sheet's header decides what it holds, so a
// workbook may hold measures' values on one sheet and initiatives'
// progress on another. A complete cell formatted as a percentage holds
// 0.55 for 55% and is an error that says so, where a measure's value is
// read as stored whatever its format; the wide layout is for measures only.
func TestInitiativeSheets(t *testing.T) {
	b := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", map[string]any{
			"A1": "unit", "B1": "measure", "C1": "period", "D1": "actual",
			"A2": "org", "B2": "on-time", "C2": "2026-09", "D2": 0.95,
		})
		f.NewSheet("Progress")
		set(t, f, "Progress", map[string]any{
			"B2": "Unit", "C2": "Initiative", "D2": "Period", "E2": "Complete", "F2": "Spend", "G2": "Status",
			"B3": "org", "C3": "crm", "D3": "2026-08", "E3": 55.5, "F3": 120000, "G3": "On track",
			"B4": "org", "C4": "crm", "D4": 46266, "E4": 0.6,
			"B5": "org", "C5": "crm", "D5": "2026-10", "E5": "70%",
			"B6": "org", "D6": "2026-11", "F6": 1,
			"B7": "ops", "C7": "automation", "D7": 46235, "F7": 60000,
			"B8": "org", "C8": "crm", "D8": "2026-07", "G8": 3,
		})
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Sheet1", "D2", "D2", pct)
		f.SetCellStyle("Progress", "E4", "E4", pct)
		date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Progress", "D4", "D4", date)
		f.SetCellStyle("Progress", "D7", "D7", date)
		f.NewSheet("Wide")
		set(t, f, "Wide", map[string]any{"A1": "unit", "B1": "initiative", "C1": "2026-08", "D1": "2026-09", "A2": "org", "B2": "crm", "C2": 50})
	})
	var rows, errs []string
	var dl diag.List
	Read(bytes.NewReader(b), int64(len(b)), "data/a.xlsx", Options{}, &dl, func(r *table.Row) {
		rows = append(rows, fmt.Sprintf("%s %q %q %q %v %v %v %q @%s", r.Pos(table.ColUnit), r.Measure, r.Initiative, r.Period, r.Values[0], r.Progress[0], r.Progress[1], r.Status, r.Pos(table.ColComplete)))
	})
	for _, d := range dl.Sorted(diag.Error) {
		errs = append(errs, d.String())
	}
	check(t, errs, []string{
		`data/a.xlsx:Progress!E4: complete is 0.6, shown as a percentage (60%): the percent complete is a number from 0 to 100 (type 60 in a cell formatted as a number)`,
		`data/a.xlsx:Progress!E5: complete "70%" is not a plain number: write the percent complete without the sign (70)`,
		`data/a.xlsx:Progress!C6: initiative is blank` + mergedHint,
		`data/a.xlsx:Wide!A1: missing column "period": the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)`,
		`data/a.xlsx:Wide!C1: column "2026-08" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status`,
		`data/a.xlsx:Wide!D1: column "2026-09" is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns unit, initiative, period, complete, spend, status`,
	}, "errors")
	check(t, rows, []string{
		`data/a.xlsx:Sheet1!A2 "on-time" "" "2026-09" {0.95 true} {0 false} {0 false} "" @data/a.xlsx:Sheet1!A2`,
		`data/a.xlsx:Progress!B3 "" "crm" "2026-08" {0 false} {55.5 true} {120000 true} "On track" @data/a.xlsx:Progress!E3`,
		`data/a.xlsx:Progress!B7 "" "automation" "2026-08" {0 false} {0 false} {60000 true} "" @data/a.xlsx:Progress!E7`,
		`data/a.xlsx:Progress!B8 "" "crm" "2026-07" {0 false} {0 false} {0 false} "3" @data/a.xlsx:Progress!E8`,
	}, "rows")
}
