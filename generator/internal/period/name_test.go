package period

import (
	"strconv"
	"testing"
)

// TestMonthNames checks the month names made once against the names made as
// they come, inside the table, at its ends and outside it.
func TestMonthNames(t *testing.T) {
	cal := Calendar{FYStart: 1}
	if got := cal.Name(Period{Freq: Monthly, N: 2026*12 + 8}); got != "September 2026" {
		t.Errorf("Name = %q; want September 2026", got)
	}
	if got := cal.ShortName(Period{Freq: Monthly, N: 2026*12 + 8}); got != "Sep 2026" {
		t.Errorf("ShortName = %q; want Sep 2026", got)
	}
	for n := namedMonthsFrom - 24; n < namedMonthsFrom+namedMonths+24; n++ {
		p := Period{Freq: Monthly, N: n}
		year := " " + strconv.Itoa(n/12)
		if got, want := cal.Name(p), months[n%12]+year; got != want {
			t.Fatalf("Name(%d) = %q; want %q", n, got, want)
		}
		if got, want := cal.ShortName(p), months[n%12][:3]+year; got != want {
			t.Fatalf("ShortName(%d) = %q; want %q", n, got, want)
		}
	}
}
