package view

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// ObjectiveView is an objective's page.
type ObjectiveView struct {
	Name, Owner, Perspective string
	Unit                     Link
	Score                    Score
	DriverScore              Score
	Outlook                  string
	Components               []ComponentRow
	Drivers                  []CauseRow // objectives that drive this one
	Effects                  []CauseRow // objectives this one drives
	Supports                 []ComponentRow
	Initiatives              []Link
	History                  *chart.Chart
	HistoryRows              []HistoryRow
	Commentary               template.HTML
	// NoLeading is true for an objective that drives others but has no
	// leading measure: nothing on it moves before its results do.
	NoLeading   bool
	historyHTML string // for HistoryHTML
	historyErr  error
	b           *Builder // for ComponentsHTML, DriversHTML and EffectsHTML
	home        string   // from the page to its period's root
}

// ComponentRow is a measure or objective that makes up an objective's score.
type ComponentRow struct {
	Link
	Kind   string // "Measure" or "Objective"
	Unit   string
	Value  string
	Target string
	Weight string
	Score  Score
}

// CauseRow is one end of a drives link with the evidence for the link.
type CauseRow struct {
	Link
	Unit  string
	Score Score
	// NoLeading is true for a cause that has no leading measure: the link
	// rests on results alone (model.NoLeadingMeasure).
	NoLeading bool
	Evidence  string
	Lag       string
	R         string
	N         string
}

// HistoryRow is an objective's score as of one period.
type HistoryRow struct {
	Period string
	Score  Score
}

// weightText is a weight as written in the scorecard, in the language's
// digits and decimal sign.
func (b *Builder) weightText(w float64) string {
	digits := strconv.FormatFloat(w, 'f', -1, 64)
	dec := 0
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		dec = len(digits) - i - 1
	}
	return b.loc.Number(number.Format{MinDec: dec, MaxDec: dec}, w)
}

func (b *Builder) objectiveView(path string, o *model.Objective) *ObjectiveView {
	r := b.r
	or := r.Objective(o)
	here := rel(path)
	v := &ObjectiveView{
		Name: o.Name, Owner: o.Owner, Perspective: chart.PerspectiveName(b.w, o.Perspective),
		Unit:        Link{Text: o.Unit.Name, Href: here + unitPath(o.Unit)},
		Score:       b.score(or.Score, or.Status),
		DriverScore: b.score(or.DriverScore, compute.RollupStatus(or.DriverScore)),
		NoLeading:   model.NoLeadingMeasure(o),
		Outlook:     or.Outlook.String(),
		b:           b,
		home:        here,
	}
	for _, m := range o.Measures {
		mr := r.Measure(m)
		v.Components = append(v.Components, ComponentRow{
			Link: Link{Text: m.Name, Href: here + measurePath(m)}, Kind: b.componentKind(m), Unit: o.Unit.Name,
			Value: b.value(m, mr.Value), Target: b.target(m, mr.Target),
			Weight: b.weightText(m.Weight), Score: b.score(mr.Score, mr.Status),
		})
	}
	for _, s := range o.SupportedBy {
		sr := r.Objective(s)
		v.Components = append(v.Components, ComponentRow{
			Link: Link{Text: s.Name, Href: here + objectivePath(s)}, Kind: b.w.Text("component_objective"), Unit: s.Unit.Name,
			Value: "", Target: "", Weight: b.weightText(s.Weight), Score: b.score(sr.Score, sr.Status),
		})
	}
	for _, d := range o.DrivenBy {
		v.Drivers = append(v.Drivers, b.causeRow(here, d, linkBetween(r, d, o)))
	}
	for i, e := range o.Drives {
		v.Effects = append(v.Effects, b.causeRow(here, e, or.Effects[i]))
	}
	for _, s := range o.Supports {
		sr := r.Objective(s)
		v.Supports = append(v.Supports, ComponentRow{Link: Link{Text: s.Name, Href: here + objectivePath(s)}, Kind: b.w.Text("component_objective"), Unit: s.Unit.Name, Weight: b.weightText(o.Weight), Score: b.score(sr.Score, sr.Status)})
	}
	for _, in := range o.Unit.Initiatives {
		for _, io := range in.Objectives {
			if io == o {
				v.Initiatives = append(v.Initiatives, Link{Text: in.Name, Href: here + initiativePath(in)})
			}
		}
	}
	// This period's rows are the as-of period's first ones.
	if n := len(r.Periods); n > 0 {
		so := b.objectiveRows(o)
		v.HistoryRows, v.historyHTML, v.historyErr = so.rows[:n:n], so.html[:so.end[n-1]], so.err
	}
	v.History = chart.ScoreHistory(o, r, b.words)
	if n := o.Unit.Note(r.AsOf, o, nil); n != nil {
		v.Commentary = markdownHTML(n.Text)
	}
	return v
}

// historyTo is the part of a measure's history up to period c.
func historyTo(h []compute.PeriodResult, c period.Period) []compute.PeriodResult {
	if len(h) == 0 {
		return nil
	}
	n := min(max(c.N-h[0].Period.N+1, 0), len(h))
	return h[:n:n]
}

// linkBetween finds the evidence for from → to, which is kept with from.
func linkBetween(r *compute.Result, from, to *model.Objective) compute.Link {
	for i, e := range from.Drives {
		if e == to {
			return r.Objective(from).Effects[i]
		}
	}
	return compute.Link{}
}

// componentKind is what a measure is among an objective's components: a
// measure, leading or lagging when it says.
func (b *Builder) componentKind(m *model.Measure) string {
	switch m.Kind {
	case model.Leading:
		return b.w.Text("component_measure") + " · " + b.w.Text("kind_leading")
	case model.Lagging:
		return b.w.Text("component_measure") + " · " + b.w.Text("kind_lagging")
	}
	return b.w.Text("component_measure")
}

func (b *Builder) causeRow(here string, o *model.Objective, l compute.Link) CauseRow {
	or := b.r.Objective(o)
	row := CauseRow{Link: Link{Text: o.Name, Href: here + objectivePath(o)}, Unit: o.Unit.Name, Score: b.score(or.Score, or.Status), NoLeading: model.NoLeadingMeasure(o)}
	switch {
	case l.Flat:
		row.Evidence = b.w.Text("evidence_flat")
		return row
	case !l.Enough:
		row.Evidence = b.w.Count("evidence_not_enough", compute.MinLinkPeriods)
		return row
	}
	row.Lag = b.w.Count("lag_periods", l.Lag)
	row.R = b.loc.Number(number.Format{MinDec: 2, MaxDec: 2}, l.R)
	row.N = b.loc.Int(l.N)
	row.Evidence = b.w.Text(evidenceWords(l.R))
	return row
}

// evidenceWords reads a correlation for people who do not read r: the key
// of its words. A negative r is not the absence of a link: the effect's
// score fell as the cause's rose, which questions the link drawn.
func evidenceWords(r float64) string {
	switch {
	case r >= 0.7:
		return "evidence_strong"
	case r >= 0.4:
		return "evidence_moderate"
	case r >= 0.1:
		return "evidence_weak"
	case r > -0.1:
		return "evidence_none"
	}
	return "evidence_opposite"
}

// MeasureView is a measure's page.
type MeasureView struct {
	Name        string
	Description string
	Owner       string // the measure's own
	Kind        string // leading, lagging or ""
	Objective   Link
	Unit        Link
	Value       string
	Target      string
	// ValueCompact and TargetCompact are Value and Target for a headline
	// tile, in the language's short form: "89.0M USD" (locale.Compact).
	ValueCompact, TargetCompact string
	Red                         string
	Stretch                     string
	Period                      string
	Current                     string
	Score                       Score
	Trend                       string
	TrendOver                   Span
	Stale                       bool
	Definition                  []Field
	Chart                       *chart.Chart
	Rows                        []PeriodRow
	Commentary                  template.HTML
	Missing                     string // why there is no value, when there is none
	YTD                         bool
	Year                        *YearView // a year-to-date measure's year; nil for others
	// CSV is the history as CSV, relative to the page: the as-of period's,
	// which holds every period's rows.
	CSV string

	rowsHTML       string // for RowsHTML
	rowsErr        error
	definitionHTML template.HTML
	b              *Builder // for FactsHTML
	home           string   // from the page to its period's root
}

// Field is a labelled value of a definition list.
type Field struct {
	Label string
	Value string
	Links []Link
}

// PeriodRow is one period of a measure's table.
type PeriodRow struct {
	Period                       string
	Actual, Target, Red, Stretch string
	Score                        Score
}

func (b *Builder) measureView(path string, m *model.Measure) *MeasureView {
	r := b.r
	mr := r.Measure(m)
	here := rel(path)
	names := b.names
	v := &MeasureView{
		Name:          m.Name,
		Description:   m.Description,
		Owner:         m.Owner,
		Kind:          m.Kind.String(),
		Objective:     Link{Text: m.Objective.Name, Href: here + objectivePath(m.Objective)},
		Unit:          Link{Text: m.Unit.Name, Href: here + unitPath(m.Unit)},
		Value:         b.value(m, mr.Value),
		Target:        b.target(m, mr.Target),
		ValueCompact:  b.compactValue(m, mr.Value),
		TargetCompact: b.compactTarget(m, mr.Target),
		Red:           b.value(m, mr.Red),
		Stretch:       b.value(m, mr.Stretch),
		Period:        names.Name(mr.Period),
		Current:       names.Name(mr.Current),
		Score:         b.score(mr.Score, mr.Status),
		Trend:         mr.Trend.String(),
		TrendOver:     b.span(mr.TrendPeriods, m.Freq),
		Stale:         mr.Stale,
		CSV:           rel(b.prefix+path) + MeasureCSVPath(m),
		b:             b,
		home:          here,
	}
	if mr.Year != nil {
		v.Year = b.yearView(m, mr.Year)
	}
	if m.Basis == model.YTDBasis {
		v.YTD = true
		v.Period = b.w.Text("measure_ytd_period", "period", names.Name(mr.Current))
		if len(mr.Missing) > 0 {
			var ps []string
			for _, p := range mr.Missing {
				ps = append(ps, names.Name(p))
			}
			v.Missing = b.w.Text("measure_missing_ytd", "periods", strings.Join(ps, b.w.Text("list_separator")))
		}
	}
	if !mr.Value.OK && v.Missing == "" {
		v.Missing = b.w.Text("measure_missing", "period", names.Name(mr.Current))
	}
	sm := b.measureRows(m, here)
	v.Definition, v.definitionHTML = sm.def, sm.defHTML
	// This period's history and rows are the as-of period's oldest ones,
	// and its chart the as-of period's first periods.
	if n := len(historyTo(sm.hist, mr.Current)); n > 0 {
		first := len(sm.rows) - n
		v.Rows, v.rowsHTML, v.rowsErr = sm.rows[first:], sm.html[sm.at[first]:], sm.err
		v.Chart = sm.charts.Chart(n)
	}
	if n := m.Unit.Note(r.AsOf, nil, m); n != nil {
		v.Commentary = markdownHTML(n.Text)
	}
	return v
}

func (b *Builder) definition(here string, m *model.Measure) []Field {
	w := b.w
	var f []Field
	if m.Kind != model.NoKind {
		f = append(f, Field{Label: w.Text("def_kind"), Value: w.Text("def_kind_" + m.Kind.String())})
	}
	if m.Owner != "" {
		f = append(f, Field{Label: w.Text("def_owner"), Value: m.Owner})
	}
	if m.Source != "" {
		f = append(f, Field{Label: w.Text("def_source"), Value: m.Source})
	}
	f = append(f,
		Field{Label: w.Text("def_polarity"), Value: w.Text("def_" + m.Polarity.String())},
		Field{Label: w.Text("def_frequency"), Value: w.Text("freq_" + m.Freq.String())},
		Field{Label: w.Text("def_basis"), Value: w.Text("def_basis_" + m.Basis.String())},
	)
	if m.Aggregation != model.AggNone {
		f = append(f, Field{Label: w.Text("def_aggregation"), Value: w.Text("agg_" + m.Aggregation.String())})
	}
	if m.Polarity == model.Range {
		f = append(f, Field{Label: w.Text("def_band"), Value: b.target(m, model.Opt{})},
			Field{Label: w.Text("def_tolerance"), Value: b.loc.Number(m.Format, m.Band.Tolerance)})
	} else {
		for _, c := range []struct {
			label string
			v     model.Opt
		}{{"def_target", m.Target}, {"def_red", m.Red}, {"def_stretch", m.Stretch}} {
			if c.v.OK {
				f = append(f, Field{Label: w.Text(c.label), Value: b.value(m, c.v)})
			}
		}
	}
	if m.Formula != nil {
		fl := Field{Label: w.Text("def_formula"), Value: m.Formula.String()}
		for _, in := range m.Inputs {
			fl.Links = append(fl.Links, Link{Text: in.Name, Href: here + measurePath(in)})
		}
		f = append(f, fl)
	}
	if m.Rollup != model.AggNone {
		fl := Field{Label: w.Text("def_rollup"), Value: w.Text("def_rollup_value", "aggregation", w.Text("agg_"+m.Rollup.String()))}
		for _, s := range m.RollupFrom {
			fl.Links = append(fl.Links, Link{Text: s.Unit.Name, Href: here + measurePath(s)})
		}
		f = append(f, fl)
	}
	if from := b.provenance(m); from != "" {
		f = append(f, Field{Label: w.Text("def_data_from"), Value: from})
	}
	f = append(f, Field{Label: w.Text("def_format"), Value: m.Format.String()}, Field{Label: w.Text("def_weight"), Value: b.weightText(m.Weight)})
	return f
}

// provenance says where a measure's data rows came from: each file, sheet of
// a workbook or database source, in the order the build read them.
func (b *Builder) provenance(m *model.Measure) string {
	d := b.r.Data
	seen := sourceSet{}
	ser := d.Of(m)
	for i := range ser.Len() {
		if t, ok := ser.Table(i); ok {
			seen[t] = true
		}
	}
	seen.merged(d.MergedFrom.Measures[m.Index])
	return seen.text(d, b.w)
}

// sourceSet holds the tables some data rows came from.
type sourceSet map[model.SourceKey]bool

func (s sourceSet) add(at diag.Pos) {
	if at.File != "" || at.Sheet != "" {
		s[model.SourceKey{File: at.File, Sheet: at.Sheet}] = true
	}
}

// merged adds the tables of rows merged into periods that others began.
func (s sourceSet) merged(keys []model.SourceKey) {
	for _, k := range keys {
		s[k] = true
	}
}

// text names the sources of s in the order the build read them, "" for
// none, in the language of w.
func (s sourceSet) text(d *model.Data, w *i18n.Catalog) string {
	var out []string
	for _, src := range d.Sources {
		if f, sh := src.Key(); !s[model.SourceKey{File: f, Sheet: sh}] {
			continue
		}
		switch src.Kind {
		case model.DatabaseSource:
			out = append(out, w.Text("source_database", "name", src.Name, "driver", src.Driver))
		case model.SheetSource:
			out = append(out, w.Text("source_sheet", "file", src.File, "sheet", src.Sheet))
		default:
			out = append(out, src.File)
		}
	}
	return strings.Join(out, w.Text("def_sources_separator"))
}

// again is the text of o: prevText when o is the value prevText was
// formatted from, format(m, o) otherwise.
func again(o, prev model.Opt, prevText string, m *model.Measure, format func(*model.Measure, model.Opt) string) string {
	if o == prev {
		return prevText
	}
	return format(m, o)
}
