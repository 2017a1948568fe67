package view

import (
	"cmp"
	"html/template"
	"iter"
	"math"
	"slices"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// changesPath is the organisation's page of what changed since the last
// review; a unit's is unitChangesPath.
const changesPath = "changes/index.html"

func unitChangesPath(u *model.Unit) string { return "units/" + u.ID + "/changes.html" }

// MaxMoves is how many of the largest score moves a page of changes lists.
const MaxMoves = 10

// ChangesView is what changed since the last review, for the organisation
// (Unit nil) or one unit: the unit, its objectives and measures, its
// initiatives' milestones and its commentary, and its child units' scores.
type ChangesView struct {
	Unit  *Link  // the unit's page; nil on the organisation's
	Name  string // the unit's or the organisation's name
	Since string // the review compared with, "August 2026"; "" when there is none
	// SinceHref is this page as of that review, when it is published.
	SinceHref string
	// Status lists the items whose status changed, worsened first.
	Status []ChangeRow
	// Moves are the largest score moves, largest first, at most MaxMoves.
	Moves       []ChangeRow
	NewlyRed    []ChangeRow
	Recovered   []ChangeRow
	NewlyAtRisk []ChangeRow
	Milestones  []DueRow
	Notes       []Link // where the period's commentary is
	// Children link the child units' pages of changes.
	Children []Link
	// More counts what the board pack leaves out of each list.
	More struct{ Status, NewlyRed, Recovered, NewlyAtRisk int }
	b    *Builder // for TablesHTML
}

// ChangeRow is a unit, an objective or a measure that moved.
type ChangeRow struct {
	Link
	Kind          string // "unit", "objective" or "measure"
	Unit          Link
	From, To      Score
	Delta         string // "+1.2", "−0.4", "" when either is unscored
	Direction     string // "improved", "worsened" or "" (status unchanged)
	Before, Value string // a measure's values, then and now

	b *Builder // for RowHTML
}

// DueRow is a milestone due in the period.
type DueRow struct {
	Initiative Link
	Unit       string
	Name       string
	Due        string
	Done       bool
}

// changesView is the page at path of what changed in u (nil: everywhere).
func (b *Builder) changesView(path string, u *model.Unit) *ChangesView {
	owns := func(x *model.Unit) bool { return u == nil || x == u }
	return b.changesOf(path, u, func(s *compute.Since) iter.Seq[int] { return movesOf(s, u) }, owns, u != nil)
}

// movesOf are the moves a page of changes of u shows (all of them when u is
// nil), in the site's order: u's own, those of its objectives and measures,
// and its child units'. A unit's page finds them by the unit rather than
// among every move of the site, which on 10,000 units was every move read
// 10,000 times.
func movesOf(s *compute.Since, u *model.Unit) iter.Seq[int] {
	if u == nil {
		return allMoves(s)
	}
	first, end := s.MovesOf(u)
	var which []int
	for i := first; i < end; i++ {
		which = append(which, i)
	}
	for _, c := range u.Children {
		if i, end := s.MovesOf(c); i < end {
			if _, o, m := s.Of(i); o == nil && m == nil {
				which = append(which, i)
			}
		}
	}
	slices.Sort(which)
	return slices.Values(which)
}

// allMoves are the indices of every move of s.
func allMoves(s *compute.Since) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range s.Moves() {
			if !yield(i) {
				return
			}
		}
	}
}

// changesOf is what changed in u (nil: the organisation) for the page at
// path: the moves of r.Since that moves gives, and the milestones and
// commentary of the units owns owns. The status changes list measures
// only when measures is true: the organisation's page lists those of units
// and objectives, and
// of measures only those that turned red or recovered, which a board asks
// about (every unit's page has all of its own; a site of a hundred units
// has a thousand measures changing status in a month).
func (b *Builder) changesOf(path string, u *model.Unit, moves func(*compute.Since) iter.Seq[int], owns func(*model.Unit) bool, measures bool) *ChangesView {
	r := b.r
	here := rel(path)
	v := &ChangesView{Name: r.Site.Root().Name, b: b}
	if u != nil {
		v.Unit, v.Name = &Link{Text: u.Name, Href: here + unitPath(u)}, u.Name
		for _, c := range u.Children {
			v.Children = append(v.Children, Link{Text: c.Name, Href: here + unitChangesPath(c)})
		}
	}
	s := r.Since
	if s == nil {
		return v
	}
	v.Since = b.names.Name(s.From.AsOf)
	for i, rv := range b.reviews {
		if rv.prefix == b.prefix && i+1 < len(b.reviews) {
			v.SinceHref = rel(b.prefix+path) + b.reviews[i+1].prefix + path
		}
	}
	// A row is made only for a move that some list shows: the
	// organisation's page keeps every measure's move but lists few of them
	// (on the L workload, 40,000 rows made for a few thousand shown).
	var moved []scoredMove // the kept moves with a change of score, for Moves
	for i := range moves(s) {
		mv := s.Move(i)
		if mv.Delta.OK && mv.Delta.V != 0 {
			moved = append(moved, scoredMove{i, math.Abs(mv.Delta.V)})
		}
		newlyRed := mv.ToStatus == model.Red && mv.FromStatus != model.Red
		recovered := mv.FromStatus == model.Red && (mv.ToStatus == model.Green || mv.ToStatus == model.Amber)
		atRisk := mv.AtRisk && !mv.WasAtRisk
		status := rank(mv.FromStatus) != rank(mv.ToStatus) && (measures || mv.Measure == nil) // the row has a Direction
		if !newlyRed && !recovered && !atRisk && !status {
			continue
		}
		row := b.changeRow(here, mv)
		switch {
		case newlyRed:
			v.NewlyRed = append(v.NewlyRed, row)
		case recovered:
			v.Recovered = append(v.Recovered, row)
		}
		if atRisk {
			v.NewlyAtRisk = append(v.NewlyAtRisk, row)
		}
		if status {
			v.Status = append(v.Status, row)
		}
	}
	slices.SortStableFunc(v.Status, func(a, b ChangeRow) int { return cmp.Compare(statusStep(a), statusStep(b)) })
	for _, i := range largestMoves(moved) {
		v.Moves = append(v.Moves, b.changeRow(here, s.Move(i)))
	}
	for _, d := range s.Due {
		if !owns(d.Initiative.Unit) {
			continue
		}
		v.Milestones = append(v.Milestones, DueRow{
			Initiative: Link{Text: d.Initiative.Name, Href: here + initiativesPath + "#" + initiativeAnchor(d.Initiative)},
			Unit:       d.Initiative.Unit.Name, Name: d.Milestone.Name, Due: b.loc.Date(d.Milestone.Due), Done: d.Milestone.Done,
		})
	}
	for _, n := range s.Notes {
		if owner := noteUnit(r, n); owns(owner) {
			v.Notes = append(v.Notes, noteLink(here, owner, n))
		}
	}
	return v
}

// statusStep orders status changes worst first: from green to red first,
// from red to green last.
func statusStep(c ChangeRow) int { return rankOf(c.To.Status) - rankOf(c.From.Status) }

func rankOf(s string) int {
	for _, st := range []model.Status{model.Red, model.Amber, model.Green} {
		if s == st.String() {
			return rank(st)
		}
	}
	return 0
}

// scoredMove is a move, by its index, and the size of its change of score.
type scoredMove struct {
	i     int
	delta float64
}

// largestMoves are the indices of the moves of moved (in the site's order)
// with the largest changes, largest first, at most MaxMoves.
func largestMoves(moved []scoredMove) []int {
	slices.SortStableFunc(moved, func(a, b scoredMove) int { return cmp.Compare(b.delta, a.delta) })
	out := make([]int, min(len(moved), MaxMoves))
	for k := range out {
		out[k] = moved[k].i
	}
	return out
}

func (b *Builder) changeRow(here string, mv compute.Move) ChangeRow {
	row := ChangeRow{
		Unit: Link{Text: mv.Unit.Name, Href: here + unitPath(mv.Unit)},
		From: b.score(mv.From, mv.FromStatus), To: b.score(mv.To, mv.ToStatus),
		b: b,
	}
	switch {
	case mv.Measure != nil:
		m := mv.Measure
		row.Link, row.Kind = Link{Text: m.Name, Href: here + measurePath(m)}, "measure"
		row.Before, row.Value = b.value(m, mv.FromValue), b.value(m, mv.ToValue)
	case mv.Objective != nil:
		row.Link, row.Kind = Link{Text: mv.Objective.Name, Href: here + objectivePath(mv.Objective)}, "objective"
	default:
		row.Link, row.Kind = Link{Text: mv.Unit.Name, Href: here + unitPath(mv.Unit)}, "unit"
	}
	if mv.Delta.OK {
		row.Delta = b.signed(mv.Delta.V)
	}
	switch a, z := rank(mv.FromStatus), rank(mv.ToStatus); {
	case a == z:
	case z > a:
		row.Direction = "improved"
	default:
		row.Direction = "worsened"
	}
	return row
}

// signed shows a change of score to one decimal, as scores are shown, with
// its sign in the page's language: "+1.2", "-0.4" (the language's minus),
// "±0.0" for a change that rounds to nothing.
func (b *Builder) signed(d float64) string {
	one := number.Format{MinDec: 1, MaxDec: 1}
	s := b.loc.Number(one, math.Abs(d))
	switch {
	case s == b.loc.Number(one, 0):
		return "±" + s
	case d < 0:
		return b.loc.Number(one, d)
	}
	return "+" + s
}

// noteUnit is the unit whose notes hold n.
func noteUnit(r *compute.Result, n *model.Note) *model.Unit {
	for _, u := range r.Site.Units {
		for i := range u.Notes {
			if &u.Notes[i] == n {
				return u
			}
		}
	}
	return nil
}

// noteLink links the page that shows the commentary n.
func noteLink(here string, u *model.Unit, n *model.Note) Link {
	switch {
	case n.Measure != nil:
		return Link{Text: n.Measure.Name, Href: here + measurePath(n.Measure) + "#mc-h"}
	case n.Objective != nil:
		return Link{Text: n.Objective.Name, Href: here + objectivePath(n.Objective) + "#oc-h"}
	}
	return Link{Text: u.Name, Href: here + unitPath(u) + "#comm-h"}
}

// TablesHTML is the default theme's five tables of a page of changes
// (status changes, newly red, recovered, newly at risk, largest moves),
// each the theme's "change-table" partial: in Go where that partial is
// the default's, for the reason the rows are (TestMarkupInGoLikeTheTemplates).
func (v *ChangesView) TablesHTML() (template.HTML, error) {
	f := newMarkup(v.b, "")
	f.kind = ChangesPage
	for i, t := range [...]struct {
		id, title, empty, note string
		rows                   []ChangeRow
	}{
		{"status", "changes_status", "changes_status_none", "changes_status_note", v.Status},
		{"red", "changes_newly_red", "changes_newly_red_none", "", v.NewlyRed},
		{"recovered", "changes_recovered", "changes_recovered_none", "", v.Recovered},
		{"at-risk", "changes_newly_at_risk", "changes_newly_at_risk_none", "changes_newly_at_risk_note", v.NewlyAtRisk},
		{"moves", "changes_moves", "changes_moves_none", "changes_moves_note", v.Moves},
	} {
		if i > 0 {
			f.b.WriteByte('\n')
		}
		f.changeTable(t.id, t.title, t.empty, t.note, t.rows)
	}
	return f.html()
}

// changeTable writes the theme's "change-table" partial.
func (f *markup) changeTable(id, title, empty, note string, rows []ChangeRow) {
	if !f.th.Own(f.kind, "change-table") {
		args := map[string]any{"ID": id, "Title": f.message(title), "Rows": rows, "Empty": f.message(empty)}
		if note != "" {
			args["Note"] = f.message(note)
		}
		f.keep(f.th.Run(f.kind, "change-table", f.b, args))
		return
	}
	b := f.b
	b.WriteString("\n<section aria-labelledby=\"x-")
	writeText(b, id)
	b.WriteString("\">\n  <h2 id=\"x-")
	writeText(b, id)
	b.WriteString(`">`)
	f.text(title)
	b.WriteString(` <span class="count">`)
	b.WriteString(strconv.Itoa(len(rows)))
	b.WriteString("</span></h2>\n  ")
	if note != "" && !blank(f.message(note)) {
		b.WriteString(`<p class="note">`)
		f.text(note)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n  ")
	if len(rows) != 0 {
		b.WriteString("\n  <div class=\"table-scroll\">\n  <table class=\"data changes\">\n    <caption class=\"visually-hidden\">")
		f.t("change_table_caption", "title", f.message(title))
		b.WriteString("</caption>\n    <thead><tr>")
		f.heads(2, "col_item", "col_unit", "col_before", "col_now", "col_change", "col_value")
		b.WriteString("</tr></thead>\n    <tbody>\n    ")
		for i := range rows {
			h, err := rows[i].RowHTML()
			f.keep(err)
			b.WriteString(string(h))
			b.WriteString("\n    ")
		}
		b.WriteString("</tbody>\n  </table>\n  </div>\n  ")
	} else {
		b.WriteString(`<p class="empty">`)
		f.text(empty)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n</section>\n")
}
