package view

import (
	"html/template"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// UnitView is a unit's scorecard page.
type UnitView struct {
	ID                   string
	Name, Owner, Mission string
	Vision, Strategy     template.HTML // Markdown
	Score                Score
	Perspectives         []PerspectiveView
	Map                  *chart.Chart
	Children             []ChildView
	Initiatives          []InitiativeView
	Narrative            template.HTML
	Commentary           template.HTML
	Tree                 []TreeItem // the organisation, on the home page only
	Cascade              *Link      // the alignment page, on the home page only
	Parent               *Link
	Alignment            *Link  // the unit's place on the alignment page
	CSV                  string // the scorecard table as CSV, relative to the page
	// Changes links the unit's page of what changed since the last review,
	// and names that review; Since is "" when there is none.
	Changes Link
	Since   string
	// Glossary is the glossary page, from the page: where the scorecard
	// table links its terms. "" in the board pack, which has its own.
	Glossary    string
	Compare     string // the comparison of its child units, relative; "" without any
	Comparisons string // the list of comparisons, on the home page only
}

// PerspectiveView is one perspective of a unit with its objectives.
type PerspectiveView struct {
	Name       string
	Score      Score
	Objectives []ObjectiveRow
}

// ObjectiveRow is an objective in a unit's scorecard table.
type ObjectiveRow struct {
	Link
	Owner    string
	Theme    string // its strategic theme, if any
	Score    Score
	AtRisk   bool
	Drives   []Link
	Measures []MeasureRow
}

// MeasureRow is a measure in a scorecard table.
type MeasureRow struct {
	Link
	Owner         string
	Kind          string // leading, lagging or ""
	Value, Target string
	Period        string // the value's period when it is not the current one
	Score         Score
	Trend         string
	TrendOver     Span // the periods the trend reads: those the sparkline draws
	Stale         bool
	Spark         template.HTML
	// Projected is a year-to-date measure's projected year end, compact,
	// and its status against the full-year target; "" when not projected.
	Projected       string
	ProjectedStatus string

	b *Builder // for RowHTML
}

// ChildView is a child unit with its score.
type ChildView struct {
	Link
	Owner string
	Score Score
}

// TreeItem is a unit of the organisation tree, in pre-order with its depth.
type TreeItem struct {
	Link
	Depth int
	Score Score
}

func (b *Builder) unitView(path string, u *model.Unit) *UnitView {
	r := b.r
	ur := r.Unit(u)
	v := &UnitView{
		ID: u.ID, Name: u.Name, Owner: u.Owner, Mission: u.Mission,
		Vision: markdownHTML(u.Vision), Strategy: markdownHTML(u.Strategy),
		Score:     b.score(ur.Score, ur.Status),
		Narrative: markdownHTML(u.Narrative),
	}
	if n := u.Note(r.AsOf, nil, nil); n != nil {
		v.Commentary = markdownHTML(n.Text)
	}
	if u.Parent != nil {
		v.Parent = &Link{Text: u.Parent.Name, Href: rel(path) + unitPath(u.Parent)}
	}
	v.Alignment = b.alignmentLink(path, u)
	// The downloads are the as-of period's: a unit's scorecard as of an
	// earlier review has none.
	if b.prefix == "" {
		v.CSV = rel(path) + UnitCSVPath(u)
	}
	v.Changes = Link{Text: u.Name, Href: rel(path) + unitChangesPath(u)}
	v.Glossary = rel(path) + glossaryPath
	if r.Since != nil {
		v.Since = b.names.Name(r.Since.From.AsOf)
	}
	for _, pr := range ur.Perspectives {
		pv := PerspectiveView{Name: chart.PerspectiveName(b.w, pr.Perspective), Score: b.score(pr.Score, pr.Status)}
		for _, o := range pr.Objectives {
			pv.Objectives = append(pv.Objectives, b.objectiveRow(path, o))
		}
		v.Perspectives = append(v.Perspectives, pv)
	}
	if len(u.Objectives) > 0 {
		v.Map = chart.StrategyMap(r, u, chart.SiteMap, func(o *model.Objective) string { return rel(path) + objectivePath(o) }, b.words)
	}
	if len(u.Children) > 0 {
		v.Compare = rel(path) + ComparePath(u)
	}
	for _, c := range u.Children {
		cr := r.Unit(c)
		v.Children = append(v.Children, ChildView{Link: Link{Text: c.Name, Href: rel(path) + unitPath(c)}, Owner: c.Owner, Score: b.score(cr.Score, cr.Status)})
	}
	for _, in := range u.Initiatives {
		v.Initiatives = append(v.Initiatives, b.initiativeView(path, in))
	}
	return v
}

func (b *Builder) objectiveRow(path string, o *model.Objective) ObjectiveRow {
	or := b.r.Objective(o)
	row := ObjectiveRow{
		Link:   Link{Text: o.Name, Href: rel(path) + objectivePath(o)},
		Owner:  o.Owner,
		Theme:  o.Theme,
		Score:  b.score(or.Score, or.Status),
		AtRisk: or.Outlook == model.AtRisk,
	}
	for _, e := range o.Drives {
		row.Drives = append(row.Drives, Link{Text: e.Name, Href: rel(path) + objectivePath(e)})
	}
	for _, m := range o.Measures {
		row.Measures = append(row.Measures, b.measureRow(path, m))
	}
	return row
}

// sparkPeriods is how many of a measure's latest periods its sparkline
// shows: the periods its trend reads.
const sparkPeriods = compute.TrendPeriods

func (b *Builder) measureRow(path string, m *model.Measure) MeasureRow {
	mr := b.r.Measure(m)
	row := MeasureRow{
		Link:      Link{Text: m.Name, Href: rel(path) + measurePath(m)},
		Owner:     m.Owner,
		Kind:      m.Kind.String(),
		Value:     b.value(m, mr.Value),
		Target:    b.target(m, mr.Target),
		Score:     b.score(mr.Score, mr.Status),
		Trend:     mr.Trend.String(),
		TrendOver: b.span(mr.TrendPeriods, m.Freq),
		Stale:     mr.Stale,
		b:         b,
	}
	if mr.Value.OK && mr.Period != mr.Current {
		row.Period = b.names.Name(mr.Period)
	}
	if b.compact {
		row.Value, row.Target = b.compactValue(m, mr.Value), b.compactTarget(m, mr.Target)
	}
	if y := mr.Year; y != nil && y.Method != compute.NoProjection {
		row.Projected, row.ProjectedStatus = b.compactValue(m, y.Projected), y.ProjectedStatus.String()
	}
	hist := b.r.RecentHistory(m, sparkPeriods)
	actuals := make([]model.Opt, len(hist))
	for i, h := range hist {
		actuals[i] = h.Actual
	}
	row.Spark = chart.Sparkline(actuals, mr.Status.String())
	return row
}

// tree lists every unit in pre-order.
func (b *Builder) tree(path string) []TreeItem {
	var out []TreeItem
	for _, u := range b.r.Site.Units {
		ur := b.r.Unit(u)
		out = append(out, TreeItem{Link: Link{Text: u.Name, Href: rel(path) + unitPath(u)}, Depth: u.Depth, Score: b.score(ur.Score, ur.Status)})
	}
	return out
}
