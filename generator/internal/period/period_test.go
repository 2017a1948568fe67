package period

import (
	"testing"
)

func TestParseAndString(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		{"2026-09", Period{Monthly, 2026*12 + 8}},
		{"2026-01", Period{Monthly, 2026 * 12}},
		{"2026-12", Period{Monthly, 2026*12 + 11}},
		{"2026-Q1", Period{Quarterly, 2026 * 4}},
		{"2026-Q3", Period{Quarterly, 2026*4 + 2}},
		{"2026", Period{Annual, 2026}},
		{"1000", Period{Annual, 1000}},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if s := got.String(); s != tc.in {
			t.Errorf("String() of %q = %q", tc.in, s)
		}
	}
}

func TestParseRejects(t *testing.T) {
	syntax := "expected YYYY-MM (a month, e.g. 2026-09), YYYY-Qn (a quarter, e.g. 2026-Q3) or YYYY (a fiscal year, e.g. 2026)"
	tests := []struct{ in, err string }{
		{"2026-13", "month must be 01 to 12"},
		{"2026-00", "month must be 01 to 12"},
		{"2026-Q0", "quarter must be Q1 to Q4"},
		{"2026-Q5", "quarter must be Q1 to Q4"},
		{"2026-9", syntax},
		{"2026-q3", syntax},
		{"26-09", syntax},
		{"2026/09", syntax},
		{" 2026-09", syntax},
		{"2026-09 ", syntax},
		{"2026-09-01", syntax},
		{"", syntax},
		{"0999", "year 0999 is out of range (1000 to 9999)"},
		{"２０２６", syntax},
	}
	for _, tc := range tests {
		_, err := Parse(tc.in)
		if err == nil || err.Error() != tc.err {
			t.Errorf("Parse(%q) error = %v; want %q", tc.in, err, tc.err)
		}
	}
}

func mustParse(t *testing.T, s string) Period {
	t.Helper()
	p, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCalendarEnds(t *testing.T) {
	// Month indexes are year*12 + month-1; 2026-01 is 24312.
	jan26 := 2026 * 12
	tests := []struct {
		fy         int
		p          string
		start, end int
	}{
		{1, "2026-09", jan26 + 8, jan26 + 8},
		{1, "2026-Q3", jan26 + 6, jan26 + 8},
		{1, "2026", jan26, jan26 + 11},
		// A fiscal year starting in April: FY 2026 runs April 2026 to March 2027.
		{4, "2026", jan26 + 3, jan26 + 14},
		{4, "2026-Q1", jan26, jan26 + 2}, // quarters stay calendar quarters
		{10, "2025", jan26 - 3, jan26 + 8},
	}
	for _, tc := range tests {
		c := Calendar{FYStart: tc.fy}
		p := mustParse(t, tc.p)
		if s, e := c.Start(p), c.End(p); s != tc.start || e != tc.end {
			t.Errorf("fy %d %s: start, end = %d, %d; want %d, %d", tc.fy, tc.p, s-jan26, e-jan26, tc.start-jan26, tc.end-jan26)
		}
	}
}

func TestContainingAndLatestEndingBy(t *testing.T) {
	tests := []struct {
		fy               int
		month            string
		freq             Freq
		containing, done string
	}{
		// P = 2026-08: the quarter holding it is Q3, the latest ended is Q2.
		{1, "2026-08", Quarterly, "2026-Q3", "2026-Q2"},
		{1, "2026-09", Quarterly, "2026-Q3", "2026-Q3"},
		{1, "2026-09", Monthly, "2026-09", "2026-09"},
		{1, "2026-09", Annual, "2026", "2025"},
		{1, "2026-12", Annual, "2026", "2026"},
		// April fiscal year: March 2027 closes FY 2026; February 2027 is inside it.
		{4, "2027-03", Annual, "2026", "2026"},
		{4, "2027-02", Annual, "2026", "2025"},
		{4, "2026-03", Annual, "2025", "2025"},
		{4, "2026-04", Annual, "2026", "2025"},
	}
	for _, tc := range tests {
		c := Calendar{FYStart: tc.fy}
		m := c.End(mustParse(t, tc.month))
		if got := c.Containing(tc.freq, m).String(); got != tc.containing {
			t.Errorf("fy %d: Containing(%s, %s) = %s; want %s", tc.fy, tc.freq, tc.month, got, tc.containing)
		}
		if got := c.LatestEndingBy(tc.freq, m).String(); got != tc.done {
			t.Errorf("fy %d: LatestEndingBy(%s, %s) = %s; want %s", tc.fy, tc.freq, tc.month, got, tc.done)
		}
	}
}

func TestYTDWindow(t *testing.T) {
	tests := []struct {
		name        string
		fy          int
		freq        Freq
		asOf        string
		first, last string
		ok          bool
	}{
		{"calendar year, monthly", 1, Monthly, "2026-09", "2026-01", "2026-09", true},
		{"first month of the year", 1, Monthly, "2026-01", "2026-01", "2026-01", true},
		{"April year, in its second calendar year", 4, Monthly, "2027-02", "2026-04", "2027-02", true},
		{"April year, its first month", 4, Monthly, "2026-04", "2026-04", "2026-04", true},
		{"April year, the month before it starts", 4, Monthly, "2026-03", "2025-04", "2026-03", true},
		{"quarterly measure, P mid-quarter", 1, Quarterly, "2026-08", "2026-Q1", "2026-Q2", true},
		{"quarterly measure, April year", 4, Quarterly, "2027-03", "2026-Q2", "2027-Q1", true},
		{"quarterly measure, before any quarter ended", 1, Quarterly, "2026-02", "2026-Q1", "2025-Q4", false},
		{"annual measure before year end", 1, Annual, "2026-09", "2026", "2025", false},
		{"annual measure at year end", 1, Annual, "2026-12", "2026", "2026", true},
		{"quarterly site", 1, Quarterly, "2026-Q3", "2026-Q1", "2026-Q3", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Calendar{FYStart: tc.fy}
			first, last, ok := c.YTD(tc.freq, mustParse(t, tc.asOf))
			if first.String() != tc.first || last.String() != tc.last || ok != tc.ok {
				t.Errorf("YTD = %s..%s %v; want %s..%s %v", first, last, ok, tc.first, tc.last, tc.ok)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2026-09", "2026-Q3", "2026", "2026-13", "9999-12", "1000-Q1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Fatalf("Parse(%q).String() = %q: a literal must round-trip", s, p.String())
		}
		c := Calendar{FYStart: 4}
		if c.Start(p) > c.End(p) {
			t.Fatalf("%s starts after it ends", s)
		}
		if c.Containing(p.Freq, c.End(p)) != p || c.LatestEndingBy(p.Freq, c.End(p)) != p {
			t.Fatalf("%s is not the period containing its own end", s)
		}
	})
}

func TestPerYear(t *testing.T) {
	for f, want := range map[Freq]int{Monthly: 12, Quarterly: 4, Annual: 1} {
		if got := f.PerYear(); got != want {
			t.Errorf("%s: %d periods a year, want %d", f, got, want)
		}
	}
}

// TestAppendAsFmt: Append writes what fmt did for every period a site can
// hold, and for those it cannot (negative and five-digit years).
func TestAppendAsFmt(t *testing.T) {
	for _, f := range []Freq{0, Monthly, Quarterly, Annual, Annual + 1} {
		for n := -30; n <= 10001*f.PerYear()+30; n++ {
			p := Period{f, n}
			want := ""
			if f >= Monthly && f <= Annual {
				want = string(appendSlow(nil, p))
			}
			if got := p.String(); got != want {
				t.Fatalf("Period{%d, %d}.String() = %q, want %q", f, n, got, want)
			}
			if got := string(p.Append([]byte("x"))); got != "x"+want {
				t.Fatalf("Period{%d, %d}.Append = %q, want %q", f, n, got, "x"+want)
			}
		}
	}
	if got := (Period{Monthly, 2026*12 + 8}).String(); got != "2026-09" {
		t.Errorf("String() = %q", got)
	}
}
