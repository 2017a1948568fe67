package view

import (
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// tree is a site of a root, 5 children and 6 grandchildren under each: 36
// units, 6 of them within one level of the root.
func tree() *model.Site {
	s := &model.Site{}
	add := func(id string, parent *model.Unit) *model.Unit {
		u := &model.Unit{ID: id, Parent: parent, Index: len(s.Units)}
		if parent != nil {
			u.Depth = parent.Depth + 1
			parent.Children = append(parent.Children, u)
		}
		s.Units = append(s.Units, u)
		return u
	}
	root := add("root", nil)
	for c := range 5 {
		child := add("c"+string(rune('a'+c)), root)
		for g := range 6 {
			add(child.ID+string(rune('0'+g)), child)
		}
	}
	return s
}

func ids(us []*model.Unit) string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return strings.Join(out, " ")
}

// TestPackUnits: the pack's units for a scope, and the bound of 30 unit
// sections when no depth is given: 36 units within two levels are too
// many, so the pack stops at the root's children and counts the 30 below.
// And of 400 measures: with 70 measures in each of the root's children
// (350 with the root's none) the children fit; with 60 in each grandchild,
// a child with its six grandchildren (430) does not.
func TestPackUnits(t *testing.T) {
	s := tree()
	heavy := tree()
	for _, u := range heavy.Units {
		n := map[int]int{0: 0, 1: 70, 2: 60}[u.Depth]
		u.Measures = make([]*model.Measure, n)
	}
	if units, depth, omitted, bound := PackUnits(heavy, model.PackScope{Unit: heavy.Units[1], Depth: model.AutoDepth}); ids(units) != "ca" || depth != 0 || omitted != 6 || !bound {
		t.Errorf("70 measures and 6 × 60 below: %s, depth %d, %d left out, bound %v; want ca alone, bound", ids(units), depth, omitted, bound)
	}
	if units, _, _, _ := PackUnits(heavy, model.PackScope{Depth: model.AutoDepth}); len(units) != 6 {
		t.Errorf("the root's children, 350 measures: %d units; want 6", len(units))
	}
	ca := s.Units[1]
	for _, c := range []struct {
		scope          model.PackScope
		units          string
		depth, omitted int
		bound          bool
	}{
		{model.PackScope{Depth: model.AutoDepth}, "root ca cb cc cd ce", 1, 30, true},
		{model.PackScope{Depth: 0}, "root", 0, 35, false},
		{model.PackScope{Depth: 2}, ids(s.Units), 2, 0, false},
		{model.PackScope{Unit: ca, Depth: model.AutoDepth}, "ca ca0 ca1 ca2 ca3 ca4 ca5", 1, 0, false},
		{model.PackScope{Unit: ca, Depth: 0}, "ca", 0, 6, false},
	} {
		units, depth, omitted, bound := PackUnits(s, c.scope)
		if ids(units) != c.units || depth != c.depth || omitted != c.omitted || bound != c.bound {
			t.Errorf("%+v: %s, depth %d, %d left out, bound %v; want %s, %d, %d, %v", c.scope, ids(units), depth, omitted, bound, c.units, c.depth, c.omitted, c.bound)
		}
	}
}
