package validate

import (
	"slices"
	"strconv"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// initiatives checks a unit's initiatives.
func (v *validator) initiatives(us unitSrc) {
	u, loc := us.u, us.file.Loc
	seen := map[string]bool{}
	objs := map[string]*model.Objective{}
	for _, o := range u.Objectives {
		objs[o.ID] = o
	}
	for i, src := range us.file.Card.Initiatives {
		p := at("initiatives[%d]", i)
		if !v.id(loc, p+".id", src.ID, "initiative") {
			continue
		}
		if seen[src.ID] {
			v.dl.Errorf(loc.Pos(p+".id"), "initiative id %q is used twice in unit %q", src.ID, u.ID)
			continue
		}
		seen[src.ID] = true
		v.required(loc, p, "name", src.Name, func() string { return describe("initiative", src.ID) })
		in := &model.Initiative{ID: src.ID, Name: src.Name, Owner: src.Owner, Unit: u, Pos: loc.Pos(p + ".id")}
		for k, id := range src.Objectives {
			o := objs[id]
			if o == nil {
				v.dl.Errorf(loc.Pos(at("%s.objectives[%d]", p, k)), "initiative %q names objective %q, which unit %q does not have", src.ID, id, u.ID)
				continue
			}
			in.Objectives = append(in.Objectives, o)
		}
		if src.Start != nil {
			in.Start = *src.Start
		}
		if src.End != nil {
			in.End = *src.End
		}
		if src.Start != nil && src.End != nil && in.End.Before(in.Start) {
			v.dl.Errorf(loc.Pos(p+".end"), "initiative %q ends (%s) before it starts (%s)", src.ID, day(in.End), day(in.Start))
		}
		if src.Budget != nil {
			if *src.Budget < 0 {
				v.dl.Errorf(loc.Pos(p+".budget"), "budget %v is negative", *src.Budget)
			}
			in.Budget = model.Some(*src.Budget)
		}
		switch src.Schedule {
		case "", "linear":
		case "milestones":
			in.Schedule = model.Stepwise
		default:
			v.dl.Errorf(loc.Pos(p+".schedule"), "schedule %s is not one of linear | milestones", diag.Quote(src.Schedule))
		}
		v.milestones(loc, p, src, in)
		u.Initiatives = append(u.Initiatives, in)
	}
}

// milestones checks an initiative's milestones and gives each the progress
// the stepwise schedule expects once it is due.
func (v *validator) milestones(loc *tomlx.Locator, p string, src load.Initiative, in *model.Initiative) {
	var given, missing []int // indexes into in.Milestones
	paths := map[int]string{}
	for k, ms := range src.Milestones {
		mp := at("%s.milestones[%d]", p, k)
		v.required(loc, mp, "name", ms.Name, func() string { return "a milestone of initiative " + diag.Quote(src.ID) })
		if ms.Due == nil {
			if !loc.Has(mp + ".due") { // a value of the wrong type is reported already
				v.dl.Errorf(loc.Pos(mp), "milestone %q of initiative %q has no due date", ms.Name, src.ID)
			}
			continue
		}
		m := model.Milestone{Name: ms.Name, Due: *ms.Due, Done: ms.Done.Done}
		if on := ms.Done.On; on != nil {
			m.DoneOn = *on
			if !in.Start.IsZero() && on.Before(in.Start) {
				v.dl.Errorf(loc.Pos(mp+".done"), "milestone %q of initiative %q is done on %s, before the initiative starts (%s)", ms.Name, src.ID, day(*on), day(in.Start))
			}
		}
		if ms.Progress != nil {
			switch {
			case in.Schedule != model.Stepwise:
				v.dl.Errorf(loc.Pos(mp+".progress"), "progress is the percent complete expected at a milestone of the stepwise schedule: it needs schedule = \"milestones\" on initiative %q", src.ID)
			case *ms.Progress < 0 || *ms.Progress > 100:
				v.dl.Errorf(loc.Pos(mp+".progress"), "progress %v is not a percentage from 0 to 100", *ms.Progress)
			}
			m.Progress = *ms.Progress
			given = append(given, len(in.Milestones))
		} else {
			missing = append(missing, len(in.Milestones))
		}
		paths[len(in.Milestones)] = mp
		in.Milestones = append(in.Milestones, m)
	}
	if in.Schedule != model.Stepwise {
		return
	}
	if len(in.Milestones) == 0 {
		if len(src.Milestones) == 0 { // else their errors are reported
			v.dl.Errorf(loc.Pos(p+".schedule"), "initiative %q has schedule = \"milestones\" but no milestones to step at", src.ID)
		}
		return
	}
	if len(given) > 0 && len(missing) > 0 {
		k := missing[0]
		v.dl.Errorf(loc.Pos(paths[k]), "milestone %q of initiative %q has no progress, but other milestones of it have: give progress to every milestone or to none", in.Milestones[k].Name, src.ID)
		return
	}
	byDue := make([]int, len(in.Milestones))
	for k := range byDue {
		byDue[k] = k
	}
	slices.SortStableFunc(byDue, func(a, b int) int { return in.Milestones[a].Due.Compare(in.Milestones[b].Due) })
	for rank, k := range byDue {
		m := &in.Milestones[k]
		if len(given) == 0 {
			m.Progress = 100 * float64(rank+1) / float64(len(byDue))
			continue
		}
		if rank > 0 {
			prev := in.Milestones[byDue[rank-1]]
			if m.Progress < prev.Progress {
				v.dl.Errorf(loc.Pos(paths[k]+".progress"), "milestone %q of initiative %q expects %s%% complete by %s, less than the %s%% of milestone %q due before it: the expected progress never falls", m.Name, src.ID, pct(m.Progress), day(m.Due), pct(prev.Progress), prev.Name)
			}
		}
	}
}

func day(t time.Time) string { return t.Format("2006-01-02") }

func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
