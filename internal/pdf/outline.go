package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// An OutlineItem is a bookmark of a PDF: its title, its depth in the
// outline (0 at the top) and the page it opens, counting from 1.
type OutlineItem struct {
	Title string
	Level int
	Page  int // 0 when the bookmark opens no page of the document
}

// Outline reads the bookmarks of a PDF, in the order of the outline (the
// document's order, for Chromium's), and how many pages it has. It reads
// PDFs as Chromium writes them: a cross-reference table, objects not in
// streams, destinations as explicit arrays; that is enough to read the
// page numbers back for the contents of the board pack and for the tests.
func Outline(doc []byte) ([]OutlineItem, int, error) {
	r, err := newReader(doc)
	if err != nil {
		return nil, 0, err
	}
	root, ok := r.resolve(r.trailer["Root"]).(dict)
	if !ok {
		return nil, 0, errors.New("pdf: no document catalog")
	}
	pages := map[int]int{} // page object → page number
	r.walkPages(root["Pages"], pages, 0)
	var items []OutlineItem
	if o, ok := r.resolve(root["Outlines"]).(dict); ok {
		r.walkOutline(o["First"], 0, pages, &items, map[int]bool{})
	}
	return items, len(pages), nil
}

// walkPages numbers the pages of the tree under node in order.
func (r *reader) walkPages(node any, pages map[int]int, depth int) {
	ref, ok := node.(objRef)
	if !ok || depth > 64 {
		return
	}
	d, ok := r.object(ref.num).(dict)
	if !ok {
		return
	}
	if d["Type"] == name("Page") {
		if _, seen := pages[ref.num]; !seen {
			pages[ref.num] = len(pages) + 1
		}
		return
	}
	if kids, ok := r.resolve(d["Kids"]).(array); ok {
		for _, k := range kids {
			r.walkPages(k, pages, depth+1)
		}
	}
}

// walkOutline appends the bookmark node and its next siblings, each
// followed by its children.
func (r *reader) walkOutline(node any, level int, pages map[int]int, out *[]OutlineItem, seen map[int]bool) {
	for ref, ok := node.(objRef); ok && !seen[ref.num] && level <= 64; ref, ok = node.(objRef) {
		seen[ref.num] = true
		d, isDict := r.object(ref.num).(dict)
		if !isDict {
			return
		}
		item := OutlineItem{Title: textString(r.resolve(d["Title"])), Level: level}
		dest := r.resolve(d["Dest"])
		if a, ok := r.resolve(d["A"]).(dict); ok && dest == nil {
			dest = r.resolve(a["D"])
		}
		if arr, ok := dest.(array); ok && len(arr) > 0 {
			if p, ok := arr[0].(objRef); ok {
				item.Page = pages[p.num]
			}
		}
		*out = append(*out, item)
		r.walkOutline(d["First"], level+1, pages, out, seen)
		node = d["Next"]
	}
}

// The values of a PDF.
type (
	dict   map[string]any
	array  []any
	name   string
	objRef struct{ num int }
	pdfStr []byte
)

type reader struct {
	doc     []byte
	offsets map[int]int // object number → offset of "n g obj"
	trailer dict
	cache   map[int]any
}

func newReader(doc []byte) (*reader, error) {
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		return nil, errors.New("pdf: not a PDF file")
	}
	r := &reader{doc: doc, offsets: map[int]int{}, cache: map[int]any{}}
	i := bytes.LastIndex(doc, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("pdf: no startxref")
	}
	p := &parser{b: doc, i: i + len("startxref")}
	off, ok := p.value().(float64)
	if !ok || int(off) < 0 || int(off) >= len(doc) {
		return nil, errors.New("pdf: bad startxref")
	}
	if err := r.xref(int(off)); err != nil {
		return nil, err
	}
	return r, nil
}

// xref reads the cross-reference table at off and the trailer after it.
func (r *reader) xref(off int) error {
	p := &parser{b: r.doc, i: off}
	p.space()
	if !bytes.HasPrefix(r.doc[p.i:], []byte("xref")) {
		return errors.New("pdf: the cross-reference table is not a table (a cross-reference stream is not read)")
	}
	p.i += len("xref")
	for {
		p.space()
		if bytes.HasPrefix(r.doc[p.i:], []byte("trailer")) {
			p.i += len("trailer")
			t, ok := p.value().(dict)
			if !ok {
				return errors.New("pdf: bad trailer")
			}
			r.trailer = t
			return nil
		}
		first, ok1 := p.value().(float64)
		count, ok2 := p.value().(float64)
		if !ok1 || !ok2 || count < 0 || count > 1e7 {
			return errors.New("pdf: bad cross-reference table")
		}
		for k := 0; k < int(count); k++ {
			p.space()
			if p.i+18 > len(r.doc) {
				return errors.New("pdf: cross-reference table cut short")
			}
			entry := r.doc[p.i : p.i+18]
			p.i += 18
			if entry[17] == 'n' {
				o, err := strconv.Atoi(string(entry[:10]))
				if err != nil {
					return fmt.Errorf("pdf: bad cross-reference entry %q", entry)
				}
				r.offsets[int(first)+k] = o
			}
		}
	}
}

// object is the value of object num, or nil.
func (r *reader) object(num int) any {
	if v, ok := r.cache[num]; ok {
		return v
	}
	r.cache[num] = nil // an object that refers to itself reads as nil
	off, ok := r.offsets[num]
	if !ok || off >= len(r.doc) {
		return nil
	}
	p := &parser{b: r.doc, i: off}
	n, _ := p.value().(float64)
	p.value() // generation
	p.space()
	if int(n) != num || !bytes.HasPrefix(r.doc[p.i:], []byte("obj")) {
		return nil
	}
	p.i += len("obj")
	v := p.value()
	r.cache[num] = v
	return v
}

// resolve follows a reference.
func (r *reader) resolve(v any) any {
	if ref, ok := v.(objRef); ok {
		return r.object(ref.num)
	}
	return v
}

// textString decodes a PDF text string: UTF-16BE after a byte order mark,
// else PDFDocEncoding, which agrees with Latin-1 in what Chromium writes.
func textString(v any) string {
	s, ok := v.(pdfStr)
	if !ok {
		return ""
	}
	if len(s) >= 2 && s[0] == 0xfe && s[1] == 0xff {
		u := make([]uint16, 0, len(s)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	rs := make([]rune, len(s))
	for i, c := range s {
		rs[i] = rune(c)
	}
	return string(rs)
}

// parser reads PDF values from b at i.
type parser struct {
	b     []byte
	i     int
	depth int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

// space skips white space and comments.
func (p *parser) space() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// value reads one value; a reference "n g R" is read as one. It returns
// nil at the end, at a token it does not know, or nested too deep.
func (p *parser) value() any {
	p.space()
	if p.i >= len(p.b) || p.depth > 100 {
		return nil
	}
	p.depth++
	defer func() { p.depth-- }()
	switch c := p.b[p.i]; {
	case c == '/':
		return p.name()
	case c == '(':
		return p.literal()
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		return p.dict()
	case c == '<':
		return p.hex()
	case c == '[':
		p.i++
		var a array
		for {
			p.space()
			if p.i >= len(p.b) {
				return a
			}
			if p.b[p.i] == ']' {
				p.i++
				return a
			}
			before := p.i
			v := p.value()
			if p.i == before {
				return a // a token that is not a value: stop rather than loop
			}
			a = append(a, v)
		}
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	}
	start := p.i
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	switch string(p.b[start:p.i]) {
	case "true":
		return true
	case "false":
		return false
	}
	return nil
}

// number reads a number, or a reference when two integers and R follow.
func (p *parser) number() any {
	start := p.i
	for p.i < len(p.b) && (p.b[p.i] == '-' || p.b[p.i] == '+' || p.b[p.i] == '.' || p.b[p.i] >= '0' && p.b[p.i] <= '9') {
		p.i++
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil {
		return nil
	}
	// "12 0 R": look ahead without consuming unless it is a reference.
	save := p.i
	p.space()
	gs := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i > gs {
		p.space()
		if p.i < len(p.b) && p.b[p.i] == 'R' && (p.i+1 == len(p.b) || isSpace(p.b[p.i+1]) || isDelim(p.b[p.i+1])) {
			p.i++
			return objRef{num: int(f)}
		}
	}
	p.i = save
	return f
}

func (p *parser) name() any {
	p.i++ // '/'
	var b []byte
	for p.i < len(p.b) && !isSpace(p.b[p.i]) && !isDelim(p.b[p.i]) {
		c := p.b[p.i]
		if c == '#' && p.i+2 < len(p.b) {
			if x, err := strconv.ParseUint(string(p.b[p.i+1:p.i+3]), 16, 8); err == nil {
				b = append(b, byte(x))
				p.i += 3
				continue
			}
		}
		b = append(b, c)
		p.i++
	}
	return name(b)
}

func (p *parser) dict() any {
	p.i += 2
	d := dict{}
	for {
		p.space()
		if p.i+1 >= len(p.b) {
			return d
		}
		if p.b[p.i] == '>' && p.b[p.i+1] == '>' {
			p.i += 2
			return d
		}
		k, ok := p.value().(name)
		if !ok {
			return d
		}
		d[string(k)] = p.value()
	}
}

func (p *parser) hex() any {
	p.i++
	var digits []byte
	for p.i < len(p.b) && p.b[p.i] != '>' {
		if c := p.b[p.i]; !isSpace(c) {
			digits = append(digits, c)
		}
		p.i++
	}
	p.i++
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, 0, len(digits)/2)
	for i := 0; i+1 < len(digits); i += 2 {
		x, err := strconv.ParseUint(string(digits[i:i+2]), 16, 8)
		if err != nil {
			return nil
		}
		out = append(out, byte(x))
	}
	return pdfStr(out)
}

// literal reads a (string) with its escapes and nested parentheses.
func (p *parser) literal() any {
	p.i++
	var out []byte
	level := 1
	for p.i < len(p.b) {
		c := p.b[p.i]
		p.i++
		switch c {
		case '(':
			level++
		case ')':
			level--
			if level == 0 {
				return pdfStr(out)
			}
		case '\\':
			if p.i >= len(p.b) {
				return pdfStr(out)
			}
			e := p.b[p.i]
			p.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // a line continues
				if e == '\r' && p.i < len(p.b) && p.b[p.i] == '\n' {
					p.i++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '7'; k++ {
						v = v*8 + int(p.b[p.i]-'0')
						p.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return pdfStr(out)
}
