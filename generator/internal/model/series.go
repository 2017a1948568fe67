package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Point is what the data files say about one measure in one period.
type Point struct {
	Actual, Target, Red, Stretch Opt
	Src                          diag.Pos // the period cell of the row it came from; zero when no row
}

// Series holds a measure's points, densely, from its first period on.
//
// A site's series hold every data row it has (2.1 million points for 1,000
// units × 40 measures × 60 months), for the whole build, so they are kept
// compact: each of the four values in a column of float64, a column left
// nil until some point has a value in it, and for each point which values
// it has and its row's position as a line, a column and the index of its
// table in a short list. A Point is made when asked for. A point with an
// actual and a target takes 28 bytes, where a Point takes 112, and the
// columns hold no pointers for the garbage collector to follow.
//
// Two series with the same points are equal under reflect.DeepEqual once
// compacted, however they were made: a value that is missing is 0 in its
// column, and Compact puts the tables in order.
type Series struct {
	First  period.Period
	n      int
	vals   [4][]float64 // actual, target, red, stretch; nil while all missing
	src    []srcRef
	tables []SourceKey // of the points' rows: one or a few per measure
}

// srcRef is a point's position and which of its values it has. A series
// spans at most MaxSpanYears of periods, so a 16-bit table index is ample.
type srcRef struct {
	line, col uint32
	table     uint16 // 1 + its index in Series.tables, 0 for a point no row gave
	has       uint8  // bit k: vals[k] holds a value
}

// Len is the number of periods the series spans, from First.
func (s *Series) Len() int { return s.n }

// At returns the point of period p, or a zero Point when the series has none.
func (s *Series) At(p period.Period) Point {
	i := p.N - s.First.N
	if i < 0 || i >= s.n {
		return Point{}
	}
	return s.Index(i)
}

// Index returns the point of period First.Add(i), 0 ≤ i < Len().
func (s *Series) Index(i int) Point {
	pt := Point{Actual: s.value(0, i), Target: s.value(1, i), Red: s.value(2, i), Stretch: s.value(3, i)}
	if r := s.src[i]; r.table > 0 {
		t := s.tables[r.table-1]
		pt.Src = diag.Pos{File: t.File, Sheet: t.Sheet, Line: int(r.line), Col: int(r.col)}
	}
	return pt
}

// Values returns the actual, target, red and stretch of period p, each
// missing where the series has none: At without the position.
func (s *Series) Values(p period.Period) [4]Opt {
	i := p.N - s.First.N
	if i < 0 || i >= s.n {
		return [4]Opt{}
	}
	return [4]Opt{s.value(0, i), s.value(1, i), s.value(2, i), s.value(3, i)}
}

// Actual returns the actual of period First.Add(i), 0 ≤ i < Len().
func (s *Series) Actual(i int) Opt { return s.value(0, i) }

// Table returns the table of the row that gave the point of period
// First.Add(i), and whether a row did.
func (s *Series) Table(i int) (SourceKey, bool) {
	if t := s.src[i].table; t > 0 {
		return s.tables[t-1], true
	}
	return SourceKey{}, false
}

func (s *Series) value(k, i int) Opt {
	if s.src[i].has&(1<<k) == 0 {
		return Opt{}
	}
	return Opt{V: s.vals[k][i], OK: true}
}

// Last returns the last period of the series; it is meaningless when the series
// is empty.
func (s *Series) Last() period.Period { return s.First.Add(s.n - 1) }

// Set makes pt the point of period p, growing the series as needed. The
// series must not be shared: Clone one that is.
func (s *Series) Set(p period.Period, pt Point) {
	i := s.slot(p)
	r := s.ref(pt.Src)
	for k, v := range [4]Opt{pt.Actual, pt.Target, pt.Red, pt.Stretch} {
		switch {
		case v.OK:
			s.column(k)[i] = v.V
			r.has |= 1 << k
		case s.vals[k] != nil:
			s.vals[k][i] = 0
		}
	}
	s.src[i] = r
}

// slot returns the index of period p, growing the series to hold it.
func (s *Series) slot(p period.Period) int {
	if s.n == 0 {
		s.First = p
	}
	if grow := s.First.N - p.N; grow > 0 {
		for k := range s.vals {
			if s.vals[k] != nil {
				s.vals[k] = slices.Insert(s.vals[k], 0, make([]float64, grow)...)
			}
		}
		s.src = slices.Insert(s.src, 0, make([]srcRef, grow)...)
		s.First, s.n = p, s.n+grow
	}
	for p.N-s.First.N >= s.n {
		for k := range s.vals {
			if s.vals[k] != nil {
				s.vals[k] = append(s.vals[k], 0)
			}
		}
		s.src = append(s.src, srcRef{})
		s.n++
	}
	return p.N - s.First.N
}

// column returns the column of value k, made when it is first needed.
func (s *Series) column(k int) []float64 {
	if s.vals[k] == nil {
		// As long as the other columns, with as much room to grow.
		s.vals[k] = make([]float64, s.n, max(s.n, cap(s.src)))
	}
	return s.vals[k]
}

// ref is the compact form of pos, whose table it adds to s.tables when new.
func (s *Series) ref(pos diag.Pos) srcRef {
	if pos == (diag.Pos{}) {
		return srcRef{}
	}
	key := SourceKey{pos.File, pos.Sheet}
	t := slices.Index(s.tables, key)
	if t < 0 {
		t = len(s.tables)
		s.tables = append(s.tables, key)
	}
	return srcRef{line: clampU32(pos.Line), col: clampU32(pos.Col), table: uint16(t + 1)}
}

// clampU32 keeps a line or column within what a srcRef holds. A data file
// of four billion lines is far beyond the limits of docs/format.md.
func clampU32(n int) uint32 { return uint32(min(max(n, 0), math.MaxUint32)) }

// Shares reports whether s and t are the same points in the same memory,
// as a series copied from another is until one of them is cloned.
func (s *Series) Shares(t *Series) bool {
	if s.First != t.First || s.n != t.n || len(s.tables) != len(t.tables) {
		return false
	}
	return s.n == 0 || &s.src[0] == &t.src[0]
}

// Clone returns a copy of s that Set may change without changing s.
func (s Series) Clone() Series {
	out := s
	for k := range s.vals {
		out.vals[k] = slices.Clip(slices.Clone(s.vals[k]))
	}
	out.src = slices.Clip(slices.Clone(s.src))
	out.tables = slices.Clip(slices.Clone(s.tables))
	return out
}

// Compact lets go of the room the series grew into and of columns without
// a value, and puts its tables in order: the form in which two series of
// the same points are equal.
func (s *Series) Compact() {
	var has uint8
	for _, r := range s.src {
		has |= r.has
	}
	for k := range s.vals {
		if has&(1<<k) == 0 {
			s.vals[k] = nil
		}
		s.vals[k] = clip(s.vals[k])
	}
	s.src = clip(s.src)
	s.sortTables()
	if s.n == 0 {
		*s = Series{}
	}
}

// sortTables puts s.tables in order, renumbering the points' references.
func (s *Series) sortTables() {
	if slices.IsSortedFunc(s.tables, compareKeys) {
		s.tables = clip(s.tables)
		return
	}
	sorted := slices.SortedFunc(slices.Values(s.tables), compareKeys)
	to := make([]uint16, len(s.tables)+1)
	for i, t := range s.tables {
		to[i+1] = uint16(slices.Index(sorted, t) + 1)
	}
	for i := range s.src {
		s.src[i].table = to[s.src[i].table]
	}
	s.tables = sorted
}

func compareKeys(a, b SourceKey) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Sheet, b.Sheet))
}

// clip returns x with no room beyond its length, copied when it had any; nil
// stays nil and an empty slice becomes nil.
func clip[T any](x []T) []T {
	if len(x) == 0 {
		return nil
	}
	if cap(x) == len(x) {
		return x
	}
	return slices.Clone(x)
}

// ActualAt returns the actual of period p, missing outside the series.
func (s *Series) ActualAt(p period.Period) Opt {
	i := p.N - s.First.N
	if i < 0 || i >= s.n {
		return Opt{}
	}
	return s.value(0, i)
}
