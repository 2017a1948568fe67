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
// units × 40 measures × 60 months; 21 million for 10,000 units), for the
// whole build, so they are kept compact: each of the four values in a
// column of float64, a column left nil until some point has a value in
// it, and for each point a byte saying which values it has and whether a
// row gave it. Where its row is (a line, a column and the index of its
// table in a short list) is kept per point while the series is made; once
// it is compacted, a series whose rows are all in one column of one table,
// on lines that step evenly (a measure's rows one under the other, or one
// in every few lines of a file sorted by period), keeps only the first
// line and the step, and one whose lines do not step evenly a line per
// point. A Point is made when asked for. A point with an actual and a
// target then takes 17 bytes, where a Point takes 112, and the columns
// hold no pointers for the garbage collector to follow.
//
// Two series with the same points are equal under reflect.DeepEqual once
// compacted, however they were made: a value that is missing is 0 in its
// column, and Compact puts the tables in order and chooses the form of
// the positions from the points alone.
type Series struct {
	First  period.Period
	n      int
	vals   [4][]float64 // actual, target, red, stretch; nil while all missing
	has    []uint8      // per point: bit k < 4, vals[k] holds a value; rowBit, a row gave it
	src    []srcPos     // per point; nil once packed (Compact)
	packed packedPos    // the positions while src is nil
	tables []SourceKey  // of the points' rows: one or a few per measure
}

// rowBit marks, in Series.has, a point a row gave.
const rowBit = 1 << 4

// srcPos is a point's position. A series spans at most MaxSpanYears of
// periods, so a 16-bit table index is ample.
type srcPos struct {
	line, col uint32
	table     uint16 // 1 + its index in Series.tables, 0 for a point no row gave
}

// packedPos are the positions of a compacted series whose rows are all in
// one column of one table: the line of point i is lines[i], or, when lines
// is nil, line0 + step×i.
type packedPos struct {
	table       uint16
	col         uint32
	line0, step int64
	lines       []uint32
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
	if r := s.pos(i); r.table > 0 {
		t := s.tables[r.table-1]
		pt.Src = diag.Pos{File: t.File, Sheet: t.Sheet, Line: int(r.line), Col: int(r.col)}
	}
	return pt
}

// FromRow reports whether a row gave the point of period p: whether At's
// position names a file or a sheet.
func (s *Series) FromRow(p period.Period) bool {
	i := p.N - s.First.N
	if i < 0 || i >= s.n {
		return false
	}
	if r := s.pos(i); r.table > 0 {
		t := s.tables[r.table-1]
		return t.File != "" || t.Sheet != ""
	}
	return false
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
	if t := s.pos(i).table; t > 0 {
		return s.tables[t-1], true
	}
	return SourceKey{}, false
}

// pos returns the position of point i, in whichever form s holds them.
func (s *Series) pos(i int) srcPos {
	if s.src != nil {
		return s.src[i]
	}
	if s.has[i]&rowBit == 0 {
		return srcPos{}
	}
	p := &s.packed
	if p.lines != nil {
		return srcPos{line: p.lines[i], col: p.col, table: p.table}
	}
	return srcPos{line: uint32(p.line0 + p.step*int64(i)), col: p.col, table: p.table}
}

func (s *Series) value(k, i int) Opt {
	if s.has[i]&(1<<k) == 0 {
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
	s.unpack()
	s.set(s.slot(p), [4]Opt{pt.Actual, pt.Target, pt.Red, pt.Stretch}, s.ref(pt.Src))
}

// SetRow is Set for a point a row gives, at line and col of table key:
// without a Point and its diag.Pos made for each of a large site's
// millions of rows.
//
// Rows most often come one under the other, or a fixed number of lines
// apart, in one column of one table: the form Compact packs them into. A
// series stays in that form while they do, with no position kept per
// point, and keeps one per point from the first row that does not (on L,
// positions kept per point until Compact were a tenth of the bytes a load
// allocated).
func (s *Series) SetRow(p period.Period, vals [4]Opt, key SourceKey, line, col int) {
	if s.src == nil && s.packed.lines == nil {
		first := s.First
		if s.n == 0 {
			first = p
		}
		i := s.slot(p)
		if s.packs(i, first, key, line, col) {
			s.set(i, vals, srcPos{line: clampU32(line), col: clampU32(col), table: s.packed.table})
			return
		}
	}
	s.unpack()
	s.set(s.slot(p), vals, s.refKey(key, line, col))
}

// packs reports whether the position of the row at point i, which slot
// has just made room for, keeps s packed, and if so updates s.packed for
// it. first is where the series began before slot.
func (s *Series) packs(i int, first period.Period, key SourceKey, line, col int) bool {
	pk := &s.packed
	// The points slot added before the first move the rest on: whether
	// the row packs or not, the positions so far stay as they were.
	pk.line0 -= pk.step * int64(first.N-s.First.N)
	if uint64(line) > math.MaxUint32 || uint64(col) > math.MaxUint32 || s.has[i]&rowBit != 0 {
		return false
	}
	l := int64(line)
	if pk.table == 0 {
		// No position yet: the row is the series' first point, and sets
		// the table and the column.
		if s.n != 1 || len(s.tables) > 0 {
			return false
		}
		s.tables = append(s.tables, key)
		*pk = packedPos{table: 1, col: uint32(col), line0: l}
		return true
	}
	if s.tables[pk.table-1] != key || pk.col != uint32(col) {
		return false
	}
	if pk.step == 0 {
		// One row so far: with this one, it sets the step, when it
		// divides evenly, as pack does.
		j := slices.IndexFunc(s.has, func(h uint8) bool { return h&rowBit != 0 })
		d, di := l-pk.line0, int64(i-j)
		if d == 0 || d%di != 0 {
			return false
		}
		pk.step = d / di
		pk.line0 -= pk.step * int64(j)
		return true
	}
	return pk.line0+pk.step*int64(i) == l
}

func (s *Series) set(i int, vals [4]Opt, r srcPos) {
	var has uint8
	if r.table > 0 {
		has = rowBit
	}
	for k, v := range vals {
		switch {
		case v.OK:
			s.column(k)[i] = v.V
			has |= 1 << k
		case s.vals[k] != nil:
			s.vals[k][i] = 0
		}
	}
	if s.src != nil {
		s.src[i] = r
	}
	s.has[i] = has
}

// Reserve makes room for n points in an empty series, so that setting
// them, period after period, does not grow its columns again and again.
// It does nothing to a series that holds points.
func (s *Series) Reserve(n int) {
	if s.n > 0 || n <= cap(s.has) {
		return
	}
	s.has = make([]uint8, 0, n)
}

// unpack puts a compacted series' positions back one per point, for Set.
func (s *Series) unpack() {
	if s.src != nil {
		return
	}
	src := make([]srcPos, s.n, max(s.n, cap(s.has)))
	for i := range src {
		src[i] = s.pos(i)
	}
	s.src, s.packed = src, packedPos{}
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
		if s.src != nil {
			s.src = slices.Insert(s.src, 0, make([]srcPos, grow)...)
		}
		s.has = slices.Insert(s.has, 0, make([]uint8, grow)...)
		s.First, s.n = p, s.n+grow
	}
	for p.N-s.First.N >= s.n {
		for k := range s.vals {
			if s.vals[k] != nil {
				s.vals[k] = append(s.vals[k], 0)
			}
		}
		if s.src != nil {
			s.src = append(s.src, srcPos{})
		}
		s.has = append(s.has, 0)
		s.n++
	}
	return p.N - s.First.N
}

// column returns the column of value k, made when it is first needed.
func (s *Series) column(k int) []float64 {
	if s.vals[k] == nil {
		// As long as the other columns, with as much room to grow.
		s.vals[k] = make([]float64, s.n, max(s.n, cap(s.has)))
	}
	return s.vals[k]
}

// ref is the compact form of pos, whose table it adds to s.tables when new.
func (s *Series) ref(pos diag.Pos) srcPos {
	if pos == (diag.Pos{}) {
		return srcPos{}
	}
	return s.refKey(SourceKey{pos.File, pos.Sheet}, pos.Line, pos.Col)
}

func (s *Series) refKey(key SourceKey, line, col int) srcPos {
	t := slices.Index(s.tables, key)
	if t < 0 {
		t = len(s.tables)
		s.tables = append(s.tables, key)
	}
	return srcPos{line: clampU32(line), col: clampU32(col), table: uint16(t + 1)}
}

// clampU32 keeps a line or column within what a srcPos holds. A data file
// of four billion lines is far beyond the limits of docs/format.md.
func clampU32(n int) uint32 { return uint32(min(max(n, 0), math.MaxUint32)) }

// Shares reports whether s and t are the same points in the same memory,
// as a series copied from another is until one of them is cloned.
func (s *Series) Shares(t *Series) bool {
	if s.First != t.First || s.n != t.n || len(s.tables) != len(t.tables) {
		return false
	}
	return s.n == 0 || &s.has[0] == &t.has[0]
}

// Clone returns a copy of s that Set may change without changing s.
func (s Series) Clone() Series {
	out := s
	for k := range s.vals {
		out.vals[k] = slices.Clip(slices.Clone(s.vals[k]))
	}
	out.has = slices.Clip(slices.Clone(s.has))
	out.src = slices.Clip(slices.Clone(s.src))
	out.packed.lines = slices.Clip(slices.Clone(s.packed.lines))
	out.tables = slices.Clip(slices.Clone(s.tables))
	return out
}

// Compact lets go of the room the series grew into and of columns without
// a value, puts its tables in order and packs its positions: the form in
// which two series of the same points are equal.
func (s *Series) Compact() {
	var has uint8
	for _, h := range s.has {
		has |= h
	}
	for k := range s.vals {
		if has&(1<<k) == 0 {
			s.vals[k] = nil
		}
		s.vals[k] = clip(s.vals[k])
	}
	s.has = clip(s.has)
	if s.src != nil {
		s.sortTables()
		s.pack()
	} else {
		s.tables = clip(s.tables)
	}
	if s.n == 0 {
		*s = Series{}
	}
}

// pack drops the positions kept per point for a packedPos, when the rows
// are all in one column of one table. Its form depends on the positions
// alone: lines that step evenly from one point to the next keep none.
func (s *Series) pack() {
	if len(s.tables) > 1 {
		s.src = clip(s.src)
		return
	}
	var p packedPos
	first, rows, even := 0, 0, true
	for i, r := range s.src {
		if r.table == 0 {
			continue
		}
		rows++
		line := int64(r.line)
		switch {
		case rows == 1:
			first, p.table, p.col, p.line0 = i, r.table, r.col, line
		case r.table != p.table || r.col != p.col:
			s.src = clip(s.src)
			return
		case !even:
		case rows == 2:
			// The second row sets the step, when it divides evenly.
			d, di := line-p.line0, int64(i-first)
			if d == 0 || d%di != 0 {
				even = false
				continue
			}
			p.step = d / di
			p.line0 -= p.step * int64(first)
		case p.line0+p.step*int64(i) != line:
			even = false
		}
	}
	if !even {
		p.line0, p.step = 0, 0
		p.lines = make([]uint32, s.n)
		for i, r := range s.src {
			p.lines[i] = r.line
		}
	}
	s.src = nil
	s.packed = p
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
