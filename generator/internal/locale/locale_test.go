package locale

import (
	"testing"
	"time"

	num "github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

func format(t *testing.T, p string) num.Format {
	t.Helper()
	f, err := num.ParseFormat(p)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestValues formats values as CLDR 48 says each language writes them:
// separators (a narrow no-break space groups French thousands, Spanish
// groups only from five digits), the minus sign (Norwegian's is U+2212),
// the percent sign's place, the currency symbol's place and spacing, and
// the scales' words.
func TestValues(t *testing.T) {
	tests := []struct {
		lang, pattern, unit string
		v                   float64
		want                string
	}{
		{"en", "#,##0.0", "", -1234567.25, "-1,234,567.3"},
		{"de", "#,##0.0", "", -1234567.25, "-1.234.567,3"},
		{"fr", "#,##0.0", "", 1234567.25, "1\u202f234\u202f567,3"},
		{"es", "#,##0", "", 1234, "1234"},
		{"es", "#,##0", "", 12345, "12.345"},
		{"nb", "#,##0.0", "", -1234.5, "\u22121\u00a0234,5"},
		{"ar", "#,##0.0", "", -1234.5, "\u200e-1,234.5"},
		{"hi", "#,##0", "", 1234567, "12,34,567"},
		{"de-CH", "#,##0.00", "", 1234.5, "1'234.50"},
		{"en", "#,##0", "orders", 1200, "1,200 orders"},

		{"en", "0.0%", "", 0.935, "93.5%"},
		{"de", "0.0%", "", 0.935, "93,5\u00a0%"},
		{"fr", "0%", "", -0.5, "-50\u00a0%"},
		{"ar", "0.0%", "", 0.935, "93.5\u200e%\u200e"},

		{"en", "¤#,##0.00", "USD", -1234.5, "-$1,234.50"},
		{"en", "¤#,##0", "CHF", 12, "CHF\u00a012"},
		{"de", "¤#,##0.00", "EUR", 1234.5, "1.234,50\u00a0€"},
		{"fr", "¤#,##0", "USD", 12, "12\u00a0$US"},
		{"es", "¤#,##0", "USD", 12, "12\u00a0US$"},
		{"nb", "¤#,##0", "NOK", -12, "\u221212\u00a0kr"},
		{"ar", "¤#,##0", "SAR", 12, "\u200f12\u00a0ر.س.\u200f"},

		{"en", "#,##0.0 thousands", "", 1234, "1.2K"},
		{"en", "#,##0.0 millions", "", 89e6, "89.0M"},
		{"en", "#,##0.0 billions", "", 3.2e9, "3.2B"},
		{"en-GB", "#,##0.0 millions", "", 89e6, "89.0m"},
		{"de", "#,##0.0 thousands", "", 1234, "1,2 Tausend"},
		{"de", "#,##0.0 millions", "t", 89e6, "89,0\u00a0Mio. t"},
		{"es", "#,##0.0 billions", "", 3.2e9, "3,2 mil millones"},
		{"ar", "#,##0.0 millions", "", 89e6, "89.0\u00a0مليون"},
		{"ar", "#,##0 thousands", "", 3000, "3\u00a0آلاف"},
		{"ar", "#,##0 thousands", "", 11000, "11\u00a0ألف"},
		{"en", "¤#,##0.0 millions", "EUR", 89e6, "€89.0M"},
		{"de", "¤#,##0.0 millions", "EUR", 89e6, "89,0\u00a0Mio.\u00a0€"},

		{"en", "#,##0.0 compact", "", 999, "999.0"},
		{"en", "#,##0.0 compact", "", 1234, "1.2K"},
		{"en", "#,##0.0 compact", "", 45600, "45.6K"},
		{"en", "#,##0.0 compact", "", 999960, "1.0M"},
		{"en", "#,##0.0 compact", "", -2.5e12, "-2.5T"},
		{"de", "#,##0.0 compact", "", 999960, "999.960,0"},
		{"de", "#,##0.0 compact", "", 1.5e6, "1,5\u00a0Mio."},
		{"en", "¤#,##0.0 compact", "USD", 1234, "$1.2K"},
	}
	for _, tc := range tests {
		if got := New(tc.lang).Value(format(t, tc.pattern), tc.unit, tc.v); got != tc.want {
			t.Errorf("%s %q %v %s = %q; want %q", tc.lang, tc.pattern, tc.v, tc.unit, got, tc.want)
		}
	}
}

// TestCompact writes the numbers of headline tiles: shortened with one
// decimal where the language shortens them, else as the format shows them.
func TestCompact(t *testing.T) {
	tests := []struct {
		lang, pattern, unit string
		v                   float64
		want                string
	}{
		{"en", "#,##0", "USD", 88996008, "89.0M USD"},
		{"en", "¤#,##0", "USD", 88996008, "$89.0M"},
		{"en", "#,##0", "orders", 1234, "1.2K orders"},
		{"en", "#,##0", "orders", 999, "999 orders"},
		{"en", "#,##0", "", 950000, "950.0K"},
		{"en", "#,##0", "", 999960, "1.0M"},
		{"en", "¤#,##0", "EUR", -1234567, "-€1.2M"},
		{"en", "#,##0", "", 7.25e12, "7.3T"},
		{"en", "¤#,##0.00", "USD", 12.5, "$12.50"},
		{"en", "0.0%", "", 0.924, "92.4%"},
		{"en", "0.0%", "", 123.45, "12345.0%"},
		{"en", "#,##0.0 millions", "", 89e6, "89.0M"},
		{"de", "#,##0", "", 999960, "999.960"},
		{"de", "#,##0", "", 1.5e6, "1,5\u00a0Mio."},
		{"de", "¤#,##0", "EUR", 89e6, "89,0\u00a0Mio.\u00a0€"},
		{"ar", "#,##0", "", 89e6, "89.0\u00a0مليون"},
	}
	for _, tc := range tests {
		if got := New(tc.lang).Compact(format(t, tc.pattern), tc.unit, tc.v); got != tc.want {
			t.Errorf("%s %q %v %s = %q; want %q", tc.lang, tc.pattern, tc.v, tc.unit, got, tc.want)
		}
	}
}

// TestPercent writes numbers that are percentages already (an initiative's
// percent complete) with each language's percent pattern, rounding them as
// written: 74.85 is 74.9, where 0.7485 × 100 would be 74.85000000000001 or
// 74.84999999999999 depending on the arithmetic.
func TestPercent(t *testing.T) {
	one := num.Format{MaxDec: 1}
	for _, tc := range []struct {
		lang string
		v    float64
		want string
	}{
		{"en", 74.85, "74.9%"},
		{"en", 55, "55%"},
		{"en", -0.04, "0%"},
		{"de", 74.85, "74,9\u00a0%"},
		{"fr", 100, "100\u00a0%"},
		{"nb", -12.5, "\u221212,5\u00a0%"},
		{"ar", 95, "95\u200e%\u200e"},
	} {
		if got := New(tc.lang).Percent(one, tc.v); got != tc.want {
			t.Errorf("%s %v = %q; want %q", tc.lang, tc.v, got, tc.want)
		}
	}
}

// TestPeriodsAndDates names months, quarters, fiscal years and days as
// each language's CLDR patterns do.
func TestPeriodsAndDates(t *testing.T) {
	sep := period.Period{Freq: period.Monthly, N: 2026*12 + 8}
	q3 := period.Period{Freq: period.Quarterly, N: 2026*4 + 2}
	fy := period.Period{Freq: period.Annual, N: 2026}
	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct{ lang, long, short, quarter, fiscal, date string }{
		{"en", "September 2026", "Sep 2026", "Q3 2026", "FY 2026", "Jan 2, 2026"},
		{"en-GB", "September 2026", "Sept 2026", "Q3 2026", "FY 2026", "2 Jan 2026"},
		{"de", "September 2026", "Sept. 2026", "Q3 2026", "FY 2026", "2. Jan. 2026"},
		{"fr", "septembre 2026", "sept. 2026", "T3 2026", "FY 2026", "2 janv. 2026"},
		{"es", "septiembre de 2026", "sept 2026", "T3 2026", "FY 2026", "2 ene 2026"},
		{"nb", "september 2026", "sep. 2026", "K3 2026", "FY 2026", "2. jan. 2026"},
		{"ar", "سبتمبر 2026", "سبتمبر 2026", "الربع الثالث 2026", "FY 2026", "2 يناير 2026"},
		{"fa", "سپتامبر ۲۰۲۶", "سپتامبر ۲۰۲۶", "س\u200cم۳ ۲۰۲۶", "FY ۲۰۲۶", "۲ ژانویه ۲۰۲۶"},
	}
	for _, tc := range tests {
		l := New(tc.lang)
		pn := l.Periods(period.Calendar{FYStart: 7}, func(y string) string { return "FY " + y })
		got := [...]string{pn.Name(sep), pn.ShortName(sep), pn.Name(q3), pn.Name(fy), l.Date(day)}
		want := [...]string{tc.long, tc.short, tc.quarter, tc.fiscal, tc.date}
		if got != want {
			t.Errorf("%s: %q; want %q", tc.lang, got, want)
		}
	}
	if got := New("en").Periods(period.Calendar{FYStart: 1}, nil).Name(fy); got != "2026" {
		t.Errorf("a fiscal year that is the calendar year: %q", got)
	}
}

// TestMatchAndDirection: a tag finds its CLDR locale, or its nearest; an
// unknown one is English; Arabic and Persian run right to left.
func TestMatchAndDirection(t *testing.T) {
	for _, tc := range []struct{ tag, name, dir string }{
		{"en", "en", "ltr"}, {"en-US", "en", "ltr"}, {"de-DE", "de", "ltr"}, {"de-CH", "de-CH", "ltr"},
		{"ar", "ar", "rtl"}, {"ar-SA", "ar-SA", "rtl"}, {"fa", "fa", "rtl"}, {"he", "he", "rtl"},
		{"nb", "nb", "ltr"}, {"tlh", "en", "ltr"},
	} {
		l := New(tc.tag)
		if l.Name() != tc.name || l.Dir() != tc.dir {
			t.Errorf("%s: %s %s; want %s %s", tc.tag, l.Name(), l.Dir(), tc.name, tc.dir)
		}
	}
}

// TestPlural: the forms of CLDR's plural rules, as messages pick them.
func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 2, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 10, "few"},
		{"ar", 11, "many"}, {"ar", 99, "many"}, {"ar", 100, "other"}, {"ar", 103, "few"},
	} {
		if got := New(tc.lang).Plural(tc.n); got != tc.want {
			t.Errorf("%s %d: %s; want %s", tc.lang, tc.n, got, tc.want)
		}
	}
}
