package gen

import (
	"fmt"
	"slices"
	"time"
)

// Objectives per unit: four to eight, at least one per perspective.
const (
	minObjectives = numPerspectives
	maxObjectives = 8
)

// planObjectives chooses the unit's objectives and shares its measures among
// them, each objective getting at least one. Measures are then reordered to
// follow their objectives, as scorecard.toml nests them.
func (b *unitBuilder) planObjectives() {
	var byP [numPerspectives][]int // measure indexes per perspective
	for i, m := range b.u.measures {
		byP[m.persp] = append(byP[m.persp], i)
	}
	counts := b.objectiveCounts(byP)
	var ordered []measure
	for p := range numPerspectives {
		objs := b.objectivesOf(p, counts[p])
		for k, mi := range byP[p] {
			o := k
			if k >= len(objs) {
				o = b.r.IntN(len(objs))
			}
			objs[o].measures = append(objs[o].measures, mi)
		}
		for _, o := range objs {
			for j, mi := range o.measures {
				o.measures[j] = len(ordered)
				ordered = append(ordered, b.u.measures[mi])
			}
			b.u.objectives = append(b.u.objectives, o)
		}
	}
	b.u.measures = ordered
}

// objectiveCounts gives each perspective one objective, then shares out the
// rest of a random total where there are measures enough to fill them.
func (b *unitBuilder) objectiveCounts(byP [numPerspectives][]int) [numPerspectives]int {
	var counts [numPerspectives]int
	for p := range counts {
		counts[p] = 1
	}
	extra := minObjectives + b.r.IntN(maxObjectives-minObjectives+1) - numPerspectives
	for ; extra > 0; extra-- {
		var room []int
		for p := range counts {
			if counts[p] < len(byP[p]) && counts[p] < len(objectiveCatalogue[p]) {
				room = append(room, p)
			}
		}
		if len(room) == 0 {
			break
		}
		counts[room[b.r.IntN(len(room))]]++
	}
	return counts
}

// objectivesOf draws n objectives of perspective p. A unit's first financial
// objective is always growing revenue, which holds the revenue measure.
func (b *unitBuilder) objectivesOf(p, n int) []objective {
	pool := objectiveCatalogue[p]
	order := b.r.Perm(len(pool))
	if p == financial {
		i := slices.Index(order, 0)
		order[0], order[i] = order[i], order[0]
	}
	objs := make([]objective, n)
	for i := range objs {
		t := pool[order[i]]
		objs[i] = objective{id: t.id, name: t.name, persp: p, owner: b.u.name + " " + ownerRoles[p]}
		if b.r.Float64() < 0.2 {
			objs[i].weight = 2
		}
	}
	return objs
}

// link adds cause and effect inside the unit and alignment with the units
// above. Drives only point up the strategy map (learning → internal →
// customer → financial), so they cannot form a cycle.
func (b *unitBuilder) link() {
	var byP [numPerspectives][]int
	for i, o := range b.u.objectives {
		byP[o.persp] = append(byP[o.persp], i)
	}
	for p := customer; p < numPerspectives; p++ {
		for _, i := range byP[p] {
			o := &b.u.objectives[i]
			up := byP[p-1]
			o.addDrive(b.u.objectives[up[b.r.IntN(len(up))]].id)
			if b.r.Float64() < 0.3 {
				o.addDrive(b.u.objectives[up[b.r.IntN(len(up))]].id)
			}
			if p >= 2 && b.r.Float64() < 0.1 {
				two := byP[p-2]
				o.addDrive(b.u.objectives[two[b.r.IntN(len(two))]].id)
			}
		}
	}
	if b.u.n.parent >= 0 {
		for i := range b.u.objectives {
			b.support(&b.u.objectives[i])
		}
	}
}

func (o *objective) addDrive(id string) {
	for _, d := range o.drives {
		if d == id {
			return
		}
	}
	o.drives = append(o.drives, id)
}

// support aligns o with an objective of the same perspective in the parent
// unit ("objective-id") or, now and then, in the grandparent
// ("unit-id/objective-id"). Every unit has an objective in every perspective.
func (b *unitBuilder) support(o *objective) {
	if b.r.Float64() >= supportShare {
		return
	}
	n := b.u.n
	up := n.parent
	prefix := ""
	if gp := b.d.nodes[up].parent; gp >= 0 && b.r.Float64() < skipLevelShare {
		up, prefix = gp, b.d.nodes[gp].id+"/"
	}
	ids := b.d.objIDs[up][o.persp]
	o.supports = append(o.supports, prefix+ids[b.r.IntN(len(ids))])
}

// planInitiatives gives the root three initiatives and one in ten other
// units one, each with a few milestones.
func (b *unitBuilder) planInitiatives() {
	n := 0
	switch {
	case b.u.n.parent < 0:
		n = 3
	case b.r.Float64() < initiativeShare:
		n = 1
	}
	for _, k := range b.r.Perm(len(initiativeCatalogue))[:n] {
		b.u.initiatives = append(b.u.initiatives, b.initiative(k))
	}
}

// asOf is the end of the data: milestones due by then are mostly done.
var asOf = time.Date(endYear, endMonth+1, 0, 0, 0, 0, 0, time.UTC)

func (b *unitBuilder) initiative(k int) initiative {
	c := initiativeCatalogue[k]
	in := initiative{id: c.id, name: c.name, owner: b.u.owner}
	// Serve an objective of the initiative's perspective, sometimes another.
	for _, o := range b.u.objectives {
		if o.persp == c.perspective {
			in.objectives = append(in.objectives, o.id)
			break
		}
	}
	if o := b.u.objectives[b.r.IntN(len(b.u.objectives))]; o.id != in.objectives[0] && b.r.Float64() < 0.5 {
		in.objectives = append(in.objectives, o.id)
	}
	start := time.Date(2025, time.Month(1+b.r.IntN(18)), 1, 0, 0, 0, 0, time.UTC)
	months := 6 + b.r.IntN(19)
	end := start.AddDate(0, months, -1)
	in.start, in.end = date(start), date(end)
	in.budget = float64(50+b.r.IntN(1950)) * 1000
	nm := 2 + b.r.IntN(3)
	done := true
	for i := range nm {
		// Milestones are spread over the initiative, the last on its end,
		// and delivered in order: one that slipped holds up the rest.
		due := start.AddDate(0, months*(i+1)/nm, -1)
		done = done && !due.After(asOf) && b.r.Float64() < 0.85
		in.milestones = append(in.milestones, milestone{name: milestoneNames[(i*len(milestoneNames))/nm], due: date(due), done: done})
	}
	return in
}

func date(t time.Time) string {
	return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), t.Day())
}
