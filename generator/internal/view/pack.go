package view

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// PackPath is where a build writes the board pack.
const PackPath = "pack/index.html"

// PackView is the board pack: one self-contained page laid out for print.
type PackView struct {
	Site             *SiteView
	Root             string
	Vision, Strategy template.HTML // the organisation's, on the cover
	Score            Score
	Units            []TreeItem
	Counts           []StatusCount
	Changes          []Change
	RedMeasures      []PackException
	AtRisk           []PackException
	Sections         []*UnitView
	Initiatives      []InitiativeView
	// InitiativeExceptions are the exceptions page's lists, without links:
	// the pack shows those of the initiatives (behind schedule, over budget,
	// overdue milestones, red objectives no active initiative serves).
	InitiativeExceptions *ExceptionsView
	Definitions          []Definition

	// Inlined so that the file needs nothing else, even offline.
	CSS    template.CSS
	Lib    template.JS
	Script template.JS
	Footer string // a page margin: title and period
	// "Page n of N" in the pack's language, around the two numbers.
	PageBefore, PageMiddle, PageAfter string
	// Canonical is the pack's absolute URL in the published site, when the
	// site has a base URL and the pack is the site's page.
	Canonical string
	// Policy is the Content-Security-Policy, with the hashes of the inline
	// scripts and style: the page holds them exactly as given above.
	Policy string
}

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
	Name, Unit, Owner string
	Value, Target     string
	Score             Score
	Detail            string
	Commentary        template.HTML
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

// Pack is the board pack's view. The site's pack is a page of the site
// (sitePage): it has the canonical link that the file `scorecard pack`
// writes for e-mail has not (that file is a copy of one month's pack, not
// the published page).
func (b *Builder) Pack(sitePage bool) (*PackView, error) {
	v, err := b.packView()
	if err != nil {
		return nil, err
	}
	if sitePage {
		v.Canonical = canonical(b.r.Site.BaseURL, PackPath)
	}
	return v, nil
}

func (b *Builder) packView() (*PackView, error) {
	r := b.r
	root := r.Site.Root()
	rr := r.Unit(root)
	v := &PackView{
		Site: b.site, Root: root.Name, Score: b.score(rr.Score, rr.Status),
		Vision: markdownHTML(root.Vision), Strategy: markdownHTML(root.Strategy),
		Footer: r.Site.Title + " · " + b.site.AsOf,
	}
	// The message with its numbers marked, cut at them.
	page := b.w.Text("pack_page", "page", "\x00", "pages", "\x01")
	v.PageBefore, page, _ = strings.Cut(page, "\x00")
	v.PageMiddle, v.PageAfter, _ = strings.Cut(page, "\x01")
	for _, u := range r.Site.Units {
		ur := r.Unit(u)
		v.Units = append(v.Units, TreeItem{Link: Link{Text: u.Name, Href: "#unit-" + u.ID}, Depth: u.Depth, Score: b.score(ur.Score, ur.Status)})
		uv := b.unitView("", u)
		if len(u.Objectives) > 0 {
			uv.Map = chart.StrategyMap(r, u, chart.PackMap, nil, b.words)
			uv.Map.ID = "pack-map-" + u.ID
		}
		unlink(uv)
		v.Sections = append(v.Sections, uv)
	}
	v.Counts = statusCounts(r)
	v.Changes = b.changes()
	v.RedMeasures, v.AtRisk = b.packExceptions()
	v.Initiatives = b.packInitiatives()
	v.InitiativeExceptions = b.exceptionsView("")
	unlinkRows(v.InitiativeExceptions)
	v.Definitions = b.definitions()

	var css []string
	for _, f := range []string{"static/assets/site.css", "static/assets/pack.css"} {
		s, err := b.theme.ReadFile(f)
		if err != nil {
			return nil, err
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
			return nil, err
		}
		// Inlined script ends at the first "</script"; a file holding one
		// cannot be inlined safely.
		if bytes.Contains(bytes.ToLower(s), []byte("</script")) || bytes.Contains(s, []byte("<!--")) {
			return nil, fmt.Errorf("%s cannot be inlined in the board pack: it contains </script or <!--", js.file)
		}
		*js.dst = template.JS(s)
	}
	v.Policy = theme.ContentPolicy([]string{string(v.Lib), string(v.Script)}, []string{string(v.CSS)})
	return v, nil
}

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

// unlinkRows removes the links of an exceptions view, for the pack.
func unlinkRows(v *ExceptionsView) {
	for _, rows := range [][]ExceptionRow{v.RedMeasures, v.AtRisk, v.StaleOrMissing, v.Unaddressed, v.BehindSchedule, v.OverBudget, v.OverdueMilestones} {
		for i := range rows {
			rows[i].Href, rows[i].Unit.Href = "", ""
		}
	}
}

var statusOrder = []model.Status{model.Green, model.Amber, model.Red, model.None}

func statusCounts(r *compute.Result) []StatusCount {
	n := map[model.Status]int{}
	for i := range r.Measures {
		n[r.Measures[i].Status]++
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

// changes lists the measures whose status differs from the previous period,
// worsened first, then by unit and measure order.
func (b *Builder) changes() []Change {
	r := b.r
	var out []Change
	for _, u := range r.Site.Units {
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

func (b *Builder) packExceptions() (red, atRisk []PackException) {
	r := b.r
	note := func(u *model.Unit, o *model.Objective, m *model.Measure) template.HTML {
		if n := u.Note(r.AsOf, o, m); n != nil {
			return markdownHTML(n.Text)
		}
		return ""
	}
	for _, u := range r.Site.Units {
		for _, m := range u.Measures {
			mr := r.Measure(m)
			if mr.Status != model.Red {
				continue
			}
			red = append(red, PackException{Name: m.Name, Unit: u.Name, Owner: measureOwner(m),
				Value: b.value(m, mr.Value), Target: b.target(m, mr.Target),
				Score: b.score(mr.Score, mr.Status), Commentary: note(u, nil, m)})
		}
		for _, o := range u.Objectives {
			or := r.Objective(o)
			if or.Outlook != model.AtRisk {
				continue
			}
			atRisk = append(atRisk, PackException{Name: o.Name, Unit: u.Name, Owner: o.Owner,
				Score: b.score(or.Score, or.Status), Detail: b.w.Text("detail_at_risk", "score", b.loc.Score(or.DriverScore.V, or.DriverScore.OK)),
				Commentary: note(u, o, nil)})
		}
	}
	return red, atRisk
}

// packInitiatives lists every initiative, those with overdue milestones first.
func (b *Builder) packInitiatives() []InitiativeView {
	var out []InitiativeView
	for _, u := range b.r.Site.Units {
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

func (b *Builder) definitions() []Definition {
	w := b.w
	var out []Definition
	for _, u := range b.r.Site.Units {
		for _, m := range u.Measures {
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
			out = append(out, d)
		}
	}
	return out
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
