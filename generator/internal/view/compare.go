package view

import (
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compare"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// CompareRows is how many units a page of a comparison lists: a level of
// thousands of units is paged rather than one page of megabytes.
const CompareRows = 100

// CompareView is a page of a comparison: units by rank, with their
// measures side by side.
type CompareView struct {
	Title string // "Units of Sales", "Level 2", in the page's language
	Of    *Link  // the unit whose units these are; nil for a level
	Depth int
	Units int // units compared, on every page
	// Page is this page's number, from 1, of Pages; From and To are the
	// positions of its first and last rows in the ranking.
	Page, Pages, From, To int
	PageLinks             []PageLink
	Prev, Next            *Link
	// Perspectives are those in which some unit compared has objectives.
	Perspectives []string
	Columns      []CompareColumn
	Rows         []CompareRow
	ShowParent   bool // a level's units have different parents
	// Spread is the chart of each measure's status across the units, and
	// SpreadRows its numbers: on the first page only, for all the units.
	Spread     *chart.Chart
	SpreadRows []SpreadRow
	SpreadAt   string   // "#spread-h": where the spread is on the first page
	SpreadOn   string   // on the other pages, the link to the first's spread
	b          *Builder // for RowsHTML
}

// PageLink is a page of a paged list.
type PageLink struct {
	Link
	Current bool
}

// CompareColumn is a measure the units share.
type CompareColumn struct {
	ID, Name string
}

// CompareRow is a unit in a comparison.
type CompareRow struct {
	Rank         string // "3", or "–" without a score
	Unit         Link
	Parent       Link
	Score        LeagueScore
	Perspectives []LeagueScore // by CompareView.Perspectives
	Cells        []CompareCell
}

// LeagueScore is a score in a comparison: as the page's language writes
// it, and as the table sorts it.
type LeagueScore struct {
	Score
	Key string // "6.1", or "" without a score
}

// CompareCell is a unit's measure in a comparison: its value, status and
// score. Has is false where the unit has no measure of the column's id.
type CompareCell struct {
	Has    bool
	Value  string
	Status string
	Score  string // "6.1", or "" without a score: what the table sorts by
}

// SpreadRow is a measure's status and scores across the units of a
// comparison, in words and numbers, each number as the page's language
// writes it.
type SpreadRow struct {
	Name                    string
	Units                   string
	Green, Amber, Red, None string
	Min, Median, Max        string // "–" when no unit's measure has a score
}

// ComparisonsView is the list of the site's comparisons. It shows no
// score, so that it changes only with the organisation.
type ComparisonsView struct {
	Levels []ComparisonLink
	Units  []ComparisonLink // units with units below, in the site's order
}

// ComparisonLink is a comparison: a level, or the units below a unit.
type ComparisonLink struct {
	Link
	Depth int // of the level, or of the unit
	Units int // units compared: a count, for T
}

// comparePath is the path of page n (from 1) of a comparison.
func comparePath(s *compare.Set, n int) string {
	var base string
	if s.Kind == compare.Children {
		base = "units/" + s.Parent.ID + "/compare"
	} else {
		base = "compare/level-" + strconv.Itoa(s.Depth)
	}
	if n > 1 {
		base += "-page-" + strconv.Itoa(n)
	}
	return base + ".html"
}

// ComparePath is the first page of the comparison of the units below u.
func ComparePath(u *model.Unit) string { return "units/" + u.ID + "/compare.html" }

const comparisonsPath = "compare/index.html"

// comparePages is how many pages a comparison of n units takes.
func comparePages(n int) int { return max(1, (n+CompareRows-1)/CompareRows) }

// comparePageRefs lists the pages of the comparisons of r's units.
func comparePageRefs(sets []*compare.Set) []PageRef {
	out := []PageRef{{Path: comparisonsPath, Kind: ComparisonsPage}}
	for _, s := range sets {
		for n := 1; n <= comparePages(len(s.Rows)); n++ {
			out = append(out, PageRef{Path: comparePath(s, n), Kind: ComparePage, Unit: s.Parent, Compare: s, PageNumber: n})
		}
	}
	return out
}

func (b *Builder) compareView(path string, s *compare.Set, page int) *CompareView {
	here := rel(path)
	v := &CompareView{Depth: s.Depth, Units: len(s.Rows), Page: page, Pages: comparePages(len(s.Rows)), b: b}
	of := chart.SpreadOf{Depth: s.Depth}
	if s.Kind == compare.Children {
		v.Title = b.w.Text("compare_units_of", "unit", s.Parent.Name)
		v.Of = &Link{Text: s.Parent.Name, Href: here + unitPath(s.Parent)}
		of.Unit = s.Parent.Name
	} else {
		v.Title = b.w.Text("compare_level", "level", s.Depth)
		v.ShowParent = true
	}
	persp := b.perspectivesOf(s)
	for _, p := range persp {
		v.Perspectives = append(v.Perspectives, chart.PerspectiveName(b.w, p))
	}
	for _, c := range s.Columns {
		v.Columns = append(v.Columns, CompareColumn{ID: c.ID, Name: c.Name})
	}
	v.From = (page-1)*CompareRows + 1
	v.To = min(page*CompareRows, len(s.Rows))
	for _, row := range s.Rows[v.From-1 : v.To] {
		v.Rows = append(v.Rows, b.compareRow(here, row, persp))
	}
	for n := 1; n <= v.Pages; n++ {
		v.PageLinks = append(v.PageLinks, PageLink{Link: Link{Text: b.loc.Int(n), Href: here + comparePath(s, n)}, Current: n == page})
	}
	if page > 1 {
		v.Prev = &Link{Text: b.w.Text("compare_previous"), Href: here + comparePath(s, page-1)}
	}
	if page < v.Pages {
		v.Next = &Link{Text: b.w.Text("compare_next"), Href: here + comparePath(s, page+1)}
	}
	if page > 1 && len(s.Columns) > 0 {
		v.SpreadOn = here + comparePath(s, 1) + "#spread-h"
	}
	if page == 1 && len(s.Columns) > 0 {
		v.Spread = chart.Spread(spreadID(s), of, spreadSeries(s), b.words)
		v.SpreadAt = "#spread-h"
		for _, c := range s.Columns {
			v.SpreadRows = append(v.SpreadRows, b.spreadRow(c))
		}
	}
	return v
}

// perspectivesOf lists the perspectives in which some unit of s has
// objectives: a column no unit could fill is left out.
func (b *Builder) perspectivesOf(s *compare.Set) []*model.Perspective {
	var out []*model.Perspective
	for _, p := range b.r.Site.Perspectives {
		for _, row := range s.Rows {
			if len(b.r.Unit(row.Unit).Perspectives[p.Index].Objectives) > 0 {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func (b *Builder) compareRow(here string, row compare.Row, persp []*model.Perspective) CompareRow {
	u := row.Unit
	ur := b.r.Unit(u)
	cr := CompareRow{Rank: "–", Unit: Link{Text: u.Name, Href: here + unitPath(u)}, Score: b.leagueScore(ur.Score, ur.Status)}
	if row.Rank > 0 {
		cr.Rank = b.loc.Int(row.Rank)
	}
	if u.Parent != nil {
		cr.Parent = Link{Text: u.Parent.Name, Href: here + unitPath(u.Parent)}
	}
	for _, p := range persp {
		pr := ur.Perspectives[p.Index]
		cr.Perspectives = append(cr.Perspectives, b.leagueScore(pr.Score, pr.Status))
	}
	cr.Cells = make([]CompareCell, len(row.Measures))
	for i, m := range row.Measures {
		if m == nil {
			continue
		}
		mr := b.r.Measure(m)
		cr.Cells[i] = CompareCell{Has: true, Value: b.value(m, mr.Value), Status: mr.Status.String(), Score: sortKey(mr.Score)}
	}
	return cr
}

func (b *Builder) leagueScore(o model.Opt, s model.Status) LeagueScore {
	return LeagueScore{Score: b.score(o, s), Key: sortKey(o)}
}

// sortKey is a score as find.js sorts it, whatever the page's language:
// ASCII digits and a point; "" without a score.
func sortKey(o model.Opt) string {
	if !o.OK {
		return ""
	}
	return number.Score(o.V, true)
}

// spreadID is the id of a comparison's chart, made of ids.
func spreadID(s *compare.Set) string {
	if s.Kind == compare.Children {
		return "spread-" + s.Parent.ID
	}
	return "spread-level-" + strconv.Itoa(s.Depth)
}

func spreadSeries(s *compare.Set) []chart.SpreadMeasure {
	out := make([]chart.SpreadMeasure, len(s.Columns))
	for i, c := range s.Columns {
		d := c.Dist
		out[i] = chart.SpreadMeasure{Name: c.Name, Counts: [4]int{d.Green, d.Amber, d.Red, d.None}}
	}
	return out
}

func (b *Builder) spreadRow(c compare.Column) SpreadRow {
	d, l := c.Dist, b.loc
	row := SpreadRow{Name: c.Name, Units: l.Int(d.Units), Green: l.Int(d.Green), Amber: l.Int(d.Amber), Red: l.Int(d.Red), None: l.Int(d.None)}
	ok := d.Scored > 0
	row.Min, row.Median, row.Max = l.Score(d.Min, ok), l.Score(d.Median, ok), l.Score(d.Max, ok)
	return row
}

func (b *Builder) comparisonsView(path string) *ComparisonsView {
	here := rel(path)
	sets := b.sets()
	v := &ComparisonsView{}
	for depth := 1; ; depth++ {
		s := compare.LevelOf(sets, depth)
		if s == nil {
			break
		}
		v.Levels = append(v.Levels, ComparisonLink{Link: Link{Text: b.w.Text("compare_level", "level", depth), Href: here + comparePath(s, 1)}, Depth: depth, Units: len(s.Rows)})
	}
	for _, s := range sets {
		if s.Kind == compare.Children {
			v.Units = append(v.Units, ComparisonLink{Link: Link{Text: s.Parent.Name, Href: here + comparePath(s, 1)}, Depth: s.Parent.Depth, Units: len(s.Rows)})
		}
	}
	return v
}
