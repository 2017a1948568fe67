// Package sheet reads the data tables of an Excel workbook (.xlsx, Office
// Open XML) into the rows every data reader produces (package table), as a
// stream: a sheet of a million rows is read without holding it.
//
// It reads the workbook's parts itself, with archive/zip and encoding/xml,
// rather than through excelize's Rows iterator: that iterator gives each
// cell as a string and loses what the rules need — whether a number is a
// number or text, whether a cell is a date, and whether an empty value is a
// blank cell or a formula whose value was never saved. excelize writes the
// workbooks of the tests that no spreadsheet application would write.
package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits on the parts of a workbook, uncompressed: a broken or hostile file
// (a "zip bomb") costs bounded time and memory. docs/format.md lists them.
const (
	// MaxSheetBytes bounds a worksheet's XML, which is read as a stream: a
	// sheet of Excel's maximum 1,048,576 rows of a dozen cells is some 300 MB.
	MaxSheetBytes = 1 << 30
	// MaxSharedStringsBytes bounds the shared strings, which are held in
	// memory: ids and periods repeat, so real tables have few.
	MaxSharedStringsBytes = 64 << 20
	// MaxPartBytes bounds the other parts read: the workbook, its
	// relationships and its styles.
	MaxPartBytes = 16 << 20
)

// errTooLarge is the error of a part over its limit.
type errTooLarge struct {
	part  string
	limit int64
}

func (e errTooLarge) Error() string {
	return fmt.Sprintf("its part %s is larger than %d bytes uncompressed", e.part, e.limit)
}

// workbook is what the reader needs of a workbook's parts.
type workbook struct {
	zr       *zip.Reader
	date1904 bool
	sheets   []sheetInfo
	strings  []string
	formats  []numFormat // by style index: what the cell format shows a number as
}

// numFormat is what a cell's number format shows its number as.
type numFormat uint8

const (
	plainFormat   numFormat = iota
	dateFormat              // a date or a time
	percentFormat           // a percentage: 0.55 shows as 55%
)

type sheetInfo struct {
	name   string
	state  string // "", "visible", "hidden" or "veryHidden"
	part   string // the worksheet's part; "" when the sheet is not a worksheet
	hidden bool
}

// open reads the workbook's structure: its sheets, shared strings and styles.
func open(r io.ReaderAt, size int64) (*workbook, error) {
	var head [8]byte
	if n, _ := r.ReadAt(head[:], 0); n == 8 && bytes.Equal(head[:], []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}) {
		return nil, errors.New("the file is not an .xlsx workbook but an older Excel file (.xls) or an encrypted workbook: save it as Excel Workbook (.xlsx) without a password")
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errors.New("the file is not an .xlsx workbook (it is not a zip archive of its parts): save it as Excel Workbook (.xlsx)")
	}
	wb := &workbook{zr: zr}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.Type, "/officeDocument") {
				main = rel.Target
			}
		}
	}
	if err := wb.readWorkbook(main); err != nil {
		return nil, err
	}
	return wb, nil
}

// part opens the part name of the workbook, limited to limit bytes.
func (wb *workbook) part(name string, limit int64) (io.ReadCloser, error) {
	f, err := wb.zr.Open(name)
	if err != nil {
		return nil, err
	}
	return &limited{r: f, c: f, left: limit, part: name, limit: limit}, nil
}

type limited struct {
	r     io.Reader
	c     io.Closer
	left  int64
	part  string
	limit int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errTooLarge{l.part, l.limit}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limited) Close() error { return l.c.Close() }

func (wb *workbook) decode(name string, v any) error {
	f, err := wb.part(name, MaxPartBytes)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// rels reads the relationships part name; targets are resolved against dir.
func (wb *workbook) rels(name, dir string) ([]relationship, error) {
	var doc struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := wb.decode(name, &doc); err != nil {
		return nil, err
	}
	for i := range doc.Rels {
		t := doc.Rels[i].Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		doc.Rels[i].Target = t
	}
	return doc.Rels, nil
}

func (wb *workbook) readWorkbook(main string) error {
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			RIDS  string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decode(main, &doc); err != nil {
		return fmt.Errorf("the workbook's part %s cannot be read (%v): the file is not an .xlsx workbook, or is damaged", main, plainError(err))
	}
	wb.date1904 = doc.Pr.Date1904 == "1" || doc.Pr.Date1904 == "true"
	dir := path.Dir(main)
	rels, err := wb.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil {
		return fmt.Errorf("the workbook's relationships cannot be read (%v): the file is damaged", plainError(err))
	}
	byID := map[string]relationship{}
	for _, r := range rels {
		byID[r.ID] = r
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			if wb.strings, err = wb.readStrings(r.Target); err != nil {
				return err
			}
		case strings.HasSuffix(r.Type, "/styles"):
			if wb.formats, err = wb.readStyles(r.Target); err != nil {
				return err
			}
		}
	}
	for _, s := range doc.Sheets {
		info := sheetInfo{name: s.Name, state: s.State, hidden: s.State == "hidden" || s.State == "veryHidden"}
		rel := byID[s.RID+s.RIDS]
		if strings.HasSuffix(rel.Type, "/worksheet") {
			info.part = rel.Target
		}
		wb.sheets = append(wb.sheets, info)
	}
	return nil
}

// readStrings reads the shared strings: each item's text, its runs joined,
// without its phonetic guides.
func (wb *workbook) readStrings(name string) ([]string, error) {
	f, err := wb.part(name, MaxSharedStringsBytes)
	if err != nil {
		return nil, fmt.Errorf("the shared strings cannot be read: %v", plainError(err))
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var out []string
	var b strings.Builder
	depthPh, inT := 0, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("the shared strings cannot be read: %v", plainError(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "rPh":
				depthPh++
			case "t":
				inT = depthPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, b.String())
			case "rPh":
				depthPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
}

// readStyles reads which cell formats are dates and which percentages.
func (wb *workbook) readStyles(name string) ([]numFormat, error) {
	var doc struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.decode(name, &doc); err != nil {
		return nil, fmt.Errorf("the styles cannot be read: %v", plainError(err))
	}
	custom := map[int]string{}
	for _, f := range doc.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make([]numFormat, len(doc.Xfs))
	for i, x := range doc.Xfs {
		if code, ok := custom[x.NumFmt]; ok {
			out[i] = codeFormat(code)
		} else {
			out[i] = builtinFormat(x.NumFmt)
		}
	}
	return out, nil
}

// builtinFormat says what a built-in number format shows (ECMA-376
// 18.8.30, with the East Asian date formats).
func builtinFormat(id int) numFormat {
	switch {
	case id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58:
		return dateFormat
	case id == 9 || id == 10:
		return percentFormat
	}
	return plainFormat
}

// codeFormat says what a format code shows: a date when, outside quoted
// text, escaped characters and bracketed colours and conditions, it has a
// day, month, year, hour or second; a percentage when it has a % sign
// there. The first section decides.
func codeFormat(code string) numFormat {
	percent := false
scan:
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				break scan
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return dateFormat // elapsed time
			}
			i += j
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return dateFormat
		case '%':
			percent = true
		case ';':
			break scan // the first section decides
		}
	}
	if percent {
		return percentFormat
	}
	return plainFormat
}

// plainError drops what a zip or XML error says of the library.
func plainError(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("broken XML on line %d: %s", se.Line, se.Msg)
	}
	var tl errTooLarge
	if errors.As(err, &tl) {
		return tl.Error()
	}
	s := err.Error()
	return strings.TrimPrefix(s, "zip: ")
}

// month returns the month of a date serial number: days since 30 December
// 1899 (1 January 1904 in the 1904 date system). Serials before 1 March
// 1900 count Excel's 29 February 1900, which never was.
func (wb *workbook) month(serial float64) (string, bool) {
	if serial < 0 || serial > 2958465 { // 31 December 9999
		return "", false
	}
	days := int(serial)
	if wb.date1904 {
		days += 1462
	} else if days < 61 && days > 0 {
		days++ // before Excel's phantom 29 February 1900
	}
	y, m, _ := civil(days - 25569) // days from 1970-01-01
	return strconv.Itoa(y) + "-" + twoDigits(m), true
}

func twoDigits(m int) string {
	if m < 10 {
		return "0" + strconv.Itoa(m)
	}
	return strconv.Itoa(m)
}

// civil converts days since 1970-01-01 to a date (Howard Hinnant's algorithm).
func civil(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// format is what the cell format of style index i shows.
func (wb *workbook) format(i int) numFormat {
	if i < 0 || i >= len(wb.formats) {
		return plainFormat
	}
	return wb.formats[i]
}
