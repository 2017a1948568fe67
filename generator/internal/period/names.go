package period

import (
	"strconv"
	"sync"
)

var months = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Name names a period for people: September 2026, Q3 2026, 2026 (a fiscal
// year that is the calendar year) or FY 2026.
func (c Calendar) Name(p Period) string {
	switch p.Freq {
	case Monthly:
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return monthNames()[i].long
		}
		return months[p.N%12] + " " + strconv.Itoa(p.N/12)
	case Quarterly:
		return "Q" + strconv.Itoa(p.N%4+1) + " " + strconv.Itoa(p.N/4)
	case Annual:
		if c.FYStart == 1 {
			return strconv.Itoa(p.N)
		}
		return "FY " + strconv.Itoa(p.N)
	}
	return ""
}

// ShortName is the compact form of Name, for chart axes: Sep 2026, Q3 2026,
// FY 2026.
func (c Calendar) ShortName(p Period) string {
	if p.Freq == Monthly {
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return monthNames()[i].short
		}
		return months[p.N%12][:3] + " " + strconv.Itoa(p.N/12)
	}
	return c.Name(p)
}

// A monthly period's names depend on the period alone, and every measure
// page shows the same few dozen of them for each of its periods, in its
// table and on its chart's axis: 4.3 million strings per render on L. The
// names of the months from 1900 to 2199 are made once; other months are
// named as they come.
const (
	namedMonthsFrom = 1900 * 12
	namedMonths     = 300 * 12
)

var monthNames = sync.OnceValue(func() []struct{ long, short string } {
	out := make([]struct{ long, short string }, namedMonths)
	for i := range out {
		n := namedMonthsFrom + i
		out[i].long = months[n%12] + " " + strconv.Itoa(n/12)
		out[i].short = months[n%12][:3] + " " + strconv.Itoa(n/12)
	}
	return out
})
