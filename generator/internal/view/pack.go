package view

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"iter"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// PackPath is where a build writes the board pack.
const PackPath = "pack/index.html"

// PackView is the board pack: one page laid out for print (docs/pack.md).
// Standing alone (scorecard pack), it holds its styles and scripts inline;
// as the site's page it links the site's, and shows its navigation.
type PackView struct {
	Site *SiteView
	Root string // the name of the unit the pack is about
	// Vision and Strategy are the organisation's, on the cover of a pack
	// of the whole organisation.
	Vision, Strategy template.HTML
	Score            Score
	// Scope is what the pack covers; Units the units in it, pre-order, with
	// their depth below the pack's unit.
	Scope       PackScope
	Units       []TreeItem
	Counts      []StatusCount
	Commentary  template.HTML // the pack's unit's commentary for the period
	Changes     []Change      // measures whose status changed, worsened first
	Since       *ChangesView  // since the last review, in the pack's units
	RedMeasures []PackException
	MoreRed     int // red measures in scope beyond MaxPackExceptions
	AtRisk      []PackException
	Sections    []*UnitView
	Initiatives []InitiativeView
	// InitiativeExceptions are the exceptions page's lists of the pack's
	// units, without links: the pack shows those of the initiatives (behind
	// schedule, over budget, overdue milestones, red objectives no active
	// initiative serves).
	InitiativeExceptions *ExceptionsView
	Definitions          []DefinitionGroup

	// Inline is true when the file stands alone: CSS, Lib and Script are
	// inlined, so that it needs nothing else, even offline. Otherwise the
	// pack is the site's page and links the site's assets from Page.Rel.
	Inline bool
	CSS    template.CSS
	Lib    template.JS
	Script template.JS
	Footer string // left page margin: title and period
	// Page is the site's frame of the pack as a page of the site: its
	// paths, period switcher and menu; nil when the pack stands alone.
	Page *Page
	// PDF links the pack printed to PDF, from the site's pack page, when
	// the build printed one; "" otherwise.
	PDF string
	// "Page n of N" in the pack's language, around the two numbers.
	PageBefore, PageMiddle, PageAfter string
	// Commands are the command lines the pack names, which are the same
	// in every language.
	Commands PackCommands
	// Canonical is the pack's absolute URL in the published site, when the
	// site has a base URL and the pack is the site's page.
	Canonical string
	// Policy is the Content-Security-Policy, with the hashes of the inline
	// scripts and style: the page holds them exactly as given above.
	Policy string
}

// PackCommands are the commands that make a PDF of the pack and set its
// depth.
type PackCommands struct {
	PackPDF, BuildPDF, Depth string
}

// packCommands are the commands a pack names.
var packCommands = PackCommands{PackPDF: "scorecard pack --pdf", BuildPDF: "scorecard build --pdf", Depth: "scorecard pack --depth"}

// PackScope says what a pack covers, for its cover.
type PackScope struct {
	Unit    string // the pack's unit
	Whole   bool   // the pack's unit is the root and no unit is left out
	Depth   int    // levels below the unit included
	Omitted int    // units below them, left out
	Bound   bool   // the depth was chosen to keep the pack within MaxPackUnits
}

// DefinitionGroup is a unit's measures in the appendix.
type DefinitionGroup struct {
	Unit     string
	Measures []Definition
}

// MaxPackUnits and MaxPackMeasures bound a pack whose depth is not given:
// it goes as many levels down as keep its unit sections within
// MaxPackUnits and the measures of their scorecards within
// MaxPackMeasures (a scorecard of 30 measures is about six A4 pages).
const (
	MaxPackUnits    = 30
	MaxPackMeasures = 400
)

// MaxPackExceptions is how many red measures a pack shows with their
// charts and commentary, worst first; the others are counted.
const MaxPackExceptions = 24

// packHistory is how many of a red measure's latest periods its chart in
// the pack draws.
const packHistory = 12

// StatusCount is how many measures have a status.
type StatusCount struct {
	Status string
	Count  int
}

// Change is a measure whose status moved since the previous period.
type Change struct {
	Measure, Unit    string
	From, To         string
	Improved         bool
	Value, Target    string
	PreviousPeriod   string
	rankFrom, rankTo int
}

// PackException is a red measure or an at-risk objective with what the board
// needs to discuss it.
type PackException struct {
	ID                string // the anchor of its entry
	Name, Unit, Owner string
	Value, Target     string
	Score             Score
	Detail            string
	Commentary        template.HTML
	Chart             *chart.Chart // a red measure's latest periods
	objective         *model.Objective
}

// Definition is a measure of the appendix.
type Definition struct {
	Unit, Measure, Objective string
	Description, Owner       string
	Kind                     string // leading, lagging or ""
	Polarity, Frequency      string
	Basis, Rule, Thresholds  string
	Source                   string
}

// Pack is the board pack's view, of the units scope covers. The site's pack
// is a page of the site (sitePage): it links the site's assets and shows
// its navigation, and has the canonical link that the file `scorecard pack`
// writes for e-mail has not (that file is a copy of one month's pack, not
// the published page). pdf, when not "", is the file name of the pack
// printed to PDF beside the site's page.
func (b *Builder) Pack(sitePage bool, scope model.PackScope, pdf string) (*PackView, error) {
	v, err := b.packView(scope)
	if err != nil {
		return nil, err
	}
	if !sitePage {
		return v, b.inline(v)
	}
	v.Canonical = canonical(b.r.Site.BaseURL, b.prefix+PackPath)
	v.Page = b.page(PackPath, b.w.Text("pack_title"), "pack", nil)
	v.Page.kind, v.Page.b = "pack", b
	v.Policy = b.site.Policy
	v.PDF = pdf
	return v, nil
}

// PackFile is the name of the pack printed to PDF, in the folder of the
// site's pack page.
func PackFile(r *compute.Result) string { return "board-pack-" + r.AsOf.String() + ".pdf" }

// PackUnits are the units scope covers, pre-order, and how many units
// below them it leaves out.
func PackUnits(site *model.Site, scope model.PackScope) (units []*model.Unit, depth, omitted int, bound bool) {
	top := scope.Unit
	if top == nil {
		top = site.Root()
	}
	var sub []*model.Unit // top's subtree, pre-order
	for _, u := range site.Units[top.Index:] {
		if u != top && u.Depth <= top.Depth {
			break
		}
		sub = append(sub, u)
	}
	depth = scope.Depth
	if depth == model.AutoDepth {
		bound = true
		depth = 0
		for d := 1; ; d++ {
			n, measures, deeper := 0, 0, false
			for _, u := range sub {
				switch rel := u.Depth - top.Depth; {
				case rel <= d:
					n++
					measures += len(u.Measures)
				default:
					deeper = true
				}
			}
			if n > MaxPackUnits || measures > MaxPackMeasures {
				break
			}
			depth = d
			if !deeper {
				bound = false
				break
			}
		}
	}
	for _, u := range sub {
		if u.Depth-top.Depth <= depth {
			units = append(units, u)
		} else {
			omitted++
		}
	}
	return units, depth, omitted, bound && omitted > 0
}

func (b *Builder) packView(scope model.PackScope) (*PackView, error) {
	pb := *b
	pb.compact = true
	b = &pb
	r := b.r
	units, depth, omitted, bound := PackUnits(r.Site, scope)
	top := units[0]
	tr := r.Unit(top)
	v := &PackView{
		Site: b.site, Root: top.Name, Score: b.score(tr.Score, tr.Status),
		Footer: r.Site.Title + " · " + b.site.AsOf, Commands: packCommands,
		Scope: PackScope{Unit: top.Name, Whole: top.Parent == nil && omitted == 0, Depth: depth, Omitted: omitted, Bound: bound},
	}
	if top.Parent == nil {
		v.Vision, v.Strategy = markdownHTML(top.Vision), markdownHTML(top.Strategy)
	}
	// The message with its numbers marked, cut at them.
	page := b.w.Text("pack_page", "page", "\x00", "pages", "\x01")
	v.PageBefore, page, _ = strings.Cut(page, "\x00")
	v.PageMiddle, v.PageAfter, _ = strings.Cut(page, "\x01")
	in := make([]bool, len(r.Site.Units))
	for _, u := range units {
		in[u.Index] = true
	}
	if n := top.Note(r.AsOf, nil, nil); n != nil {
		v.Commentary = markdownUnder(n.Text, 2)
	}
	for _, u := range units {
		ur := r.Unit(u)
		v.Units = append(v.Units, TreeItem{Link: Link{Text: u.Name, Href: "#unit-" + u.ID}, Depth: u.Depth - top.Depth, Score: b.score(ur.Score, ur.Status)})
		uv := b.unitView("", u)
		if len(u.Objectives) > 0 {
			uv.Map = chart.StrategyMap(r, u, chart.PackMap, nil, b.words)
			uv.Map.ID = "pack-map-" + u.ID
		}
		unlink(uv)
		uv.Glossary = ""
		switch n := u.Note(r.AsOf, nil, nil); {
		case u == top || n == nil:
			uv.Commentary = "" // the top unit's opens the executive summary
		default:
			uv.Commentary = markdownUnder(n.Text, 2) // under the section's heading
		}
		v.Sections = append(v.Sections, uv)
	}
	v.Counts = statusCounts(r, in)
	v.Changes = b.changes(in)
	if r.Since != nil {
		v.Since = b.packSince(top, in)
	}
	v.RedMeasures, v.MoreRed, v.AtRisk = b.packExceptions(in)
	v.Initiatives = b.packInitiatives(in)
	v.InitiativeExceptions = b.exceptionsView("")
	scopeRows(v.InitiativeExceptions, in)
	v.Definitions = b.definitions(in)
	return v, nil
}

// inline puts the theme's styles and scripts into a pack that stands alone.
func (b *Builder) inline(v *PackView) error {
	v.Inline = true
	var css []string
	for _, f := range []string{"static/assets/site.css", "static/assets/pack.css"} {
		s, err := b.theme.ReadFile(f)
		if err != nil {
			return err
		}
		css = append(css, string(s))
	}
	v.CSS = template.CSS(strings.Join(css, "\n")) // the theme is trusted
	for _, js := range []struct {
		file string
		dst  *template.JS
	}{{"static/assets/echarts/echarts.min.js", &v.Lib}, {"static/assets/site.js", &v.Script}} {
		s, err := b.theme.ReadFile(js.file)
		if err != nil {
			return err
		}
		// Inlined script ends at the first "</script"; a file holding one
		// cannot be inlined safely.
		if bytes.Contains(bytes.ToLower(s), []byte("</script")) || bytes.Contains(s, []byte("<!--")) {
			return fmt.Errorf("%s cannot be inlined in the board pack: it contains </script or <!--", js.file)
		}
		*js.dst = template.JS(s)
	}
	v.Policy = theme.ContentPolicy([]string{string(v.Lib), string(v.Script)}, []string{string(v.CSS)})
	return nil
}

// packSince is what changed since the last review in the pack's units,
// without links, which lead out of the pack; each list at most
// MaxPackChanges long, the rest counted.
func (b *Builder) packSince(top *model.Unit, in []bool) *ChangesView {
	moves := func(s *compute.Since) iter.Seq[int] {
		return func(yield func(int) bool) {
			for i := range allMoves(s) {
				if u, _, _ := s.Of(i); in[u.Index] && !yield(i) {
					return
				}
			}
		}
	}
	owns := func(u *model.Unit) bool { return in[u.Index] }
	cv := b.changesOf("", top, moves, owns, true)
	cv.Unit, cv.SinceHref, cv.Children = nil, "", nil
	cut := func(list []ChangeRow) ([]ChangeRow, int) {
		for i := range list {
			list[i].Href, list[i].Unit.Href = "", ""
		}
		if len(list) > MaxPackChanges {
			return list[:MaxPackChanges], len(list) - MaxPackChanges
		}
		return list, 0
	}
	cv.Status, cv.More.Status = cut(cv.Status)
	cv.NewlyRed, cv.More.NewlyRed = cut(cv.NewlyRed)
	cv.Recovered, cv.More.Recovered = cut(cv.Recovered)
	cv.NewlyAtRisk, cv.More.NewlyAtRisk = cut(cv.NewlyAtRisk)
	cv.Moves, _ = cut(cv.Moves)
	for i := range cv.Milestones {
		cv.Milestones[i].Initiative.Href = ""
	}
	for i := range cv.Notes {
		cv.Notes[i].Href = ""
	}
	return cv
}

// MaxPackChanges is how many items each list of the pack's "since the last
// review" shows; the site's pages of changes list them all.
const MaxPackChanges = 20

// unlink removes the links of a unit's view: the pack is read on its own,
// where the site's pages are not.
func unlink(uv *UnitView) {
	uv.Parent, uv.Alignment, uv.Cascade = nil, nil, nil
	for i := range uv.Perspectives {
		for j := range uv.Perspectives[i].Objectives {
			o := &uv.Perspectives[i].Objectives[j]
			o.Href = ""
			for k := range o.Measures {
				o.Measures[k].Href = ""
			}
		}
	}
	for i := range uv.Children {
		uv.Children[i].Href = ""
	}
	for i := range uv.Initiatives {
		uv.Initiatives[i].Href = ""
	}
}

// scopeRows keeps the rows of an exceptions view of the units in, without
// their links, for the pack.
func scopeRows(v *ExceptionsView, in []bool) {
	for _, rows := range []*[]ExceptionRow{&v.RedMeasures, &v.AtRisk, &v.StaleOrMissing, &v.Unaddressed, &v.BehindSchedule, &v.OverBudget, &v.OverdueMilestones} {
		kept := (*rows)[:0]
		for _, r := range *rows {
			if r.of != nil && in[r.of.Index] {
				r.Href, r.Unit.Href = "", ""
				kept = append(kept, r)
			}
		}
		*rows = kept
	}
}

var statusOrder = []model.Status{model.Green, model.Amber, model.Red, model.None}

// statusCounts counts the measures of the units in (all, when in is nil)
// by status.
func statusCounts(r *compute.Result, in []bool) []StatusCount {
	n := map[model.Status]int{}
	for i := range r.Measures {
		if in == nil || in[r.Measures[i].Measure.Unit.Index] {
			n[r.Measures[i].Status]++
		}
	}
	var out []StatusCount
	for _, s := range statusOrder {
		out = append(out, StatusCount{Status: s.String(), Count: n[s]})
	}
	return out
}

// rank orders statuses from worst to best; "none" is not on the scale.
func rank(s model.Status) int {
	switch s {
	case model.Red:
		return 1
	case model.Amber:
		return 2
	case model.Green:
		return 3
	}
	return 0
}

// changes lists the measures of the units in (all, when in is nil) whose
// status differs from the previous period, worsened first, then by unit and
// measure order.
func (b *Builder) changes(in []bool) []Change {
	r := b.r
	var out []Change
	for _, u := range r.Site.Units {
		if in != nil && !in[u.Index] {
			continue
		}
		for _, m := range u.Measures {
			mr := r.Measure(m)
			if mr.Status == mr.Previous {
				continue
			}
			out = append(out, Change{
				Measure: m.Name, Unit: u.Name,
				From: mr.Previous.String(), To: mr.Status.String(),
				Improved: rank(mr.Status) > rank(mr.Previous),
				Value:    b.value(m, mr.Value), Target: b.target(m, mr.Target),
				PreviousPeriod: b.names.Name(r.AsOf.Add(-1)),
				rankFrom:       rank(mr.Previous), rankTo: rank(mr.Status),
			})
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Compare(a.rankTo-a.rankFrom, b.rankTo-b.rankFrom)
	})
	return out
}

// exceptionsOf lists the red measures, worst score first, and the
// objectives at risk of the units in (all, when in is nil), with their
// commentary, as the e-mail and the pack show them: figures exact.
func (b *Builder) exceptionsOf(in []bool) (red, atRisk []PackException) {
	r := b.r
	note := func(u *model.Unit, o *model.Objective, m *model.Measure) template.HTML {
		if n := u.Note(r.AsOf, o, m); n != nil {
			return markdownHTML(n.Text)
		}
		return ""
	}
	for _, u := range r.Site.Units {
		if in != nil && !in[u.Index] {
			continue
		}
		for _, m := range u.Measures {
			mr := r.Measure(m)
			if mr.Status != model.Red {
				continue
			}
			red = append(red, PackException{ID: "x-" + u.ID + "-" + m.ID, Name: m.Name, Unit: u.Name, Owner: measureOwner(m),
				Value: b.value(m, mr.Value), Target: b.target(m, mr.Target),
				Score: b.score(mr.Score, mr.Status), Commentary: note(u, nil, m)})
		}
		for _, o := range u.Objectives {
			or := r.Objective(o)
			if or.Outlook != model.AtRisk {
				continue
			}
			atRisk = append(atRisk, PackException{ID: "x-" + u.ID + "-" + o.ID, Name: o.Name, Unit: u.Name, Owner: o.Owner, objective: o,
				Score: b.score(or.Score, or.Status), Detail: b.w.Text("detail_at_risk", "score", b.loc.Score(or.DriverScore.V, or.DriverScore.OK)),
				Commentary: note(u, o, nil)})
		}
	}
	return red, atRisk
}

// packExceptions are the pack's exceptions in its units: the red measures,
// worst score first, at most MaxPackExceptions of them with a chart of
// their latest periods and numbers compact, and how many more there are;
// the objectives at risk.
func (b *Builder) packExceptions(in []bool) (red []PackException, more int, atRisk []PackException) {
	r := b.r
	type item struct {
		m *model.Measure
		x PackException
	}
	var items []item
	all, atRisk := b.exceptionsOf(in)
	i := 0
	for _, u := range r.Site.Units {
		if !in[u.Index] {
			continue
		}
		for _, m := range u.Measures {
			if r.Measure(m).Status == model.Red {
				items = append(items, item{m, all[i]})
				i++
			}
		}
	}
	slices.SortStableFunc(items, func(a, c item) int { return cmp.Compare(r.Measure(a.m).Score.V, r.Measure(c.m).Score.V) })
	if len(items) > MaxPackExceptions {
		more = len(items) - MaxPackExceptions
		items = items[:MaxPackExceptions]
	}
	for _, it := range items {
		m, mr := it.m, r.Measure(it.m)
		x := it.x
		x.Value, x.Target = b.compactValue(m, mr.Value), b.compactTarget(m, mr.Target)
		if n := m.Unit.Note(r.AsOf, nil, m); n != nil {
			x.Commentary = markdownUnder(n.Text, 4) // under the measure's own heading
		}
		if h := r.RecentHistory(m, packHistory); len(h) > 0 {
			x.Chart = chart.History(m, h, b.words)
			x.Chart.ID = "pack-" + x.Chart.ID
			x.Chart.Height = 200
		}
		red = append(red, x)
	}
	for i := range atRisk {
		o := atRisk[i].objective
		if n := o.Unit.Note(r.AsOf, o, nil); n != nil {
			atRisk[i].Commentary = markdownUnder(n.Text, 4) // under the objective's own heading
		}
	}
	return red, more, atRisk
}

// packInitiatives lists the initiatives of the units in, those with overdue
// milestones first.
func (b *Builder) packInitiatives(in []bool) []InitiativeView {
	var out []InitiativeView
	for _, u := range b.r.Site.Units {
		if !in[u.Index] {
			continue
		}
		for _, in := range u.Initiatives {
			iv := b.initiativeView("", in)
			iv.Href, iv.Unit.Href = "", ""
			for i := range iv.Objectives {
				iv.Objectives[i].Href = ""
			}
			out = append(out, iv)
		}
	}
	slices.SortStableFunc(out, func(a, b InitiativeView) int { return cmp.Compare(b.Overdue, a.Overdue) })
	return out
}

// definitions lists the measures of the units in, unit by unit.
func (b *Builder) definitions(in []bool) []DefinitionGroup {
	var out []DefinitionGroup
	for _, u := range b.r.Site.Units {
		if !in[u.Index] || len(u.Measures) == 0 {
			continue
		}
		g := DefinitionGroup{Unit: u.Name}
		for _, m := range u.Measures {
			g.Measures = append(g.Measures, b.packDefinition(u, m))
		}
		out = append(out, g)
	}
	return out
}

func (b *Builder) packDefinition(u *model.Unit, m *model.Measure) Definition {
	w := b.w
	d := Definition{
		Unit: u.Name, Measure: m.Name, Objective: m.Objective.Name,
		Description: m.Description, Owner: m.Owner, Kind: m.Kind.String(), Source: m.Source,
		Polarity:  w.Text("polarity_" + m.Polarity.String()),
		Frequency: w.Text("freq_" + m.Freq.String() + "_short"),
		Basis:     w.Text("basis_" + m.Basis.String()),
	}
	if m.Aggregation != model.AggNone {
		d.Basis = w.Text("basis_aggregated", "basis", d.Basis, "aggregation", w.Text("agg_"+m.Aggregation.String()))
	}
	switch {
	case m.Formula != nil:
		d.Rule = w.Text("rule_formula", "formula", m.Formula.String())
	case m.Rollup != model.AggNone:
		d.Rule = w.Text("rule_rollup", "aggregation", w.Text("agg_"+m.Rollup.String()))
	}
	d.Thresholds = b.thresholds(m)
	return d
}

// thresholds are a measure's constant thresholds in words, for the
// appendix.
func (b *Builder) thresholds(m *model.Measure) string {
	w := b.w
	switch {
	case m.Polarity == model.Range:
		return w.Text("thresholds_band", "band", b.target(m, model.Opt{}), "tolerance", b.loc.Number(m.Format, m.Band.Tolerance))
	case m.Target.OK:
		parts := []string{w.Text("thresholds_target", "target", b.value(m, m.Target))}
		if m.Red.OK {
			parts = append(parts, w.Text("thresholds_red", "red", b.value(m, m.Red)))
		}
		if m.Stretch.OK {
			parts = append(parts, w.Text("thresholds_stretch", "stretch", b.value(m, m.Stretch)))
		}
		return strings.Join(parts, w.Text("list_separator"))
	}
	return w.Text("thresholds_by_period")
}
