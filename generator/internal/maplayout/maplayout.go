// Package maplayout lays out a strategy map: perspective lanes stacked top
// to bottom, objectives as boxes in their lanes, grouped left to right in
// theme bands, and drives links as orthogonal arrows from cause to effect
// that stay on the canvas and never pass through a box. It knows nothing of
// pages, charts or fonts: sizes in, positions out, in pixels.
//
// The method is a layered-graph drawing in the manner of Sugiyama, Tagawa
// and Toda, with the crossing reduction of Graphviz's dot and dagre
// (barycentres swept up and down the lanes, then adjacent exchanges), and
// channel routing between the lanes; docs/strategy-map.md describes each
// step and where it comes from.
package maplayout

import (
	"errors"
	"fmt"
)

// Input is what a map shows.
type Input struct {
	Lanes      int    // perspective lanes, top to bottom
	Bands      []Band // theme bands, left to right; at least one when there are objectives
	Objectives []Objective
	Links      []Link
	Spacing    Spacing
	// KeepOrder places objectives in their input order within each lane
	// and band, without reducing crossings: the naive order the tests
	// compare against.
	KeepOrder bool
}

// Band is a vertical band of the map, a strategic theme.
type Band struct {
	MinW float64 // the band is at least this wide (room for its label)
}

// Objective is a box of the map.
type Objective struct {
	Lane, Band int
	W, H       float64
}

// Link is an arrow from the objective From (the cause) to To (the effect),
// indexes into Input.Objectives.
type Link struct{ From, To int }

// Spacing holds the distances of a layout, in pixels.
type Spacing struct {
	Left    float64 // left of the first band: the lane labels
	Top     float64 // above the first lane: the band labels
	Margin  float64 // right of the last band and below the last lane
	BoxGap  float64 // between neighbouring boxes of a lane
	BandGap float64 // between neighbouring bands
	Track   float64 // between parallel arrow segments, and from an arrow passing a box to the box
	Clear   float64 // the least length of an arrow's first and last segments (room for its head)
	PortGap float64 // between arrow ends along one side of a box, where it has room
	Corner  float64 // arrow ends keep this far from a box's corners
	MinRow  float64 // the least height of a lane's row of boxes
}

// Layout is where everything goes. Boxes and Arrows are in the order of
// Input.Objectives and Input.Links.
type Layout struct {
	W, H   float64
	Boxes  []Rect
	Lanes  []Span // each lane's top and bottom
	Bands  []Span // each band's left and right
	Arrows [][]Point
	// Order lists each lane's objectives from left to right.
	Order [][]int
}

// Point is a position on the map; y grows downwards.
type Point struct{ X, Y float64 }

// Rect is a box by its top left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Span is an interval of one axis.
type Span struct{ Lo, Hi float64 }

// Centre returns the middle of r.
func (r Rect) Centre() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// Compute lays out in. The same input always gives the same layout.
func Compute(in Input) (*Layout, error) {
	if err := check(in); err != nil {
		return nil, err
	}
	g := newGraph(in)
	if in.KeepOrder {
		g.keepOrder()
	} else {
		g.reduceCrossings()
	}
	g.place()
	r := g.route()
	return r.layout(), nil
}

// check refuses input that cannot be laid out.
func check(in Input) error {
	if in.Lanes < 0 {
		return errors.New("maplayout: negative number of lanes")
	}
	if len(in.Objectives) > 0 && len(in.Bands) == 0 {
		return errors.New("maplayout: objectives but no band")
	}
	for i, b := range in.Bands {
		if !(b.MinW >= 0) {
			return fmt.Errorf("maplayout: band %d: width %v", i, b.MinW)
		}
	}
	for i, o := range in.Objectives {
		switch {
		case o.Lane < 0 || o.Lane >= in.Lanes:
			return fmt.Errorf("maplayout: objective %d: lane %d of %d", i, o.Lane, in.Lanes)
		case o.Band < 0 || o.Band >= len(in.Bands):
			return fmt.Errorf("maplayout: objective %d: band %d of %d", i, o.Band, len(in.Bands))
		case !(o.W > 0) || !(o.H > 0):
			return fmt.Errorf("maplayout: objective %d: size %v × %v", i, o.W, o.H)
		}
	}
	seen := map[Link]bool{}
	for i, l := range in.Links {
		n := len(in.Objectives)
		switch {
		case l.From < 0 || l.From >= n || l.To < 0 || l.To >= n:
			return fmt.Errorf("maplayout: link %d: %d → %d with %d objectives", i, l.From, l.To, n)
		case l.From == l.To:
			return fmt.Errorf("maplayout: link %d: objective %d drives itself", i, l.From)
		case seen[l] || seen[Link{l.To, l.From}]:
			return fmt.Errorf("maplayout: link %d: %d and %d are linked twice", i, l.From, l.To)
		}
		seen[l] = true
	}
	s := in.Spacing
	for _, v := range []float64{s.Left, s.Top, s.Margin, s.BoxGap, s.BandGap, s.Track, s.Clear, s.PortGap, s.Corner, s.MinRow} {
		if !(v >= 0) || v > 1e6 {
			return fmt.Errorf("maplayout: spacing %v", v)
		}
	}
	if s.Track <= 0 || s.Clear <= 0 {
		return errors.New("maplayout: Track and Clear must be more than 0")
	}
	return nil
}
