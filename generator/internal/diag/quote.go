package diag

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxQuoted is how many characters of a value a message quotes at most:
// enough to recognise the value, never a whole file pasted into one cell
// (a 100 MB cell was once repeated in full on stderr and in every page of
// scorecard serve).
const MaxQuoted = 80

// Quote quotes s as %q does, cut after its first MaxQuoted characters, on a
// character boundary, with an ellipsis inside the quotes to show the cut.
func Quote(s string) string {
	cut, ok := clip(s)
	q := strconv.Quote(cut)
	if ok {
		return q
	}
	return q[:len(q)-1] + `…"`
}

// Clip cuts s as Quote does, for a value shown without quotes (a number).
func Clip(s string) string {
	if cut, ok := clip(s); !ok {
		return cut + "…"
	}
	return s
}

// clip returns s up to its MaxQuoted-th character, and whether that is all
// of s. Each byte that is not UTF-8 counts as a character, as %q shows it.
func clip(s string) (string, bool) {
	n := 0
	for i := range s {
		if n == MaxQuoted {
			return s[:i], false
		}
		n++
	}
	return s, true
}

// value is a string argument of a message: %q quotes it with Quote; every
// other verb prints it as fmt would.
type value string

func (v value) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		io.WriteString(f, Quote(string(v)))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), string(v))
}

// quotingError is an error argument of a message. The parsers of periods,
// formulas, formats and the like quote the value they refuse with %q in
// their errors; those quotes are cut as Quote cuts.
type quotingError struct{ err error }

func (e quotingError) Format(f fmt.State, verb rune) {
	io.WriteString(f, clipQuotes(e.err.Error(), `"`))
}

// sprintf is fmt.Sprintf with every string argument a value and every error
// a quotingError.
func sprintf(format string, args []any) string {
	wrapped := make([]any, len(args)) // the caller's slice stays as it was
	for i, a := range args {
		switch v := a.(type) {
		case string:
			a = value(v)
		case error:
			a = quotingError{v}
		}
		wrapped[i] = a
	}
	return fmt.Sprintf(format, wrapped...)
}

// ClipQuotes cuts the long quoted values in msg, a message written by a
// library (the TOML parser's), to MaxQuoted characters: "…" and '…' spans
// alike, as such messages quote either way.
func ClipQuotes(msg string) string { return clipQuotes(msg, `"'`) }

// clipQuotes cuts the spans of msg quoted by one of the quote characters.
// Our own messages quote with " only, and use ' as an apostrophe.
func clipQuotes(msg, quotes string) string {
	if !strings.ContainsAny(msg, quotes) {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		c := msg[i]
		if strings.IndexByte(quotes, c) < 0 {
			b.WriteByte(c)
			i++
			continue
		}
		span, inner := quotedSpan(msg[i:])
		if span == "" {
			b.WriteByte(c)
			i++
			continue
		}
		if cut, ok := clip(inner); ok {
			b.WriteString(span)
		} else if c == '"' {
			b.WriteString(Quote(inner))
		} else {
			b.WriteString("'" + cut + "…'")
		}
		i += len(span)
	}
	return b.String()
}

// quotedSpan returns the quoted text that s starts with, quotes included,
// and what it quotes; "" when s does not start with one.
func quotedSpan(s string) (span, inner string) {
	if s[0] == '"' {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return "", ""
		}
		v, _ := strconv.Unquote(q)
		return q, v
	}
	end := strings.IndexByte(s[1:], '\'')
	if end < 0 {
		return "", ""
	}
	return s[:end+2], s[1 : end+1]
}
