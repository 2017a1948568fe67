package view

import (
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// TestSharedPageCount: the render counts the pages it is about to make
// without listing them; the count is the list's length, for a site with
// units below the root (an alignment page) and for a site of one unit
// (none), with objectives, measures and initiatives.
func TestSharedPageCount(t *testing.T) {
	one := &model.Site{Units: []*model.Unit{{ID: "root"}}}
	many := tree()
	for i, u := range many.Units {
		for k := range i % 3 {
			o := &model.Objective{ID: "o" + string(rune('a'+k)), Unit: u}
			u.Objectives = append(u.Objectives, o)
			u.Measures = append(u.Measures, &model.Measure{ID: o.ID + "-m", Unit: u, Objective: o})
		}
		if i%4 == 0 {
			u.Initiatives = append(u.Initiatives, &model.Initiative{ID: "i", Unit: u})
		}
	}
	for _, s := range []*model.Site{one, many} {
		r := &compute.Result{Site: s}
		pages := SharedPages(r)
		if got := SharedPageCount(r); got != len(pages) {
			t.Errorf("%d units: SharedPageCount = %d, SharedPages lists %d", len(s.Units), got, len(pages))
		}
		n := 0
		for range EachSharedPage(r) {
			if n++; n == 3 {
				break // a consumer that stops early
			}
		}
	}
}
