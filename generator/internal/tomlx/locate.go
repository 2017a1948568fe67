package tomlx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Locator maps key paths of a TOML document to where their keys and values are.
//
// BurntSushi/toml keeps key positions to itself, so the locator scans the text a
// second time. It only has to understand documents that already parsed, which
// keeps it small: table headers, keys, strings (to skip them), arrays and inline
// tables. Paths look like "objectives[1].measures[0].target".
type Locator struct {
	file   string
	src    string
	keys   map[string]int // byte offset of the key
	values map[string]int // byte offset of the value (of the header, for tables)
	lines  []int          // byte offset of the start of each line
	// tables, when not nil, replaces keys and values for a document that
	// parseFast read: its tables by path, each with its keys, so that a
	// path is made only for each table rather than for every key.
	tables map[string]*posTable
	root   *posTable
	elems  []posElem // the elements of its arrays, by posEntry
}

// posTable is where a table's header and keys are, as parseFast found
// them, and, until the document is decoded, the table itself: its keys'
// values, and the tables headers made in it.
type posTable struct {
	at      int    // the header's offset
	src     string // the document
	entries []posEntry
	vals    []any // the entries' values, until decoded
	subs    []posSub
	// index holds the keys of a table with many, so that finding whether
	// a key is there stays quick; nil while a look along the slices is.
	index map[string]bool
}

// A posEntry is where a key and its value are: the key is the document's
// src[keyAt:keyEnd], and an array's elements, nested ones too, are the
// Locator's elems[elem:elem+elemN]. It holds no pointer: the entries of
// every scorecard are kept, for positions, as long as the build runs, and
// the collector then has nothing in them to look at. As a key string, an
// elements slice and its value, they were a fifth of the memory a loaded
// L held, and each collection scanned them.
type posEntry struct {
	keyAt, keyEnd, valAt int32
	elem, elemN          int32
}

// key returns the key of entry i.
func (t *posTable) key(i int) string {
	e := &t.entries[i]
	return t.src[e.keyAt:e.keyEnd]
}

// posSub is a table a header made in a table: a *posTable, or an array of
// tables, a []*posTable.
type posSub struct {
	key string
	val any
}

// posElem is an element of an array value: suffix is its index path below
// the key ("[2]", "[2][0]").
type posElem struct {
	suffix string
	at     int
}

// Locate scans src. It never fails: on text it does not understand it records
// less, and Pos falls back to an enclosing path.
func Locate(file, src string) *Locator {
	l := newLocator(file, src)
	l.keys, l.values = map[string]int{}, map[string]int{}
	s := &scanner{l: l, src: src, arrays: map[string]int{}}
	s.document()
	return l
}

func newLocator(file, src string) *Locator {
	// Counted first, then found line by line: a byte at a time, and the
	// slice grown as it went, this was a tenth of decoding L's scorecards.
	l := &Locator{file: file, src: src, lines: make([]int, 1, strings.Count(src, "\n")+1)}
	for at := 0; ; {
		i := strings.IndexByte(src[at:], '\n')
		if i < 0 {
			return l
		}
		at += i + 1
		l.lines = append(l.lines, at)
	}
}

// Has reports whether the document has a key at path.
func (l *Locator) Has(path string) bool {
	_, ok := l.key(path)
	return ok
}

// key returns the offset of the key of path, as keys holds it.
func (l *Locator) key(path string) (int, bool) {
	if l.tables == nil {
		off, ok := l.keys[path]
		return off, ok
	}
	if t := l.tables[path]; t != nil {
		return t.at, true
	}
	if e, suffix := l.entry(path); e != nil && suffix == "" {
		return int(e.keyAt), true
	}
	return 0, false
}

// value returns the offset of the value of path, as values holds it.
func (l *Locator) value(path string) (int, bool) {
	if l.tables == nil {
		off, ok := l.values[path]
		return off, ok
	}
	if t := l.tables[path]; t != nil {
		return t.at, true
	}
	e, suffix := l.entry(path)
	if e == nil {
		return 0, false
	}
	if suffix == "" {
		return int(e.valAt), true
	}
	for _, el := range l.elems[e.elem : e.elem+e.elemN] {
		if el.suffix == suffix {
			return el.at, true
		}
	}
	return 0, false
}

// entry finds the key of path in the table above it, with what path adds
// to the key: an array element's index path. Keys are bare, without dots,
// in a document parseFast read, so the table is what comes before the
// last dot.
func (l *Locator) entry(path string) (*posEntry, string) {
	table, rest := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		table, rest = path[:i], path[i+1:]
	}
	key, suffix := rest, ""
	if i := strings.IndexByte(rest, '['); i >= 0 {
		key, suffix = rest[:i], rest[i:]
	}
	t := l.root
	if table != "" {
		t = l.tables[table]
	}
	if t == nil {
		return nil, ""
	}
	for i := range t.entries {
		if t.key(i) == key {
			return &t.entries[i], suffix
		}
	}
	return nil, ""
}

// File returns the file name the locator reports positions in.
func (l *Locator) File() string { return l.file }

// Value returns the position of the value at path, or of the nearest enclosing
// path that was found, or of the file's start.
func (l *Locator) Value(path string) (line, col int) {
	return l.find(l.value, path)
}

// Key returns the position of the key of path, with the same fallbacks as Value.
func (l *Locator) Key(path string) (line, col int) {
	return l.find(l.key, path)
}

func (l *Locator) find(at func(string) (int, bool), path string) (int, int) {
	for {
		if off, ok := at(path); ok {
			return l.lineCol(off)
		}
		if off, ok := l.key(path); ok {
			return l.lineCol(off)
		}
		if path == "" {
			return 1, 1
		}
		path = Parent(path)
	}
}

// Parent strips the last segment of a key path: a.b[2].c → a.b[2] → a.b →
// a → "".
func Parent(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func (l *Locator) lineCol(off int) (int, int) {
	lo, hi := 0, len(l.lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if l.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, utf8.RuneCountInString(l.src[l.lines[lo]:off]) + 1
}

type scanner struct {
	l      *Locator
	src    string
	i      int
	table  string         // path of the current table
	arrays map[string]int // path of an array of tables → elements so far
}

func join(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (s *scanner) document() {
	for s.i < len(s.src) {
		start := s.i
		s.space(true)
		if s.i >= len(s.src) {
			return
		}
		switch s.src[s.i] {
		case '[':
			s.header()
		default:
			s.keyValue(s.table)
		}
		s.space(false)
		s.skipLine()
		if s.i == start {
			s.i++ // never loop without progress, whatever the input
		}
	}
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *scanner) header() {
	at := s.i
	array := strings.HasPrefix(s.src[s.i:], "[[")
	if array {
		s.i += 2
	} else {
		s.i++
	}
	keys := s.dottedKey()
	path := ""
	for n, k := range keys {
		path = join(path, k)
		last := n == len(keys)-1
		if count, ok := s.arrays[path]; ok && !last {
			path = index(path, count-1)
		}
		if last && array {
			count := s.arrays[path]
			s.arrays[path] = count + 1
			s.l.keys[path] = at
			s.l.values[path] = at
			path = index(path, count)
		}
	}
	s.l.keys[path] = at
	s.l.values[path] = at
	s.table = path
}

// keyValue reads key = value under table base.
func (s *scanner) keyValue(base string) {
	at := s.i
	keys := s.dottedKey()
	if len(keys) == 0 {
		return
	}
	path := base
	for _, k := range keys {
		path = join(path, k)
	}
	s.l.keys[path] = at
	s.space(false)
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.i++
	}
	s.space(false)
	s.value(path)
}

// dottedKey reads a.b."c d" and stops after the last key.
func (s *scanner) dottedKey() []string {
	var keys []string
	for s.i < len(s.src) {
		s.space(false)
		if s.i >= len(s.src) {
			break
		}
		var k string
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			k = s.quotedKey(c)
		case isBare(c):
			j := s.i
			for j < len(s.src) && isBare(s.src[j]) {
				j++
			}
			k, s.i = s.src[s.i:j], j
		default:
			return keys
		}
		keys = append(keys, k)
		s.space(false)
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		break
	}
	return keys
}

func (s *scanner) quotedKey(q byte) string {
	start := s.i
	s.skipString()
	raw := s.src[start:s.i]
	if q == '"' {
		if u, err := strconv.Unquote(raw); err == nil {
			return u
		}
	}
	return strings.Trim(raw, string(q))
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value records the value at path and skips over it.
func (s *scanner) value(path string) {
	if s.i >= len(s.src) {
		return
	}
	s.l.values[path] = s.i
	switch s.src[s.i] {
	case '"', '\'':
		s.skipString()
	case '[':
		s.i++
		for n := 0; s.i < len(s.src); n++ {
			s.space(true)
			if s.i >= len(s.src) || s.src[s.i] == ']' {
				break
			}
			before := s.i
			s.value(index(path, n))
			s.space(true)
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
			} else if s.i == before {
				s.i++
			}
		}
		s.i++
	case '{':
		// TOML 1.1, which the parser reads, lets an inline table span lines,
		// with comments and a trailing comma.
		s.i++
		for s.i < len(s.src) {
			s.space(true)
			if s.i >= len(s.src) || s.src[s.i] == '}' {
				break
			}
			before := s.i
			s.keyValue(path)
			s.space(true)
			if s.i < len(s.src) && s.src[s.i] == ',' {
				s.i++
			} else if s.i == before {
				s.i++
			}
		}
		s.i++
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// skipString moves past a basic, literal or multi-line string.
func (s *scanner) skipString() {
	defer func() { s.i = min(s.i, len(s.src)) }() // an escape may be the last byte
	q := s.src[s.i]
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3)) {
		s.i += 3
		end := strings.Repeat(string(q), 3)
		for s.i < len(s.src) {
			if q == '"' && s.src[s.i] == '\\' {
				s.i += 2
				continue
			}
			if strings.HasPrefix(s.src[s.i:], end) {
				s.i += 3
				// A multi-line string may end in up to two more quotes.
				for k := 0; k < 2 && s.i < len(s.src) && s.src[s.i] == q; k++ {
					s.i++
				}
				return
			}
			s.i++
		}
		return
	}
	s.i++
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		c := s.src[s.i]
		if q == '"' && c == '\\' {
			s.i += 2
			continue
		}
		s.i++
		if c == q {
			return
		}
	}
}

// space skips blanks and comments, and newlines too when newlines is true.
func (s *scanner) space(newlines bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			if !newlines {
				return
			}
			s.i++
		case '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
	if s.i < len(s.src) {
		s.i++
	}
}
