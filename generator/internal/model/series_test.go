package model

import (
	"reflect"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

func month(t *testing.T, s string) period.Period {
	t.Helper()
	p, err := period.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSeriesSetAt holds the compact series to what a slice of Points held:
// the points set come back as they were, periods between them are empty,
// and a series grows backwards as well as forwards.
func TestSeriesSetAt(t *testing.T) {
	var s Series
	a := Point{Actual: Some(10), Target: Some(12), Src: diag.Pos{File: "data/a.csv", Line: 2, Col: 11}}
	b := Point{Actual: Some(-0.5), Red: Some(0), Src: diag.Pos{File: "data/b.xlsx", Sheet: "2026", Line: 7, Col: 3}}
	c := Point{Stretch: Some(3), Src: diag.Pos{File: "data/a.csv", Line: 9, Col: 11}}
	s.Set(month(t, "2026-03"), a)
	s.Set(month(t, "2026-05"), b)
	s.Set(month(t, "2026-01"), c)
	if s.First != month(t, "2026-01") || s.Len() != 5 || s.Last() != month(t, "2026-05") {
		t.Fatalf("series spans %s, %d periods, to %s; want 2026-01, 5, 2026-05", s.First, s.Len(), s.Last())
	}
	want := map[string]Point{"2026-01": c, "2026-03": a, "2026-05": b}
	for _, m := range []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"} {
		if got := s.At(month(t, m)); got != want[m] {
			t.Errorf("At(%s) = %+v, want %+v", m, got, want[m])
		}
		if got, w := s.Values(month(t, m)), want[m]; got != [4]Opt{w.Actual, w.Target, w.Red, w.Stretch} {
			t.Errorf("Values(%s) = %+v, want those of %+v", m, got, w)
		}
	}
	if _, ok := s.Table(1); ok {
		t.Error("Table(1): a period no row gave has a table")
	}
	if got, ok := s.Table(4); !ok || got != (SourceKey{"data/b.xlsx", "2026"}) {
		t.Errorf("Table(4) = %v, %v; want data/b.xlsx's sheet 2026", got, ok)
	}
	if got := len(s.tables); got != 2 {
		t.Errorf("%d tables kept, want 2 (a.csv and b.xlsx's sheet)", got)
	}
	// Setting a point again replaces every value, missing ones included.
	s.Set(month(t, "2026-03"), Point{Target: Some(1), Src: a.Src})
	if got, want := s.At(month(t, "2026-03")), (Point{Target: Some(1), Src: a.Src}); got != want {
		t.Errorf("after a second Set, At = %+v, want %+v", got, want)
	}
}

func TestSeriesCloneIsIndependent(t *testing.T) {
	var s Series
	p := month(t, "2026-01")
	s.Set(p, Point{Actual: Some(1), Src: diag.Pos{File: "x.csv", Line: 2, Col: 1}})
	c := s.Clone()
	c.Set(p, Point{Actual: Some(2), Src: diag.Pos{File: "y.csv", Line: 3, Col: 1}})
	c.Set(p.Add(1), Point{Actual: Some(3), Src: diag.Pos{File: "y.csv", Line: 4, Col: 1}})
	if got := s.At(p); got.Actual != Some(1) || got.Src.File != "x.csv" || s.Len() != 1 {
		t.Errorf("the original changed with its clone: %+v, %d periods", got, s.Len())
	}
	if s.Shares(&c) || !s.Shares(&s) {
		t.Error("Shares: a clone shares its original's points, or a series does not share its own")
	}
}

// TestSeriesCompactIsCanonical: the same points set in another order, from
// tables met in another order, with values set and then taken away, make
// a series that reflect.DeepEqual finds equal once compacted: the
// incremental update's results are compared with a full build's that way.
func TestSeriesCompactIsCanonical(t *testing.T) {
	p := month(t, "2026-01")
	a := Point{Actual: Some(1), Target: Some(2), Src: diag.Pos{File: "a.csv", Line: 2, Col: 9}}
	b := Point{Actual: Some(3), Src: diag.Pos{File: "b.csv", Line: 5, Col: 9}}
	var x, y Series
	x.Set(p, a)
	x.Set(p.Add(2), b)
	y.Set(p.Add(2), Point{Actual: Some(7), Red: Some(1), Src: b.Src})
	y.Set(p.Add(2), b) // the red column is made, then left without a value
	y.Set(p, a)
	x.Compact()
	y.Compact()
	if !reflect.DeepEqual(x, y) {
		t.Errorf("the same points are two different series:\n%+v\n%+v", x, y)
	}
	var empty Series
	empty.Compact()
	if !reflect.DeepEqual(empty, Series{}) {
		t.Errorf("an empty series compacted is %+v", empty)
	}
}
