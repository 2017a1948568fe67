// Package number reads the numbers of CSV cells strictly and formats numbers for
// display with the small patterns of a measure's format key.
package number

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Errors returned by Parse. Each says how the cell should be written, because the
// usual cause is a spreadsheet export in a locale with other conventions.
var (
	ErrGrouping   = errors.New("is not a plain number: remove the thousands separators (write 1234567.5, not 1,234,567.5; in the spreadsheet, format the column as a number without a 1000 separator before saving as CSV)")
	ErrComma      = errors.New("is not a plain number: use \".\" as the decimal separator (write 0.5, not 0,5; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to \".\" before saving as CSV)")
	ErrNotFinite  = errors.New("is not a finite number")
	ErrOutOfRange = errors.New("is out of range for a number")
	ErrSyntax     = errors.New("is not a number (expected a plain decimal such as 1234.5 or -0.25)")
)

// Parse reads a plain decimal: an optional sign, digits with at most one ".",
// and an optional exponent (1e6). Anything else, including thousands separators,
// decimal commas, NaN, Inf, hexadecimal and underscores, is an error: a cell is
// never silently misread.
func Parse(s string) (float64, error) {
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
	if strings.Contains(s, ",") {
		// One comma followed by exactly three digits and nothing else looks like
		// grouping (1,234); any other comma is a decimal comma (0,5 or 1.234,5).
		if groupingOnly(s) {
			return ErrGrouping
		}
		return ErrComma
	}
	if strings.ContainsAny(s, " '\u00a0\u202f_") && plain(strings.Map(dropGrouping, s)) {
		return ErrGrouping
	}
	return ErrSyntax
}

// groupingOnly reports whether s is digits grouped by commas into threes, with an
// optional fraction after a ".": 1,234 or 12,345,678.9.
func groupingOnly(s string) bool {
	s = strings.TrimLeft(s, "+-")
	intPart, _, _ := strings.Cut(s, ".")
	groups := strings.Split(intPart, ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || span(groups[0], 0) != len(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || span(g, 0) != 3 {
			return false
		}
	}
	return true
}

func dropGrouping(r rune) rune {
	switch r {
	case ' ', '\'', '\u00a0', '\u202f', '_':
		return -1
	}
	return r
}
