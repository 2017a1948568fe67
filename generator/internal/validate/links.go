package validate

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// links resolves a unit's drives and supports links.
func (v *validator) links(us unitSrc) {
	u, loc := us.u, us.file.Loc
	byID := map[string]*model.Objective{}
	for _, o := range u.Objectives {
		byID[o.ID] = o
	}
	srcByID := map[string]int{}
	for i, src := range us.file.Card.Objectives {
		srcByID[src.ID] = i
	}
	for _, o := range u.Objectives {
		i := srcByID[o.ID]
		src := us.file.Card.Objectives[i]
		seen := map[string]bool{}
		for k, id := range src.Drives {
			p := at("objectives[%d].drives[%d]", i, k)
			target := byID[id]
			switch {
			case seen[id]:
				v.dl.Errorf(loc.Pos(p), "objective %q drives %q twice", o.ID, id)
			case target == nil:
				v.dl.Errorf(loc.Pos(p), "objective %q drives %q, which is not an objective of unit %q", o.ID, id, u.ID)
			case target == o:
				v.dl.Errorf(loc.Pos(p), "objective %q drives itself", o.ID)
			default:
				o.Drives = append(o.Drives, target)
			}
			seen[id] = true
		}
		for k, ref := range src.Supports {
			if t := v.supportTarget(us, at("objectives[%d].supports[%d]", i, k), o, ref); t != nil {
				if containsObjective(o.Supports, t) {
					v.dl.Errorf(loc.Pos(at("objectives[%d].supports[%d]", i, k)), "objective %q supports %q twice", o.ID, ref)
					continue
				}
				o.Supports = append(o.Supports, t)
				t.SupportedBy = append(t.SupportedBy, o)
			}
		}
	}
	// Causes are listed in the order of the unit's objectives, whatever the order
	// of the drives lists that name them.
	for _, o := range u.Objectives {
		for _, e := range o.Drives {
			e.DrivenBy = append(e.DrivenBy, o)
		}
	}
	v.drivesCycles(us)
}

// drivesPos points at the entry of o's drives that names e.
func drivesPos(us unitSrc, o, e *model.Objective) diag.Pos {
	loc := us.file.Loc
	for i, src := range us.file.Card.Objectives {
		if loc.Pos(at("objectives[%d].id", i)) != o.Pos {
			continue
		}
		for k, id := range src.Drives {
			if id == e.ID {
				return loc.Pos(at("objectives[%d].drives[%d]", i, k))
			}
		}
	}
	return o.Pos
}

func containsObjective(list []*model.Objective, o *model.Objective) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}

// supportTarget resolves "objective-id" in the parent unit or
// "unit-id/objective-id" of an ancestor.
func (v *validator) supportTarget(us unitSrc, p string, o *model.Objective, ref string) *model.Objective {
	u, loc := us.u, us.file.Loc
	if u.Parent == nil {
		v.dl.Errorf(loc.Pos(p), "objective %q of the root unit supports %q, but the root unit has no ancestors to support", o.ID, ref)
		return nil
	}
	unitID, objID, qualified := strings.Cut(ref, "/")
	target := u.Parent
	if qualified {
		target = nil
		for a := u.Parent; a != nil; a = a.Parent {
			if a.ID == unitID {
				target = a
				break
			}
		}
		if target == nil {
			v.dl.Errorf(loc.Pos(p), "objective %q supports %q, but %q is not an ancestor of unit %q (objectives support objectives of the units above them)", o.ID, ref, unitID, u.ID)
			return nil
		}
	} else {
		objID = unitID
	}
	for _, t := range target.Objectives {
		if t.ID == objID {
			return t
		}
	}
	v.dl.Errorf(loc.Pos(p), "objective %q supports %q, but unit %q has no objective %q", o.ID, ref, target.ID, objID)
	return nil
}

// drivesCycles reports each cycle of drives links once, naming it.
func (v *validator) drivesCycles(us unitSrc) {
	// A cycle a → … → o → a is reported at o's drives entry that names a,
	// the link that closes it.
	for _, c := range cycles(us.u.Objectives, func(o *model.Objective) []*model.Objective { return o.Drives }) {
		o, e := c[len(c)-2], c[0]
		v.dl.Errorf(drivesPos(us, o, e), "drives links form a cycle: %s (cause and effect must not loop)", cycleNames(c, func(o *model.Objective) string { return o.ID }))
	}
}

// computed resolves formula inputs and roll-up sources of a unit's measures.
func (v *validator) computed(us unitSrc) {
	u := us.u
	byID := map[string]*model.Measure{}
	for _, m := range u.Measures {
		byID[m.ID] = m
	}
	for _, m := range u.Measures {
		if m.Formula != nil {
			v.formulaInputs(us, m, byID)
		}
		if m.Rollup != model.AggNone {
			v.rollupSources(us, m)
		}
	}
	v.formulaCycles(us)
	for _, m := range u.Measures {
		if m.Formula != nil && m.Basis == model.YTDBasis {
			for _, in := range leafInputs(m, map[*model.Measure]bool{}) {
				if in.Aggregation == model.AggNone {
					v.dl.Errorf(measureKeyPos(us, m, "formula"), "measure %q is scored year to date, so its formula aggregates each input over the year first: input %q needs an aggregation (sum | average | last | min | max)", m.ID, in.ID)
				}
			}
		}
	}
}

// measureKeyPos points at the value of key in measure m's table, or at m's
// id when the file has no such key.
func measureKeyPos(us unitSrc, m *model.Measure, key string) diag.Pos {
	loc := us.file.Loc
	for i, o := range us.file.Card.Objectives {
		for j := range o.Measures {
			p := at("objectives[%d].measures[%d]", i, j)
			if loc.Pos(p+".id") == m.Pos && loc.Has(p+"."+key) {
				return loc.Pos(p + "." + key)
			}
		}
	}
	return m.Pos
}

// refPos points at the first use of m's formula input i in the formula's
// text, where a message about that input belongs.
func refPos(us unitSrc, m *model.Measure, i int) diag.Pos {
	pos := measureKeyPos(us, m, "formula")
	if pos != m.Pos {
		pos = stringPos(pos, m.Formula.String(), m.Formula.RefOffset(i))
	}
	return pos
}

// stringPos moves pos, the position of a string value's opening quote, to
// byte off of the string's text, counting columns in characters as the
// rest of the positions do.
func stringPos(pos diag.Pos, text string, off int) diag.Pos {
	pos.Col += 1 + utf8.RuneCountInString(text[:min(max(off, 0), len(text))])
	return pos
}

func (v *validator) formulaInputs(us unitSrc, m *model.Measure, byID map[string]*model.Measure) {
	for i, ref := range m.Formula.Refs() {
		in := byID[ref]
		switch {
		case in == nil:
			hint := ""
			if parts := strings.Split(ref, "-"); len(parts) > 1 && allKnown(parts, byID) {
				hint = at(` (a hyphen inside a name is part of it; to subtract, put spaces around the minus: %s)`, strings.Join(parts, " - "))
			}
			v.dl.Errorf(refPos(us, m, i), "formula of measure %q uses %q, which is not a measure of unit %q%s", m.ID, ref, us.u.ID, hint)
		case in.Freq != m.Freq:
			v.dl.Errorf(refPos(us, m, i), "formula of %s measure %q uses %s measure %q: a formula's inputs have its frequency", m.Freq, m.ID, in.Freq, in.ID)
		default:
			m.Inputs = append(m.Inputs, in)
		}
	}
	if len(m.Inputs) != len(m.Formula.Refs()) {
		m.Inputs = nil
	}
}

func allKnown(ids []string, byID map[string]*model.Measure) bool {
	for _, id := range ids {
		if byID[strings.TrimSpace(id)] == nil {
			return false
		}
	}
	return true
}

func (v *validator) rollupSources(us unitSrc, m *model.Measure) {
	pos := measureKeyPos(us, m, "rollup")
	found := false
	for _, c := range m.Unit.Children {
		for _, cm := range c.Measures {
			if cm.ID != m.ID {
				continue
			}
			found = true
			if cm.Freq != m.Freq {
				v.dl.Errorf(pos, "measure %q rolls up %q of unit %q, which is %s, not %s", m.ID, cm.ID, c.ID, cm.Freq, m.Freq)
				continue
			}
			m.RollupFrom = append(m.RollupFrom, cm)
		}
	}
	if len(m.RollupFrom) == 0 && len(m.Unit.Children) == 0 {
		v.dl.Errorf(pos, "measure %q rolls up its child units, but unit %q has none", m.ID, m.Unit.ID)
	} else if !found {
		v.dl.Errorf(pos, "measure %q rolls up measure %q of its child units, but none of them has it", m.ID, m.ID)
	}
}

// formulaCycles reports formulas that depend on themselves, each at the
// input that closes the cycle.
func (v *validator) formulaCycles(us unitSrc) {
	for _, c := range cycles(us.u.Measures, func(m *model.Measure) []*model.Measure { return m.Inputs }) {
		m, in := c[len(c)-2], c[0]
		v.dl.Errorf(refPos(us, m, slices.Index(m.Inputs, in)), "formulas form a cycle: %s (each uses the next)", cycleNames(c, func(m *model.Measure) string { return m.ID }))
	}
}

// leafInputs lists the measures a formula ultimately reads, through formula
// inputs that are formulas themselves.
func leafInputs(m *model.Measure, seen map[*model.Measure]bool) []*model.Measure {
	var out []*model.Measure
	for _, in := range m.Inputs {
		if seen[in] {
			continue
		}
		seen[in] = true
		if in.Formula != nil {
			out = append(out, leafInputs(in, seen)...)
		} else {
			out = append(out, in)
		}
	}
	return out
}
