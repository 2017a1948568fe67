package compute

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Every number compute hands on is finite. Inputs are finite when read; the
// arithmetic on them is of two kinds. Scores, weighted means and the link
// evidence stay within bounds that validation guarantees: scores within
// [0, 10] on a scale ScaleProblem accepts, weights 0 or from 0.000001 to
// 1,000,000.
// Formulas, roll-ups and year-to-date totals have no bound: each result is
// checked, and one beyond ±1.8e308 is an error at the key that asked for it,
// never an infinity on a page nor a period quietly left missing. A number too
// large to hold is not missing data; it is a mistake in the input.

// beyond is how the errors say that a number cannot be represented.
const beyond = "is beyond ±1.8e308, the largest a number can be"

// faults collects the errors of results that cannot be represented.
// Measures and periods are scored in parallel, and one bad input spoils the
// same result in many periods (a year-to-date total as of every later
// month), so a fault is kept once, with the periods it spoils, and reported
// as one error that lists them.
type faults struct {
	mu sync.Mutex
	m  map[fault]map[period.Period]string // the detail of each period
}

type fault struct {
	pos diag.Pos
	msg string
}

// add records that msg, at pos, holds for period p; detail, when not empty,
// is said in parentheses after the period.
func (f *faults) add(pos diag.Pos, msg string, p period.Period, detail string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[fault]map[period.Period]string{}
	}
	k := fault{pos, msg}
	if f.m[k] == nil {
		f.m[k] = map[period.Period]string{}
	}
	f.m[k][p] = detail
}

// report adds one error for each fault to dl, in order.
func (f *faults) report(dl *diag.List) {
	keys := make([]fault, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b fault) int {
		return diag.Compare(diag.Diagnostic{Pos: a.pos, Msg: a.msg}, diag.Diagnostic{Pos: b.pos, Msg: b.msg})
	})
	for _, k := range keys {
		ps := make([]period.Period, 0, len(f.m[k]))
		for p := range f.m[k] {
			ps = append(ps, p)
		}
		slices.SortFunc(ps, func(a, b period.Period) int { return cmp.Or(cmp.Compare(a.Freq, b.Freq), cmp.Compare(a.N, b.N)) })
		notes := make([]string, len(ps))
		for i, p := range ps {
			notes[i] = p.String()
			if d := f.m[k][p]; d != "" {
				notes[i] += " (" + d + ")"
			}
		}
		dl.Errorf(k.pos, "%s, in %s", k.msg, listed(notes))
	}
}

// listed joins the first few notes, and counts the rest.
func listed(notes []string) string {
	const shown = 6
	list := strings.Join(notes[:min(shown, len(notes))], ", ")
	if len(notes) > shown {
		list += fmt.Sprintf(" and %d more", len(notes)-shown)
	}
	return list
}

// ScaleProblem says what of a measure's thresholds cannot be represented once
// the defaults of the amber band are applied to them (t as given, before
// WithDefaults): the default red flag or stretch, the score's 0 point red −
// (target − red), or the width of the whole scale from the 0 point to the
// stretch, on which the score and the chart's bands are computed. It returns
// "" when all of them are numbers, and otherwise the message and the key
// (target, red or stretch) to blame. Range polarity has its own check,
// BandProblem; without a target there is no scale.
func ScaleProblem(pol model.Polarity, band float64, t Thresholds) (msg, key string) {
	if !t.Target.OK || pol == model.Range {
		return "", ""
	}
	d := t.WithDefaults(pol, band)
	g, r, s := d.Target.V, d.Red.V, d.Stretch.V
	// Red lies below the target for higher polarity and above it for lower;
	// the scale's 0 point lies as far beyond red again.
	sign, zero := "−", r-(g-r)
	if pol == model.Lower {
		sign, zero = "+", r+(r-g)
	}
	switch {
	case !number.Finite(r):
		return at("target %v is too far from zero (give one nearer, or a red): its default red, target %s %v%% of |target|, %s", g, sign, math.Round(band*1e8)/1e6, beyond), "target"
	case !number.Finite(s) && t.Red.OK:
		return at("red %v is too far from target %v (give a stretch, or a nearer red): the default stretch, target + (target − red), %s", r, g, beyond), "red"
	case !number.Finite(s):
		return at("target %v is too far from zero (give one nearer, or a stretch): its default stretch, target + (target − red), %s", g, beyond), "target"
	case !number.Finite(zero):
		key = "target"
		if t.Red.OK {
			key = "red"
		}
		return at("red %v is too far from target %v: the score's 0 point, red %s (target − red), %s", r, g, sign, beyond), key
	case !number.Finite(s - zero):
		key = "target"
		if t.Red.OK {
			key = "red"
		}
		if t.Stretch.OK {
			key = "stretch"
		}
		return at("red %v and stretch %v are too far apart: the score's scale, from red %s (target − red) to the stretch, %s", r, s, sign, wider), key
	}
	return "", ""
}

// wider is how the errors say that a span of numbers cannot be represented.
const wider = "is wider than 1.8e308, the largest a number can be"

// BandProblem says why a range measure's band cannot be scored, or "": the
// score runs from target_low − 2·tolerance to target_high + 2·tolerance, and
// that width must be a number. It returns the message and the key to blame.
func BandProblem(b model.Band) (msg, key string) {
	switch {
	case !number.Finite(b.High - b.Low):
		return at("target_low %v and target_high %v are too far apart: the band %s", b.Low, b.High, wider), "target_high"
	case !number.Finite(b.High - b.Low + 4*b.Tolerance):
		return at("tolerance %v is too large: the score's scale, from target_low − 2×tolerance to target_high + 2×tolerance, %s", b.Tolerance, wider), "tolerance"
	}
	return "", ""
}

func at(format string, args ...any) string { return fmt.Sprintf(format, args...) }
