package number

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Format is a display pattern such as "#,##0.0" or "0.0%": grouping or not,
// a number of fixed decimals followed by optional ones, and a percent sign that
// multiplies the value by 100.
type Format struct {
	Grouping bool
	MinDec   int // decimals always shown ("0" after the point)
	MaxDec   int // decimals shown when not zero ("0" and "#" after the point)
	Percent  bool
}

// DefaultFormat is the format of a measure that sets none: grouping and up to two
// decimals.
var DefaultFormat = Format{Grouping: true, MaxDec: 2}

// ParseFormat parses a pattern: "0" or "#,##0", then optionally "." with zeros
// and then hashes ("0.0#"), then optionally "%".
func ParseFormat(s string) (Format, error) {
	var f Format
	rest := s
	if p, ok := strings.CutSuffix(rest, "%"); ok {
		f.Percent, rest = true, p
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
	if f.MaxDec > 0 {
		s += "." + strings.Repeat("0", f.MinDec) + strings.Repeat("#", f.MaxDec-f.MinDec)
	}
	if f.Percent {
		s += "%"
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

// Append appends v formatted with f to b, as Format writes it. Pages show
// hundreds of numbers each; formatting into one buffer makes one string per
// number rather than one for each of its parts.
func (f Format) Append(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "–"...)
	}
	if f.Percent && math.IsInf(v*100, 0) {
		return f.appendHugePercent(b, v)
	}
	if f.Percent {
		v *= 100
	}
	scale := math.Pow10(f.MaxDec)
	r := math.Round(v*scale) / scale
	if math.IsInf(v*scale, 0) {
		r = v
	}
	var num [32]byte
	s := strconv.AppendFloat(num[:0], math.Abs(r), 'f', f.MaxDec, 64)
	intPart, frac := s, s[len(s):]
	if i := bytes.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	}
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if r < 0 {
		b = append(b, '-')
	}
	if f.Grouping {
		b = appendGrouped(b, intPart)
	} else {
		b = append(b, intPart...)
	}
	if len(frac) > 0 || f.MinDec > 0 {
		b = append(b, '.')
		b = append(b, frac...)
		for n := len(frac); n < f.MinDec; n++ {
			b = append(b, '0')
		}
	}
	if f.Percent {
		b = append(b, '%')
	}
	return b
}

// appendHugePercent appends v, which is beyond ±1.8e306, as a percentage:
// v·100 has no float64, but v is a whole number (as every float64 beyond
// 2^53 is), so v·100 is its digits and two zeros.
func (f Format) appendHugePercent(b []byte, v float64) []byte {
	digits := append(strconv.AppendFloat(nil, math.Abs(v), 'f', 0, 64), "00"...)
	if v < 0 {
		b = append(b, '-')
	}
	if f.Grouping {
		b = appendGrouped(b, digits)
	} else {
		b = append(b, digits...)
	}
	if f.MinDec > 0 {
		b = append(b, '.')
		b = append(b, strings.Repeat("0", f.MinDec)...)
	}
	return append(b, '%')
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
