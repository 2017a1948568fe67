package formula

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestEval(t *testing.T) {
	tests := []struct {
		src  string
		refs []string
		vals []float64
		want float64
	}{
		{"gross-profit / revenue", []string{"gross-profit", "revenue"}, []float64{30, 120}, 0.25},
		{"revenue - cost", []string{"revenue", "cost"}, []float64{100, 60}, 40},
		{"a + b * c", []string{"a", "b", "c"}, []float64{1, 2, 3}, 7},
		{"(a + b) * c", []string{"a", "b", "c"}, []float64{1, 2, 3}, 9},
		{"a - b - c", []string{"a", "b", "c"}, []float64{10, 3, 2}, 5}, // left to right
		{"a / b / c", []string{"a", "b", "c"}, []float64{24, 4, 2}, 3},
		{"-a + 2", []string{"a"}, []float64{5}, -3},
		{"- -a", []string{"a"}, []float64{5}, 5},
		{"100 * meals / flights", []string{"meals", "flights"}, []float64{4, 104}, 100 * 4.0 / 104},
		{"a × 2 ÷ b − 1", []string{"a", "b"}, []float64{3, 2}, 2},
		{"a + a", []string{"a"}, []float64{2}, 4},
		{"on_time_2 * 0.5", []string{"on_time_2"}, []float64{8}, 4},
	}
	for _, tc := range tests {
		e, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.src, err)
		}
		if !slices.Equal(e.Refs(), tc.refs) {
			t.Errorf("Parse(%q).Refs() = %q; want %q", tc.src, e.Refs(), tc.refs)
		}
		got, err := e.Eval(tc.vals)
		if err != nil || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Eval(%q, %v) = %v, %v; want %v", tc.src, tc.vals, got, err, tc.want)
		}
	}
}

func TestEvalDivisionByZero(t *testing.T) {
	e, err := Parse("a / (b - c)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Eval([]float64{1, 2, 2}); !errors.Is(err, ErrDivZero) {
		t.Errorf("Eval = %v; want ErrDivZero", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{"", 0, "formula is empty"},
		{"a +", 3, "expected a measure id, a number or \"(\", found end of formula"},
		{"(a + b", 6, "expected \")\" to close \"(\", found end of formula"},
		{"a b", 2, "unexpected name \"b\" after the end of the expression"},
		{"a ^ 2", 2, "unexpected \"^\": a formula holds measure ids, numbers, + - * / and parentheses"},
		{"Revenue / 2", 0, "\"Revenue\" is not a measure id: ids are lower-case"},
		{"a) + 1", 1, "unexpected \")\" after the end of the expression"},
		{"sum(a)", 3, "unexpected \"(\" after the end of the expression"},
		{"a.b", 0, "unexpected \"a.b\": a formula holds measure ids, numbers, + - * / and parentheses"},
		{"1.2.3", 0, "unexpected \"1.2.3\": a formula holds measure ids, numbers, + - * / and parentheses"},
		{strings.Repeat("(", 70) + "a" + strings.Repeat(")", 70), 65, "formula is nested more than 64 levels deep"},
		{strings.Repeat("-", 70) + "a", 65, "formula is nested more than 64 levels deep"},
	}
	for _, tc := range tests {
		_, err := Parse(tc.src)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != tc.offset || se.Msg != tc.msg {
			t.Errorf("Parse(%q) = %#v; want offset %d %q", tc.src, err, tc.offset, tc.msg)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a + b", "gross-profit / revenue", "(a-b) * -c", "1.5 * x", "a ÷ b", "((a))", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("Parse(%q) error %v has no offset inside the formula", s, err)
			}
			return
		}
		vals := make([]float64, len(e.Refs()))
		for i := range vals {
			vals[i] = float64(i + 1)
		}
		v, err := e.Eval(vals)
		var re *RangeError
		switch {
		case errors.As(err, &re):
			// Literals such as 1e159 * 2e149 overflow whatever the inputs;
			// the error must still point inside the formula.
			if re.Offset < 0 || re.Offset >= len(s) {
				t.Fatalf("Eval(%q) range error %v has no offset inside the formula", s, err)
			}
		case err != nil && !errors.Is(err, ErrDivZero):
			t.Fatalf("Eval(%q): %v", s, err)
		case err == nil && (math.IsNaN(v) || math.IsInf(v, 0)):
			t.Fatalf("Eval(%q) = %v with no error", s, v)
		}
		for _, r := range e.Refs() {
			if !validID(r) {
				t.Fatalf("Parse(%q) refers to %q, which is not an id", s, r)
			}
		}
	})
}

func TestEvalOverflowIsARangeErrorAtTheOperator(t *testing.T) {
	tests := []struct {
		src    string
		vals   []float64
		offset int
		msg    string
	}{
		{"a * b", []float64{1e200, 1e200}, 2, "a * b is beyond ±1.8e308, the largest a number can be (1e+200 * 1e+200)"},
		// The divisor is the smallest number above 0: the quotient overflows.
		{"a / b", []float64{1, 4.9e-324}, 2, "a / b is beyond ±1.8e308, the largest a number can be (1 / 5e-324)"},
		{"a + b", []float64{1.7e308, 1.7e308}, 2, "a + b is beyond ±1.8e308, the largest a number can be (1.7e+308 + 1.7e+308)"},
		{"a − b", []float64{-1.7e308, 1.7e308}, 2, "a − b is beyond ±1.8e308, the largest a number can be (-1.7e+308 - 1.7e+308)"},
		// The first operation to overflow is named, parentheses included:
		// (a * b) would otherwise make the whole an infinity minus itself.
		{"2 * (a * b) - (a * b)", []float64{1e200, 1e200}, 7, "a * b is beyond ±1.8e308, the largest a number can be (1e+200 * 1e+200)"},
		{"(a + a) * b / 2", []float64{1e300, 1e10}, 8, "(a + a) * b is beyond ±1.8e308, the largest a number can be (2e+300 * 1e+10)"},
		{"a * " + strings.Repeat("b + ", 30) + "b", []float64{1e300, 1e300}, 2, "a * b is beyond ±1.8e308, the largest a number can be (1e+300 * 1e+300)"},
		{strings.Repeat("b + ", 30) + "a * b", []float64{1e300, 1e300}, 122, "a * b is beyond ±1.8e308, the largest a number can be (1e+300 * 1e+300)"},
		{"a * b * 1000 + " + strings.Repeat("1 + ", 20) + "1", []float64{1e300, 1e6}, 6, "a * b * 1000 is beyond ±1.8e308, the largest a number can be (1e+306 * 1000)"},
		// A long operation is quoted to about 60 bytes.
		{"(" + strings.Repeat("a + ", 20) + "a) * 10000000000", []float64{1e299}, 84, "(a + a + a + a + a + a + a + a + a + a + a + a + a + a +… is beyond ±1.8e308, the largest a number can be (2.1e+300 * 1e+10)"},
	}
	for _, tc := range tests {
		e, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.src, err)
		}
		_, err = e.Eval(tc.vals)
		var re *RangeError
		if !errors.As(err, &re) || re.Offset != tc.offset || err.Error() != tc.msg {
			t.Errorf("Eval(%q, %v) = %v (%#v); want offset %d %q", tc.src, tc.vals, err, re, tc.offset, tc.msg)
		}
	}
	// Just below the limit is a number.
	e, _ := Parse("a * b")
	if v, err := e.Eval([]float64{1e154, 1e154}); err != nil || v != 1e154*1e154 {
		t.Errorf("Eval(1e154 * 1e154) = %v, %v; want 1e308", v, err)
	}
}

func TestRefOffsets(t *testing.T) {
	e, err := Parse("(revenue − cost) ÷ revenue + cost*2")
	if err != nil {
		t.Fatal(err)
	}
	// Byte offsets: "−" and "÷" are three and two bytes long.
	want := map[string]int{"revenue": 1, "cost": 13}
	for i, ref := range e.Refs() {
		if got := e.RefOffset(i); got != want[ref] {
			t.Errorf("offset of %s = %d, want %d", ref, got, want[ref])
		}
	}
}
