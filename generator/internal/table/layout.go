package table

import (
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
// position of each. A header with a period column, or with any of actual,
// target, red and stretch, is the long layout; one with unit, measure and
// columns named by period literals (2026-01, 2026-Q1, 2026) and nothing else
// is the wide layout. Problems go to dl; the layout is nil when the table
// cannot be read.
func Header(names []string, at func(i int) diag.Pos, dl *diag.List) *Layout {
	l := &Layout{Width: len(names)}
	for i := range l.Index {
		l.Index[i] = -1
	}
	var periods []PeriodCol
	long := false
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
		case isPeriod(name):
			dl.Errorf(at(i), "column %q is a period, but the table has %s column: a table has either a period column (the long layout) or one column per period and no period, actual, target, red or stretch column (the wide layout)", name, longColumn(l))
		default:
			dl.Errorf(at(i), "unknown column %q (the columns are %s)", name, strings.Join(ColumnNames[:], ", "))
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
	last := ColPeriod
	if wide {
		last = ColMeasure
	}
	for c := ColUnit; c <= last; c++ {
		if l.Index[c] < 0 {
			if wide {
				dl.Errorf(at(-1), "missing column %q: a table in the wide layout has unit, measure and one column per period", ColumnNames[c])
			} else {
				dl.Errorf(at(-1), "missing column %q: the header row must name unit, measure and period (and any of actual, target, red, stretch)", ColumnNames[c])
			}
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return l
}

// longColumn names, with its article, a column of l that makes it the long
// layout.
func longColumn(l *Layout) string {
	for c := ColPeriod; c < NumCols; c++ {
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
