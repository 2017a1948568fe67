package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// The data ends in September 2026: the last full month before the project's
// reference date, so as-of period, quarters and year to date are the same on
// every run.
const (
	endYear  = 2026
	endMonth = 9
)

// period is one reporting period of a measure.
type period struct {
	lit string  // 2026-09 or 2026-Q3
	age float64 // months from the end of this period to the end of the data
	cal int     // calendar month (0–11) of the period's middle, for seasonality
}

// calendar holds the periods of the data window, formatted once: literals are
// written millions of times on the L workload.
type calendar struct {
	months   []period
	quarters []period // the quarters that end inside the window
}

func newCalendar(k int) calendar {
	end := endYear*12 + endMonth - 1 // months since year 0, zero-based
	start := end - k + 1
	var c calendar
	for m := start; m <= end; m++ {
		c.months = append(c.months, period{
			lit: fmt.Sprintf("%04d-%02d", m/12, m%12+1),
			age: float64(end - m),
			cal: m % 12,
		})
	}
	// Quarter q covers months 3q..3q+2; only quarters that have ended by the
	// end of the data, and whose last month is in the window, get a row.
	for q := start / 3; q*3+2 <= end; q++ {
		if q*3+2 < start {
			continue
		}
		c.quarters = append(c.quarters, period{
			lit: fmt.Sprintf("%04d-Q%d", q/4, q%4+1),
			age: float64(end - (q*3 + 2)),
			cal: q*3%12 + 1,
		})
	}
	return c
}

// series is how one measure's actuals move: a level at the end of the data, a
// linear trend back from it, a yearly season and noise. Targets follow the
// same curve shifted by a bias, the way a budget follows last year's actuals.
type series struct {
	level  float64 // expected value at the end of the data, before season
	slope  float64 // relative change per month: earlier values are level·(1 − slope·age)
	amp    float64 // seasonal amplitude, relative (absolute for range measures)
	phase  float64 // calendar month of the seasonal peak, minus 3
	noise  float64 // standard deviation of the noise, relative (absolute for range)
	bias   float64 // relative offset of targets from the expected value
	kind   kind
	banded bool // range polarity: additive noise around a level inside the band
}

// expected is the value the series would have without noise.
func (s *series) expected(p period) float64 {
	season := math.Sin(2 * math.Pi * (float64(p.cal) - s.phase) / 12)
	if s.banded {
		return s.level + s.amp*season
	}
	trend := max(0.3, 1-s.slope*p.age)
	return s.level * trend * (1 + s.amp*season)
}

// value draws an actual for period p.
func (s *series) value(p period, r *rand.Rand) float64 {
	e := s.expected(p)
	if s.banded {
		return max(e+s.noise*r.NormFloat64(), 0)
	}
	return s.clamp(e * (1 + s.noise*r.NormFloat64()))
}

// target is the budget for period p.
func (s *series) target(p period) float64 {
	return s.clamp(s.expected(p) * (1 + s.bias))
}

// clamp keeps values where the quantity can be: a share of a whole stays
// inside [0, 1], money and counts stay non-negative.
func (s *series) clamp(v float64) float64 {
	if s.kind == ratio {
		v = min(v, 1)
	}
	return max(v, 0)
}

// uniform draws from [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 {
	return lo + (hi-lo)*r.Float64()
}

// clampNorm draws from a normal distribution cut at ±3σ, so that one unlucky
// draw cannot produce an absurd slope or bias.
func clampNorm(r *rand.Rand, mean, sd float64) float64 {
	return mean + sd*max(-3, min(3, r.NormFloat64()))
}

// round rounds v to dec decimals, half away from zero, and never returns -0
// (which would print as "-0").
func round(v float64, dec int) float64 {
	p := math.Pow10(dec)
	v = math.Round(v*p) / p
	if v == 0 {
		return 0
	}
	return v
}
