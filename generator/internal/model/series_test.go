package model

import (
	"math/rand/v2"
	"reflect"
	"slices"
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
		if got, w := s.FromRow(month(t, m)), want[m].Src != (diag.Pos{}); got != w {
			t.Errorf("FromRow(%s) = %v, want %v", m, got, w)
		}
	}
	s.Compact()
	for _, m := range []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-06"} {
		if got, w := s.FromRow(month(t, m)), want[m].Src != (diag.Pos{}); got != w {
			t.Errorf("compacted: FromRow(%s) = %v, want %v", m, got, w)
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

// TestSeriesSetRow holds SetRow to Set with the row's position as the
// point's: the same series, compacted or not.
func TestSeriesSetRow(t *testing.T) {
	var set, row Series
	for i, pt := range []Point{
		{Actual: Some(1), Src: diag.Pos{File: "data/a.csv", Line: 2, Col: 11}},
		{Target: Some(2), Red: Some(0), Src: diag.Pos{File: "data/b.xlsx", Sheet: "2026", Line: 7, Col: 3}},
		{Actual: Some(-0.5), Stretch: Some(3), Src: diag.Pos{File: "data/a.csv", Line: 9, Col: 11}},
	} {
		p := month(t, "2026-01").Add(2 - i) // growing backwards too
		set.Set(p, pt)
		row.SetRow(p, [4]Opt{pt.Actual, pt.Target, pt.Red, pt.Stretch}, SourceKey{pt.Src.File, pt.Src.Sheet}, pt.Src.Line, pt.Src.Col)
	}
	if !reflect.DeepEqual(set, row) {
		t.Errorf("SetRow made %+v; Set made %+v", row, set)
	}
	set.Compact()
	row.Compact()
	if !reflect.DeepEqual(set, row) {
		t.Errorf("compacted, SetRow made %+v; Set made %+v", row, set)
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

// TestSeriesReserve: a series given room for its points is set without
// growing, and is the same series as one that grew, once compacted; room
// for too few points is grown out of as before.
func TestSeriesReserve(t *testing.T) {
	p := month(t, "2026-01")
	set := func(s *Series, n int) {
		for i := range n {
			s.Set(p.Add(i), Point{Actual: Some(float64(i)), Target: Some(1), Src: diag.Pos{File: "a.csv", Line: 2 + i, Col: 9}})
		}
	}
	var grown, room, short Series
	set(&grown, 12)
	room.Reserve(12)
	room.Set(p, Point{Actual: Some(0), Target: Some(1), Src: diag.Pos{File: "a.csv", Line: 2, Col: 9}})
	has, actual := &room.has[0], &room.vals[0][0]
	set(&room, 12)
	if &room.has[0] != has || &room.vals[0][0] != actual {
		t.Error("a series with room for its points grew")
	}
	room.Reserve(100) // holds points: nothing changes
	if cap(room.has) != 12 {
		t.Errorf("Reserve on a series with points made room for %d", cap(room.has))
	}
	short.Reserve(5)
	set(&short, 12)
	for _, s := range []*Series{&grown, &room, &short} {
		s.Compact()
	}
	if !reflect.DeepEqual(room, grown) || !reflect.DeepEqual(short, grown) {
		t.Errorf("reserved series differ from one that grew:\n%+v\n%+v\n%+v", room, short, grown)
	}
}

// TestSeriesPackedPositions: compacting keeps every point's position,
// however the rows lie in their files, in the smallest form that holds
// them: nothing per point when the lines step evenly, a line per point
// when they do not, the whole position per point when the rows are in
// more than one column or table. A compacted series can be set again.
func TestSeriesPackedPositions(t *testing.T) {
	at := func(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
	type row struct {
		i   int // period, from 2026-01
		pos diag.Pos
	}
	cases := []struct {
		name       string
		rows       []row
		even, full bool
	}{
		{"a measure's rows one under the other", []row{{0, at("a.csv", 2, 9)}, {1, at("a.csv", 3, 9)}, {2, at("a.csv", 4, 9)}}, true, false},
		{"a file sorted by period, forty measures", []row{{0, at("a.csv", 7, 9)}, {1, at("a.csv", 47, 9)}, {3, at("a.csv", 127, 9)}}, true, false},
		{"a file sorted newest first", []row{{0, at("a.csv", 30, 9)}, {2, at("a.csv", 20, 9)}, {4, at("a.csv", 10, 9)}}, true, false},
		{"one row", []row{{2, at("a.csv", 5, 9)}}, true, false},
		{"a month missing between rows one under the other", []row{{0, at("a.csv", 2, 9)}, {2, at("a.csv", 3, 9)}, {3, at("a.csv", 4, 9)}}, false, false},
		{"rows out of order", []row{{0, at("a.csv", 9, 9)}, {1, at("a.csv", 2, 9)}, {2, at("a.csv", 4, 9)}}, false, false},
		{"a step that does not divide", []row{{0, at("a.csv", 2, 9)}, {2, at("a.csv", 5, 9)}}, false, false},
		{"two columns", []row{{0, at("a.csv", 2, 9)}, {1, at("a.csv", 3, 12)}}, false, true},
		{"two tables", []row{{0, at("a.csv", 2, 9)}, {1, at("b.csv", 3, 9)}}, false, true},
		{"a sheet", []row{{0, diag.Pos{File: "a.xlsx", Sheet: "2026", Line: 4, Col: 3}}, {1, diag.Pos{File: "a.xlsx", Sheet: "2026", Line: 5, Col: 3}}}, true, false},
	}
	p := month(t, "2026-01")
	for _, c := range cases {
		var s Series
		// A point no row gave (a computed one) between the rows.
		s.Set(p.Add(5), Point{Actual: Some(0.5)})
		for k, r := range c.rows {
			s.Set(p.Add(r.i), Point{Actual: Some(float64(k)), Src: r.pos})
		}
		want := make([]Point, s.Len())
		for i := range want {
			want[i] = s.Index(i)
		}
		s.Compact()
		switch {
		case c.full && s.src == nil, !c.full && s.src != nil:
			t.Errorf("%s: positions kept per point %v, want %v", c.name, s.src != nil, c.full)
		case !c.full && c.even != (s.packed.lines == nil):
			t.Errorf("%s: lines kept per point %v, want %v (%+v)", c.name, s.packed.lines != nil, !c.even, s.packed)
		}
		for i := range want {
			if got := s.Index(i); got != want[i] {
				t.Errorf("%s: point %d compacted is %+v, want %+v", c.name, i, got, want[i])
			}
		}
		// Set again after Compact: the other points keep their positions.
		c2 := s.Clone()
		extra := Point{Target: Some(2), Src: at("z.csv", 99, 1)}
		c2.Set(p.Add(7), extra)
		for i := range want {
			if got := c2.Index(i); got != want[i] {
				t.Errorf("%s: after a Set, point %d is %+v, want %+v", c.name, i, got, want[i])
			}
			if got := s.Index(i); got != want[i] {
				t.Errorf("%s: the clone's Set changed the original's point %d: %+v", c.name, i, got)
			}
		}
		if got := c2.At(p.Add(7)); got != extra {
			t.Errorf("%s: the point set after Compact is %+v, want %+v", c.name, got, extra)
		}
	}
}

// TestSeriesPackedIsCanonical: the same rows set in any order pack the same.
func TestSeriesPackedIsCanonical(t *testing.T) {
	p := month(t, "2026-01")
	pos := func(line int) diag.Pos { return diag.Pos{File: "a.csv", Line: line, Col: 4} }
	var x, y, z Series
	for i := range 4 {
		x.Set(p.Add(i), Point{Actual: Some(float64(i)), Src: pos(10 + 3*i)})
		y.Set(p.Add(3-i), Point{Actual: Some(float64(3 - i)), Src: pos(10 + 3*(3-i))})
	}
	z.Set(p, Point{Actual: Some(9), Src: diag.Pos{File: "b.csv", Line: 2, Col: 4}}) // replaced below: its table stays
	for i := range 4 {
		z.Set(p.Add(i), Point{Actual: Some(float64(i)), Src: pos(10 + 3*i)})
	}
	x.Compact()
	y.Compact()
	z.Compact()
	if !reflect.DeepEqual(x, y) {
		t.Errorf("the same rows are two different series:\n%+v\n%+v", x, y)
	}
	if z.src == nil {
		t.Error("a series that has known two tables packed its positions into one")
	}
	for i := range 4 {
		if a, b := x.Index(i), z.Index(i); a != b {
			t.Errorf("point %d: %+v and %+v", i, a, b)
		}
	}
}

// TestSeriesSetRowPacked holds SetRow, which keeps no position per point
// while the rows' positions pack, to Set, which keeps one per point until
// Compact: after every row, every point is the same, and once compacted
// the series are equal. The rows come in shapes a data file has (one
// under the other, a fixed number of lines apart, newest first, with
// months missing) and at random, from one or two tables and columns.
func TestSeriesSetRowPacked(t *testing.T) {
	p := month(t, "2026-01")
	rng := rand.New(rand.NewPCG(1, 2))
	tables := []SourceKey{{File: "a.csv"}, {File: "b.xlsx", Sheet: "2026"}}
	packed := 0
	for c := range 3000 {
		var x, y Series
		if c%3 == 0 {
			x.Reserve(12)
		}
		n := 1 + rng.IntN(14)
		start, step := 2+rng.IntN(50), rng.IntN(7)-3
		order := rng.Perm(n)
		if c%2 == 0 {
			slices.Sort(order) // most files: in period order
		}
		for k, i := range order {
			period := i
			if c%5 == 0 {
				period = 2 * i // a month missing between rows
			}
			line, col, key := start+step*i, 9, tables[0]
			switch {
			case c%7 == 0 && k == n/2:
				line += 1 + rng.IntN(3) // one row out of step
			case c%11 == 0 && k == n-1:
				col = 12
			case c%13 == 0 && k == n-1:
				key = tables[1]
			case c%17 == 0:
				line = 2 + rng.IntN(40)
			}
			line = max(line, 1)
			vals := [4]Opt{Some(float64(k)), {}, {}, {}}
			x.SetRow(p.Add(period), vals, key, line, col)
			y.Set(p.Add(period), Point{Actual: vals[0], Src: diag.Pos{File: key.File, Sheet: key.Sheet, Line: line, Col: col}})
			for j := range y.Len() {
				if a, b := x.Index(j), y.Index(j); a != b || x.Len() != y.Len() {
					t.Fatalf("case %d, after row %d: point %d is %+v from SetRow, %+v from Set", c, k, j, a, b)
				}
			}
		}
		if x.src == nil {
			packed++
		}
		x.Compact()
		y.Compact()
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("case %d: compacted, SetRow made %+v; Set made %+v", c, x, y)
		}
	}
	if packed < 1000 || packed > 2900 {
		t.Errorf("%d of 3000 series stayed packed while set: the cases do not test both forms", packed)
	}
}
