package render

import (
	"strconv"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// TestMonthNames checks the month names made once against the names made as
// they come, inside the table, at its ends and outside it.
func TestMonthNames(t *testing.T) {
	cal := period.Calendar{FYStart: 1}
	if got := periodName(period.Period{Freq: period.Monthly, N: 2026*12 + 8}, cal); got != "September 2026" {
		t.Errorf("periodName = %q; want September 2026", got)
	}
	if got := shortPeriod(period.Period{Freq: period.Monthly, N: 2026*12 + 8}, cal); got != "Sep 2026" {
		t.Errorf("shortPeriod = %q; want Sep 2026", got)
	}
	for n := namedMonthsFrom - 24; n < namedMonthsFrom+namedMonths+24; n++ {
		p := period.Period{Freq: period.Monthly, N: n}
		year := " " + strconv.Itoa(n/12)
		if got, want := periodName(p, cal), months[n%12]+year; got != want {
			t.Fatalf("periodName(%d) = %q; want %q", n, got, want)
		}
		if got, want := shortPeriod(p, cal), months[n%12][:3]+year; got != want {
			t.Fatalf("shortPeriod(%d) = %q; want %q", n, got, want)
		}
	}
}
