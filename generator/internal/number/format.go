package number

import (
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

// Format formats v with f. Rounding is half away from zero at the last shown
// decimal, so a value that shows as 0.0 never shows as -0.0.
func (f Format) Format(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if f.Percent {
		v *= 100
	}
	scale := math.Pow10(f.MaxDec)
	r := math.Round(v*scale) / scale
	if math.IsInf(v*scale, 0) {
		r = v
	}
	neg := r < 0
	s := strconv.FormatFloat(math.Abs(r), 'f', f.MaxDec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) < f.MinDec {
		frac += strings.Repeat("0", f.MinDec-len(frac))
	}
	if f.Grouping {
		intPart = group(intPart)
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(intPart)
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	if f.Percent {
		b.WriteByte('%')
	}
	return b.String()
}

func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	lead := len(digits) % 3
	if lead > 0 {
		b.WriteString(digits[:lead])
	}
	for i := lead; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
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
