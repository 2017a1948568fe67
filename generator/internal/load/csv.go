package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/table"
)

// The columns of a data file, in the order of Row.Cols: a table holds
// measures' values (unit, measure, period, actual, target, red, stretch) or,
// when its header names an initiative column, initiatives' progress (unit,
// initiative, period, complete, spend, status). Package table decides, for
// every reader of tables.
const (
	ColUnit       = table.ColUnit
	ColMeasure    = table.ColMeasure
	ColPeriod     = table.ColPeriod
	ColActual     = table.ColActual
	ColTarget     = table.ColTarget
	ColRed        = table.ColRed
	ColStretch    = table.ColStretch
	ColInitiative = table.ColInitiative
	ColComplete   = table.ColComplete
	ColSpend      = table.ColSpend
	ColStatus     = table.ColStatus
	numCols       = table.NumCols
)

// ColumnNames are the header names of the columns, in the order of the constants.
var ColumnNames = table.ColumnNames

// Row is one data row, from any data file or source (package table).
type Row = table.Row

// ReadCSV reads the data file name and calls fn for every row it can read. The
// Row passed to fn is reused; fn must copy what it keeps. Problems go to dl.
func ReadCSV(fsys fs.FS, name string, dl *diag.List, fn func(*Row)) {
	readCSV(fsys, name, dl, func(r *Row) bool { fn(r); return true })
}

// readCSV is ReadCSV, stopping when fn returns false; it reports whether it
// read to the end.
func readCSV(fsys fs.FS, name string, dl *diag.List, fn func(*Row) bool) bool {
	r, f, _ := openCSV(fsys, name, dl, 0)
	if r == nil {
		return true
	}
	defer f.Close()
	return r.rows(fn)
}

// openCSV opens the data file name and reads its header. It returns the
// reader of the rows that follow and the file, for the caller to close; a
// nil reader when there are no rows to read, the problem in dl. When
// pieceBytes is above 0 and the file is plain, it also returns where the
// file can be cut into pieces of about that many bytes, each of which a
// reader of its own can read (pieces.go); the reader returned then reads
// the first piece alone.
func openCSV(fsys fs.FS, name string, dl *diag.List, pieceBytes int64) (*csvReader, fs.File, []cut) {
	f, _, err := openRegular(fsys, name)
	if err != nil {
		dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
		return nil, nil, nil
	}
	ra, _ := f.(io.ReaderAt)
	if ra == nil {
		pieceBytes = 0
	}
	plain, cuts := scanPlain(f, pieceBytes)
	var src io.Reader
	if len(cuts) > 0 {
		src = io.NewSectionReader(ra, 0, cuts[0].off)
	} else if f, err = rewind(fsys, name, f); err != nil {
		dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
		return nil, nil, nil
	} else {
		src = f
	}
	limit := &lineLimiter{r: src}
	r := &csvReader{name: name, dl: dl, limit: limit}
	var start peeker
	if plain {
		pr := newPlainReader(limit, readSize)
		start, r.cr, r.plain = pr, pr, pr
	} else {
		br := bufio.NewReaderSize(limit, readSize)
		cr := csv.NewReader(newRowLimiter(br))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		start, r.cr = bufioPeeker{br}, cr
	}
	if bom := start.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		start.Discard(3)
	} else if utf16(bom) {
		dl.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "the file is UTF-16 text (a spreadsheet's \"Unicode text\"): save it as CSV UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited))")
		f.Close()
		return nil, nil, nil
	}
	if !r.start() {
		f.Close()
		return nil, nil, nil
	}
	return r, f, cuts
}

// readSize is how much of a data file is read at a time.
const readSize = 64 << 10

// peeker is the start of a data file, where a byte order mark may be.
type peeker interface {
	Peek(n int) []byte
	Discard(n int)
}

type bufioPeeker struct{ r *bufio.Reader }

func (p bufioPeeker) Peek(n int) []byte { b, _ := p.r.Peek(n); return b }
func (p bufioPeeker) Discard(n int)     { p.r.Discard(n) }

// rewind returns f, read to its end, at its start again: the same file
// when it can seek, the file opened again otherwise.
func rewind(fsys fs.FS, name string, f fs.File) (fs.File, error) {
	if s, ok := f.(io.Seeker); ok {
		if _, err := s.Seek(0, io.SeekStart); err == nil {
			return f, nil
		}
	}
	f.Close()
	f, _, err := openRegular(fsys, name)
	return f, err
}

type csvReader struct {
	name   string
	dl     *diag.List
	cr     records
	index  [numCols]int // field index of each column, -1 when absent
	width  int          // fields in the header
	layout *table.Layout
	limit  *lineLimiter
	broken bool // an error ended the reading before the end of the input
	// plain is cr when it is a plainReader, which can say that a record
	// is valid UTF-8 already.
	plain *plainReader
}

func (r *csvReader) pos(line, col int) diag.Pos { return diag.Pos{File: r.name, Line: line, Col: col} }

// start reads the header row and reports whether there are rows to read.
func (r *csvReader) start() bool {
	rec, err := r.cr.Read()
	if err == io.EOF {
		r.dl.Errorf(r.pos(1, 1), "empty file: a data file starts with the header row %s", table.ColumnList(table.Columns(false), ","))
		return false
	}
	if err != nil {
		r.syntaxError(err)
		return false
	}
	return r.header(rec)
}

// rows reads the rows after the header, calling fn for each, and reports
// whether it read to the end: it stops when fn returns false. It sets
// r.broken when an error ends the reading before the end of the input.
func (r *csvReader) rows(fn func(*Row) bool) bool {
	row := &Row{File: r.name}
	for {
		if over, all := r.record(row, fn); over {
			return all
		}
	}
}

// record reads the next record into row and calls fn with it, as rows
// does for each; it reports whether the reading is over and, if so,
// whether it read to the end.
func (r *csvReader) record(row *Row, fn func(*Row) bool) (over, all bool) {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return true, true
	}
	if err != nil {
		r.syntaxError(err)
		if _, ok := err.(*csv.ParseError); ok {
			return false, false // the reader resumes at the next record
		}
		r.broken = true
		return true, true
	}
	return !r.take(row, rec, fn), false
}

// take fills row from rec, a record read, and calls fn with it (or, in
// the wide layout, with a row for each of its cells); it reports false
// when fn does.
func (r *csvReader) take(row *Row, rec []string, fn func(*Row) bool) bool {
	if r.layout.Wide() {
		return r.fillWide(row, rec, fn)
	}
	return !r.fill(row, rec) || fn(row)
}

func (r *csvReader) syntaxError(err error) {
	var long errLongLine
	if errors.As(err, &long) {
		r.dl.Errorf(r.pos(long.line, 1), "%s", longLineMsg)
		return
	}
	var longRow errLongRow
	if errors.As(err, &longRow) {
		r.dl.Errorf(r.pos(longRow.line, longRow.col), "%s", longRowMsg)
		return
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `a quote (") inside an unquoted field: quote the whole field and double the quote ("")`
		case errors.Is(pe.Err, csv.ErrQuote) && r.limit.pastEnd(pe.Line, pe.Column):
			// The file ended inside the quotes: point where they opened.
			r.dl.Errorf(r.pos(pe.StartLine, 1), `a quoted field on this row is never closed, so the rest of the file was read into it: close the quote (a quote inside a field is written "")`)
			return
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `a quoted field is not closed, or text follows its closing quote`
		}
		r.dl.Errorf(r.pos(pe.Line, pe.Column), "%s", msg)
		return
	}
	r.dl.Errorf(r.pos(0, 0), "%s", readError(err))
}

// header reads the header row and reports whether the file can be read.
func (r *csvReader) header(rec []string) bool {
	line, _ := r.cr.FieldPos(0)
	if len(rec) == 1 {
		for _, sep := range []struct{ sep, name string }{{";", "semicolon"}, {"\t", "tab"}, {"|", "pipe"}} {
			if strings.Contains(rec[0], sep.sep) {
				r.dl.Errorf(r.pos(line, 1), "the file looks %s-separated (its header is one column holding %q): save it as CSV with commas (in Excel: Save As → CSV UTF-8 (Comma delimited); in LibreOffice: Text CSV with field delimiter \",\")", sep.name, sep.sep)
				return false
			}
		}
	}
	for _, h := range rec {
		if strings.Contains(h, "\r") {
			r.dl.Errorf(r.pos(line, 1), "lines end with a carriage return alone (the old Mac format): save the file as CSV UTF-8 (Comma delimited), whose lines end in a line feed")
			return false
		}
	}
	at := func(i int) diag.Pos {
		if i < 0 {
			return r.pos(line, 1)
		}
		return r.pos(r.cr.FieldPos(i)) // a quoted name may span lines
	}
	l := table.Header(rec, at, r.dl)
	if l == nil {
		return false
	}
	r.layout = l
	r.index, r.width = l.Index, l.Width
	return true
}

// fill copies rec into row and reports whether the row should be used.
func (r *csvReader) fill(row *Row, rec []string) bool {
	line, _ := r.fieldPos(0)
	if len(rec) != r.width {
		if blank(rec) {
			return false
		}
		r.dl.Errorf(r.pos(line, 1), "the row has %d fields but the header has %d", len(rec), r.width)
		return false
	}
	if blank(rec) {
		return false // spreadsheets export trailing empty rows
	}
	*row = Row{File: r.name, Line: line}
	cols := table.Columns(r.layout.Initiatives)
	ok := true
	for _, c := range cols {
		i := r.index[c]
		if i < 0 {
			continue // an optional column the file does not have
		}
		l, col := r.fieldPos(i)
		row.SetPos(c, l, col)
		cell, good := r.cell(row, c, rec[i])
		switch {
		case !good:
			ok = false
		case table.IsValue(c):
			v, err := table.ParseValue(c, cell)
			if err != nil {
				r.dl.Errorf(row.Pos(c), "%s %q %v", ColumnNames[c], cell, err)
				ok = false
			}
			*row.Value(c) = v
		default:
			*row.Text(c) = cell
		}
	}
	for _, c := range cols[:3] {
		if ok && *row.Text(c) == "" {
			r.dl.Errorf(row.Pos(c), "%s is blank", ColumnNames[c])
			ok = false
		}
	}
	return ok
}

func parseCell(s string) (model.Opt, error) { return table.ParseNumber(s) }

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// fillWide reads rec, a record of a table in the wide layout, and calls fn
// with a row for every period cell that is not blank: the row's period and
// actual are that cell. It reports false when fn does.
func (r *csvReader) fillWide(row *Row, rec []string, fn func(*Row) bool) bool {
	line, _ := r.fieldPos(0)
	if len(rec) != r.width {
		if !blank(rec) {
			r.dl.Errorf(r.pos(line, 1), "the row has %d fields but the header has %d", len(rec), r.width)
		}
		return true
	}
	if blank(rec) {
		return true
	}
	*row = Row{File: r.name, Line: line}
	ok := true
	for c, dst := range []*string{&row.Unit, &row.Measure} {
		i := r.index[c]
		l, col := r.fieldPos(i)
		row.SetPos(c, l, col)
		cell, good := r.cell(row, c, rec[i])
		*dst = cell
		if good && cell == "" {
			r.dl.Errorf(row.Pos(c), "%s is blank", ColumnNames[c])
			good = false
		}
		ok = ok && good
	}
	if !ok {
		return true
	}
	for _, p := range r.layout.Periods {
		cell, good := r.cell(row, ColActual, rec[p.Field])
		if !good || cell == "" {
			continue
		}
		l, c := r.fieldPos(p.Field)
		row.SetPos(ColPeriod, l, c)
		row.SetPos(ColActual, l, c)
		row.Period = p.Period
		v, err := parseCell(cell)
		if err != nil {
			r.dl.Errorf(row.Pos(ColActual), "%s %q %v", ColumnNames[ColActual], cell, err)
			continue
		}
		row.Values[0] = v
		if !fn(row) {
			return false
		}
	}
	return true
}

// fieldPos is r.cr.FieldPos, without a call through the interface for a
// plain reader: a row asks for eight.
func (r *csvReader) fieldPos(i int) (line, col int) {
	if r.plain != nil {
		return r.plain.FieldPos(i)
	}
	return r.cr.FieldPos(i)
}

// cell checks the text of column c and returns it trimmed.
func (r *csvReader) cell(row *Row, c int, cell string) (string, bool) {
	if len(cell) > MaxCellBytes {
		r.dl.Errorf(row.Pos(c), "%s %q is %d bytes long: a cell holds at most %d (an id, a period or a number)", ColumnNames[c], cell, len(cell), MaxCellBytes)
		return "", false
	}
	if (r.plain == nil || !r.plain.recValid) && !utf8.ValidString(cell) {
		r.dl.Errorf(row.Pos(c), "%s is not valid UTF-8: save the file as \"CSV UTF-8\"", ColumnNames[c])
		return "", false
	}
	if len(cell) > 0 && plainEnds(cell) {
		return cell, true // nothing to trim, as most cells
	}
	return strings.TrimSpace(cell), true
}

// plainEnds reports whether the cell s, not empty, begins and ends with an
// ASCII character above the space: then it has nothing to trim.
func plainEnds(s string) bool {
	first, last := s[0], s[len(s)-1]
	return ' ' < first && first < utf8.RuneSelf && ' ' < last && last < utf8.RuneSelf
}
