package number

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Format is a display pattern such as "#,##0.0", "0.0%" or "¤#,##0.0
// millions": grouping or not, a number of fixed decimals followed by
// optional ones, a percent sign that multiplies the value by 100, a
// currency sign that shows the measure's unit (an ISO 4217 code) as the
// currency's symbol, and a scale. The symbols, the separators and where the
// currency and the scale's word go are the page language's (package
// locale); Format says only what to show.
type Format struct {
	Grouping bool
	MinDec   int // decimals always shown ("0" after the point)
	MaxDec   int // decimals shown when not zero ("0" and "#" after the point)
	Percent  bool
	Currency bool  // "¤": the display unit is a currency code, shown as its symbol
	Scale    Scale // the value shown in thousands, millions, billions, or compact
}

// Scale is how a format scales its values.
type Scale uint8

// The scales: none, a fixed one, and Compact, which picks for each value
// the largest power of a thousand that it reaches, as the language's short
// forms do (1.2K, 3.4 Mio.).
const (
	NoScale Scale = iota
	Thousands
	Millions
	Billions
	Compact
)

var scaleWords = [...]string{"", "thousands", "millions", "billions", "compact"}

// Power is the power of ten a fixed scale divides by: 3, 6 or 9; 0 for
// none and for Compact, whose power depends on the value.
func (s Scale) Power() int {
	if s >= Thousands && s <= Billions {
		return 3 * int(s)
	}
	return 0
}

// DefaultFormat is the format of a measure that sets none: grouping and up to two
// decimals.
var DefaultFormat = Format{Grouping: true, MaxDec: 2}

// ParseFormat parses a pattern: optionally "¤", then "0" or "#,##0", then
// optionally "." with zeros and then hashes ("0.0#"), then optionally "%"
// or a scale: " thousands", " millions", " billions" or " compact".
func ParseFormat(s string) (Format, error) {
	var f Format
	rest := s
	if p, ok := strings.CutPrefix(rest, "¤"); ok {
		f.Currency, rest = true, strings.TrimPrefix(p, " ")
	} else if p, ok := strings.CutSuffix(rest, "¤"); ok {
		f.Currency, rest = true, strings.TrimSuffix(p, " ")
	}
	if num, word, ok := strings.Cut(rest, " "); ok {
		i := slices.Index(scaleWords[:], word)
		if i <= 0 {
			return Format{}, fmt.Errorf("format %q: %q is not a scale (expected thousands, millions, billions or compact after the number pattern)", s, word)
		}
		f.Scale, rest = Scale(i), num
	}
	if p, ok := strings.CutSuffix(rest, "%"); ok {
		f.Percent, rest = true, p
	}
	if f.Percent && (f.Currency || f.Scale != NoScale) {
		return Format{}, fmt.Errorf("format %q: a percentage has neither a currency nor a scale", s)
	}
	intPart, frac, hasPoint := strings.Cut(rest, ".")
	switch intPart {
	case "0":
	case "#,##0":
		f.Grouping = true
	default:
		return Format{}, fmt.Errorf("format %q is not a number pattern (expected one like \"#,##0\", \"#,##0.0\", \"0.00\" or \"0.0%%\")", s)
	}
	if hasPoint {
		zeros := strings.TrimRight(frac, "#")
		if frac == "" || strings.Trim(zeros, "0") != "" || strings.Trim(frac[len(zeros):], "#") != "" {
			return Format{}, fmt.Errorf("format %q: after the \".\" come zeros for fixed decimals, then \"#\" for optional ones", s)
		}
		f.MinDec, f.MaxDec = len(zeros), len(frac)
		if f.MaxDec > 10 {
			return Format{}, fmt.Errorf("format %q has more than 10 decimals", s)
		}
	}
	return f, nil
}

// String returns the pattern of f.
func (f Format) String() string {
	s := "0"
	if f.Grouping {
		s = "#,##0"
	}
	if f.Currency {
		s = "¤" + s
	}
	if f.MaxDec > 0 {
		s += "." + strings.Repeat("0", f.MinDec) + strings.Repeat("#", f.MaxDec-f.MinDec)
	}
	if f.Percent {
		s += "%"
	}
	if f.Scale != NoScale {
		s += " " + scaleWords[f.Scale]
	}
	return s
}

// Resolution is the smallest step between two numbers that f shows
// differently: 1 for "#,##0", 0.01 for "0.00", 0.001 for "0.0%".
func (f Format) Resolution() float64 {
	r := math.Pow10(-f.MaxDec)
	if f.Percent {
		r /= 100
	}
	return r
}

// Format formats v with f. Rounding is half away from zero at the last shown
// decimal, so a value that shows as 0.0 never shows as -0.0.
func (f Format) Format(v float64) string {
	var buf [32]byte
	return string(f.Append(buf[:0], v))
}

// Append appends v formatted with f to b as the page language "en" shows
// a number, without its currency or scale (package locale adds those, in
// any language). Pages show hundreds of numbers each; formatting into one
// buffer makes one string per number rather than one for each of its parts.
func (f Format) Append(b []byte, v float64) []byte {
	if !Finite(v) {
		return append(b, "–"...)
	}
	var buf [40]byte
	neg, intPart, frac := f.Digits(buf[:0], v)
	if neg {
		b = append(b, '-')
	}
	if f.Grouping {
		b = appendGrouped(b, intPart)
	} else {
		b = append(b, intPart...)
	}
	if len(frac) > 0 {
		b = append(b, '.')
		b = append(b, frac...)
	}
	if f.Percent {
		b = append(b, '%')
	}
	return b
}

// Digits rounds v as f shows it — times 100 for a percentage, half away
// from zero at the last decimal shown — and returns its sign, the ASCII
// digits of its whole part, and those of its fraction: trailing zeros
// beyond MinDec dropped, MinDec digits at least. The digits are appended to
// buf. A value that rounds to zero is never negative, so that 0.0 never
// shows as -0.0. v must be finite.
func (f Format) Digits(buf []byte, v float64) (neg bool, intPart, frac []byte) {
	if f.Percent && math.IsInf(v*100, 0) {
		// Beyond ±1.8e306, v·100 has no float64, but v is a whole number
		// (as every float64 beyond 2^53 is), so v·100 is its digits and
		// two zeros.
		s := append(strconv.AppendFloat(buf, math.Abs(v), 'f', 0, 64), "00"...)
		s = append(s, strings.Repeat("0", f.MinDec)...)
		n := len(s) - f.MinDec
		return v < 0, s[len(buf):n], s[n:]
	}
	if f.Percent {
		v *= 100
	}
	scale := math.Pow10(f.MaxDec)
	r := math.Round(v*scale) / scale
	if math.IsInf(v*scale, 0) {
		r = v
	}
	s := strconv.AppendFloat(buf, math.Abs(r), 'f', f.MaxDec, 64)[len(buf):]
	intPart, frac = s, s[len(s):]
	if i := bytes.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	for len(frac) > f.MinDec && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	return r < 0, intPart, frac
}

// appendGrouped appends digits with a comma before each group of three from
// the right.
func appendGrouped(b, digits []byte) []byte {
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	b = append(b, digits[:min(lead, len(digits))]...)
	for i := lead; i < len(digits); i += 3 {
		b = append(b, ',')
		b = append(b, digits[i:i+3]...)
	}
	return b
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Format) UnmarshalText(b []byte) error {
	v, err := ParseFormat(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Score formats a score of the 0–10 scale as pages and charts show it: to
// one decimal, or "–" when there is none.
func Score(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
