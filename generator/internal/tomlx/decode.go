// Package tomlx decodes TOML files strictly and with positions: every unknown key
// (compared case-sensitively) and every value of the wrong type is reported with
// its line and column, all of them rather than the first.
//
// BurntSushi/toml parses the text into maps; this package then fills the target
// struct from them itself, because the library's own struct decoding stops at the
// first problem, meets them in map order (so which one is reported varies from run
// to run), matches keys case-insensitively, and reports type errors without a
// column.
package tomlx

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// Decode parses src, the content of file, into v, which must be a pointer to a
// struct whose fields carry `toml:"key"` tags; a string field (or a list of
// strings) tagged `max:"N"` takes at most N characters. Problems go to dl.
// The locator is nil when the text is not valid TOML. Nothing decoded keeps
// src: the caller may use it again.
func Decode(file string, src []byte, v any, dl *diag.List) *Locator {
	text := string(src)
	root, loc, ok := parseFast(file, text)
	if !ok {
		// parseFast declines arrays nested deeper than MaxNesting, so only
		// a text it declines can nest too deep: one pass over the text
		// fewer for every scorecard it reads.
		if line, col := tooDeep(src); line > 0 {
			dl.Errorf(diag.Pos{File: file, Line: line, Col: col}, "arrays and inline tables nest more than %d deep", MaxNesting)
			return nil
		}
		return decodeLibrary(file, src, text, v, dl)
	}
	fill(loc, v, root, dl)
	root.release()
	return loc
}

// decodeLibrary parses with BurntSushi/toml, for the text parseFast leaves
// to it, and reports its errors.
func decodeLibrary(file string, src []byte, text string, v any, dl *diag.List) *Locator {
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos := diag.Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col}
			if m := duplicateKey.FindStringSubmatch(pe.Message); m != nil {
				// The library's column for a duplicate key is past the end of the line.
				pos.Col = firstNonBlank(src, pos.Line)
				dl.Errorf(pos, "invalid TOML: key %q is defined twice", m[1])
				return nil
			}
			dl.Errorf(clampPos(src, pos, pe.Message), "%s", parseMessage(pe))
		} else {
			dl.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "%v", err)
		}
		return nil
	}
	loc := Locate(file, text)
	fill(loc, v, m, dl)
	return loc
}

// fill decodes the parsed document into v: the library's map[string]any,
// or parseFast's root table.
func fill(loc *Locator, v any, doc any, dl *diag.List) {
	d := &decoder{loc: loc, dl: dl}
	d.walk(reflect.ValueOf(v).Elem(), doc, 0)
}

var duplicateKey = regexp.MustCompile(`^Key '(.*)' has already been defined\.?$`)

// clampPos corrects the library's position for errors at a line break, which
// it gives on the next line, and keeps a column inside its line.
func clampPos(src []byte, pos diag.Pos, msg string) diag.Pos {
	lines := bytes.Split(src, []byte("\n"))
	if strings.Contains(msg, `'\n'`) && pos.Line > 1 && pos.Line <= len(lines)+1 {
		pos.Line--
		pos.Col = len(bytes.TrimSuffix(lines[pos.Line-1], []byte("\r"))) + 1
	}
	if pos.Line >= 1 && pos.Line <= len(lines) {
		pos.Col = min(pos.Col, len(lines[pos.Line-1])+1)
	}
	return pos
}

// firstNonBlank returns the column of the first non-blank character of line n.
func firstNonBlank(src []byte, n int) int {
	lines := bytes.Split(src, []byte("\n"))
	if n < 1 || n > len(lines) {
		return 1
	}
	line := lines[n-1]
	return len(line) - len(bytes.TrimLeft(line, " \t")) + 1
}

func parseMessage(pe toml.ParseError) string {
	msg := pe.Message
	if pe.Usage != "" {
		// The usage text is several lines of advice; its first sentence is enough.
		first, _, _ := strings.Cut(strings.TrimSpace(pe.Usage), "\n")
		msg += " (" + strings.TrimSpace(first) + ")"
	}
	return "invalid TOML: " + diag.ClipQuotes(msg)
}

// Pos returns the position of the value at path.
func (l *Locator) Pos(path string) diag.Pos {
	line, col := l.Value(path)
	return diag.Pos{File: l.file, Line: line, Col: col}
}

// KeyPos returns the position of the key of path.
func (l *Locator) KeyPos(path string) diag.Pos {
	line, col := l.Key(path)
	return diag.Pos{File: l.file, Line: line, Col: col}
}

type decoder struct {
	loc *Locator
	dl  *diag.List
	// path is the key path of the value being filled, as Locate names it
	// (objectives[1].measures[0].target), kept as bytes and made a string
	// only for a problem: a path for every key was a tenth of the decoding.
	path []byte
	// keys holds the sorted keys of the tables being filled, with their
	// values, the innermost last.
	keys []keyValue
}

type keyValue struct {
	key string
	val any
}

// field is a struct field a key decodes into.
type field struct {
	index int
	limit int // its max tag, 0 for none
}

// typeInfo is what the decoder needs of a type, found once for each type
// in the process: a scorecard repeats a measure's table tens of times.
type typeInfo struct {
	fields map[string]field // a struct's keys
	// decoder and unmarshaler: a pointer to the type implements
	// ValueDecoder or encoding.TextUnmarshaler.
	decoder, unmarshaler bool
}

var typeInfos sync.Map // reflect.Type → *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{}
	pt := reflect.PointerTo(t)
	ti.decoder, ti.unmarshaler = pt.Implements(valueType), pt.Implements(unmarshalType)
	if t.Kind() == reflect.Struct {
		ti.fields = map[string]field{}
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name != "" && name != "-" {
				limit, _ := strconv.Atoi(t.Field(i).Tag.Get("max"))
				ti.fields[name] = field{index: i, limit: limit}
			}
		}
	}
	got, _ := typeInfos.LoadOrStore(t, ti)
	return got.(*typeInfo)
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	unmarshalType = reflect.TypeFor[encoding.TextUnmarshaler]()
	valueType     = reflect.TypeFor[ValueDecoder]()
)

// A ValueDecoder reads a value that may have more than one TOML type (a
// milestone's done is true, false or a date).
type ValueDecoder interface {
	// DecodeTOMLValue sets the receiver from data, the value as
	// BurntSushi/toml parses it, or returns what it expected.
	DecodeTOMLValue(data any) (expected string, ok bool)
}

// LocalDate returns data as a date at midnight UTC when it is a TOML local
// date (2026-01-31, unquoted), as fields of type time.Time are read.
func LocalDate(data any) (time.Time, bool) {
	t, ok := data.(time.Time)
	if !ok || t.Location().String() != "date-local" { // the name BurntSushi/toml gives local dates
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

func (d *decoder) typeError(want string, data any) {
	path := string(d.path)
	d.dl.Errorf(d.loc.Pos(path), "%s: expected %s, got %s", LastKey(path), want, describe(data))
}

// errorf reports a problem with the value at the current path; format
// starts with the path's last key.
func (d *decoder) errorf(format string, args ...any) {
	path := string(d.path)
	d.dl.Errorf(d.loc.Pos(path), format, append([]any{LastKey(path)}, args...)...)
}

// walk fills rv from data. limit, when not 0, is the most characters a
// string may have: the field's `max` tag.
func (d *decoder) walk(rv reflect.Value, data any, limit int) {
	if rv.Kind() == reflect.Pointer {
		p := reflect.New(rv.Type().Elem())
		if d.walkValue(p.Elem(), data, limit) {
			rv.Set(p)
		}
		return
	}
	d.walkValue(rv, data, limit)
}

// walkValue fills rv from data and reports whether it could.
func (d *decoder) walkValue(rv reflect.Value, data any, limit int) bool {
	if rv.Type() == timeType {
		return d.date(rv, data)
	}
	ti := infoOf(rv.Type())
	if ti.decoder && rv.CanAddr() {
		if s, ok := data.(*string); ok {
			data = *s // the value as the library gives it
		}
		want, ok := rv.Addr().Interface().(ValueDecoder).DecodeTOMLValue(data)
		if !ok {
			d.typeError(want, data)
		}
		return ok
	}
	if ti.unmarshaler && rv.CanAddr() {
		s, ok := text(data)
		if !ok {
			d.typeError("a string", data)
			return false
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.errorf("%s: %v", err)
			return false
		}
		return true
	}
	switch rv.Kind() {
	case reflect.String:
		s, ok := text(data)
		if !ok {
			d.typeError("a string", data)
			return false
		}
		// A multi-line string keeps the line ends of its file: those of one
		// saved on Windows are CRLF, which is a line end like any other.
		s = strings.ReplaceAll(s, "\r\n", "\n")
		// A string has at least as many bytes as characters: most are
		// shorter than the limit in bytes already.
		if limit > 0 && len(s) > limit {
			if n := utf8.RuneCountInString(s); n > limit {
				d.errorf("%s %q is %d characters long, more than the %d allowed: shorten it", s, n, limit)
				return false
			}
		}
		if r, bad := hiddenRune(s); bad {
			d.errorf("%s contains the invisible character U+%04X, which can make text read differently from what it is: remove it", r)
			return false
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			d.typeError("true or false", data)
			return false
		}
		rv.SetBool(b)
	case reflect.Float64:
		return d.float(rv, data)
	case reflect.Int:
		n, ok := data.(int64)
		if !ok {
			d.typeError("a whole number", data)
			return false
		}
		rv.SetInt(n)
	case reflect.Slice:
		return d.slice(rv, data, limit)
	case reflect.Struct:
		return d.table(rv, ti, data)
	default:
		panic(fmt.Sprintf("tomlx: unsupported field type %s", rv.Type()))
	}
	return true
}

// text returns the string data is: the library gives a string, parseFast
// a *string.
func text(data any) (string, bool) {
	switch v := data.(type) {
	case string:
		return v, true
	case *string:
		return *v, true
	}
	return "", false
}

// hiddenRune finds a control or format character in s: bidirectional
// controls and marks, zero-width spaces, word joiners and the like display
// as nothing or reorder the text around them. Tab and newline are allowed,
// and so are the zero-width non-joiner and joiner (U+200C, U+200D), which
// Persian, the Indic scripts and emoji sequences need to be written
// correctly; they change how letters join, never their order.
func hiddenRune(s string) (rune, bool) {
	// ASCII has no format character, and its controls are below space and
	// DEL: most strings are ASCII, and a look at their bytes is enough.
	i := 0
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
		if c := s[i]; (c < ' ' || c == 0x7f) && c != '\t' && c != '\n' {
			return rune(c), true
		}
	}
	for _, r := range s[i:] {
		switch {
		case r == '\t' || r == '\n' || r == '\u200c' || r == '\u200d':
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return r, true
		}
	}
	return 0, false
}

func (d *decoder) float(rv reflect.Value, data any) bool {
	var f float64
	switch n := data.(type) {
	case float64:
		f = n
	case int64:
		f = float64(n)
	default:
		d.typeError("a number", data)
		return false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.errorf("%s: expected a finite number, got %v", f)
		return false
	}
	rv.SetFloat(f)
	return true
}

func (d *decoder) date(rv reflect.Value, data any) bool {
	t, ok := LocalDate(data)
	if !ok {
		d.typeError("a date such as 2026-01-31 (not quoted)", data)
		return false
	}
	rv.Set(reflect.ValueOf(t))
	return true
}

func (d *decoder) slice(rv reflect.Value, data any, limit int) bool {
	var n int
	var item func(i int) any
	switch a := data.(type) {
	case []any:
		n, item = len(a), func(i int) any { return a[i] }
	case []map[string]any:
		n, item = len(a), func(i int) any { return a[i] }
	case []*posTable:
		n, item = len(a), func(i int) any { return a[i] }
	default:
		d.typeError("an array", data)
		return false
	}
	out := reflect.MakeSlice(rv.Type(), n, n)
	at := len(d.path)
	for i := range n {
		d.path = appendIndex(d.path, i)
		d.walk(out.Index(i), item(i), limit)
		d.path = d.path[:at]
	}
	rv.Set(out)
	return true
}

func (d *decoder) table(rv reflect.Value, ti *typeInfo, data any) bool {
	from := len(d.keys)
	switch t := data.(type) {
	case map[string]any:
		for k, v := range t {
			d.keys = append(d.keys, keyValue{k, v})
		}
		// Keys in order, so that problems come in the same order every
		// run. A posTable's are in the order of the text already:
		// sorting them was a tenth of decoding L's scorecards. (Problems
		// are listed by position; the order they come in decides only
		// which are kept past diag.MaxPerList.)
		keys := d.keys[from:]
		slices.SortFunc(keys, func(a, b keyValue) int { return strings.Compare(a.key, b.key) })
	case *posTable:
		for i := range t.entries {
			d.keys = append(d.keys, keyValue{t.key(i), t.vals[i]})
		}
		for _, s := range t.subs {
			d.keys = append(d.keys, keyValue(s))
		}
	default:
		d.typeError("a table", data)
		return false
	}
	at := len(d.path)
	for _, kv := range d.keys[from:] {
		k := kv.key
		d.path = appendKey(d.path, k)
		if f, ok := ti.fields[k]; ok {
			d.walk(rv.Field(f.index), kv.val, f.limit)
		} else {
			parent := string(d.path[:at])
			d.dl.Errorf(d.loc.KeyPos(string(d.path)), "%s", unknownKey(k, parent, ti.fields))
		}
		d.path = d.path[:at]
	}
	// Tables within put their keys after these, and take them off again.
	d.keys = d.keys[:from]
	return true
}

func unknownKey(k, path string, fields map[string]field) string {
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	where := "at the top level"
	if t := tableName(path); t != "" {
		where = "in " + t
	}
	if s := diag.Suggest(k, names); s != "" {
		return fmt.Sprintf("unknown key %s %s (did you mean %q?)", diag.Quote(k), where, s)
	}
	return fmt.Sprintf("unknown key %s %s (known keys: %s)", diag.Quote(k), where, strings.Join(names, ", "))
}

// tableName turns objectives[1].measures[0] into [[objectives.measures]].
func tableName(path string) string {
	if path == "" {
		return ""
	}
	var b strings.Builder
	array := false
	for _, seg := range strings.Split(path, ".") {
		name, _, idx := strings.Cut(seg, "[")
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(name)
		array = idx
	}
	if array {
		return "[[" + b.String() + "]]"
	}
	return "[" + b.String() + "]"
}

// LastKey is the last key of a key path, without its indexes:
// objectives[1].measures[0] → measures.
func LastKey(path string) string {
	for strings.HasSuffix(path, "]") {
		path = path[:strings.LastIndexByte(path, '[')]
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func describe(data any) string {
	if s, ok := data.(*string); ok {
		data = *s
	}
	switch v := data.(type) {
	case string:
		return "a string (" + diag.Quote(v) + ")"
	case int64:
		return fmt.Sprintf("an integer (%d)", v)
	case float64:
		return fmt.Sprintf("a number (%v)", v)
	case bool:
		return fmt.Sprintf("a boolean (%v)", v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "a date (" + v.Format("2006-01-02") + ")"
		case "time-local":
			return "a time of day (" + v.Format("15:04:05") + ")"
		}
		return "a date and time (" + v.Format("2006-01-02T15:04:05") + ")"
	case []any, []map[string]any, []*posTable:
		return "an array"
	case map[string]any, *posTable:
		return "a table"
	}
	return fmt.Sprintf("%T", data)
}
