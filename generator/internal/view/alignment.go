package view

import (
	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// AlignmentView is the alignment page: for each unit with units below it,
// how the objectives of those units support its objectives, and the gaps.
type AlignmentView struct {
	Units []AlignmentUnit
}

// AlignmentUnit is one unit's section of the alignment page.
type AlignmentUnit struct {
	Anchor     string // "unit-<id>"
	Unit       Link
	Score      Score
	Children   []Link
	Objectives []AlignedObjective
	// Unsupported counts the objectives no unit below supports.
	Unsupported int
	// Idle are the objectives of the unit's children that support nothing.
	Idle []SupporterRow
}

// AlignedObjective is an objective with the objectives of units below that
// support it.
type AlignedObjective struct {
	Link
	Perspective string
	Score       Score
	Supporters  []SupporterRow
}

// SupporterRow is an objective of another unit, with its unit and score.
type SupporterRow struct {
	Link
	Unit  Link
	Score Score
}

// alignmentAnchor is the id of a unit's section of the alignment page.
func alignmentAnchor(u *model.Unit) string { return "unit-" + u.ID }

func (b *Builder) alignmentView(path string) *AlignmentView {
	here := rel(path)
	v := &AlignmentView{}
	for _, u := range b.r.Site.Units {
		if len(u.Children) == 0 {
			continue
		}
		ur := b.r.Unit(u)
		au := AlignmentUnit{
			Anchor: alignmentAnchor(u),
			Unit:   Link{Text: u.Name, Href: here + unitPath(u)},
			Score:  b.score(ur.Score, ur.Status),
		}
		for _, c := range u.Children {
			au.Children = append(au.Children, Link{Text: c.Name, Href: here + unitPath(c)})
			for _, o := range c.Objectives {
				if len(o.Supports) == 0 {
					au.Idle = append(au.Idle, b.supporter(here, o))
				}
			}
		}
		for _, pr := range ur.Perspectives {
			for _, o := range pr.Objectives {
				or := b.r.Objective(o)
				ao := AlignedObjective{
					Link:        Link{Text: o.Name, Href: here + objectivePath(o)},
					Perspective: chart.PerspectiveName(b.w, pr.Perspective),
					Score:       b.score(or.Score, or.Status),
				}
				for _, s := range o.SupportedBy {
					ao.Supporters = append(ao.Supporters, b.supporter(here, s))
				}
				if len(ao.Supporters) == 0 {
					au.Unsupported++
				}
				au.Objectives = append(au.Objectives, ao)
			}
		}
		v.Units = append(v.Units, au)
	}
	return v
}

func (b *Builder) supporter(here string, o *model.Objective) SupporterRow {
	or := b.r.Objective(o)
	return SupporterRow{
		Link:  Link{Text: o.Name, Href: here + objectivePath(o)},
		Unit:  Link{Text: o.Unit.Name, Href: here + unitPath(o.Unit)},
		Score: b.score(or.Score, or.Status),
	}
}

// alignmentLink is where a unit page points on the alignment page: to the
// unit's own section when units report to it, else to its parent's, where
// its objectives appear as support; none for a unit alone.
func (b *Builder) alignmentLink(path string, u *model.Unit) *Link {
	switch {
	case len(u.Children) > 0:
		return &Link{Text: b.w.Text("align_link_children"), Href: rel(path) + alignmentPath + "#" + alignmentAnchor(u)}
	case u.Parent != nil:
		return &Link{Text: b.w.Text("align_link_parent", "unit", u.Parent.Name), Href: rel(path) + alignmentPath + "#" + alignmentAnchor(u.Parent)}
	}
	return nil
}

// hasCascade reports whether any unit has units below it: only then is
// there an alignment page.
func hasCascade(r *compute.Result) bool { return len(r.Site.Units) > 1 }
