package load

import (
	"bytes"
	"math"
)

// Nearly every row of a large site is a measure's, on a line of a plain
// file (plain.go) in the long layout, with nothing wrong in it. Such a line
// is read straight into a batch's short form (ahead.go): its fields are
// found in one pass over it, and its cells go to where they are kept,
// without the record, the Row and the copy of the Row between them that
// reading it as any other costs. On the L workload that was two fifths of
// the time spent reading the data files. A line that is anything else
// (empty, not whole in the buffer, too few or too many fields, a cell to
// trim, a blank id, a number that does not read, an invalid byte, a line
// past 32 bits) is read as any other, so every problem is found and told
// as before.

// maxQuickFields bounds the fields of a header whose rows are read
// quickly: the columns of a measures' table, each at most once, as
// table.Header allows.
const maxQuickFields = ColStretch + 1

// quick reports whether r's rows can be read by quickRows.
func (r *csvReader) quick() bool {
	return r.plain != nil && !r.layout.Wide() && !r.layout.Initiatives && r.width <= maxQuickFields
}

// quickRows is rows for a reader that quick allows: each line that
// quickLine returns is first offered to item, which reports whether it
// took the line and whether to go on; a line it does not take is read as
// rows reads it and given to fn.
func (r *csvReader) quickRows(fn func(*Row) bool, item func(line string) (taken, more bool)) bool {
	p := r.plain
	row := &Row{File: r.name}
	for {
		s, ok := p.quickLine()
		if !ok {
			if over, all := r.record(row, fn); over {
				return all
			}
			continue
		}
		if taken, more := item(s); !more {
			return false
		} else if taken {
			continue
		}
		p.split(s)
		p.recValid = true // quickLine gives only valid lines
		if !r.take(row, p.rec, fn) {
			return false
		}
	}
}

// quickLine returns the next line, and counts it as Read does, when it is
// whole in the buffer, not empty, and known to be valid UTF-8, as most
// lines are; otherwise it reads nothing and reports false.
func (p *plainReader) quickLine() (string, bool) {
	i := bytes.IndexByte(p.buf[p.r:p.w], '\n')
	if i <= 0 || p.r+i > p.valid {
		return "", false
	}
	s := p.text[p.r : p.r+i]
	p.r += i + 1
	p.line++
	p.at = p.line
	return s, true
}

// quickItem reads line s, the last quickLine returned, into it as fill and
// batch.add would, when the line is as most lines are; otherwise it
// reports false, and s is to be read as any other line.
func (r *csvReader) quickItem(s string, it *aheadItem) bool {
	line := r.plain.line
	if line > math.MaxInt32 {
		return false // short form holds a line of 32 bits
	}
	var ends [maxQuickFields]int // where each field ends
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			if n == r.width-1 {
				return false
			}
			ends[n] = i
			n++
		}
	}
	if n != r.width-1 {
		return false
	}
	ends[n] = len(s)
	*it = aheadItem{line: line, full: -1}
	for c := ColUnit; c <= ColStretch; c++ {
		i := r.index[c]
		if i < 0 {
			continue
		}
		start := 0
		if i > 0 {
			start = ends[i-1] + 1
		}
		cell := s[start:ends[i]]
		if k := len(cell); k > MaxCellBytes || k > 0 && !plainEnds(cell) {
			return false // too long, or to trim: cell tells
		}
		it.cols[c] = int32(start + 1)
		switch c {
		case ColUnit:
			it.unit = cell
		case ColMeasure:
			it.measure = cell
		case ColPeriod:
			it.period = cell
		default:
			v, err := parseCell(cell)
			if err != nil {
				return false
			}
			it.vals[c-ColActual] = v.V
			if v.OK {
				it.has |= 1 << (c - ColActual)
			}
		}
	}
	return it.unit != "" && it.measure != "" && it.period != ""
}
