package table

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// MaxCellBytes bounds a cell of any data table: a cell is an id (64
// characters at most), a period or a number.
const MaxCellBytes = 1 << 10

// Kind is the type of a typed cell: what a workbook or a database says a
// value is.
type Kind uint8

// The kinds of cells.
const (
	Blank    Kind = iota // no value: an empty cell, a NULL
	Text                 // a string
	Number               // a number as the table stores it
	Date                 // a date: Text holds its month, 2026-09
	Bool                 // TRUE or FALSE
	Error                // a spreadsheet error such as #DIV/0!, in Text
	Uncached             // a formula whose value was never saved
	Wrong                // a value of a type no column takes: Text says what it is
)

// Cell is one cell of a typed table. Field is its field in the record, Col
// and Line its position.
type Cell struct {
	Kind Kind
	Text string
	Num  float64
	// Percent reports a number that the table shows as a percentage (a
	// workbook's 0.55 formatted as 55%).
	Percent bool
	Line    int
	Col     int
}

// Typed reads the records of a typed table — a sheet of a workbook, the
// result of a query — into rows by the layout of its header. BlankHint is
// added to the message about a blank unit, measure, initiative or period.
type Typed struct {
	Layout    *Layout
	File      string
	Sheet     string
	BlankHint string
	DL        *diag.List
	row       Row
}

// Record reads one record, whose cells are by field (a missing field is
// blank), and calls fn for every row it gives. The Row passed to fn is
// reused. It reports whether the record gave no error.
func (t *Typed) Record(line int, cells []Cell, fn func(*Row)) bool {
	l := t.Layout
	r := &t.row
	*r = Row{File: t.File, Sheet: t.Sheet, Line: line}
	cell := func(i int) Cell {
		if i >= 0 && i < len(cells) {
			return cells[i]
		}
		return Cell{Line: line, Col: i + 1}
	}
	if l.Wide() {
		return t.wide(r, cell, fn)
	}
	ok := true
	for _, c := range Columns(l.Initiatives) {
		if l.Index[c] < 0 {
			continue // an optional column the table does not have
		}
		x := cell(l.Index[c])
		r.SetPos(c, x.Line, x.Col)
		var good bool
		switch {
		case IsValue(c):
			*r.Value(c), good = t.value(r, c, x)
		case c == ColStatus:
			r.Status, good = t.status(r, x)
		default:
			*r.Text(c), good = t.key(r, c, x)
		}
		ok = ok && good
	}
	if ok {
		fn(r)
	}
	return ok
}

// wide reads a record of the wide layout: a row for every period cell that
// is not blank.
func (t *Typed) wide(r *Row, cell func(int) Cell, fn func(*Row)) bool {
	l := t.Layout
	ok := true
	for _, c := range [...]int{ColUnit, ColMeasure} {
		x := cell(l.Index[c])
		r.SetPos(c, x.Line, x.Col)
		s, good := t.key(r, c, x)
		*r.Text(c) = s
		ok = ok && good
	}
	if !ok {
		return false
	}
	for _, p := range l.Periods {
		x := cell(p.Field)
		if x.Kind == Blank {
			continue
		}
		r.Period = p.Period
		r.SetPos(ColPeriod, x.Line, x.Col)
		r.SetPos(ColActual, x.Line, x.Col)
		v, good := t.value(r, ColActual, x)
		if !good {
			ok = false
			continue
		}
		r.Values[0] = v
		fn(r)
	}
	return ok
}

// key reads the unit, measure, initiative or period cell x of row r.
func (t *Typed) key(r *Row, c int, x Cell) (string, bool) {
	name := ColumnNames[c]
	switch x.Kind {
	case Text:
		if s, ok := t.text(r, c, x); !ok || s != "" {
			return s, ok
		}
	case Number:
		if c == ColPeriod {
			if x.Num == math.Trunc(x.Num) && x.Num >= 1000 && x.Num <= 9999 {
				return strconv.Itoa(int(x.Num)), true // a year typed as a number
			}
			t.DL.Errorf(r.Pos(c), "period %s is a number, not a period: write 2026-09, 2026-Q3 or 2026 (a month typed into a spreadsheet becomes a date, which is read as its month)", formatNum(x.Num))
			return "", false
		}
		if x.Num == math.Trunc(x.Num) && math.Abs(x.Num) < 1e15 {
			return strconv.FormatFloat(x.Num, 'f', -1, 64), true // an id of digits
		}
		t.DL.Errorf(r.Pos(c), "%s %s is a number, not an id", name, formatNum(x.Num))
		return "", false
	case Date:
		if c == ColPeriod {
			return x.Text, true
		}
		t.DL.Errorf(r.Pos(c), "%s is a date (%s), not an id", name, x.Text)
		return "", false
	case Bool, Error, Uncached, Wrong:
		t.cellError(r, c, x)
		return "", false
	}
	t.DL.Errorf(r.Pos(c), "%s is %s%s", name, t.blankWord(), t.BlankHint)
	return "", false
}

// value reads the value cell x (actual, target, red, stretch, complete or
// spend) of row r.
func (t *Typed) value(r *Row, c int, x Cell) (Opt, bool) {
	switch x.Kind {
	case Blank:
		return Opt{}, true
	case Number:
		if math.IsInf(x.Num, 0) || math.IsNaN(x.Num) {
			t.DL.Errorf(r.Pos(c), "%s is not a finite number", ColumnNames[c])
			return Opt{}, false
		}
		if c == ColComplete && x.Percent {
			// 55% in a cell is the number 0.55: read as it is, it would be
			// 0.55 percent complete.
			t.DL.Errorf(r.Pos(c), "complete is %s, shown as a percentage (%s%%): the percent complete is a number from 0 to 100 (type %[2]s in a cell formatted as a number)", formatNum(x.Num), strconv.FormatFloat(x.Num*100, 'g', 12, 64))
			return Opt{}, false
		}
		return Opt{V: x.Num, OK: true}, true
	case Text:
		s, ok := t.text(r, c, x)
		if !ok {
			return Opt{}, false
		}
		v, err := ParseValue(c, s)
		if err != nil {
			t.DL.Errorf(r.Pos(c), "%s %q %v", ColumnNames[c], s, err)
			return Opt{}, false
		}
		return v, true
	case Date:
		t.DL.Errorf(r.Pos(c), "%s is a date (%s), not a number: format the cell as a number", ColumnNames[c], x.Text)
		return Opt{}, false
	}
	t.cellError(r, c, x)
	return Opt{}, false
}

// status reads the status cell x of row r: text, which the data's check
// reads as one of the owner's words.
func (t *Typed) status(r *Row, x Cell) (string, bool) {
	switch x.Kind {
	case Blank:
		return "", true
	case Text:
		return t.text(r, ColStatus, x)
	case Number:
		return formatNum(x.Num), true
	case Date, Bool:
		return x.Text, true
	}
	t.cellError(r, ColStatus, x)
	return "", false
}

// text checks a text cell and returns it trimmed.
func (t *Typed) text(r *Row, c int, x Cell) (string, bool) {
	if len(x.Text) > MaxCellBytes {
		t.DL.Errorf(r.Pos(c), "%s %q is %d bytes long: a cell holds at most %d (an id, a period or a number)", ColumnNames[c], x.Text, len(x.Text), MaxCellBytes)
		return "", false
	}
	if !utf8.ValidString(x.Text) {
		t.DL.Errorf(r.Pos(c), "%s is not valid UTF-8", ColumnNames[c])
		return "", false
	}
	return strings.TrimSpace(x.Text), true
}

func (t *Typed) cellError(r *Row, c int, x Cell) {
	name := ColumnNames[c]
	switch x.Kind {
	case Bool:
		t.DL.Errorf(r.Pos(c), "%s is a boolean (%s), not a number", name, x.Text)
	case Error:
		t.DL.Errorf(r.Pos(c), "%s holds the spreadsheet error %s: fix the formula, or clear the cell", name, x.Text)
	case Uncached:
		t.DL.Errorf(r.Pos(c), "%s is a formula whose value was never saved (the file was written by a program that does not calculate): open the file in a spreadsheet and save it, or write the values", name)
	case Wrong:
		t.DL.Errorf(r.Pos(c), "%s is %s", name, x.Text)
	}
}

// blankWord is what a blank cell is called: NULL in a database's result.
func (t *Typed) blankWord() string {
	if t.File == "" {
		return "NULL (or blank)"
	}
	return "blank"
}

func formatNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
