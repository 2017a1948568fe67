package table

import (
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Layout is where the columns of a table are, as its header row names them.
type Layout struct {
	// Index holds the field of each column, -1 when the table has none; in
	// the wide layout only unit and measure are set.
	Index [NumCols]int
	// Periods are the period columns of the wide layout, in field order; nil
	// in the long layout.
	Periods []PeriodCol
	Width   int // fields in the header
	// Initiatives reports that the table holds initiatives' progress (its
	// header names an initiative column) rather than measures' values.
	Initiatives bool
}

// PeriodCol is a column of the wide layout: the field and the period its
// cells are the actuals of.
type PeriodCol struct {
	Field  int
	Period string
}

// Wide reports whether the table has the wide layout.
func (l *Layout) Wide() bool { return l.Periods != nil }

// Header reads a table's header row: names are its cells, at gives the
// position of each (at(-1) that of the row). A header that names an
// initiative column is a table of initiatives' progress, in the long layout
// only. Otherwise it holds measures' values: a header with a period column,
// or with any of actual, target, red and stretch, is the long layout; one
// with unit, measure and columns named by period literals (2026-01, 2026-Q1,
// 2026) and nothing else is the wide layout. Problems go to dl; the layout
// is nil when the table cannot be read.
func Header(names []string, at func(i int) diag.Pos, dl *diag.List) *Layout {
	l := &Layout{Width: len(names)}
	for i := range l.Index {
		l.Index[i] = -1
	}
	for _, h := range names {
		l.Initiatives = l.Initiatives || ColumnIndex(strings.TrimSpace(h)) == ColInitiative
	}
	kind := Columns(l.Initiatives)
	var periods []PeriodCol
	long := l.Initiatives
	ok := true
	for i, h := range names {
		name := strings.TrimSpace(h)
		c := ColumnIndex(name)
		switch {
		case name == "":
			dl.Errorf(at(i), "column %d has no name: delete the empty column (spreadsheets also export columns that once held something)", i+1)
			ok = false
		case c < 0 && isPeriod(name):
			periods = append(periods, PeriodCol{Field: i, Period: name})
		case c < 0:
			continue // reported below, once the layout is known
		case !slices.Contains(kind, c) && l.Initiatives:
			dl.Errorf(at(i), "column %q is a column of measures' tables, but this table has an initiative column: a table holds measures' values (%s) or initiatives' progress (%s), not both", name, ColumnList(measureColumns[:], ", "), ColumnList(initiativeColumns[:], ", "))
			ok = false
		case !slices.Contains(kind, c):
			dl.Errorf(at(i), "column %q is a column of initiatives' progress, which a table with an initiative column instead of measure holds (the columns of a measures' table are %s)", name, ColumnList(measureColumns[:], ", "))
			ok = false
		case l.Index[c] >= 0 && strings.TrimSpace(names[l.Index[c]]) != name:
			dl.Errorf(at(i), "column %q appears twice, the first time as %q (column names are read without regard to case)", name, strings.TrimSpace(names[l.Index[c]]))
			ok = false
		case l.Index[c] >= 0:
			dl.Errorf(at(i), "column %q appears twice", name)
			ok = false
		default:
			l.Index[c] = i
			long = long || c >= ColPeriod
		}
	}
	wide := !long && len(periods) > 0
	for i, h := range names {
		name := strings.TrimSpace(h)
		if name == "" || ColumnIndex(name) >= 0 || (wide && isPeriod(name)) {
			continue
		}
		switch {
		case wide:
			dl.Errorf(at(i), "unknown column %q: a table in the wide layout has unit, measure and one column per period (2026-01, 2026-Q1 or 2026), and nothing else", name)
		case isPeriod(name) && l.Initiatives:
			dl.Errorf(at(i), "column %q is a period, but a table of initiatives' progress has no wide layout: write a row per initiative and period, with the columns %s", name, ColumnList(initiativeColumns[:], ", "))
		case isPeriod(name):
			dl.Errorf(at(i), "column %q is a period, but the table has %s column: a table has either a period column (the long layout) or one column per period and no period, actual, target, red or stretch column (the wide layout)", name, longColumn(l))
		default:
			dl.Errorf(at(i), "unknown column %q (the columns are %s)", name, ColumnList(kind, ", "))
		}
		ok = false
	}
	if wide {
		seen := map[string]int{}
		for _, p := range periods {
			if first, dup := seen[p.Period]; dup {
				dl.Errorf(at(p.Field), "period column %q appears twice, the first time as column %d", p.Period, first+1)
				ok = false
			}
			seen[p.Period] = p.Field
		}
		l.Periods = periods
	}
	required := kind[:3]
	if wide {
		required = kind[:2]
	}
	for _, c := range required {
		if l.Index[c] >= 0 {
			continue
		}
		switch {
		case l.Initiatives:
			dl.Errorf(at(-1), "missing column %q: the header row of initiatives' progress must name unit, initiative and period (and any of complete, spend, status)", ColumnNames[c])
		case wide:
			dl.Errorf(at(-1), "missing column %q: a table in the wide layout has unit, measure and one column per period", ColumnNames[c])
		default:
			dl.Errorf(at(-1), "missing column %q: the header row must name unit, measure and period (and any of actual, target, red, stretch)", ColumnNames[c])
		}
		ok = false
	}
	if !ok {
		return nil
	}
	return l
}

// longColumn names, with its article, a column of l that makes it the long
// layout.
func longColumn(l *Layout) string {
	for _, c := range measureColumns[2:] {
		if l.Index[c] >= 0 {
			if c == ColActual {
				return "an actual"
			}
			return "a " + ColumnNames[c]
		}
	}
	return "a period"
}

func isPeriod(s string) bool {
	_, err := period.Parse(s)
	return err == nil
}

// ColumnIndex returns the column a header name names, or -1. Case does not
// matter (a spreadsheet's header often reads Unit,Measure,Period,Actual);
// only ASCII letters fold, so that no other character reads as one of them.
func ColumnIndex(name string) int {
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
