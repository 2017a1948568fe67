package tomlx

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// parseFast parses the plain TOML that scorecards are written in — table and
// array-of-tables headers with bare keys, bare keys set to strings on one
// line, decimal numbers, booleans, local dates and arrays of these — into the tables
// BurntSushi/toml would give, several times faster than the library. It
// returns false, having built nothing the caller keeps, on anything beyond
// that: other syntax, a key defined twice, text that is not valid TOML. The
// caller then parses with the library, whose errors and whose reading of
// the rest of TOML stay the reference; FuzzParseFast holds the two to the
// same maps (a string value is a *string here, where the library gives a
// string: package tomlx reads both).
//
// It also notes where each table and key is, for a Locator that, unlike
// Locate's, makes a path only for each table.
//
// The document is returned as its root table: each table is the posTable
// that notes where its keys are, holding their values until the caller
// has decoded them and calls release. A table as a map of the values cost
// a tenth of loading the L workload's scorecards, most of it growing maps.
func parseFast(file, src string) (*posTable, *Locator, bool) {
	if len(src) > math.MaxInt32 || !utf8.ValidString(src) || strings.HasPrefix(src, "\uFEFF") {
		return nil, nil, false // a posEntry's offsets are 32-bit
	}
	p := fastParser{src: src, tables: map[string]*posTable{}}
	// A key = value has an equals sign: this many entries are enough.
	n := strings.Count(src, "=")
	p.slab, p.vals = make([]posEntry, 0, n), make([]any, 0, n)
	p.root = posTable{src: src, entries: p.slab, vals: p.vals}
	p.pos = &p.root
	// A string has two quotes; an upper bound of the strings is enough.
	p.strs = make([]string, 0, (strings.Count(src, `"`)+strings.Count(src, "'"))/2+1)
	if !p.document() {
		return nil, nil, false
	}
	l := newLocator(file, src)
	l.tables, l.root, l.elems = p.tables, &p.root, p.elems
	return &p.root, l, true
}

// release lets go of the values of the table t and the tables in it, once
// decoded: the Locator keeps the tables, for positions, as long as the
// scorecard is kept.
func (t *posTable) release() {
	t.vals = nil
	for _, s := range t.subs {
		switch v := s.val.(type) {
		case *posTable:
			v.release()
		case []*posTable:
			for _, e := range v {
				e.release()
			}
		}
	}
	t.subs, t.index = nil, nil
}

// manyKeys is how many keys a table holds before an index of them is kept.
const manyKeys = 16

// has reports whether the table holds the key k, as a value or a table.
func (t *posTable) has(k string) bool {
	if t.index != nil {
		return t.index[k]
	}
	for i := range t.entries {
		if t.key(i) == k {
			return true
		}
	}
	return t.sub(k) >= 0
}

// sub returns the index in subs of the table or array of tables k, -1 for none.
func (t *posTable) sub(k string) int {
	for i := range t.subs {
		if t.subs[i].key == k {
			return i
		}
	}
	return -1
}

// added notes that the table has a new key, k.
func (t *posTable) added(k string) {
	if t.index == nil && len(t.entries)+len(t.subs) > manyKeys {
		t.index = make(map[string]bool, 2*manyKeys)
		for i := range t.entries {
			t.index[t.key(i)] = true
		}
		for _, s := range t.subs {
			t.index[s.key] = true
		}
	}
	if t.index != nil {
		t.index[k] = true
	}
}

type fastParser struct {
	src  string
	i    int
	keys []string // the keys of the last header, reused
	// The root table, and every other table by its path, as Locate names
	// them; pos is the table that key = value lines go into.
	root   posTable
	tables map[string]*posTable
	pos    *posTable
	path   []byte // reused to make a table's path
	// strs holds the document's string values, and a string value is a
	// pointer to its place: one array for them all, made large enough for
	// every string the document can hold, rather than a box for each,
	// which was a sixth of the allocations of loading the L workload.
	strs []string
	// slab holds the entries of every table, one table after another: a
	// table's keys come together, between its header and the next. One
	// array rather than one grown for each table was a tenth of the bytes
	// a load of the L workload allocated. vals holds their values, in
	// the same order.
	slab []posEntry
	vals []any
	// elems holds the elements of every array, an entry's one after
	// another.
	elems []posElem
	// depth is how deep the arrays being read nest: past MaxNesting the
	// parser declines, for Decode to report.
	depth int
}

func (p *fastParser) document() bool {
	for {
		p.blank()
		if p.i >= len(p.src) {
			return true
		}
		var ok bool
		if p.src[p.i] == '[' {
			ok = p.header()
		} else {
			ok = p.keyValue()
		}
		if !ok || !p.lineEnd() {
			return false
		}
	}
}

// blank skips blank lines, comments and the spaces around them.
func (p *fastParser) blank() {
	for p.i < len(p.src) {
		p.spaces()
		if p.i < len(p.src) && p.src[p.i] == '#' {
			if !p.comment() {
				return
			}
		}
		if !p.newline() {
			return
		}
	}
}

func (p *fastParser) spaces() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.i++
	}
}

// newline moves past one \n or \r\n.
func (p *fastParser) newline() bool {
	if strings.HasPrefix(p.src[p.i:], "\n") {
		p.i++
		return true
	}
	if strings.HasPrefix(p.src[p.i:], "\r\n") {
		p.i += 2
		return true
	}
	return false
}

// comment moves from # to the end of its line, refusing the control
// characters TOML does not allow there.
func (p *fastParser) comment() bool {
	for p.i++; p.i < len(p.src); p.i++ {
		c := p.src[p.i]
		if c == '\n' || c == '\r' && strings.HasPrefix(p.src[p.i:], "\r\n") {
			return true
		}
		if isControl(c) {
			return false
		}
	}
	return true
}

func isControl(c byte) bool { return c < 0x20 && c != '\t' || c == 0x7f }

// lineEnd accepts what may follow a header or a value: spaces, a comment,
// and the end of the line or of the file.
func (p *fastParser) lineEnd() bool {
	p.spaces()
	if p.i < len(p.src) && p.src[p.i] == '#' && !p.comment() {
		return false
	}
	return p.i >= len(p.src) || p.newline()
}

func (p *fastParser) bareKey() (string, bool) {
	j := p.i
	for j < len(p.src) && isBare(p.src[j]) {
		j++
	}
	if j == p.i {
		return "", false
	}
	k := p.src[p.i:j]
	p.i = j
	return k, true
}

// header reads [a.b] or [[a.b]] and makes its table the current one.
func (p *fastParser) header() bool {
	at := p.i
	array := strings.HasPrefix(p.src[p.i:], "[[")
	if array {
		p.i += 2
	} else {
		p.i++
	}
	keys := p.keys[:0]
	for {
		p.spaces()
		k, ok := p.bareKey()
		if !ok {
			return false
		}
		keys = append(keys, k)
		p.spaces()
		if p.i < len(p.src) && p.src[p.i] == '.' {
			p.i++
			continue
		}
		break
	}
	p.keys = keys
	end := "]"
	if array {
		end = "]]"
	}
	if !strings.HasPrefix(p.src[p.i:], end) {
		return false
	}
	p.i += len(end)

	t := &p.root
	path := p.path[:0]
	for _, k := range keys[:len(keys)-1] {
		path = appendKey(path, k)
		i := t.sub(k)
		if i < 0 {
			if t.has(k) {
				return false // a key's value
			}
			sub := &posTable{src: p.src}
			t.subs = append(t.subs, posSub{key: k, val: sub})
			t.added(k)
			t = sub
			continue
		}
		switch v := t.subs[i].val.(type) {
		case *posTable:
			t = v
		case []*posTable:
			t = v[len(v)-1]
			path = appendIndex(path, len(v)-1)
		}
	}
	last := keys[len(keys)-1]
	path = appendKey(path, last)
	sub := &posTable{at: at, src: p.src, entries: p.slab[len(p.slab):len(p.slab)], vals: p.vals[len(p.vals):len(p.vals)]}
	n := 0 // the new table's index in its array
	i := t.sub(last)
	switch {
	case i < 0 && t.has(last):
		return false // a key's value named as a table: the library says so
	case i < 0 && array:
		t.subs = append(t.subs, posSub{key: last, val: []*posTable{sub}})
		t.added(last)
	case i < 0:
		t.subs = append(t.subs, posSub{key: last, val: sub})
		t.added(last)
	default:
		v, ok := t.subs[i].val.([]*posTable)
		if !ok || !array {
			// A table named a second time: the library says so, or
			// accepts a table that an earlier header made only
			// implicitly.
			return false
		}
		t.subs[i].val = append(v, sub)
		n = len(v)
	}
	if array {
		// The array is found at its latest header, as Locate has it.
		if t := p.tables[string(path)]; t != nil {
			t.at = at
		} else {
			p.tables[string(path)] = &posTable{at: at, src: p.src}
		}
		path = appendIndex(path, n)
	}
	p.path = path
	p.pos = sub
	p.tables[string(path)] = sub
	return true
}

func appendKey(path []byte, k string) []byte {
	if len(path) > 0 {
		path = append(path, '.')
	}
	return append(path, k...)
}

func appendIndex(path []byte, n int) []byte {
	path = append(path, '[')
	path = strconv.AppendInt(path, int64(n), 10)
	return append(path, ']')
}

// keyValue reads key = value into the current table.
func (p *fastParser) keyValue() bool {
	at := p.i
	k, ok := p.bareKey()
	if !ok {
		return false
	}
	p.spaces()
	if p.i >= len(p.src) || p.src[p.i] != '=' {
		return false // a dotted key, among others
	}
	p.i++
	p.spaces()
	if p.pos.has(k) {
		return false
	}
	valAt, elem := int32(p.i), int32(len(p.elems))
	v, ok := p.value("")
	if !ok {
		return false
	}
	// The table's entries and values are those at the end of the slabs,
	// which grow with them, as long as the slabs have room.
	t := p.pos
	t.entries = append(t.entries, posEntry{keyAt: int32(at), keyEnd: int32(at + len(k)), valAt: valAt, elem: elem, elemN: int32(len(p.elems)) - elem})
	t.vals = append(t.vals, v)
	if len(p.slab) < cap(p.slab) {
		p.slab, p.vals = p.slab[:len(p.slab)+1], p.vals[:len(p.vals)+1]
	}
	t.added(k)
	return true
}

// value reads a value; an array's elements are noted in p.elems, with
// their index paths below suffix.
func (p *fastParser) value(suffix string) (any, bool) {
	if p.i >= len(p.src) {
		return nil, false
	}
	switch p.src[p.i] {
	case '"':
		return p.basicString()
	case '\'':
		return p.literalString()
	case '[':
		return p.array(suffix)
	}
	j := p.i
	for j < len(p.src) && !strings.ContainsRune(" \t\r\n#,]", rune(p.src[j])) {
		j++
	}
	tok := p.src[p.i:j]
	p.i = j
	switch tok {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if len(tok) == len("2006-01-02") && tok[4] == '-' {
		return localDate(tok)
	}
	return number(tok)
}

// dateLocal is the location BurntSushi/toml gives local dates (its own
// value, which LocalDate and a comparison of the two parsers look for).
var dateLocal = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2006-01-02", &m); err != nil {
		panic(err)
	}
	return m["d"].(time.Time).Location()
})

// localDate reads 2026-01-31 as the library does.
func localDate(tok string) (any, bool) {
	for i := range len(tok) {
		if i != 4 && i != 7 && (tok[i] < '0' || tok[i] > '9') {
			return nil, false
		}
	}
	if tok[7] != '-' {
		return nil, false
	}
	t, err := time.ParseInLocation("2006-01-02", tok, dateLocal())
	return t, err == nil
}

// number reads a decimal integer or float without underscores; hex, octal,
// binary, inf, nan and dates are left to the library.
func number(tok string) (any, bool) {
	s := tok
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	n := digits(s)
	if n == 0 || n > 1 && s[0] == '0' {
		return nil, false
	}
	s = s[n:]
	if s == "" {
		i, err := strconv.ParseInt(tok, 10, 64)
		return i, err == nil
	}
	if s[0] == '.' {
		n = digits(s[1:])
		if n == 0 {
			return nil, false
		}
		s = s[1+n:]
	}
	if s != "" && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s != "" && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		n = digits(s)
		if n == 0 {
			return nil, false
		}
		s = s[n:]
	}
	if s != "" {
		return nil, false
	}
	f, err := strconv.ParseFloat(tok, 64)
	return f, err == nil
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// str returns the string value s as the document holds it, a *string.
func (p *fastParser) str(s string) (any, bool) {
	if len(p.strs) == cap(p.strs) {
		return nil, false // cannot be: strs has room for every string
	}
	p.strs = append(p.strs, s)
	return &p.strs[len(p.strs)-1], true
}

// basicString reads a one-line "…" string. The value is a copy: a
// substring would keep the whole file in memory for as long as the model
// keeps a name.
func (p *fastParser) basicString() (any, bool) {
	if strings.HasPrefix(p.src[p.i:], `"""`) {
		return nil, false
	}
	p.i++
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			s := strings.Clone(p.src[start:p.i])
			p.i++
			return p.str(s)
		case c == '\\':
			return p.escaped(start)
		case isControl(c):
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// escaped finishes a basic string that has escapes, from its first
// backslash on.
func (p *fastParser) escaped(start int) (any, bool) {
	var b strings.Builder
	b.WriteString(p.src[start:p.i])
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return p.str(b.String())
		case isControl(c):
			return nil, false
		case c != '\\':
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.src) {
			return nil, false
		}
		e := p.src[p.i+1]
		p.i += 2
		switch e {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if p.i+n > len(p.src) {
				return nil, false
			}
			hex := p.src[p.i : p.i+n]
			if strings.ContainsAny(hex, "+-_") {
				return nil, false
			}
			r, err := strconv.ParseUint(hex, 16, 32)
			if err != nil || !utf8.ValidRune(rune(r)) {
				return nil, false
			}
			b.WriteRune(rune(r))
			p.i += n
		default:
			return nil, false
		}
	}
	return nil, false
}

// literalString reads a one-line '…' string.
func (p *fastParser) literalString() (any, bool) {
	if strings.HasPrefix(p.src[p.i:], "'''") {
		return nil, false
	}
	p.i++
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '\'' {
			s := strings.Clone(p.src[start:p.i])
			p.i++
			return p.str(s)
		}
		if isControl(c) {
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// array reads [v, …], over several lines and with comments if need be.
func (p *fastParser) array(suffix string) (any, bool) {
	if p.depth++; p.depth > MaxNesting {
		return nil, false
	}
	defer func() { p.depth-- }()
	p.i++
	a := []any{}
	for {
		p.blank()
		if p.i < len(p.src) && p.src[p.i] == ']' {
			p.i++
			return a, true
		}
		el := posElem{suffix: suffix + "[" + strconv.Itoa(len(a)) + "]", at: p.i}
		p.elems = append(p.elems, el)
		v, ok := p.value(el.suffix)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		p.blank()
		if p.i >= len(p.src) {
			return nil, false
		}
		switch p.src[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, true
		default:
			return nil, false
		}
	}
}
