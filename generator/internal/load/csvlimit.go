package load

import (
	"fmt"
	"io"
)

// Limits on data files, beyond MaxLineBytes. docs/format.md lists them.
const (
	// MaxCellBytes bounds a cell of a data file. A cell holds a unit or
	// measure id (64 characters at most), a period or a number; 1 KiB leaves
	// room for spaces around any of them, and a message quotes no more than
	// its first 80 characters anyway.
	MaxCellBytes = 1 << 10
	// MaxRowBytes bounds a row whose quoted field spans lines: a row is a
	// few short cells, so one that runs on past a line's limit holds a quote
	// that is never closed, or a document pasted into a cell. Without it
	// such a row was read whole into memory (a 100 MB cell took 840 MB).
	MaxRowBytes = MaxLineBytes
)

// errLongRow is what a rowLimiter returns when a row passes MaxRowBytes.
type errLongRow struct{ line, col int } // where the open quoted field starts

func (e errLongRow) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.line, e.col, longRowMsg)
}

const longRowMsg = `a quoted field that starts here runs on for more than 65536 bytes: its quote is never closed (a quote inside a field is written ""), or it holds far more than a cell should (an id, a period or a number)`

// rowLimiter passes a data file through to encoding/csv and fails as soon as
// a row that spans lines passes MaxRowBytes, before the reader has buffered
// it whole. It follows the quotes of the file as encoding/csv does (commas,
// no lazy quotes): a quote at the start of a field opens it, a doubled quote
// stands for one, and a quote anywhere else makes the reader drop the rest
// of the line.
type rowLimiter struct {
	r     io.Reader
	state csvState
	line  int // of the byte being read, from 1
	col   int // of the byte being read, from 1
	row   int // bytes of the row so far
	multi bool
	// where the open quoted field starts
	qLine, qCol int
	err         error // once a row is too long, every read fails
}

type csvState uint8

const (
	fieldStart csvState = iota
	unquoted
	quoted
	quoteSeen // a quote inside a quoted field: it closes the field, or doubles
	skipLine  // after a stray quote, up to the end of the line
)

func newRowLimiter(r io.Reader) *rowLimiter {
	return &rowLimiter{r: r, line: 1, col: 1}
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		l.step(p[i])
		if l.multi && l.row > MaxRowBytes {
			l.err = errLongRow{l.qLine, l.qCol}
			return i, l.err
		}
	}
	return n, err
}

// step advances the state over byte c, which is at l.line, l.col.
func (l *rowLimiter) step(c byte) {
	l.row++
	switch l.state {
	case fieldStart:
		switch c {
		case '"':
			l.state, l.qLine, l.qCol = quoted, l.line, l.col
		case ',':
		case '\n':
			l.endRow()
		default:
			l.state = unquoted
		}
	case unquoted:
		switch c {
		case ',':
			l.state = fieldStart
		case '\n':
			l.endRow()
		case '"':
			l.state = skipLine
		}
	case quoted:
		if c == '"' {
			l.state = quoteSeen
		} else if c == '\n' {
			l.multi = true
		}
	case quoteSeen:
		switch c {
		case '"':
			l.state = quoted
		case ',':
			l.state = fieldStart
		case '\n':
			l.endRow()
		default:
			l.state = skipLine
		}
	case skipLine:
		if c == '\n' {
			l.endRow()
		}
	}
	if c == '\n' {
		l.line, l.col = l.line+1, 1
	} else {
		l.col++
	}
}

func (l *rowLimiter) endRow() {
	l.state, l.row, l.multi = fieldStart, 0, false
}
