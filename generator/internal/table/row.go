// Package table holds what every data reader produces — rows of unit,
// measure, period and values, each cell with its position — and the two
// layouts a data table may have, so that a CSV file, a sheet of a workbook
// and the result of a database query are read by the same rules.
//
// The long layout has a column per field (unit, measure, period, actual,
// target, red, stretch); the wide layout has unit and measure and then one
// column per period, whose cells are actuals. A table whose header names an
// initiative column holds initiatives' progress instead (unit, initiative,
// period, complete, spend, status), in the long layout only.
package table

import (
	"fmt"
	"math"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// The columns of a data row, in the order of Row.Cols: those of a
// measures' table, then those of an initiatives' table but unit and period,
// which both kinds have.
const (
	ColUnit = iota
	ColMeasure
	ColPeriod
	ColActual
	ColTarget
	ColRed
	ColStretch
	ColInitiative
	ColComplete
	ColSpend
	ColStatus
	NumCols
)

// ColumnNames are the header names of the columns, in the order of the constants.
var ColumnNames = [NumCols]string{"unit", "measure", "period", "actual", "target", "red", "stretch", "initiative", "complete", "spend", "status"}

// The columns of each kind of table, in the order people write them: the
// first three are required.
var (
	measureColumns    = [...]int{ColUnit, ColMeasure, ColPeriod, ColActual, ColTarget, ColRed, ColStretch}
	initiativeColumns = [...]int{ColUnit, ColInitiative, ColPeriod, ColComplete, ColSpend, ColStatus}
)

// Columns returns the columns of a measures' table, or of an initiatives'
// table, in the order people write them; the first three are required.
func Columns(initiatives bool) []int {
	if initiatives {
		return initiativeColumns[:]
	}
	return measureColumns[:]
}

// ColumnList joins the names of cols with sep.
func ColumnList(cols []int, sep string) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = ColumnNames[c]
	}
	return strings.Join(names, sep)
}

// Opt is a number that may be missing. A blank cell is missing, never zero.
type Opt = model.Opt

// Row is one data row: a measure's values for a period or, when Initiative
// is set, an initiative's progress. Cols holds each column's position on the row's line
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
	// An initiative's row: its id, percent complete and spend to date, and
	// the status its owner reports, as written.
	Initiative string
	Progress   [2]Opt // complete, spend
	Status     string
	// Cols and ColLines are 32-bit, and SetPos sets them: a row is copied
	// from the goroutine that reads it to the one that checks it, and on
	// the L workload the row's size was what that cost.
	Cols [NumCols]int32
	// ColLines holds each column's line: after a quoted field that spans
	// lines, a cell is on a later line than the row's first; in the wide
	// layout the period and actual are a cell of their own.
	ColLines [NumCols]int32
}

// SetPos sets where column c of the row is. A line past what 32 bits hold
// is kept as that most: Pos then gives the row's own line, which is where
// the cell is unless a quoted field spans lines.
func (r *Row) SetPos(c, line, col int) {
	r.ColLines[c], r.Cols[c] = clamp32(line), clamp32(col)
}

func clamp32(n int) int32 { return int32(min(max(n, 0), math.MaxInt32)) }

// Pos returns the position of column c of the row.
func (r *Row) Pos(c int) diag.Pos {
	return diag.Pos{File: r.File, Sheet: r.Sheet, Line: max(int(r.ColLines[c]), r.Line), Col: max(int(r.Cols[c]), 1)}
}

// Value returns the number of numeric column c: actual, target, red,
// stretch, complete or spend.
func (r *Row) Value(c int) *Opt {
	if c >= ColComplete {
		return &r.Progress[c-ColComplete]
	}
	return &r.Values[c-ColActual]
}

// Text returns the text of column c: unit, measure, period, initiative or
// status.
func (r *Row) Text(c int) *string {
	switch c {
	case ColUnit:
		return &r.Unit
	case ColMeasure:
		return &r.Measure
	case ColInitiative:
		return &r.Initiative
	case ColStatus:
		return &r.Status
	}
	return &r.Period
}

// IsValue reports whether column c holds a number.
func IsValue(c int) bool {
	return c >= ColActual && c <= ColStretch || c == ColComplete || c == ColSpend
}

// String formats a row for debugging.
func (r *Row) String() string {
	if r.Initiative != "" {
		return fmt.Sprintf("%s %s/%s %s %v %q", r.Pos(ColUnit), r.Unit, r.Initiative, r.Period, r.Progress, r.Status)
	}
	return fmt.Sprintf("%s %s/%s %s %v", r.Pos(ColUnit), r.Unit, r.Measure, r.Period, r.Values)
}

// ParseValue reads the text cell s of numeric column c by ParseNumber; a
// percent complete written with its sign is told how to write it.
func ParseValue(c int, s string) (Opt, error) {
	v, err := ParseNumber(s)
	if err != nil && c == ColComplete {
		if pct, cut := strings.CutSuffix(s, "%"); cut {
			if _, err2 := ParseNumber(strings.TrimSpace(pct)); err2 == nil {
				// A spreadsheet's percent column exports as "55%".
				return Opt{}, fmt.Errorf("is not a plain number: write the percent complete without the sign (%s)", strings.TrimSpace(pct))
			}
		}
	}
	return v, err
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
