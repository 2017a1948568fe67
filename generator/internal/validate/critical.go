package validate

import "github.com/scorecard-dev/scorecard/generator/internal/model"

// DefaultMaxMeasures is how many measures a unit may have before a build
// warns. Kaplan and Norton put a scorecard at twenty to twenty-five
// measures, four to seven a perspective: more, and the few that say
// whether the strategy works are lost among the rest (docs/format.md).
const DefaultMaxMeasures = 25

// criticalFew warns where a unit's scorecard has lost the critical few:
// more measures than the bound, an objective that nothing measures and
// that supports nothing, a perspective with objectives and no measure.
// An objective that objectives of the units below support is measured
// through them, as the roll-up of scores does. With --strict these fail
// the build like any warning.
func (v *validator) criticalFew(s *model.Site, us unitSrc) {
	u := us.u
	if s.MaxMeasures > 0 && len(u.Measures) > s.MaxMeasures {
		v.dl.Warnf(u.Measures[s.MaxMeasures].Pos, "unit %q has %d measures, more than the critical few of %d ([critical_few] max_measures in config.toml): keep the measures that show whether the strategy works, and report the rest elsewhere", u.ID, len(u.Measures), s.MaxMeasures)
	}
	for _, o := range u.Objectives {
		if len(o.Measures) == 0 && len(o.Supports) == 0 && len(o.SupportedBy) == 0 {
			v.dl.Warnf(o.Pos, "objective %q of unit %q has no measure, no objective below supports it, and it supports nothing: nothing shows how it is doing, and it counts for nothing above it", o.ID, u.ID)
		}
	}
	for _, p := range s.Perspectives {
		var first *model.Objective
		measured := false
		for _, o := range u.Objectives {
			if o.Perspective != p {
				continue
			}
			if first == nil {
				first = o
			}
			measured = measured || len(o.Measures) > 0 || len(o.SupportedBy) > 0
		}
		if first != nil && !measured {
			v.dl.Warnf(first.Pos, "perspective %q of unit %q has objectives but no measures, and no objective below supports them: nothing in it is measured", p.ID, u.ID)
		}
	}
}
