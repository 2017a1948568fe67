package theme

import (
	"io"
	"regexp"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
)

// A page of the default theme holds fifty messages or so, most of them
// without placeholders, and M renders them three thousand times: each
// {{T "key"}} was a reflective call and an escape. The language is known
// when the theme is parsed, so such an action becomes the message's text,
// escaped as html/template would escape it there, before the template is
// parsed. Only where that escaping is plain HTML escaping: in element
// content and in the value of an attribute that holds text, not in a
// script, a style, a URL or an event handler. The pages are the same
// bytes either way (TestInlinedMessagesChangeNothing).

// staticT is an action that asks for a message and nothing else.
var staticT = regexp.MustCompile(`\{\{T "([a-z0-9_]+)"\}\}`)

// inlineMessages replaces each {{T "key"}} of src that it can with its text.
func inlineMessages(src string, w *i18n.Catalog) string {
	if !strings.Contains(src, `{{T "`) {
		return src
	}
	var b strings.Builder
	last := 0
	for _, m := range staticT.FindAllStringSubmatchIndex(src, -1) {
		key := src[m[2]:m[3]]
		text, ok := w.Static(key)
		if !ok || !plainContext(src[:m[0]]) {
			continue
		}
		b.WriteString(src[last:m[0]])
		WriteText(&b, text)
		last = m[1]
	}
	b.WriteString(src[last:])
	return b.String()
}

// textAttrs are attributes whose value is text, escaped as element content is.
var textAttrs = map[string]bool{
	"title": true, "aria-label": true, "alt": true, "placeholder": true,
	"data-label": true, "aria-description": true, "aria-roledescription": true,
}

// plainContext reports whether the template text before reaches element
// content outside a script or style, or the inside of a double-quoted text
// attribute. It reads the text only; an action in between counts as text.
func plainContext(before string) bool {
	lower := strings.ToLower(before)
	for _, el := range []string{"script", "style"} {
		if strings.LastIndex(lower, "<"+el) > strings.LastIndex(lower, "</"+el) {
			return false
		}
	}
	open, close := strings.LastIndexByte(before, '<'), strings.LastIndexByte(before, '>')
	if open <= close {
		return true // between tags
	}
	// Inside a tag: only right after name=" of a text attribute, with no
	// quote since.
	tag := before[open:]
	q := strings.LastIndex(tag, `="`)
	if q < 0 || strings.Contains(tag[q+2:], `"`) {
		return false
	}
	name := tag[:q]
	if i := strings.LastIndexAny(name, " \t\n"); i >= 0 {
		name = name[i+1:]
	}
	return textAttrs[name]
}

// htmlEscapes are html/template's replacements for text in element content
// and in quoted attributes (its htmlReplacementTable); every other byte is
// kept.
var htmlEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// Writer is what markup is written into: a strings.Builder for a part of
// a page that a template asks for, the page's own bytes.Buffer when the
// page is written in Go, so that the part is not built apart and copied.
type Writer interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
	Grow(n int)
}

// WriteText writes s escaped as html/template escapes a string in element
// content. The escaped characters are all ASCII, and no byte of a multi-byte
// UTF-8 sequence is ASCII, so going byte by byte is the same as going rune by
// rune.
func WriteText(b io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(htmlEscapes) || htmlEscapes[c] == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(htmlEscapes[c])
		last = i + 1
	}
	b.WriteString(s[last:])
}
