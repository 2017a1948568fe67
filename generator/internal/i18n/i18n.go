// Package i18n holds the words of a theme in one language: the messages of
// its translation files (i18n/<language>.toml), each with its plural
// forms, looked up by key with their placeholders filled in. English is the
// base every other language falls back to, message by message, so a page
// never shows a key. Messages are text: what fills a placeholder is escaped
// in a page like any other text, unless it is HTML the theme made.
package i18n

import (
	"errors"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// Base is the language every message exists in, and that the others fall
// back to.
const Base = "en"

// A File is one translation file, with the name that messages about it
// give (themes/house/i18n/de.toml) and the language it is of (de); without
// a language, its name says it.
type File struct {
	Name string
	Lang string
	Src  []byte
}

// lang is the language of f.
func (f File) lang() string {
	if f.Lang != "" {
		return f.Lang
	}
	return strings.TrimSuffix(path.Base(f.Name), ".toml")
}

// Catalog is the messages of one language. It is made once per build and
// only read after, by every page at once.
type Catalog struct {
	loc  *locale.Locale
	msgs map[string]*message
}

// message is one message: its text by plural form (zero, one, two, few,
// many, other), each parsed into literal text and placeholders. A message
// without plural forms has only "other".
type message struct {
	forms  [6][]segment
	static any  // the text of a message without placeholders or plural forms, boxed once
	plain  bool // static is the message
}

// segment is literal text, or the placeholder {arg} when arg is set.
type segment struct {
	text, arg string
}

// Languages are the names of the translation files a language reads, least
// preferred first: the base, then the tag from its language up (de, de-CH).
func Languages(tag string) []string {
	out := []string{Base}
	parts := strings.Split(tag, "-")
	for i := range parts {
		l := strings.Join(parts[:i+1], "-")
		if !slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, l) }) {
			out = append(out, l)
		}
	}
	return out
}

// Load makes the catalog of files, each overriding the ones before it key by
// key, for a language written by loc's conventions. The first files must
// be the base language's: a message of another file that has a placeholder
// the base's message has not is an error, as is anything but text or a
// table of plural forms. Every problem is reported, with its position.
func Load(files []File, loc *locale.Locale) (*Catalog, error) {
	c := &Catalog{loc: loc, msgs: map[string]*message{}}
	base := map[string]map[string]bool{} // placeholders of the base's messages
	var dl diag.List
	for _, f := range files {
		var data map[string]any
		if _, err := toml.Decode(string(f.Src), &data); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				dl.Errorf(diag.Pos{File: f.Name, Line: pe.Position.Line, Col: pe.Position.Col}, "invalid TOML: %s", pe.Message)
			} else {
				dl.Errorf(diag.Pos{File: f.Name, Line: 1, Col: 1}, "invalid TOML: %v", err)
			}
			continue
		}
		loc := tomlx.Locate(f.Name, string(f.Src))
		isBase := f.lang() == Base
		keys := make([]string, 0, len(data))
		for k := range data {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			m := parseMessage(loc, k, data[k], &dl)
			if m == nil {
				continue
			}
			args := m.args()
			if isBase {
				base[k] = args
			} else if want, ok := base[k]; ok {
				for a := range args {
					if !want[a] {
						dl.Errorf(loc.Pos(k), "message %q has the placeholder {%s}, which the %s message has not (it has %s)", k, a, Base, argList(want))
					}
				}
			}
			c.msgs[k] = m
		}
	}
	if dl.HasErrors() {
		return nil, dl.Err()
	}
	return c, nil
}

// parseMessage reads the message at key: text, or a table of plural forms.
func parseMessage(loc *tomlx.Locator, key string, v any, dl *diag.List) *message {
	m := &message{}
	switch v := v.(type) {
	case string:
		m.forms[5] = parseText(v)
	case map[string]any:
		for form, t := range v {
			if form == "description" { // a note for translators
				continue
			}
			i := locale.FormIndex(form)
			s, ok := t.(string)
			switch {
			case i < 0:
				dl.Errorf(loc.KeyPos(key+"."+form), "message %q: %q is not a plural form (expected zero, one, two, few, many, other or description)", key, form)
				continue
			case !ok:
				dl.Errorf(loc.Pos(key+"."+form), "message %q: the %s form is not text", key, form)
				continue
			}
			m.forms[i] = parseText(s)
		}
		if m.forms[5] == nil {
			dl.Errorf(tablePos(loc, key, v), "message %q has no other form, which every count falls back to", key)
			return nil
		}
	default:
		dl.Errorf(loc.Pos(key), "message %q is neither text nor a table of plural forms", key)
		return nil
	}
	if _, isText := v.(string); isText && len(m.forms[5]) <= 1 && (len(m.forms[5]) == 0 || m.forms[5][0].arg == "") {
		m.plain, m.static = true, ""
		if len(m.forms[5]) == 1 {
			m.static = m.forms[5][0].text
		}
	}
	return m
}

// tablePos is where the table of a message's forms starts: its header, or
// the first of its dotted keys (measures.one = …).
func tablePos(loc *tomlx.Locator, key string, forms map[string]any) diag.Pos {
	if loc.Has(key) {
		return loc.KeyPos(key)
	}
	var first diag.Pos
	for f := range forms {
		p := loc.KeyPos(key + "." + f)
		if first.Line == 0 || p.Line < first.Line || p.Line == first.Line && p.Col < first.Col {
			first = p
		}
	}
	return first
}

// parseText splits s at its placeholders: {name}, a name of a-z, 0-9 and
// "_". Any other brace is text.
func parseText(s string) []segment {
	segs := []segment{}
	text := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
			j++
		}
		if j == i+1 || j == len(s) || s[j] != '}' {
			continue
		}
		if text < i {
			segs = append(segs, segment{text: s[text:i]})
		}
		segs = append(segs, segment{arg: s[i+1 : j]})
		text, i = j+1, j
	}
	if text < len(s) {
		segs = append(segs, segment{text: s[text:]})
	}
	return segs
}

// args are the placeholders of every form of m.
func (m *message) args() map[string]bool {
	out := map[string]bool{}
	for _, f := range m.forms {
		for _, s := range f {
			if s.arg != "" {
				out[s.arg] = true
			}
		}
	}
	return out
}

func argList(args map[string]bool) string {
	if len(args) == 0 {
		return "none"
	}
	var names []string
	for a := range args {
		names = append(names, "{"+a+"}")
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// Locale is the conventions of the catalog's language.
func (c *Catalog) Locale() *locale.Locale { return c.loc }

// Has reports whether the catalog has a message called key.
func (c *Catalog) Has(key string) bool { return c.msgs[key] != nil }

// Static is the text of the message key when it has neither placeholders
// nor plural forms: what T gives for it without arguments.
func (c *Catalog) Static(key string) (string, bool) {
	m := c.msgs[key]
	if m == nil || !m.plain {
		return "", false
	}
	return m.static.(string), true
}

// IsPlural reports whether the message key has plural forms.
func (c *Catalog) IsPlural(key string) bool {
	m := c.msgs[key]
	if m == nil {
		return false
	}
	for i, f := range m.forms[:5] {
		if f != nil && i != 5 {
			return true
		}
	}
	return false
}

// HasForm reports whether the message key has the plural form called
// form, "other" included.
func (c *Catalog) HasForm(key, form string) bool {
	m, i := c.msgs[key], locale.FormIndex(form)
	return m != nil && i >= 0 && m.forms[i] != nil
}

// formNames are the plural forms in the order of message.forms.
var formNames = [...]string{"zero", "one", "two", "few", "many", "other"}

// Forms are the forms of the message key by name (one, other, ...), each
// as written, its placeholders unfilled: for a script that picks the form
// and fills the placeholders itself. A message without plural forms has
// only "other"; an unknown key has none.
func (c *Catalog) Forms(key string) map[string]string {
	m := c.msgs[key]
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for i, f := range m.forms {
		if f == nil {
			continue
		}
		var b strings.Builder
		for _, s := range f {
			if s.arg != "" {
				b.WriteString("{" + s.arg + "}")
			} else {
				b.WriteString(s.text)
			}
		}
		out[formNames[i]] = b.String()
	}
	return out
}

// Keys lists the catalog's messages, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// T is the template function: the message key with its placeholders filled
// from args, which are one count (an int: {count}, which picks the plural
// form) or pairs of a placeholder's name and its value. A value is text, a
// count (an int, written in the language's digits) or HTML the theme made
// (template.HTML, such as a partial's output): then the message comes back
// as HTML, its own text escaped. An unknown key or a placeholder without a
// value is an error.
func (c *Catalog) T(key string, args ...any) (any, error) {
	m := c.msgs[key]
	if m == nil {
		return "", fmt.Errorf("no message %q in the theme's translations (i18n/%s.toml)", key, Base)
	}
	if m.plain && len(args) == 0 {
		return m.static, nil
	}
	count, err := countOf(args)
	if err != nil {
		return "", fmt.Errorf("message %q: %w", key, err)
	}
	segs := m.forms[5]
	if count != nil {
		if f := m.forms[locale.FormIndex(c.loc.Plural(*count))]; f != nil {
			segs = f
		}
	}
	html := false
	for i := 1; i < len(args); i += 2 {
		if _, ok := args[i].(template.HTML); ok {
			html = true
		}
	}
	var b strings.Builder
	for _, s := range segs {
		if s.arg == "" {
			writeText(&b, s.text, html)
			continue
		}
		v, ok := valueOf(args, s.arg, count)
		if !ok {
			return "", fmt.Errorf("message %q: no value for {%s}", key, s.arg)
		}
		switch v := v.(type) {
		case template.HTML:
			b.WriteString(string(v))
		case int:
			writeText(&b, c.loc.Int(v), html)
		case string:
			writeText(&b, v, html)
		default:
			writeText(&b, fmt.Sprint(v), html)
		}
	}
	if html {
		return template.HTML(b.String()), nil
	}
	return b.String(), nil
}

// countOf checks T's arguments — one count, or pairs of a name and a
// value, where "count" is the count — and returns the count.
func countOf(args []any) (*int, error) {
	if len(args) == 1 {
		n, ok := args[0].(int)
		if !ok {
			return nil, fmt.Errorf("one argument must be a count, not %T", args[0])
		}
		return &n, nil
	}
	if len(args)%2 != 0 {
		return nil, fmt.Errorf("the arguments after the key are one count or pairs of a name and a value")
	}
	var count *int
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return nil, fmt.Errorf("argument %d is not a placeholder's name", i+2)
		}
		if name == "count" {
			n, ok := args[i+1].(int)
			if !ok {
				return nil, fmt.Errorf("the count is %T, not an int", args[i+1])
			}
			count = &n
		}
	}
	return count, nil
}

// valueOf is the value of the placeholder called name.
func valueOf(args []any, name string, count *int) (any, bool) {
	if len(args) == 1 {
		if name == "count" {
			return *count, true
		}
		return nil, false
	}
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return nil, false
}

func writeText(b *strings.Builder, s string, html bool) {
	if html {
		b.WriteString(template.HTMLEscapeString(s))
	} else {
		b.WriteString(s)
	}
}

// Text is T for Go code: the message as text, with values that are text or
// counts. A key the catalog has not is a bug of the caller; it comes back
// as the key in brackets rather than stopping the build.
func (c *Catalog) Text(key string, args ...any) string {
	v, err := c.T(key, args...)
	if err != nil {
		return "[" + key + "]"
	}
	if h, ok := v.(template.HTML); ok {
		return string(h)
	}
	return v.(string)
}

// Count is Text for a message whose only value is its count.
func (c *Catalog) Count(key string, n int) string { return c.Text(key, n) }
