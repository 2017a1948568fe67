// Package table holds what every data reader produces — rows of unit,
// measure, period and values, each cell with its position — and the two
// layouts a data table may have, so that a CSV file, a sheet of a workbook
// and the result of a database query are read by the same rules.
//
// The long layout has a column per field (unit, measure, period, actual,
// target, red, stretch); the wide layout has unit and measure and then one
// column per period, whose cells are actuals.
package table

import (
	"fmt"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// The columns of a data row, in the order of Row.Cols.
const (
	ColUnit = iota
	ColMeasure
	ColPeriod
	ColActual
	ColTarget
	ColRed
	ColStretch
	NumCols
)

// ColumnNames are the header names of the columns, in the order of the constants.
var ColumnNames = [NumCols]string{"unit", "measure", "period", "actual", "target", "red", "stretch"}

// Opt is a number that may be missing. A blank cell is missing, never zero.
type Opt = model.Opt

// Row is one data row. Cols holds each column's position on the row's line
// (0 when the table has no such column), so that later checks can point at
// a cell. In a workbook Line is the sheet's row and Cols the cells' column
// numbers (A = 1); from a database, Line is the result's row (the first is
// 1) and Cols the result's column numbers.
type Row struct {
	File string
	// Sheet is the sheet of a workbook, or the name of a database source
	// (File is then empty): it is part of every position of the row.
	Sheet   string
	Line    int
	Unit    string
	Measure string
	Period  string
	Values  [4]Opt // actual, target, red, stretch
	Cols    [NumCols]int
	// ColLines holds each column's line: after a quoted field that spans
	// lines, a cell is on a later line than the row's first; in the wide
	// layout the period and actual are a cell of their own.
	ColLines [NumCols]int
}

// Pos returns the position of column c of the row.
func (r *Row) Pos(c int) diag.Pos {
	return diag.Pos{File: r.File, Sheet: r.Sheet, Line: max(r.ColLines[c], r.Line), Col: max(r.Cols[c], 1)}
}

// String formats a row for debugging.
func (r *Row) String() string {
	return fmt.Sprintf("%s %s/%s %s %v", r.Pos(ColUnit), r.Unit, r.Measure, r.Period, r.Values)
}

// ParseNumber reads a text cell by the strict rules of docs/format.md: blank
// is missing, anything but a plain decimal an error.
func ParseNumber(s string) (Opt, error) {
	if s == "" {
		return Opt{}, nil
	}
	v, err := number.Parse(s)
	if err != nil {
		return Opt{}, err
	}
	return Opt{V: v, OK: true}, nil
}
