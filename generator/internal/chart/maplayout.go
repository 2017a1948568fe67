package chart

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/maplayout"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// A unit's strategy map laid out: package maplayout orders and places the
// boxes and routes the arrows; this gives it the sizes of the boxes and the
// bands from the text they hold, and draws the arrows it routed.

// Geometry sizes a strategy map, in pixels.
type Geometry struct {
	// BoxW are the widths an objective's box may have, widest first: the
	// map takes the widest with which it fits FitW, else the narrowest.
	BoxW     []float64
	FitW     float64
	LabelW   float64 // the lane names on the left
	Font     float32 // the text in the boxes
	LaneFont float32 // lane and theme names
	// On screen the map shrinks to fit its box, down to MinScale, and
	// then scrolls; on paper it shrinks to fit PrintW.
	MinScale float64
	PrintW   float64
}

var (
	// SiteMap is the map of a unit's page: it fits the default theme's
	// page (1,200 pixels less its margins and the figure's).
	SiteMap = Geometry{BoxW: []float64{176, 156, 140}, FitW: 1126, LabelW: 120, Font: 14, LaneFont: 13, MinScale: 0.7, PrintW: 660}
	// PackMap is the board pack's map, made for a portrait A4 or Letter
	// page: its text is 12 px (9 pt) and is printed at that size unless
	// the map is wider than the page even with its narrowest boxes.
	PackMap = Geometry{BoxW: []float64{150, 132, 116}, FitW: 680, LabelW: 96, Font: 12, LaneFont: 12, MinScale: 0.5, PrintW: 680}
)

// charWidth is the average width of a character of the sans-serif fonts
// the map's text is drawn in (DejaVu Sans, Liberation Sans, Arial), as a
// fraction of the font size, with room to spare: names wrap by it.
const charWidth = 0.6

// mapNameLines is how many lines of an objective's name a box shows.
const mapNameLines = 3

// mapLayout is a unit's map laid out: the objectives in file order with
// their boxes, the themes by band.
type mapLayout struct {
	l      *maplayout.Layout
	objs   []*model.Objective
	themes []string // by band; "" for the band of objectives without one
	top    float64  // room above the lanes for the themes' names
	chars  int      // characters of a name per line
	lineH  float32
}

// layoutMap lays out the map of unit u with the widest boxes of geo that
// fit its width, else the narrowest.
func layoutMap(ur *compute.UnitResult, u *model.Unit, geo Geometry) *mapLayout {
	var ml *mapLayout
	for _, w := range geo.BoxW {
		if ml = newMapLayout(ur, u, geo, w); ml.l.W <= geo.FitW {
			break
		}
	}
	return ml
}

func newMapLayout(ur *compute.UnitResult, u *model.Unit, geo Geometry, boxW float64) *mapLayout {
	ml := &mapLayout{objs: u.Objectives, lineH: float32(math.Round(float64(geo.Font) * 1.3))}
	const padX, padY = 10, 8
	ml.chars = int((boxW - 2*padX) / (float64(geo.Font) * charWidth))
	lines := 1
	for _, o := range u.Objectives {
		lines = max(lines, strings.Count(wrap(o.Name, ml.chars, mapNameLines), "\n")+1)
	}
	boxH := float64(lines+1)*float64(ml.lineH) + 2*padY
	band := ml.bands(u)
	ml.top = 6
	if ml.themeCount() > 0 {
		ml.top = float64(geo.LaneFont) + 26
	}
	in := maplayout.Input{Lanes: len(ur.Perspectives), Spacing: maplayout.Spacing{
		Left: geo.LabelW + 8, Top: ml.top, Margin: 12, BoxGap: 28, BandGap: 24, Track: 10, Clear: 14,
		PortGap: 16, Corner: 12, MinRow: boxH,
	}}
	for _, t := range ml.themes {
		w := 0.0
		if t != "" {
			w = math.Min(textWidth(t, geo.LaneFont)+36, 2*boxW)
		}
		in.Bands = append(in.Bands, maplayout.Band{MinW: w})
	}
	lane := map[*model.Perspective]int{}
	for i, pr := range ur.Perspectives {
		lane[pr.Perspective] = i
	}
	index := map[*model.Objective]int{}
	for i, o := range u.Objectives {
		index[o] = i
		in.Objectives = append(in.Objectives, maplayout.Objective{Lane: lane[o.Perspective], Band: band[o.Theme], W: boxW, H: boxH})
	}
	for _, o := range u.Objectives {
		for _, e := range o.Drives {
			in.Links = append(in.Links, maplayout.Link{From: index[o], To: index[e]})
		}
	}
	l, err := maplayout.Compute(in)
	if err != nil {
		panic(err) // validated links between objectives of one unit; failing here is a bug
	}
	ml.l = l
	return ml
}

// bands gives each theme of u a band, in the order the themes first
// appear, and returns the band of each theme. Objectives without a theme
// take a band of their own, after the themes' bands, with no name; without
// themes it is the only one.
func (ml *mapLayout) bands(u *model.Unit) map[string]int {
	band := map[string]int{}
	unthemed := false
	for _, o := range u.Objectives {
		if o.Theme == "" {
			unthemed = true
			continue
		}
		if _, ok := band[o.Theme]; !ok {
			band[o.Theme] = len(ml.themes)
			ml.themes = append(ml.themes, o.Theme)
		}
	}
	if unthemed {
		band[""] = len(ml.themes)
		ml.themes = append(ml.themes, "")
	}
	return band
}

// themeCount is how many named themes the map shows.
func (ml *mapLayout) themeCount() int {
	n := 0
	for _, t := range ml.themes {
		if t != "" {
			n++
		}
	}
	return n
}

// textWidth estimates the width of s in a font of size px.
func textWidth(s string, px float32) float64 {
	return float64(utf8.RuneCountInString(s)) * float64(px) * charWidth
}

// fitText cuts s to fit width pixels, with an ellipsis where it cut.
func fitText(s string, width float64, px float32) string {
	n := max(1, int(width/(float64(px)*charWidth)))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Arrow heads are this long and half this wide.
const (
	arrowHead = 9.0
	arrowHalf = 4.5
)

// graphics are the map's drawn lines, between the lanes' series and the
// boxes': the separators between theme bands, and the arrows with their
// heads.
func (ml *mapLayout) graphics() []graphic {
	var out []graphic
	bands := ml.l.Bands
	for b := 0; b+1 < len(bands); b++ {
		// The gap between the two bands, whichever side each is on.
		x := coordNum((math.Min(bands[b].Hi, bands[b+1].Hi) + math.Max(bands[b].Lo, bands[b+1].Lo)) / 2)
		out = append(out, graphic{Type: "line", Silent: true, Z: 2,
			Shape: lineShape{X1: x, Y1: coordNum(ml.top - 4), X2: x, Y2: coordNum(ml.l.H - 2)},
			Style: graphicStyle{Stroke: mapSeparator, LineWidth: 1, LineDash: []float64{4, 4}}})
	}
	for _, pts := range ml.l.Arrows {
		line, head := arrowLine(pts)
		out = append(out,
			graphic{Type: "polyline", Silent: true, Z: 2, Shape: pointsShape{Points: line},
				Style: graphicStyle{Stroke: mapArrow, LineWidth: 1.6, LineJoin: "round"}},
			graphic{Type: "polygon", Silent: true, Z: 2, Shape: pointsShape{Points: head},
				Style: graphicStyle{Fill: mapArrow}})
	}
	return out
}

// arrowLine returns an arrow's points with its end cut back to the base of
// its head, and the head's corners.
func arrowLine(pts []maplayout.Point) (line, head [][2]float64) {
	n := len(pts)
	tip, from := pts[n-1], pts[n-2]
	d := math.Hypot(tip.X-from.X, tip.Y-from.Y)
	ux, uy := (tip.X-from.X)/d, (tip.Y-from.Y)/d
	base := maplayout.Point{X: tip.X - ux*arrowHead, Y: tip.Y - uy*arrowHead}
	xy := func(x, y float64) [2]float64 { return [2]float64{coordNum(x), coordNum(y)} }
	for _, p := range pts[:n-1] {
		line = append(line, xy(p.X, p.Y))
	}
	line = append(line, xy(base.X, base.Y))
	head = [][2]float64{xy(tip.X, tip.Y), xy(base.X-uy*arrowHalf, base.Y+ux*arrowHalf), xy(base.X+uy*arrowHalf, base.Y-ux*arrowHalf)}
	return line, head
}

// coordNum is a coordinate rounded to a tenth of a pixel.
func coordNum(v float64) float64 { return math.Round(v*10) / 10 }

// mirror turns the layout right to left, for a language written that way:
// every x becomes its distance from the right edge, so the lanes' names,
// in the margin the layout keeps on the left, come on the right, and an
// arrow that ran rightwards runs leftwards. The layout is the map's own.
func (ml *mapLayout) mirror() {
	l := *ml.l
	w := l.W
	l.Boxes = make([]maplayout.Rect, len(ml.l.Boxes))
	for i, b := range ml.l.Boxes {
		b.X = w - b.X - b.W
		l.Boxes[i] = b
	}
	l.Bands = make([]maplayout.Span, len(ml.l.Bands))
	for i, s := range ml.l.Bands {
		l.Bands[i] = maplayout.Span{Lo: w - s.Hi, Hi: w - s.Lo}
	}
	l.Arrows = make([][]maplayout.Point, len(ml.l.Arrows))
	for i, pts := range ml.l.Arrows {
		out := make([]maplayout.Point, len(pts))
		for j, p := range pts {
			out[j] = maplayout.Point{X: w - p.X, Y: p.Y}
		}
		l.Arrows[i] = out
	}
	ml.l = &l
}
