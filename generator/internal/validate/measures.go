package validate

import (
	"errors"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/formula"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// measure checks one measure's definition. Formula inputs and roll-up sources
// are resolved later, once every unit's measures are known.
func (v *validator) measure(s *model.Site, loc *tomlx.Locator, p string, src *load.Measure, seen map[string]bool) *model.Measure {
	valid := v.id(loc, p+".id", src.ID, "measure")
	if valid && seen[src.ID] {
		v.dl.Errorf(loc.Pos(p+".id"), "measure id %q is used twice in this unit", src.ID)
		valid = false
	}
	seen[src.ID] = true
	m := &model.Measure{
		ID: src.ID, Name: src.Name, DisplayUnit: src.Unit,
		Description: src.Description, Source: src.Source, Owner: src.Owner,
		Format: number.DefaultFormat,
		Freq:   s.Frequency,
		Basis:  s.Basis,
		Weight: v.weight(loc, p+".weight", src.Weight),
		Pos:    loc.Pos(p + ".id"),
	}
	what := func() string { return describe("measure", src.ID) }
	v.required(loc, p, "name", src.Name, what)
	if src.Format != "" {
		f, err := number.ParseFormat(src.Format)
		if err != nil {
			v.dl.Errorf(loc.Pos(p+".format"), "%v", err)
		}
		m.Format = f
		if f.Currency && !locale.IsCurrency(src.Unit) {
			v.dl.Errorf(loc.Pos(p+".format"), "format %q shows the unit as a currency (¤), but unit %q is not a currency code such as USD or EUR", src.Format, src.Unit)
		}
	}
	if src.Kind != "" {
		k, err := model.ParseKind(src.Kind)
		if err != nil {
			v.dl.Errorf(loc.Pos(p+".kind"), "kind %v", err)
		}
		m.Kind = k
	}
	if src.Polarity == "" {
		v.dl.Errorf(loc.Pos(p), "%s has no polarity (higher | lower | range)", what())
	} else if pol, err := model.ParsePolarity(src.Polarity); err != nil {
		v.dl.Errorf(loc.Pos(p+".polarity"), "polarity %v", err)
	} else {
		m.Polarity = pol
	}
	v.frequency(s, loc, p, src, m)
	if src.Basis != "" {
		b, err := model.ParseBasis(src.Basis)
		if err != nil {
			v.dl.Errorf(loc.Pos(p+".basis"), "basis %v", err)
		}
		m.Basis = b
	}
	if src.Aggregation != "" {
		a, err := model.ParseAggregation(src.Aggregation)
		if err != nil {
			v.dl.Errorf(loc.Pos(p+".aggregation"), "aggregation %v", err)
		}
		m.Aggregation, m.AggregationPos = a, loc.Pos(p+".aggregation")
	} else if m.Basis == model.YTDBasis {
		// At basis when the measure sets it, else at the measure: the site's
		// default made it year to date.
		v.dl.Errorf(loc.Pos(p+".basis"), "%s is scored year to date but has no aggregation: say how its periods combine (sum | average | last | min | max)", what())
	}
	v.thresholds(loc, p, src, m, s.AmberBand)
	if src.Formula != "" && src.Rollup != "" {
		v.dl.Errorf(loc.Pos(p+".rollup"), "%s has both a formula and a rollup: its actuals can come from one of them only", what())
	}
	if src.Formula != "" {
		e, err := formula.Parse(src.Formula)
		if err != nil {
			v.dl.Errorf(formulaPos(loc, p+".formula", src.Formula, err), "formula %q: %v", src.Formula, err)
		} else if len(e.Refs()) == 0 {
			v.dl.Errorf(loc.Pos(p+".formula"), "formula %q uses no measure: a constant is a target, not a formula", src.Formula)
		}
		m.Formula, m.FormulaPos = e, loc.Pos(p+".formula")
	}
	if src.Rollup != "" {
		a, err := model.ParseAggregation(src.Rollup)
		if err != nil {
			v.dl.Errorf(loc.Pos(p+".rollup"), "rollup %v", err)
		}
		m.Rollup, m.RollupPos = a, loc.Pos(p+".rollup")
	}
	if !valid {
		return nil // checked for the other errors it may hold, but unusable
	}
	return m
}

// formulaPos points into the formula's string at a syntax error.
func formulaPos(loc *tomlx.Locator, path, text string, err error) (pos diag.Pos) {
	pos = loc.Pos(path)
	var se *formula.SyntaxError
	if errors.As(err, &se) {
		pos = stringPos(pos, text, se.Offset)
	}
	return pos
}

func (v *validator) frequency(s *model.Site, loc *tomlx.Locator, p string, src *load.Measure, m *model.Measure) {
	if src.Frequency == "" {
		return
	}
	f, err := period.ParseFreq(src.Frequency)
	if err != nil {
		v.dl.Errorf(loc.Pos(p+".frequency"), "%v", err)
		return
	}
	m.Freq = f
	if f < s.Frequency {
		v.dl.Errorf(loc.Pos(p+".frequency"), "measure %q is %s, finer than the site's %s frequency: a measure's frequency is never finer than the site's", src.ID, f, s.Frequency)
	}
	if f == period.Quarterly && !quarterAligned(s.Calendar.FYStart) {
		v.dl.Errorf(loc.Pos(p+".frequency"), "measure %q is quarterly, but the fiscal year starts in month %d: quarterly measures need fiscal_year_start 1, 4, 7 or 10", src.ID, s.Calendar.FYStart)
	}
}

// thresholds checks target, red and stretch, or the band of a range measure.
// The scores are computed on the scale that they and the amber band make, so
// that scale must be one that numbers can hold.
func (v *validator) thresholds(loc *tomlx.Locator, p string, src *load.Measure, m *model.Measure, amberBand float64) {
	m.Target, m.Red, m.Stretch = opt(src.Target), opt(src.Red), opt(src.Stretch)
	if m.Polarity == model.Range {
		for _, k := range []struct {
			key string
			set bool
		}{{"target", src.Target != nil}, {"red", src.Red != nil}, {"stretch", src.Stretch != nil}} {
			if k.set {
				v.dl.Errorf(loc.Pos(p+"."+k.key), "measure %q has range polarity: its band is target_low, target_high and tolerance, not %s", src.ID, k.key)
			}
		}
		if src.TargetLow == nil || src.TargetHigh == nil {
			v.dl.Errorf(loc.Pos(p+".polarity"), "measure %q has range polarity but no band: set target_low and target_high (and tolerance)", src.ID)
			return
		}
		m.Band = model.Band{Low: *src.TargetLow, High: *src.TargetHigh}
		if src.Tolerance != nil {
			m.Band.Tolerance = *src.Tolerance
		}
		if m.Band.Low > m.Band.High {
			v.dl.Errorf(loc.Pos(p+".target_high"), "target_high %v is below target_low %v", m.Band.High, m.Band.Low)
		}
		if m.Band.Tolerance < 0 {
			v.dl.Errorf(loc.Pos(p+".tolerance"), "tolerance %v is negative", m.Band.Tolerance)
		} else if msg, key := compute.BandProblem(m.Band); msg != "" && m.Band.Low <= m.Band.High {
			v.dl.Errorf(loc.Pos(p+"."+key), "measure %q: %s", src.ID, msg)
		}
		return
	}
	for _, k := range []struct {
		key string
		set bool
	}{{"target_low", src.TargetLow != nil}, {"target_high", src.TargetHigh != nil}, {"tolerance", src.Tolerance != nil}} {
		if k.set {
			v.dl.Errorf(loc.Pos(p+"."+k.key), "%s only applies to range polarity; measure %q is %q", k.key, src.ID, src.Polarity)
		}
	}
	if m.Polarity == 0 {
		return
	}
	if msg, key := ThresholdOrder(m.Polarity, m.Red, m.Target, m.Stretch); msg != "" {
		v.dl.Errorf(loc.Pos(p+"."+key), "measure %q: %s", src.ID, msg)
	} else if msg, key := compute.ScaleProblem(m.Polarity, amberBand, compute.Thresholds{Target: m.Target, Red: m.Red, Stretch: m.Stretch}); msg != "" {
		v.dl.Errorf(loc.Pos(p+"."+key), "measure %q: %s", src.ID, msg)
	}
}

func opt(f *float64) model.Opt {
	if f == nil {
		return model.Opt{}
	}
	return model.Some(*f)
}

// ThresholdOrder checks that red, target and stretch are in the order of the
// polarity (red ≤ target ≤ stretch for higher, the reverse for lower), for the
// ones that are present. It returns "" when they are, else what is wrong and the
// key (red or stretch) to blame.
func ThresholdOrder(pol model.Polarity, red, target, stretch model.Opt) (msg, key string) {
	le := func(a, b float64) bool { return a <= b }
	word, other := "above", "below"
	if pol == model.Lower {
		le = func(a, b float64) bool { return a >= b }
		word, other = "below", "above"
	}
	// Made only for a message: every data row with a threshold is checked.
	rule := func() string { return at("(%s measure: red %s target %s stretch)", pol, order(pol), order(pol)) }
	switch {
	case red.OK && target.OK && !le(red.V, target.V):
		return at("red %v is %s target %v %s", red.V, word, target.V, rule()), "red"
	case target.OK && stretch.OK && !le(target.V, stretch.V):
		return at("stretch %v is %s target %v %s", stretch.V, other, target.V, rule()), "stretch"
	case red.OK && stretch.OK && !le(red.V, stretch.V):
		return at("stretch %v is %s red %v %s", stretch.V, other, red.V, rule()), "stretch"
	}
	return "", ""
}

func order(pol model.Polarity) string {
	if pol == model.Lower {
		return "≥"
	}
	return "≤"
}
