// Package number reads the numbers of CSV cells strictly and formats numbers for
// display with the small patterns of a measure's format key.
package number

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Errors returned by Parse, or wrapped by the error it returns (errors.Is
// finds them). Each says how the cell should be written, because the usual
// cause is a spreadsheet export in a locale with other conventions; the
// wrapping error gives the cell itself rewritten where it can.
var (
	ErrGrouping   = errors.New("is not a plain number: remove the thousands separators (write 1234567.5, not 1,234,567.5; in the spreadsheet, format the column as a number without a 1000 separator before saving as CSV)")
	ErrComma      = errors.New("is not a plain number: it has a decimal comma; use \".\" (write 0.5, not 0,5; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to \".\" before saving as CSV)")
	ErrAmbiguous  = errors.New("is not a plain number: its \",\" is a thousands separator or a decimal comma, which cannot be told apart (write 1234 or 1.234; in the spreadsheet, format the column as a number with \".\" for decimals and no 1000 separator before saving as CSV)")
	ErrNotFinite  = errors.New("is not a finite number")
	ErrOutOfRange = errors.New("is out of range for a number")
	ErrSyntax     = errors.New("is not a number (expected a plain decimal such as 1234.5 or -0.25)")
)

// hintError is one of the errors above, told with the cell rewritten.
type hintError struct {
	kind error
	msg  string
}

func (e *hintError) Error() string { return e.msg }
func (e *hintError) Unwrap() error { return e.kind }

// maxHinted bounds the cells that are rewritten in a message: a message
// quotes a short value, never a long one.
const maxHinted = 32

// Parse reads a plain decimal: an optional sign, digits with at most one ".",
// and an optional exponent (1e6). Anything else, including thousands separators,
// decimal commas, NaN, Inf, hexadecimal and underscores, is an error: a cell is
// never silently misread.
func Parse(s string) (float64, error) {
	if v, ok := exact(s); ok {
		return v, nil
	}
	if !plain(s) {
		return 0, classify(s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, ErrOutOfRange
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, ErrOutOfRange
	}
	return v, nil
}

// exact reads s when it is plain, has at most 19 digits, and its digits
// make a whole number below 2⁵³ that a power of ten within 10^±22 scales:
// both are float64s exactly, so one multiplication or division rounds once
// and gives what strconv.ParseFloat gives (whose first path is this one,
// after a slower reading of the text). Nearly every cell of a data file is
// such a number; reading them here took a data row's number from 29 ns to
// about 8 on the L workload. Any other s is left to Parse's slow path.
func exact(s string) (float64, bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	n, frac := 0, 0 // digits; those after the point
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		m = m*10 + uint64(s[i]-'0')
		n++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			m = m*10 + uint64(s[i]-'0')
			n++
			frac++
		}
	}
	if n == 0 || n > 19 { // 19 digits cannot overflow m
		return 0, false
	}
	e := -frac
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		x, digits := 0, 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9' && digits < 3; i++ {
			x = x*10 + int(s[i]-'0')
			digits++
		}
		if digits == 0 {
			return 0, false
		}
		if eneg {
			x = -x
		}
		e += x
	}
	if i != len(s) || m >= 1<<53 || e < -22 || e > 22 {
		return 0, false
	}
	f := float64(m)
	if e < 0 {
		f /= pow10[-e]
	} else {
		f *= pow10[e]
	}
	if neg {
		f = -f
	}
	return f, true
}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// plain reports whether s matches [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?.
func plain(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intDigits := span(s, i)
	i += intDigits
	fracDigits := 0
	if i < len(s) && s[i] == '.' {
		i++
		fracDigits = span(s, i)
		i += fracDigits
	}
	if intDigits+fracDigits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		n := span(s, i)
		if n == 0 {
			return false
		}
		i += n
	}
	return i == len(s)
}

func span(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// classify picks the most helpful error for a cell that is not a plain decimal.
func classify(s string) error {
	lower := strings.ToLower(strings.TrimLeft(s, "+-"))
	switch lower {
	case "nan", "inf", "infinity":
		return ErrNotFinite
	}
	if t := trimSign(s); t != "" && (t[0] == '+' || t[0] == '-') {
		return ErrSyntax
	}
	if strings.Contains(s, ",") {
		return classifyComma(s)
	}
	if strings.ContainsAny(s, " '\u00a0\u202f_") && plain(strings.Map(dropGrouping, s)) {
		return grouping(s)
	}
	return ErrSyntax
}

// classifyComma tells a comma that groups thousands from a decimal comma.
// Digits grouped by commas into threes are grouping when a "." fraction
// follows or there are two commas or more (1,234.5, 1,234,567); one comma
// and three digits alone (1,234) could be either. Any other comma is a
// decimal comma (0,935, 0,5, 1.234,5, 1 234,5): a group before a comma never
// starts with 0.
func classifyComma(s string) error {
	if !groupingOnly(s) {
		return decimalComma(s)
	}
	if strings.Count(s, ",") > 1 || strings.Contains(s, ".") {
		return grouping(s)
	}
	thousands, decimal := strings.ReplaceAll(s, ",", ""), strings.ReplaceAll(s, ",", ".")
	if len(s) > maxHinted || !parses(thousands) || !parses(decimal) {
		return ErrAmbiguous
	}
	return &hintError{ErrAmbiguous, fmt.Sprintf("is not a plain number: its \",\" is a thousands separator (write %s) or a decimal comma (write %s), which cannot be told apart: in the spreadsheet, format the column as a number with \".\" for decimals and no 1000 separator before saving as CSV", thousands, decimal)}
}

// grouping is ErrGrouping for s, with s written plainly when that is short.
func grouping(s string) error {
	plainS := strings.Map(func(r rune) rune {
		if r == ',' {
			return -1
		}
		return dropGrouping(r)
	}, s)
	if len(s) > maxHinted || !parses(plainS) {
		return ErrGrouping
	}
	return &hintError{ErrGrouping, "is not a plain number: remove the thousands separators (write " + plainS + "; in the spreadsheet, format the column as a number without a 1000 separator before saving as CSV)"}
}

// decimalComma is ErrComma for s, with s written plainly when that is short
// and s has one comma with digits after it: the separators before the comma
// (".", spaces) group thousands.
func decimalComma(s string) error {
	intPart, frac, _ := strings.Cut(s, ",")
	if len(s) > maxHinted || frac == "" || span(frac, 0) != len(frac) || !groupsOfThree(trimSign(intPart)) {
		return ErrComma
	}
	plainS := strings.Map(func(r rune) rune {
		if r == '.' {
			return -1
		}
		return dropGrouping(r)
	}, intPart) + "." + frac
	if !parses(plainS) {
		return ErrComma
	}
	return &hintError{ErrComma, "is not a plain number: it has a decimal comma; use \".\" (write " + plainS + "; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to \".\" before saving as CSV)"}
}

// parses reports whether s is a number Parse accepts: a message advises
// writing a cell as s only then (1 e700 is grouped, but 1e700 is beyond
// what a number holds).
func parses(s string) bool {
	if !plain(s) {
		return false
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsInf(v, 0)
}

// groupingOnly reports whether s is digits grouped by commas into threes, with an
// optional fraction after a ".": 1,234 or 12,345,678.9. The first group
// does not start with 0, as no number written with grouping does.
func groupingOnly(s string) bool {
	s = trimSign(s)
	intPart, _, _ := strings.Cut(s, ".")
	groups := strings.Split(intPart, ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || span(groups[0], 0) != len(groups[0]) || groups[0][0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || span(g, 0) != 3 {
			return false
		}
	}
	return true
}

// groupsOfThree reports whether s is digits, grouped into threes by "." or
// any separator dropGrouping drops, or not grouped at all: 1.234.567 or 12.
func groupsOfThree(s string) bool {
	var groups []string
	start := 0
	for i, r := range s {
		if r == '.' || dropGrouping(r) < 0 {
			groups = append(groups, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	groups = append(groups, s[start:])
	for i, g := range groups {
		if g == "" || span(g, 0) != len(g) || len(groups) > 1 && len(g) > 3 || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// trimSign drops one leading sign: a number has at most one.
func trimSign(s string) string {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[1:]
	}
	return s
}

func dropGrouping(r rune) rune {
	switch r {
	case ' ', '\'', '\u00a0', '\u202f', '_':
		return -1
	}
	return r
}

// Finite reports whether v is a number a page can show: neither infinite
// nor NaN.
func Finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }
