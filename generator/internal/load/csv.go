package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// The columns of a data file, in the order of Row.Cols. A table holds
// measures' values (unit, measure, period, actual, target, red, stretch) or,
// when its header names an initiative column, initiatives' progress (unit,
// initiative, period, complete, spend, status): its header decides, so that
// every reader of tables (a CSV file, a sheet, a query) tells them apart
// the same way.
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
	numCols
)

// ColumnNames are the header names of the columns, in the order of the constants.
var ColumnNames = [numCols]string{"unit", "measure", "period", "actual", "target", "red", "stretch", "initiative", "complete", "spend", "status"}

// The columns of each kind of table, in the order people write them.
var (
	measureColumns    = []int{ColUnit, ColMeasure, ColPeriod, ColActual, ColTarget, ColRed, ColStretch}
	initiativeColumns = []int{ColUnit, ColInitiative, ColPeriod, ColComplete, ColSpend, ColStatus}
)

func columnList(cols []int, sep string) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = ColumnNames[c]
	}
	return strings.Join(names, sep)
}

// Row is one data row: a measure's values for a period or, when Initiative
// is set, an initiative's progress. Cols holds each column's position on the
// row's line (0 when the file has no such column), so that later checks can
// point at a cell.
type Row struct {
	File    string
	Line    int
	Unit    string
	Measure string
	Period  string
	Values  [4]model.Opt // actual, target, red, stretch: a blank cell is missing, never zero
	// An initiative's row: its id, percent complete and spend to date, and
	// the status its owner reports, as written.
	Initiative string
	Progress   [2]model.Opt // complete, spend
	Status     string
	Cols       [numCols]int
	// ColLines holds each column's line: after a quoted field that spans
	// lines, a cell is on a later line than the row's first.
	ColLines [numCols]int
}

// Pos returns the position of column c of the row.
func (r *Row) Pos(c int) diag.Pos {
	return diag.Pos{File: r.File, Line: max(r.ColLines[c], r.Line), Col: max(r.Cols[c], 1)}
}

// ReadRows reads the data files in order and yields every row it can read;
// problems go to dl. The Row yielded is reused: copy what you keep.
func ReadRows(fsys fs.FS, files []string, dl *diag.List) iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		for _, name := range files {
			if !readCSV(fsys, name, dl, yield) {
				return
			}
		}
	}
}

// ReadCSV reads the data file name and calls fn for every row it can read. The
// Row passed to fn is reused; fn must copy what it keeps. Problems go to dl.
func ReadCSV(fsys fs.FS, name string, dl *diag.List, fn func(*Row)) {
	readCSV(fsys, name, dl, func(r *Row) bool { fn(r); return true })
}

// readCSV is ReadCSV, stopping when fn returns false; it reports whether it
// read to the end.
func readCSV(fsys fs.FS, name string, dl *diag.List, fn func(*Row) bool) bool {
	f, _, err := openRegular(fsys, name)
	if err != nil {
		dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
		return true
	}
	defer f.Close()
	limit := &lineLimiter{r: f}
	br := bufio.NewReaderSize(limit, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	} else if utf16(bom) {
		dl.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "the file is UTF-16 text (a spreadsheet's \"Unicode text\"): save it as CSV UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited))")
		return true
	}
	r := &csvReader{name: name, dl: dl, cr: csv.NewReader(newRowLimiter(br)), limit: limit}
	r.cr.FieldsPerRecord = -1
	r.cr.ReuseRecord = true
	return r.read(fn)
}

type csvReader struct {
	name       string
	dl         *diag.List
	cr         *csv.Reader
	index      [numCols]int // field index of each column, -1 when absent
	width      int          // fields in the header
	initiative bool         // the file holds initiatives' progress
	limit      *lineLimiter
}

func (r *csvReader) pos(line, col int) diag.Pos { return diag.Pos{File: r.name, Line: line, Col: col} }

// read reads the file, calling fn for each row, and reports whether it
// read to the end: it stops when fn returns false.
func (r *csvReader) read(fn func(*Row) bool) bool {
	rec, err := r.cr.Read()
	if err == io.EOF {
		r.dl.Errorf(r.pos(1, 1), "empty file: a data file starts with the header row %s", columnList(measureColumns, ","))
		return true
	}
	if err != nil {
		r.syntaxError(err)
		return true
	}
	if !r.header(rec) {
		return true
	}
	row := &Row{File: r.name}
	for {
		rec, err := r.cr.Read()
		if err == io.EOF {
			return true
		}
		if err != nil {
			r.syntaxError(err)
			if _, ok := err.(*csv.ParseError); ok {
				continue // the reader resumes at the next record
			}
			return true
		}
		if r.fill(row, rec) && !fn(row) {
			return false
		}
	}
}

func (r *csvReader) syntaxError(err error) {
	var long errLongLine
	if errors.As(err, &long) {
		r.dl.Errorf(r.pos(long.line, 1), "%s", longLineMsg)
		return
	}
	var longRow errLongRow
	if errors.As(err, &longRow) {
		r.dl.Errorf(r.pos(longRow.line, longRow.col), "%s", longRowMsg)
		return
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `a quote (") inside an unquoted field: quote the whole field and double the quote ("")`
		case errors.Is(pe.Err, csv.ErrQuote) && r.limit.pastEnd(pe.Line, pe.Column):
			// The file ended inside the quotes: point where they opened.
			r.dl.Errorf(r.pos(pe.StartLine, 1), `a quoted field on this row is never closed, so the rest of the file was read into it: close the quote (a quote inside a field is written "")`)
			return
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `a quoted field is not closed, or text follows its closing quote`
		}
		r.dl.Errorf(r.pos(pe.Line, pe.Column), "%s", msg)
		return
	}
	r.dl.Errorf(r.pos(0, 0), "%s", readError(err))
}

// header reads the header row and reports whether the file can be read.
func (r *csvReader) header(rec []string) bool {
	for i := range r.index {
		r.index[i] = -1
	}
	r.width = len(rec)
	line, _ := r.cr.FieldPos(0)
	if len(rec) == 1 {
		for _, sep := range []struct{ sep, name string }{{";", "semicolon"}, {"\t", "tab"}, {"|", "pipe"}} {
			if strings.Contains(rec[0], sep.sep) {
				r.dl.Errorf(r.pos(line, 1), "the file looks %s-separated (its header is one column holding %q): save it as CSV with commas (in Excel: Save As → CSV UTF-8 (Comma delimited); in LibreOffice: Text CSV with field delimiter \",\")", sep.name, sep.sep)
				return false
			}
		}
	}
	for _, h := range rec {
		if strings.Contains(h, "\r") {
			r.dl.Errorf(r.pos(line, 1), "lines end with a carriage return alone (the old Mac format): save the file as CSV UTF-8 (Comma delimited), whose lines end in a line feed")
			return false
		}
	}
	r.initiative = false
	for _, h := range rec {
		r.initiative = r.initiative || columnIndex(strings.TrimSpace(h)) == ColInitiative
	}
	kind := measureColumns
	if r.initiative {
		kind = initiativeColumns
	}
	ok := true
	for i, h := range rec {
		at := r.pos(r.cr.FieldPos(i)) // a quoted name may span lines
		name := strings.TrimSpace(h)
		c := columnIndex(name)
		switch {
		case name == "":
			r.dl.Errorf(at, "column %d has no name: delete the empty column (spreadsheets also export columns that once held something)", i+1)
			ok = false
		case c >= 0 && !slices.Contains(kind, c) && r.initiative:
			r.dl.Errorf(at, "column %q is a column of measures' tables, but this table has an initiative column: a table holds measures' values (%s) or initiatives' progress (%s), not both", name, columnList(measureColumns, ", "), columnList(initiativeColumns, ", "))
			ok = false
		case c >= 0 && !slices.Contains(kind, c):
			r.dl.Errorf(at, "column %q is a column of initiatives' progress, which a table with an initiative column instead of measure holds (the columns of a measures' table are %s)", name, columnList(measureColumns, ", "))
			ok = false
		case c < 0:
			r.dl.Errorf(at, "unknown column %q (the columns are %s)", name, columnList(kind, ", "))
			ok = false
		case r.index[c] >= 0 && strings.TrimSpace(rec[r.index[c]]) != name:
			r.dl.Errorf(at, "column %q appears twice, the first time as %q (column names are read without regard to case)", name, strings.TrimSpace(rec[r.index[c]]))
			ok = false
		case r.index[c] >= 0:
			r.dl.Errorf(at, "column %q appears twice", name)
			ok = false
		default:
			r.index[c] = i
		}
	}
	for _, c := range kind[:3] {
		if r.index[c] >= 0 {
			continue
		}
		if r.initiative {
			r.dl.Errorf(r.pos(line, 1), "missing column %q: the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)", ColumnNames[c])
		} else {
			r.dl.Errorf(r.pos(line, 1), "missing column %q: the header row must name unit, measure and period (and any of actual, target, red, stretch)", ColumnNames[c])
		}
		ok = false
	}
	return ok
}

// columnIndex returns the column a header name names, or -1. Case does not
// matter (a spreadsheet's header often reads Unit,Measure,Period,Actual);
// only ASCII letters fold, so that no other character reads as one of them.
func columnIndex(name string) int {
	for c, n := range ColumnNames {
		if len(name) == len(n) && asciiLower(name) == n {
			return c
		}
	}
	return -1
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// fill copies rec into row and reports whether the row should be used.
func (r *csvReader) fill(row *Row, rec []string) bool {
	line, _ := r.cr.FieldPos(0)
	if len(rec) != r.width {
		if blank(rec) {
			return false
		}
		r.dl.Errorf(r.pos(line, 1), "the row has %d fields but the header has %d", len(rec), r.width)
		return false
	}
	if blank(rec) {
		return false // spreadsheets export trailing empty rows
	}
	row.Line = line
	ok := true
	for c := range numCols {
		i := r.index[c]
		if i < 0 {
			row.Cols[c], row.ColLines[c] = 0, 0
			switch c {
			case ColActual, ColTarget, ColRed, ColStretch, ColComplete, ColSpend:
				*row.value(c) = model.Opt{}
			case ColStatus:
				row.Status = ""
			}
			continue
		}
		row.ColLines[c], row.Cols[c] = r.cr.FieldPos(i)
		cell := rec[i]
		if len(cell) > MaxCellBytes {
			r.dl.Errorf(row.Pos(c), "%s %q is %d bytes long: a cell holds at most %d (an id, a period or a number)", ColumnNames[c], cell, len(cell), MaxCellBytes)
			ok = false
			continue
		}
		if !utf8.ValidString(cell) {
			r.dl.Errorf(row.Pos(c), "%s is not valid UTF-8: save the file as \"CSV UTF-8\"", ColumnNames[c])
			ok = false
			continue
		}
		cell = strings.TrimSpace(cell)
		switch c {
		case ColUnit:
			row.Unit = cell
		case ColMeasure:
			row.Measure = cell
		case ColPeriod:
			row.Period = cell
		case ColInitiative:
			row.Initiative = cell
		case ColStatus:
			row.Status = cell
		default:
			v, err := parseCell(cell)
			if pct, cut := strings.CutSuffix(cell, "%"); err != nil && c == ColComplete && cut {
				if _, err2 := parseCell(strings.TrimSpace(pct)); err2 == nil {
					// A spreadsheet's percent column exports as "55%".
					err = fmt.Errorf("is not a plain number: write the percent complete without the sign (%s)", strings.TrimSpace(pct))
				}
			}
			if err != nil {
				r.dl.Errorf(row.Pos(c), "%s %q %v", ColumnNames[c], cell, err)
				ok = false
			}
			*row.value(c) = v
		}
	}
	required := measureColumns[:3]
	if r.initiative {
		required = initiativeColumns[:3]
	}
	for _, c := range required {
		if ok && row.text(c) == "" {
			r.dl.Errorf(row.Pos(c), "%s is blank", ColumnNames[c])
			ok = false
		}
	}
	return ok
}

// value is the number of numeric column c.
func (r *Row) value(c int) *model.Opt {
	if c >= ColComplete {
		return &r.Progress[c-ColComplete]
	}
	return &r.Values[c-ColActual]
}

// text is the text of the id or period column c.
func (r *Row) text(c int) string {
	switch c {
	case ColUnit:
		return r.Unit
	case ColMeasure:
		return r.Measure
	case ColInitiative:
		return r.Initiative
	}
	return r.Period
}

func parseCell(s string) (model.Opt, error) {
	if s == "" {
		return model.Opt{}, nil
	}
	v, err := number.Parse(s)
	if err != nil {
		return model.Opt{}, err
	}
	return model.Some(v), nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// String formats a row for debugging.
func (r *Row) String() string {
	if r.Initiative != "" {
		return fmt.Sprintf("%s:%d %s/%s %s %v %q", r.File, r.Line, r.Unit, r.Initiative, r.Period, r.Progress, r.Status)
	}
	return fmt.Sprintf("%s:%d %s/%s %s %v", r.File, r.Line, r.Unit, r.Measure, r.Period, r.Values)
}
