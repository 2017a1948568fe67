package validate

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// unitSrc pairs a unit with the file it came from, for positions.
type unitSrc struct {
	u    *model.Unit
	file *load.UnitFile
}

// units builds the unit tree and everything in it.
func (v *validator) units(s *model.Site) {
	var all []unitSrc
	byDir := map[string]*model.Unit{}
	byID := map[string]*load.UnitFile{}
	for _, f := range v.src.Units {
		u := v.unit(f, byID)
		if u == nil {
			continue
		}
		byDir[f.Dir] = u
		if f.ParentDir != "" {
			u.Parent = byDir[f.ParentDir]
			if u.Parent == nil {
				continue // the parent did not load; its error is reported
			}
			u.Parent.Children = append(u.Parent.Children, u)
		}
		all = append(all, unitSrc{u, f})
	}
	if len(all) == 0 || all[0].file.Dir != load.ContentDir {
		return
	}
	s.Units = preorder(all[0].u)
	fileOf := map[*model.Unit]*load.UnitFile{}
	for _, us := range all {
		fileOf[us.u] = us.file
	}
	ordered := make([]unitSrc, len(s.Units))
	for i, u := range s.Units {
		u.Index = i
		ordered[i] = unitSrc{u, fileOf[u]}
	}
	if s.Title == "" {
		s.Title = s.Root().Name
	}

	persp := map[string]*model.Perspective{}
	for _, p := range s.Perspectives {
		persp[p.ID] = p
	}
	v.eachUnit(ordered, func(uv *validator, us unitSrc) { uv.objectives(s, us, persp) })
	nObj, nMeas := 0, 0
	for _, us := range ordered {
		for _, o := range us.u.Objectives {
			o.Index = nObj
			nObj++
		}
		for _, m := range us.u.Measures {
			m.Index = nMeas
			nMeas++
		}
	}
	s.Measures = nMeas
	for _, us := range ordered {
		v.links(us)
		v.initiatives(us)
		for _, in := range us.u.Initiatives {
			in.Index = s.Initiatives
			s.Initiatives++
		}
		v.notes(s, us)
	}
	// A unit's formulas and roll-ups are its own measures', and read
	// nothing the others' checks write.
	v.eachUnit(ordered, func(uv *validator, us unitSrc) {
		uv.computed(us)
		uv.criticalFew(s, us)
	})
}

// eachUnit calls check for every unit in parallel, with a validator of
// the unit's own; their problems are merged in unit order, as one loop
// would have made them. On a cascade of a thousand units, checking the
// objectives and measures was most of the model's time.
func (v *validator) eachUnit(units []unitSrc, check func(*validator, unitSrc)) {
	lists := make([]diag.List, len(units))
	parallel.For(len(units), func(i int) {
		check(&validator{dl: &lists[i], src: v.src}, units[i])
	})
	for i := range lists {
		v.dl.Merge(&lists[i])
	}
}

// unit checks a scorecard's own keys and returns its unit, or nil when the file
// could not be read or its id is unusable.
func (v *validator) unit(f *load.UnitFile, byID map[string]*load.UnitFile) *model.Unit {
	if f.Loc == nil {
		return nil
	}
	c := &f.Card
	id := path.Base(f.Dir)
	if f.Dir == load.ContentDir {
		id = or(c.ID, "org")
		if !v.id(f.Loc, "id", id, "unit") {
			return nil
		}
	} else {
		if c.ID != "" && c.ID != id {
			v.dl.Errorf(f.Loc.Pos("id"), "id %q differs from the folder name %q: a unit's id is its folder name (only the root scorecard sets id)", c.ID, id)
		}
		if !ValidID(id) {
			v.dl.Errorf(f.Loc.Pos(""), "folder name %q is not a valid unit id (a unit's id is its folder name): %s", id, idRule)
			return nil
		}
	}
	if prev, ok := byID[id]; ok {
		v.dl.Errorf(f.Loc.Pos("id"), "unit id %q is already used by %s: unit ids are unique in the whole site", id, prev.File)
		return nil
	}
	byID[id] = f
	v.required(f.Loc, "", "name", c.Name, func() string { return describe("unit", id) })
	return &model.Unit{
		ID: id, Name: c.Name, Owner: c.Owner, Mission: c.Mission,
		Vision: markdown(c.Vision), Strategy: markdown(c.Strategy),
		Dir: f.Dir, File: f.File,
	}
}

// preorder lists the tree under root, a parent before its children and
// siblings by id.
func preorder(root *model.Unit) []*model.Unit {
	var out []*model.Unit
	var walk func(u *model.Unit, depth int)
	walk = func(u *model.Unit, depth int) {
		u.Depth = depth
		out = append(out, u)
		slices.SortFunc(u.Children, func(a, b *model.Unit) int { return cmp.Compare(a.ID, b.ID) })
		for _, c := range u.Children {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return out
}

// objectives checks a unit's objectives and their measures.
func (v *validator) objectives(s *model.Site, us unitSrc, persp map[string]*model.Perspective) {
	u, loc := us.u, us.file.Loc
	objIDs := map[string]bool{}
	measIDs := map[string]bool{}
	var th themes
	for i, src := range us.file.Card.Objectives {
		p := "objectives[" + strconv.Itoa(i) + "]"
		if !v.id(loc, p+".id", src.ID, "objective") {
			continue
		}
		if objIDs[src.ID] {
			v.dl.Errorf(loc.Pos(p+".id"), "objective id %q is used twice in unit %q", src.ID, u.ID)
			continue
		}
		objIDs[src.ID] = true
		o := &model.Objective{
			ID: src.ID, Name: src.Name, Owner: src.Owner, Unit: u,
			Weight: v.weight(loc, p+".weight", src.Weight),
			Pos:    loc.Pos(p + ".id"),
		}
		v.required(loc, p, "name", src.Name, func() string { return describe("objective", src.ID) })
		o.Theme = th.check(v, loc, p+".theme", src.Theme)
		switch pp := persp[src.Perspective]; {
		case src.Perspective == "":
			v.dl.Errorf(loc.Pos(p), "objective %q has no perspective", src.ID)
		case pp == nil:
			v.dl.Errorf(loc.Pos(p+".perspective"), "perspective %q is not defined (the perspectives are %s)", src.Perspective, perspectiveList(s))
		default:
			o.Perspective = pp
		}
		u.Objectives = append(u.Objectives, o)
		for j := range src.Measures {
			mp := p + ".measures[" + strconv.Itoa(j) + "]"
			if m := v.measure(s, loc, mp, &src.Measures[j], measIDs); m != nil {
				m.Objective, m.Unit = o, u
				o.Measures = append(o.Measures, m)
				u.Measures = append(u.Measures, m)
			}
		}
	}
	for _, m := range u.Measures {
		if objIDs[m.ID] {
			v.dl.Errorf(m.Pos, "measure id %q is also an objective id in unit %q: commentary files are named by id, so objective and measure ids must differ", m.ID, u.ID)
		}
	}
}

func perspectiveList(s *model.Site) string {
	var ids []string
	for _, p := range s.Perspectives {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

// notes attaches a unit's narrative and commentary. A commentary file whose name
// is not a period of the site's frequency, or not an objective or measure of
// the unit, is reported and left out: commentary never stops a build, but is
// never silently lost either.
func (v *validator) notes(s *model.Site, us unitSrc) {
	u := us.u
	u.Narrative = us.file.Narrative
	// The ids are indexed at the first note that names one: on L, making
	// the maps for every unit was half the serial time of validating.
	var objs map[string]*model.Objective
	var meas map[string]*model.Measure
	for _, f := range us.file.Notes {
		pos := diag.Pos{File: f.File}
		p, err := period.Parse(f.Period)
		if err != nil || p.Freq != s.Frequency {
			v.dl.Warnf(pos, "commentary file is not named for a %s period (expected notes/%s.md or notes/%s/<objective or measure id>.md); it is left out", s.Frequency, exampleLiteral(s.Frequency), exampleLiteral(s.Frequency))
			continue
		}
		n := model.Note{Period: p, File: f.File, Text: f.Text}
		if f.ID != "" {
			if objs == nil {
				objs = make(map[string]*model.Objective, len(u.Objectives))
				for _, o := range u.Objectives {
					objs[o.ID] = o
				}
				meas = make(map[string]*model.Measure, len(u.Measures))
				for _, m := range u.Measures {
					meas[m.ID] = m
				}
			}
			n.Objective, n.Measure = objs[f.ID], meas[f.ID]
			if n.Objective == nil && n.Measure == nil {
				v.dl.Warnf(pos, "commentary file names %q, which is neither an objective nor a measure of unit %q; it is left out", f.ID, u.ID)
				continue
			}
		}
		u.Notes = append(u.Notes, n)
	}
}

func exampleLiteral(f period.Freq) string {
	switch f {
	case period.Quarterly:
		return "2026-Q3"
	case period.Annual:
		return "2026"
	}
	return "2026-09"
}

// markdown is the Markdown of a text key, nil when it is not set.
func markdown(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}
