package number

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0},
		{"1012345.5", 1012345.5},
		{"-0.25", -0.25},
		{"+3", 3},
		{".5", 0.5},
		{"5.", 5},
		{"1e6", 1e6},
		{"2.5E-3", 0.0025},
		{"007", 7}, // decimal, never octal
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestParseExact: the numbers read without strconv are read as strconv
// reads them, to the bit, and those that path cannot read exactly are left
// to strconv.
func TestParseExact(t *testing.T) {
	tests := []struct {
		in   string
		fast bool // read by exact
	}{
		{"0.0503", true},
		{"328773251", true},
		{"-0", true},
		{"-0.0", true},
		{"4.35", true},
		{"0.1", true},
		{"1e22", true},
		{"1e-22", true},
		{"1.5e+3", true},
		{"9007199254740991", true},      // 2⁵³ - 1
		{"9007199254740992", false},     // 2⁵³
		{"1e23", false},                 // 10²³ is no float64
		{"1e0001", false},               // a four-digit exponent
		{"12345678901234567890", false}, // 20 digits
		{"0.00000000000000000000001", false},
		{"123456789012345678.9", false},
		{"1,5", false},
		{"", false},
		{".", false},
		{"1e", false},
		{"+", false},
	}
	for _, tc := range tests {
		v, ok := exact(tc.in)
		if ok != tc.fast {
			t.Errorf("exact(%q) ok = %v; want %v", tc.in, ok, tc.fast)
		}
		w, err := strconv.ParseFloat(tc.in, 64)
		if ok && (err != nil || math.Float64bits(v) != math.Float64bits(w)) {
			t.Errorf("exact(%q) = %v (%x); strconv says %v (%x), %v", tc.in, v, math.Float64bits(v), w, math.Float64bits(w), err)
		}
	}
	// Random decimals of every length, point and exponent.
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for range 200000 {
		var b []byte
		if r.IntN(4) == 0 {
			b = append(b, "+-"[r.IntN(2)])
		}
		n := 1 + r.IntN(20)
		point := r.IntN(n + 2)
		for i := range n {
			if i == point {
				b = append(b, '.')
			}
			b = append(b, byte('0'+r.IntN(10)))
		}
		if r.IntN(3) == 0 {
			b = append(b, 'e')
			b = strconv.AppendInt(b, int64(r.IntN(61)-30), 10)
		}
		s := string(b)
		v, ok := exact(s)
		if !ok {
			continue
		}
		fast++
		w, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(v) != math.Float64bits(w) {
			t.Fatalf("exact(%q) = %v; strconv says %v, %v", s, v, w, err)
		}
	}
	if fast < 50000 {
		t.Fatalf("only %d of the random numbers were read by exact", fast)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"1,234", ErrAmbiguous},
		{"-1,234", ErrAmbiguous},
		{"123,456", ErrAmbiguous},
		{"12,345,678.9", ErrGrouping},
		{"1,234,567", ErrGrouping},
		{"1,234.5", ErrGrouping},
		{"1 234", ErrGrouping},
		{"1\u00a0234,5", ErrComma},
		{"1_000", ErrGrouping},
		{"0,5", ErrComma},
		{"0,935", ErrComma},
		{"-0,935", ErrComma},
		{"0,935,123", ErrComma},
		{"1.234,5", ErrComma},
		{"1,2345", ErrComma},
		{"NaN", ErrNotFinite},
		{"nan", ErrNotFinite},
		{"Inf", ErrNotFinite},
		{"-Infinity", ErrNotFinite},
		{"1e999", ErrOutOfRange},
		{"-1e400", ErrOutOfRange},
		{"0x1F", ErrSyntax},
		{"12%", ErrSyntax},
		{"$100", ErrSyntax},
		{"1e", ErrSyntax},
		{".", ErrSyntax},
		{"-", ErrSyntax},
		{"--1", ErrSyntax},
		{"1.2.3", ErrSyntax},
		{"one", ErrSyntax},
		{"１２", ErrSyntax},
	}
	for _, tc := range tests {
		if _, err := Parse(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("Parse(%q) error = %v; want %v", tc.in, err, tc.want)
		}
	}
}

// The advice gives the cell written plainly where that is certain, both
// readings where a comma could be either, and the general rule otherwise.
func TestParseAdvice(t *testing.T) {
	const (
		sheetGrouping = "; in the spreadsheet, format the column as a number without a 1000 separator before saving as CSV)"
		sheetDecimal  = "; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to \".\" before saving as CSV)"
	)
	tests := []struct{ in, want string }{
		{"0,935", `is not a plain number: it has a decimal comma; use "." (write 0.935` + sheetDecimal},
		{"-12,5", `is not a plain number: it has a decimal comma; use "." (write -12.5` + sheetDecimal},
		{"1.234,5", `is not a plain number: it has a decimal comma; use "." (write 1234.5` + sheetDecimal},
		{"1 234 567,25", `is not a plain number: it has a decimal comma; use "." (write 1234567.25` + sheetDecimal},
		{"1.2.3,5", ErrComma.Error()},
		{"1,2,3", ErrComma.Error()},
		{"1,234,567.5", `is not a plain number: remove the thousands separators (write 1234567.5` + sheetGrouping},
		{"1 234", `is not a plain number: remove the thousands separators (write 1234` + sheetGrouping},
		{"1,234", `is not a plain number: its "," is a thousands separator (write 1234) or a decimal comma (write 1.234), which cannot be told apart: in the spreadsheet, format the column as a number with "." for decimals and no 1000 separator before saving as CSV`},
		{"111,111,111,111,111,111,111,111,111.5", ErrGrouping.Error()},
		{"1111111111111111111111111111111111,5", ErrComma.Error()},
		// Rewritten, these are beyond what a number holds: no advice to
		// write them so.
		{"1 e700", ErrGrouping.Error()},
		{"1,234.5e999", ErrGrouping.Error()},
		// Two signs are no number, grouped or not: no advice to write one.
		{"++1,000", ErrSyntax.Error()},
		{"-+1,234.5", ErrSyntax.Error()},
	}
	for _, tc := range tests {
		if _, err := Parse(tc.in); err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) error = %v\nwant %s", tc.in, err, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		pattern string
		v       float64
		want    string
	}{
		{"#,##0", 1234567.49, "1,234,567"},
		{"#,##0", 999.5, "1,000"},
		{"#,##0.0", 1012345.55, "1,012,345.6"},
		{"#,##0.0", -1234.56, "-1,234.6"},
		{"0.00", 3.14159, "3.14"},
		{"0.0%", 0.923, "92.3%"},
		{"0%", 0.0049, "0%"},
		{"0.0", -0.04, "0.0"}, // never "-0.0"
		{"0.0#", 2.5, "2.5"},
		{"0.0#", 2.567, "2.57"},
		{"0.0#", 2, "2.0"},
		{"#,##0.##", 1500, "1,500"},
		{"#,##0.##", 1500.125, "1,500.13"},
		{"0", 12, "12"},
		{"#,##0", 123, "123"},
		{"#,##0", 1000, "1,000"},
	}
	for _, tc := range tests {
		f, err := ParseFormat(tc.pattern)
		if err != nil {
			t.Fatalf("ParseFormat(%q): %v", tc.pattern, err)
		}
		if got := f.Format(tc.v); got != tc.want {
			t.Errorf("%q.Format(%v) = %q; want %q", tc.pattern, tc.v, got, tc.want)
		}
		if f.String() != tc.pattern {
			t.Errorf("ParseFormat(%q).String() = %q", tc.pattern, f.String())
		}
	}
}

func TestParseFormatRejects(t *testing.T) {
	tests := []struct{ in, err string }{
		{"#,##", `format "#,##" is not a number pattern (expected one like "#,##0", "#,##0.0", "0.00" or "0.0%")`},
		{"0.", `format "0.": after the "." come zeros for fixed decimals, then "#" for optional ones`},
		{"0.#0", `format "0.#0": after the "." come zeros for fixed decimals, then "#" for optional ones`},
		{"$0", `format "$0" is not a number pattern (expected one like "#,##0", "#,##0.0", "0.00" or "0.0%")`},
		{"0.00000000000", `format "0.00000000000" has more than 10 decimals`},
	}
	for _, tc := range tests {
		if _, err := ParseFormat(tc.in); err == nil || err.Error() != tc.err {
			t.Errorf("ParseFormat(%q) error = %v; want %q", tc.in, err, tc.err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "-0.5", "1,234", "1e6", "NaN", "0x10", "1_0", ".5", "1.2.3", "0,935", "1.234,5", "1 234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			checkAdvice(t, s, err)
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("Parse(%q) = %v: never a non-finite number", s, v)
		}
		// What Parse accepts, strconv reads the same way, to the bit (the
		// sign of a zero too): no cell is misread.
		if w, err := strconv.ParseFloat(s, 64); err != nil || math.Float64bits(w) != math.Float64bits(v) {
			t.Fatalf("Parse(%q) = %v but strconv says %v, %v", s, v, w, err)
		}
		for _, c := range s {
			if c == ',' || c == '_' || c == 'x' || c == 'X' || c == ' ' {
				t.Fatalf("Parse(%q) accepted %q", s, c)
			}
		}
	})
}

// checkAdvice checks the error of a cell: short whatever the cell, and a
// cell it rewrites is rewritten into a number Parse accepts.
func checkAdvice(t *testing.T, s string, err error) {
	t.Helper()
	if len(err.Error()) > 400 {
		t.Fatalf("Parse(%q): a message of %d bytes", s, len(err.Error()))
	}
	if h, ok := err.(*hintError); ok {
		for _, w := range strings.Split(h.msg, "(write ")[1:] {
			w = w[:strings.IndexAny(w, ";)")]
			if _, err := Parse(w); err != nil {
				t.Fatalf("Parse(%q) advises %q, which is not a number: %v", s, w, err)
			}
		}
	}
}

// TestFormatHugePercent: a number beyond ±1.8e306 as a percentage is beyond
// ±1.8e308, which no float64 holds; it is written in full, digits and two
// zeros, never "+Inf%".
func TestFormatHugePercent(t *testing.T) {
	digits := strconv.FormatFloat(math.MaxFloat64, 'f', 0, 64) // 309 digits
	if got, want := (Format{Percent: true}).Format(math.MaxFloat64), digits+"00%"; got != want {
		t.Errorf("0%%: %q; want %q", got, want)
	}
	got := (Format{Grouping: true, MinDec: 1, MaxDec: 1, Percent: true}).Format(-math.MaxFloat64)
	if !strings.HasPrefix(got, "-17,976,931,348,623,157,081,452,") || !strings.HasSuffix(got, ",800.0%") || len(got) != 1+311+103+3 {
		t.Errorf("#,##0.0%%: %q (%d bytes); want -17,976,931,…,800.0%%", got, len(got))
	}
	if got := (Format{MinDec: 1, MaxDec: 1, Percent: true}).Format(1.8e307); !strings.HasPrefix(got, "17999999") || strings.Contains(got, "Inf") || !strings.HasSuffix(got, ".0%") {
		t.Errorf("0.0%%: %q; want 18… in full", got)
	}
}

// TestFormatLikeStrings checks Format, which writes into one buffer, against
// the formatting it replaced, written with strings, on every kind of pattern
// and values of every size and sign.
func TestFormatLikeStrings(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 0.5, -0.5, 0.005, -0.004, 1, 12, 123, 999.5, 1000, 12345, 123456, 1234567.891,
		-1234567.891, 1e15, 1e21, -1e300, math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		vals = append(vals, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(24)-8)))
	}
	for _, grouping := range []bool{false, true} {
		for _, percent := range []bool{false, true} {
			for maxDec := 0; maxDec <= 10; maxDec++ {
				for minDec := 0; minDec <= maxDec; minDec++ {
					f := Format{Grouping: grouping, MinDec: minDec, MaxDec: maxDec, Percent: percent}
					for _, v := range vals {
						if got, want := f.Format(v), formatWithStrings(f, v); got != want {
							t.Fatalf("%q.Format(%v) = %q; want %q", f, v, got, want)
						}
						if got, want := string(f.Append([]byte("x "), v)), "x "+formatWithStrings(f, v); got != want {
							t.Fatalf("%q.Append(%v) = %q; want %q", f, v, got, want)
						}
					}
				}
			}
		}
	}
}

// formatWithStrings is Format as it was written before it appended to a
// buffer.
func formatWithStrings(f Format, v float64) string {
	// (A percentage of a number beyond ±1.8e306 was "+Inf%" before; it is
	// written in full now.)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	huge := f.Percent && math.IsInf(v*100, 0) // v·100 is v's digits and "00"
	if f.Percent && !huge {
		v *= 100
	}
	scale := math.Pow10(f.MaxDec)
	r := math.Round(v*scale) / scale
	if math.IsInf(v*scale, 0) {
		r = v
	}
	neg := r < 0
	s := strconv.FormatFloat(math.Abs(r), 'f', f.MaxDec, 64)
	if huge {
		s = strconv.FormatFloat(math.Abs(r), 'f', 0, 64) + "00"
	}
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) < f.MinDec {
		frac += strings.Repeat("0", f.MinDec-len(frac))
	}
	if f.Grouping && len(intPart) > 3 {
		var b strings.Builder
		lead := len(intPart) % 3
		if lead > 0 {
			b.WriteString(intPart[:lead])
		}
		for i := lead; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
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

// BenchmarkParse reads cells as data files hold them.
func BenchmarkParse(b *testing.B) {
	cells := []string{"0.0503", "328773251", "-12.5", "1392001", "0.587", "97.25"}
	for b.Loop() {
		for _, c := range cells {
			if _, err := Parse(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
