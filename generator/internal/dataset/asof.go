package dataset

import (
	"fmt"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// reporter is a measure that has an actual in the data files, seen from its
// latest actual. Months are month indexes (period.Calendar).
type reporter struct {
	m      *model.Measure
	latest period.Period // its latest actual, of the measure's frequency
	src    diag.Pos      // where that actual is
	end    int           // the month that period ends in
	// reach is the last month of the latest site period the measure is
	// current in: as of any site period that ends by then, the measure's
	// current period (docs/scoring.md) has an actual, or a later one has.
	reach int
}

// reporters lists the measures with an actual, in site order. Formula and
// roll-up measures have none of their own: their inputs report for them.
func reporters(s *model.Site, data *model.Data) []reporter {
	// Each unit's on a CPU of its own: with compaction (Make), this was
	// the end of making L's data, on one core while the other waited.
	byUnit := make([][]reporter, len(s.Units))
	parallel.For(len(s.Units), func(u int) {
		ms := s.Units[u].Measures
		var out []reporter
		for _, m := range ms {
			ser := data.Of(m)
			i := ser.Len() - 1
			for i >= 0 && !ser.Actual(i).OK {
				i--
			}
			if i < 0 {
				continue
			}
			if out == nil {
				out = make([]reporter, 0, len(ms))
			}
			p := ser.First.Add(i)
			out = append(out, reporter{m: m, latest: p, src: ser.Index(i).Src,
				end: s.Calendar.End(p), reach: s.Calendar.End(p.Add(1)) - 1})
		}
		byUnit[u] = out
	})
	return slices.Concat(byUnit...)
}

// asOf sets the as-of period: --period, else config's period, else the
// latest period with an actual that at least half of the measures with
// actuals have reached (defaultAsOf). A period given after all the data is an error; by
// default, actuals far beyond the as-of period are warned about.
func (v *checker) asOf(s *model.Site, data *model.Data, opts validate.Options) {
	raw, pos, how := v.src.Config.Period, v.src.ConfigLoc.Pos("period"), "remove period from config.toml"
	if opts.Period != "" {
		raw, pos, how = opts.Period, diag.Pos{File: "--period"}, "leave --period out"
	}
	rs := reporters(s, data)
	if raw != "" {
		p, err := period.Parse(raw)
		switch {
		case err != nil:
			v.dl.Errorf(pos, "period %q: %v", raw, err)
		case p.Freq != s.Frequency:
			v.dl.Errorf(pos, "period %q is not a period of the site's frequency (%s): expected %s", raw, s.Frequency, s.Frequency.Example())
		default:
			data.AsOf = p
			if v.span(s, data, pos) {
				v.afterData(s, data, rs, pos, how)
			}
		}
		return
	}
	if len(rs) == 0 {
		v.dl.Errorf(diag.Pos{File: load.DataDir}, "no actual values found, so there is no latest period to report on: add data, or set period in config.toml or --period")
		return
	}
	data.AsOf = defaultAsOf(s, data, rs)
	if v.span(s, data, diag.Pos{}) {
		v.warnAhead(s, data, rs)
	}
}

// defaultAsOf is the latest site period that holds the end of some actual
// and that at least half of rs have reached (each is current in it). A few
// measures reporting ahead, or one row with a mistyped year, cannot move it;
// with one or two measures, one measure suffices.
func defaultAsOf(s *model.Site, data *model.Data, rs []reporter) period.Period {
	reach := make([]int, len(rs))
	for i, r := range rs {
		reach[i] = r.reach
	}
	slices.Sort(reach)
	// Half of them, rounded up, reach this month or later, and so every site
	// period that ends by it.
	limit := reach[len(rs)-(len(rs)+1)/2]
	best := -1
	for _, r := range rs {
		if r.end <= limit {
			best = max(best, r.end)
			continue
		}
		ser := data.Of(r.m)
		for i := ser.Len() - 1; i >= 0; i-- {
			if end := s.Calendar.End(ser.First.Add(i)); ser.Actual(i).OK && end <= limit {
				best = max(best, end)
				break
			}
		}
	}
	// A measure is never finer than the site, and its periods end where site
	// periods end: best is the last month of the site period that holds it.
	// The measure that sets limit has an actual ending by it, so best is set.
	return s.Calendar.Containing(s.Frequency, best)
}

// afterData reports the as-of period given at pos when no measure is current
// in it: every measure would show an older value, or none. how says how to
// fall back to the default. With no actual at all there is nothing to be
// after, and any period is accepted.
func (v *checker) afterData(s *model.Site, data *model.Data, rs []reporter, pos diag.Pos, how string) {
	if len(rs) == 0 {
		return
	}
	latest, reach := rs[0], rs[0].reach
	for _, r := range rs[1:] {
		if r.end > latest.end {
			latest = r
		}
		reach = max(reach, r.reach)
	}
	if s.Calendar.End(data.AsOf) <= reach {
		return
	}
	last := s.Calendar.LatestEndingBy(s.Frequency, reach)
	v.dl.Errorf(pos, "period %q is after all the data: no measure has an actual for its period as of %s (the latest actual is for %s, at %s): report on %s or earlier, or %s to report on the latest data", data.AsOf, data.AsOf, latest.latest, latest.src, last, how)
}

// warnAhead warns, once per measure, about actuals more than one of the
// measure's own periods after its current period: with the default as-of
// period they are left out, and most likely have a mistyped period. A
// measure one period ahead (a month reported before the others) is normal
// and not warned about.
func (v *checker) warnAhead(s *model.Site, data *model.Data, rs []reporter) {
	asOfEnd := s.Calendar.End(data.AsOf)
	for _, r := range rs {
		m := r.m
		far := s.Calendar.LatestEndingBy(m.Freq, asOfEnd).Add(2)
		if r.latest.N < far.N {
			continue
		}
		var first, last period.Period
		var at, lastAt diag.Pos
		n := 0
		ser := data.Of(m)
		for i := max(0, far.N-ser.First.N); i < ser.Len(); i++ {
			pt := ser.Index(i)
			if !pt.Actual.OK {
				continue
			}
			if n == 0 {
				first, at = data.Of(m).First.Add(i), pt.Src
			}
			last, lastAt = data.Of(m).First.Add(i), pt.Src
			n++
		}
		what := fmt.Sprintf("%s/%s %s is", m.Unit.ID, m.ID, first)
		if n > 1 {
			what = fmt.Sprintf("%s/%s %s and %s (the last %s, at %s) are", m.Unit.ID, m.ID, first, plural(n-1, "later actual"), last, lastAt)
		}
		v.dl.Warnf(at, "%s after the as-of period %s and left out of this build: the as-of period is the latest that at least half of the measures with actuals have reached (a typo in the period? to report on %s, set period in config.toml or --period)", what, data.AsOf, first)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// span checks that the site's data and its as-of period lie within
// MaxSpanYears, and reports whether they do: every measure is computed from
// its first period to the as-of period, so a year typo in either would cost
// time for every empty year. pos is where the as-of period was given; zero
// when it is the default.
func (v *checker) span(s *model.Site, data *model.Data, pos diag.Pos) bool {
	first, last := -1, -1
	var firstSrc, lastSrc diag.Pos
	for _, u := range s.Units {
		for _, m := range u.Measures {
			ser := data.Of(m)
			if ser.Len() == 0 {
				continue
			}
			if start := s.Calendar.Start(ser.First); first < 0 || start < first {
				first, firstSrc = start, ser.Index(0).Src
			}
			if end := s.Calendar.End(ser.Last()); end > last {
				last, lastSrc = end, ser.Index(ser.Len()-1).Src
			}
		}
	}
	asOf := s.Calendar.End(data.AsOf)
	if first < 0 || asOf-first < MaxSpanYears*12 {
		return true
	}
	earliest := s.Calendar.Containing(s.Frequency, first)
	if pos.File != "" {
		v.dl.Errorf(pos, "period %q is more than %d years after the earliest data (%s, at %s): is the year a typo?", data.AsOf, MaxSpanYears, earliest, firstSrc)
		return false
	}
	v.dl.Errorf(lastSrc, "the data spans more than %d years, from %s (at %s) to %s here: is a year a typo?", MaxSpanYears, earliest, firstSrc, s.Calendar.Containing(s.Frequency, last))
	return false
}
