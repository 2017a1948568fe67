package table

import (
	"math"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

func TestRowPos(t *testing.T) {
	r := Row{File: "data/a.csv", Line: 7}
	r.SetPos(ColPeriod, 7, 15)
	r.SetPos(ColActual, 9, 3) // after a quoted field that spans lines
	for _, tc := range []struct {
		col  int
		want diag.Pos
	}{
		{ColPeriod, diag.Pos{File: "data/a.csv", Line: 7, Col: 15}},
		{ColActual, diag.Pos{File: "data/a.csv", Line: 9, Col: 3}},
		{ColTarget, diag.Pos{File: "data/a.csv", Line: 7, Col: 1}}, // a column the table lacks
	} {
		if got := r.Pos(tc.col); got != tc.want {
			t.Errorf("Pos(%s) = %+v; want %+v", ColumnNames[tc.col], got, tc.want)
		}
	}
	// A line past 32 bits is the row's own: Pos gives it whole.
	far := math.MaxInt32 + 10
	r = Row{File: "data/a.csv", Line: far}
	r.SetPos(ColUnit, far, 1)
	if got := r.Pos(ColUnit); got.Line != far || got.Col != 1 {
		t.Errorf("Pos on line %d = %+v", far, got)
	}
}
