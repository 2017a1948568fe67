package sheet

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/table"
)

// Options say what to read of a workbook.
type Options struct {
	// Sheets names the sheets to read, in this order; nil reads every
	// visible worksheet in the workbook's order, passing over hidden ones,
	// chart sheets, and sheets without a value.
	Sheets []string
	// SheetsAt is the position of the setting that named the sheets, for the
	// error about a sheet that is not there.
	SheetsAt diag.Pos
}

const mergedHint = " (a merged cell keeps its value in its first cell only: unmerge the cells and fill every row)"

// Read reads the workbook r, of size bytes, whose path in the site is name,
// and calls fn for every row of its tables. The Row passed to fn is reused;
// fn must copy what it keeps. Problems go to dl.
func Read(r io.ReaderAt, size int64, name string, opts Options, dl *diag.List, fn func(*table.Row)) {
	wb, err := open(r, size)
	if err != nil {
		dl.Errorf(diag.Pos{File: name}, "%s", err.Error())
		return
	}
	for _, s := range wb.pick(name, opts, dl) {
		if s.part == "" {
			dl.Errorf(diag.Pos{File: name, Sheet: s.name}, "sheet %q is a chart or dialog sheet, not a worksheet: it holds no table", s.name)
			continue
		}
		rd := &sheetReader{wb: wb, file: name, sheet: s.name, dl: dl, fn: fn}
		if err := rd.read(s.part); err != nil {
			dl.Errorf(diag.Pos{File: name, Sheet: s.name}, "the sheet cannot be read (%s): the file is damaged, or not a workbook a spreadsheet wrote", plainError(err))
		}
	}
}

// pick returns the sheets to read.
func (wb *workbook) pick(name string, opts Options, dl *diag.List) []sheetInfo {
	if opts.Sheets == nil {
		var out []sheetInfo
		for _, s := range wb.sheets {
			if !s.hidden && s.part != "" {
				out = append(out, s)
			}
		}
		return out
	}
	var out []sheetInfo
	for _, want := range opts.Sheets {
		found := false
		for _, s := range wb.sheets {
			if s.name == want {
				out, found = append(out, s), true
				break
			}
		}
		if !found {
			var names []string
			for _, s := range wb.sheets {
				names = append(names, strconv.Quote(s.name))
			}
			at := opts.SheetsAt
			if at.File == "" {
				at = diag.Pos{File: name}
			}
			dl.Errorf(at, "%s has no sheet %q (its sheets are %s)", name, want, strings.Join(names, ", "))
		}
	}
	return out
}

// sheetReader reads one worksheet as a stream of rows of cells.
type sheetReader struct {
	wb    *workbook
	file  string
	sheet string
	dl    *diag.List
	fn    func(*table.Row)

	typed  *table.Typed
	base   int // the column of the header's first cell
	header bool
	cells  []table.Cell
	line   int
	buf    []byte // the text of the cell being read
	wide   bool   // a cell beyond maxColumns was reported
}

func (rd *sheetReader) read(part string) error {
	f, err := rd.wb.part(part, MaxSheetBytes)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var c cellState
	col := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rd.line++
				if v := attr(t, "r"); v != "" {
					if n, err := strconv.Atoi(v); err == nil && n > 0 {
						rd.line = n
					}
				}
				rd.cells, col = rd.cells[:0], 0
			case "c":
				col++
				c = cellState{typ: attr(t, "t")}
				rd.buf = rd.buf[:0]
				if ref := attr(t, "r"); ref != "" {
					if n := refColumn(ref); n > 0 {
						col = n
					}
				}
				c.col = col
				if s := attr(t, "s"); s != "" {
					c.style, _ = strconv.Atoi(s)
				}
			case "f":
				c.formula = true
			case "v":
				c.in, c.hasV = inV, true
			case "t":
				if c.in == inIS {
					c.in = inIST
				}
			case "is":
				c.in, c.hasV = inIS, true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				rd.add(&c)
			case "v":
				c.in = 0
			case "t":
				if c.in == inIST {
					c.in = inIS
				}
			case "is":
				c.in = 0
			case "row":
				rd.row()
			case "sheetData":
				return nil
			}
		case xml.CharData:
			if c.in == inV || c.in == inIST {
				rd.buf = append(rd.buf, t...)
			}
		}
	}
}

// maxColumns is the number of columns of a sheet (A to XFD).
const maxColumns = 16384

const (
	inV = 1 + iota
	inIS
	inIST
)

type cellState struct {
	typ     string
	style   int
	col     int
	formula bool
	hasV    bool
	in      int
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// refColumn returns the column number of a cell reference such as "AB12".
func refColumn(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
		if n > maxColumns {
			return maxColumns + 1
		}
	}
	return n
}

// add types the cell that just ended and keeps it, unless it is blank.
func (rd *sheetReader) add(c *cellState) {
	cell := table.Cell{Line: rd.line, Col: c.col}
	v := string(rd.buf)
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(rd.wb.strings) {
			cell.Kind, cell.Text = table.Error, "(a shared string that is not in the workbook)"
		} else {
			cell.Kind, cell.Text = table.Text, rd.wb.strings[i]
		}
	case "inlineStr", "str":
		cell.Kind, cell.Text = table.Text, v
		if c.typ == "str" && !c.hasV && c.formula {
			cell.Kind = table.Uncached
		}
	case "b":
		cell.Kind, cell.Text = table.Bool, map[bool]string{true: "TRUE", false: "FALSE"}[strings.TrimSpace(v) == "1"]
	case "e":
		cell.Kind, cell.Text = table.Error, v
	case "d":
		cell.Kind, cell.Text = table.Text, v
		if len(v) >= 7 && v[4] == '-' {
			cell.Kind, cell.Text = table.Date, v[:7]
		}
	default:
		switch {
		case !c.hasV || v == "":
			if c.formula {
				cell.Kind = table.Uncached
			}
		default:
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			switch {
			case err != nil || math.IsInf(f, 0) || math.IsNaN(f):
				cell.Kind, cell.Text = table.Error, "(a number cell that holds "+strconv.Quote(diag.Quote(v))+")"
			case rd.wb.format(c.style) == dateFormat:
				if m, ok := rd.wb.month(f); ok {
					cell.Kind, cell.Text = table.Date, m
				} else {
					cell.Kind, cell.Num = table.Number, f
				}
			default:
				cell.Kind, cell.Num = table.Number, f
				cell.Percent = rd.wb.format(c.style) == percentFormat
			}
		}
	}
	if cell.Kind == table.Blank || (cell.Kind == table.Text && strings.TrimSpace(cell.Text) == "") {
		return
	}
	if c.col > maxColumns {
		if !rd.wide {
			rd.wide = true
			rd.dl.Errorf(diag.Pos{File: rd.file, Sheet: rd.sheet, Line: rd.line}, "a cell beyond column XFD, the last a sheet has: the file is damaged")
		}
		return
	}
	rd.cells = append(rd.cells, cell)
}

// row handles the row that just ended: the header, or a record.
func (rd *sheetReader) row() {
	if len(rd.cells) == 0 {
		return // empty rows, within the table or after it, are passed over
	}
	if !rd.header {
		rd.header = true
		rd.readHeader()
		return
	}
	if rd.typed == nil {
		return
	}
	width := rd.typed.Layout.Width
	fields := make([]table.Cell, width)
	for i := range fields {
		fields[i] = table.Cell{Line: rd.line, Col: rd.base + i}
	}
	for _, c := range rd.cells {
		i := c.Col - rd.base
		if i < 0 || i >= width {
			rd.dl.Errorf(diag.Pos{File: rd.file, Sheet: rd.sheet, Line: c.Line, Col: c.Col}, "a value outside the table: the header row has no column above this cell (clear the cell, or give its column a name)")
			return
		}
		fields[i] = c
	}
	rd.typed.Record(rd.line, fields, rd.fn)
}

// readHeader reads the first row with a value as the table's header.
func (rd *sheetReader) readHeader() {
	// A row's cells come in column order in what applications write; a
	// broken file may say otherwise, and the last of two cells wins.
	first, last := rd.cells[0].Col, rd.cells[0].Col
	for _, c := range rd.cells {
		first, last = min(first, c.Col), max(last, c.Col)
	}
	rd.base = first
	names := make([]string, last-first+1)
	for _, c := range rd.cells {
		i := c.Col - first
		switch c.Kind {
		case table.Text, table.Date:
			names[i] = c.Text
		case table.Number:
			if c.Num == math.Trunc(c.Num) && c.Num >= 1000 && c.Num <= 9999 {
				names[i] = strconv.Itoa(int(c.Num)) // a year
			} else {
				names[i] = strconv.FormatFloat(c.Num, 'g', -1, 64)
			}
		default:
			names[i] = c.Text
			if names[i] == "" {
				names[i] = "(formula without a value)"
			}
		}
	}
	at := func(i int) diag.Pos {
		if i < 0 {
			i = 0
		}
		return diag.Pos{File: rd.file, Sheet: rd.sheet, Line: rd.line, Col: first + i}
	}
	l := table.Header(names, at, rd.dl)
	if l == nil {
		return
	}
	rd.typed = &table.Typed{Layout: l, File: rd.file, Sheet: rd.sheet, BlankHint: mergedHint, DL: rd.dl}
}
