// Package period implements the period literals of a scorecard (2026-09, 2026-Q3,
// 2026) and the calendar arithmetic the scoring rules need: period ends, the
// period containing a month, fiscal years and year-to-date windows; and the
// names pages give periods (names.go).
//
// Months are counted as one absolute index (year*12 + month-1), which makes every
// comparison between periods of different frequencies a comparison of integers.
package period

import (
	"errors"
	"fmt"
	"time"
)

// Freq is a reporting frequency.
type Freq uint8

// The frequencies, finest first.
const (
	Monthly Freq = iota + 1
	Quarterly
	Annual
)

// ParseFreq parses "monthly", "quarterly" or "annual".
func ParseFreq(s string) (Freq, error) {
	switch s {
	case "monthly":
		return Monthly, nil
	case "quarterly":
		return Quarterly, nil
	case "annual":
		return Annual, nil
	}
	return 0, fmt.Errorf("frequency %q is not one of monthly | quarterly | annual", s)
}

func (f Freq) String() string {
	switch f {
	case Monthly:
		return "monthly"
	case Quarterly:
		return "quarterly"
	case Annual:
		return "annual"
	}
	return "unknown"
}

// PerYear returns how many periods of frequency f a year holds.
func (f Freq) PerYear() int {
	switch f {
	case Monthly:
		return 12
	case Quarterly:
		return 4
	}
	return 1
}

// Example returns a literal of frequency f, for messages that say what was expected.
func (f Freq) Example() string {
	switch f {
	case Monthly:
		return "a month like 2026-09"
	case Quarterly:
		return "a quarter like 2026-Q3"
	case Annual:
		return "a year like 2026"
	}
	return "a period"
}

// Period is one month, calendar quarter or fiscal year.
//
// N counts periods of the frequency from year 0: year*12+month-1 for a month,
// year*4+quarter-1 for a quarter, and the year in which a fiscal year starts.
// Periods of one frequency are therefore ordered by N, and p+1 is p.Add(1).
type Period struct {
	Freq Freq
	N    int
}

// IsZero reports whether p is the zero Period, which stands for "no period".
func (p Period) IsZero() bool { return p.Freq == 0 }

// Add returns the period k periods after p (before it for negative k).
func (p Period) Add(k int) Period { return Period{p.Freq, p.N + k} }

// String returns the literal of p: 2026-09, 2026-Q3 or 2026.
func (p Period) String() string {
	var b [8]byte
	return string(p.Append(b[:0]))
}

// Append appends the literal of p to b: String without a string of its
// own, for the millions of periods a site's downloads write.
func (p Period) Append(b []byte) []byte {
	var year, sub int
	switch p.Freq {
	case Monthly:
		year, sub = p.N/12, p.N%12+1
	case Quarterly:
		year, sub = p.N/4, p.N%4+1
	case Annual:
		year = p.N
	default:
		return b
	}
	if year < 0 || year > 9999 || sub < 0 {
		return appendSlow(b, p) // never parsed: years are 1000 to 9999
	}
	b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10))
	switch p.Freq {
	case Monthly:
		b = append(b, '-', byte('0'+sub/10), byte('0'+sub%10))
	case Quarterly:
		b = append(b, '-', 'Q', byte('0'+sub))
	}
	return b
}

// appendSlow is Append for any N, as fmt formats it.
func appendSlow(b []byte, p Period) []byte {
	switch p.Freq {
	case Monthly:
		return fmt.Appendf(b, "%04d-%02d", p.N/12, p.N%12+1)
	case Quarterly:
		return fmt.Appendf(b, "%04d-Q%d", p.N/4, p.N%4+1)
	}
	return fmt.Appendf(b, "%04d", p.N)
}

// MarshalText implements encoding.TextMarshaler.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Years outside this range are rejected: they are typos, and keeping them out
// keeps every month index positive.
const (
	minYear = 1000
	maxYear = 9999
)

var errSyntax = errors.New("expected YYYY-MM (a month, e.g. 2026-09), YYYY-Qn (a quarter, e.g. 2026-Q3) or YYYY (a fiscal year, e.g. 2026)")

// Parse parses a period literal: YYYY-MM, YYYY-Qn or YYYY.
func Parse(s string) (Period, error) {
	if len(s) < 4 || !digits(s[:4]) {
		return Period{}, errSyntax
	}
	year := num(s[:4])
	if year < minYear {
		return Period{}, fmt.Errorf("year %04d is out of range (%d to %d)", year, minYear, maxYear)
	}
	switch {
	case len(s) == 4:
		return Period{Annual, year}, nil
	case len(s) == 7 && s[4] == '-' && s[5] == 'Q':
		q := int(s[6]) - '0'
		if q < 1 || q > 4 {
			return Period{}, fmt.Errorf("quarter must be Q1 to Q4")
		}
		return Period{Quarterly, year*4 + q - 1}, nil
	case len(s) == 7 && s[4] == '-' && digits(s[5:]):
		m := num(s[5:])
		if m < 1 || m > 12 {
			return Period{}, fmt.Errorf("month must be 01 to 12")
		}
		return Period{Monthly, year*12 + m - 1}, nil
	}
	return Period{}, errSyntax
}

// num returns the number the decimal digits s spell, as strconv.Atoi
// would but without its checks: digits has made them, and every row of a
// data file has a period to parse.
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// Calendar places periods in months. Quarters are calendar quarters; a fiscal
// year starts in month FYStart (1-12) of the year that names it.
type Calendar struct {
	FYStart int
}

// Start returns the month index of the first month of p.
func (c Calendar) Start(p Period) int {
	switch p.Freq {
	case Monthly:
		return p.N
	case Quarterly:
		return p.N * 3
	case Annual:
		return p.N*12 + c.FYStart - 1
	}
	return 0
}

// End returns the month index of the last month of p.
func (c Calendar) End(p Period) int {
	switch p.Freq {
	case Monthly:
		return p.N
	case Quarterly:
		return p.N*3 + 2
	case Annual:
		return p.N*12 + c.FYStart - 1 + 11
	}
	return 0
}

// Containing returns the period of frequency f that contains month m.
func (c Calendar) Containing(f Freq, m int) Period {
	switch f {
	case Quarterly:
		return Period{f, m / 3}
	case Annual:
		return Period{f, (m - (c.FYStart - 1)) / 12}
	}
	return Period{Monthly, m}
}

// LatestEndingBy returns the latest period of frequency f that ends in month m
// or before it.
func (c Calendar) LatestEndingBy(f Freq, m int) Period {
	p := c.Containing(f, m)
	if c.End(p) > m {
		p = p.Add(-1)
	}
	return p
}

// YTD returns the first and last period of frequency f in the year-to-date window
// of as-of period asOf: the periods of the fiscal year containing asOf that end
// on or before its end. ok is false when no period of f has ended yet in that year.
func (c Calendar) YTD(f Freq, asOf Period) (first, last Period, ok bool) {
	end := c.End(asOf)
	fy := c.Containing(Annual, end)
	fyStart := c.Start(fy)
	first = c.Containing(f, fyStart)
	if c.Start(first) < fyStart {
		first = first.Add(1)
	}
	last = c.LatestEndingBy(f, end)
	return first, last, last.N >= first.N
}

// LastDay returns the last day of p, at midnight UTC: dates of initiatives
// and milestones are compared with it.
func (c Calendar) LastDay(p Period) time.Time {
	m := c.End(p)
	return time.Date(m/12, time.Month(m%12+1)+1, 0, 0, 0, 0, 0, time.UTC)
}

// Month returns the month index of the month holding day t.
func Month(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
