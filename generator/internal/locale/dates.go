package locale

import (
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// The months of the years 1900 to 2199 are named once per locale: every
// measure page names the same few dozen months in its table and on its
// chart's axis (4.3 million names per render on L); others are named as
// they come.
const (
	namedMonthsFrom = 1900 * 12
	namedMonths     = 300 * 12
)

type monthNames struct{ long, short string }

// formatDate writes a CLDR date pattern for the month m (0–11) of year y,
// day d and quarter q (0–3): the fields y, M/L (1 to 4 letters), d, Q and
// quoted literal text.
func (l *Locale) formatDate(p string, y, m, d, q int) string {
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		n := 1
		for i+n < len(p) && p[i+n] == c {
			n++
		}
		switch c {
		case '\'':
			end := strings.IndexByte(p[i+1:], '\'')
			if end < 0 {
				end = len(p) - i - 1
			}
			if end == 0 {
				b.WriteByte('\'')
			} else {
				b.WriteString(p[i+1 : i+1+end])
			}
			i += end + 2
			continue
		case 'y':
			b.WriteString(l.Year(y))
		case 'M', 'L':
			b.WriteString(l.month(c, n, m))
		case 'd':
			s := l.Year(d)
			if n == 2 && d < 10 {
				s = l.Year(0) + s
			}
			b.WriteString(s)
		case 'Q':
			if n >= 3 {
				b.WriteString(l.date.quarters[q])
			} else {
				b.WriteString(l.Year(q + 1))
			}
		default:
			b.WriteString(p[i : i+n])
		}
		i += n
	}
	return b.String()
}

// month is the month m (0–11) as a pattern field of n letters c shows it:
// 1 or 2 letters a number, 3 abbreviated, 4 in full; L stand-alone.
func (l *Locale) month(c byte, n, m int) string {
	switch {
	case n <= 2:
		s := l.Year(m + 1)
		if n == 2 && m < 9 {
			s = l.Year(0) + s
		}
		return s
	case c == 'L' && n == 3:
		return l.date.months[3][m]
	case c == 'L':
		return l.date.months[2][m]
	case n == 3:
		return l.date.months[1][m]
	}
	return l.date.months[0][m]
}

// Date is a day as the language writes it with its month abbreviated: 2 Jan
// 2026, 2. Jan. 2026, Jan 2, 2026. A zero time is "".
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.formatDate(l.date.date, t.Year(), int(t.Month())-1, t.Day(), (int(t.Month())-1)/3)
}

// PeriodNames names periods in a language: months and quarters as CLDR
// does, a calendar year as its number, and a fiscal year that is not the
// calendar year by fiscal, a function of the year's digits (from the
// translations: "FY {year}").
type PeriodNames struct {
	l      *Locale
	cal    period.Calendar
	fiscal func(year string) string
}

// Periods returns the namer of the periods of a site with calendar cal.
func (l *Locale) Periods(cal period.Calendar, fiscal func(year string) string) *PeriodNames {
	return &PeriodNames{l: l, cal: cal, fiscal: fiscal}
}

func (l *Locale) namedMonths() []monthNames {
	l.periodOnce.Do(func() {
		l.periods = make([]monthNames, namedMonths)
		for i := range l.periods {
			n := namedMonthsFrom + i
			l.periods[i] = l.monthNames(n)
		}
	})
	return l.periods
}

func (l *Locale) monthNames(n int) monthNames {
	y, m := n/12, n%12
	return monthNames{
		long:  l.formatDate(l.date.yearMonth, y, m, 1, m/3),
		short: l.formatDate(l.date.yearMonthShort, y, m, 1, m/3),
	}
}

// Name names a period for people: September 2026, Q3 2026, 2026 (a fiscal
// year that is the calendar year) or FY 2026, in the language.
func (pn *PeriodNames) Name(p period.Period) string {
	switch p.Freq {
	case period.Monthly:
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return pn.l.namedMonths()[i].long
		}
		return pn.l.monthNames(p.N).long
	case period.Quarterly:
		return pn.l.formatDate(pn.l.date.yearQuarter, p.N/4, p.N%4*3, 1, p.N%4)
	case period.Annual:
		if pn.cal.FYStart == 1 {
			return pn.l.Year(p.N)
		}
		return pn.fiscal(pn.l.Year(p.N))
	}
	return ""
}

// ShortName is the compact form of Name, for chart axes: Sep 2026, Q3
// 2026, FY 2026.
func (pn *PeriodNames) ShortName(p period.Period) string {
	if p.Freq == period.Monthly {
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return pn.l.namedMonths()[i].short
		}
		return pn.l.monthNames(p.N).short
	}
	return pn.Name(p)
}
