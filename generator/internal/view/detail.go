package view

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
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
	historyHTML              string // for HistoryHTML
	historyErr               error
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
	Unit     string
	Score    Score
	Evidence string
	Lag      string
	R        string
	N        string
}

// HistoryRow is an objective's score as of one period.
type HistoryRow struct {
	Period string
	Score  Score
}

func weightText(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }

func (b *Builder) objectiveView(path string, o *model.Objective) *ObjectiveView {
	r := b.r
	or := r.Objective(o)
	here := rel(path)
	v := &ObjectiveView{
		Name: o.Name, Owner: o.Owner, Perspective: o.Perspective.Name,
		Unit:        Link{Text: o.Unit.Name, Href: here + unitPath(o.Unit)},
		Score:       ScoreOf(or.Score, or.Status),
		DriverScore: ScoreOf(or.DriverScore, compute.RollupStatus(or.DriverScore)),
		Outlook:     or.Outlook.String(),
	}
	for _, m := range o.Measures {
		mr := r.Measure(m)
		v.Components = append(v.Components, ComponentRow{
			Link: Link{Text: m.Name, Href: here + measurePath(m)}, Kind: "Measure", Unit: o.Unit.Name,
			Value: formatValue(m, mr.Value), Target: formatTarget(m, mr.Target),
			Weight: weightText(m.Weight), Score: ScoreOf(mr.Score, mr.Status),
		})
	}
	for _, s := range o.SupportedBy {
		sr := r.Objective(s)
		v.Components = append(v.Components, ComponentRow{
			Link: Link{Text: s.Name, Href: here + objectivePath(s)}, Kind: "Objective", Unit: s.Unit.Name,
			Value: "", Target: "", Weight: weightText(s.Weight), Score: ScoreOf(sr.Score, sr.Status),
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
		v.Supports = append(v.Supports, ComponentRow{Link: Link{Text: s.Name, Href: here + objectivePath(s)}, Kind: "Objective", Unit: s.Unit.Name, Weight: weightText(o.Weight), Score: ScoreOf(sr.Score, sr.Status)})
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
	v.History = chart.ScoreHistory(o, r)
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

func (b *Builder) causeRow(here string, o *model.Objective, l compute.Link) CauseRow {
	or := b.r.Objective(o)
	row := CauseRow{Link: Link{Text: o.Name, Href: here + objectivePath(o)}, Unit: o.Unit.Name, Score: ScoreOf(or.Score, or.Status)}
	switch {
	case l.Flat:
		row.Evidence = "Not enough variation (a score that does not change correlates with nothing)"
		return row
	case !l.Enough:
		row.Evidence = fmt.Sprintf("Not enough data (needs %d periods of scores on both)", compute.MinLinkPeriods)
		return row
	}
	row.Lag = plural(l.Lag, "period")
	row.R = strconv.FormatFloat(l.R, 'f', 2, 64)
	row.N = strconv.Itoa(l.N)
	row.Evidence = evidenceWords(l.R)
	return row
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// evidenceWords reads a correlation for people who do not read r. A
// negative r is not the absence of a link: the effect's score fell as the
// cause's rose, which questions the link drawn.
func evidenceWords(r float64) string {
	switch {
	case r >= 0.7:
		return "Strong"
	case r >= 0.4:
		return "Moderate"
	case r >= 0.1:
		return "Weak"
	case r > -0.1:
		return "None"
	}
	return "Opposite: one's score fell as the other's rose"
}

// MeasureView is a measure's page.
type MeasureView struct {
	Name      string
	Objective Link
	Unit      Link
	Value     string
	Target    string
	// ValueCompact and TargetCompact are Value and Target for a headline
	// tile: "$89.0m" for 88,996,008 USD (number.Compact).
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
	cal := r.Site.Calendar
	v := &MeasureView{
		Name:          m.Name,
		Objective:     Link{Text: m.Objective.Name, Href: here + objectivePath(m.Objective)},
		Unit:          Link{Text: m.Unit.Name, Href: here + unitPath(m.Unit)},
		Value:         formatValue(m, mr.Value),
		Target:        formatTarget(m, mr.Target),
		ValueCompact:  compact(m, mr.Value),
		TargetCompact: compactTarget(m, mr.Target),
		Red:           formatValue(m, mr.Red),
		Stretch:       formatValue(m, mr.Stretch),
		Period:        cal.Name(mr.Period),
		Current:       cal.Name(mr.Current),
		Score:         ScoreOf(mr.Score, mr.Status),
		Trend:         mr.Trend.String(),
		TrendOver:     spanOf(mr.TrendPeriods, m.Freq),
		Stale:         mr.Stale,
		CSV:           rel(b.prefix+path) + MeasureCSVPath(m),
	}
	if mr.Year != nil {
		v.Year = b.yearView(m, mr.Year)
	}
	if m.Basis == model.YTDBasis {
		v.YTD = true
		v.Period = "Year to date, " + cal.Name(mr.Current)
		if len(mr.Missing) > 0 {
			var ps []string
			for _, p := range mr.Missing {
				ps = append(ps, cal.Name(p))
			}
			v.Missing = "No actual for " + strings.Join(ps, ", ") + ", so there is no year-to-date value."
		}
	}
	if !mr.Value.OK && v.Missing == "" {
		v.Missing = "No actual for " + cal.Name(mr.Current) + " or before."
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
	f := []Field{
		{Label: "Polarity", Value: map[model.Polarity]string{model.Higher: "Higher is better", model.Lower: "Lower is better", model.Range: "Within a band"}[m.Polarity]},
		{Label: "Frequency", Value: titleCase(m.Freq.String())},
		{Label: "Scored on", Value: map[model.Basis]string{model.PeriodBasis: "The latest period", model.YTDBasis: "Year to date"}[m.Basis]},
	}
	if m.Aggregation != model.AggNone {
		f = append(f, Field{Label: "Periods combine by", Value: m.Aggregation.String()})
	}
	if m.Polarity == model.Range {
		f = append(f, Field{Label: "Band", Value: formatTarget(m, model.Opt{})},
			Field{Label: "Tolerance", Value: m.Format.Format(m.Band.Tolerance)})
	} else {
		for _, c := range []struct {
			label string
			v     model.Opt
		}{{"Target", m.Target}, {"Red flag", m.Red}, {"Stretch", m.Stretch}} {
			if c.v.OK {
				f = append(f, Field{Label: c.label, Value: formatValue(m, c.v)})
			}
		}
	}
	if m.Formula != nil {
		fl := Field{Label: "Formula", Value: m.Formula.String()}
		for _, in := range m.Inputs {
			fl.Links = append(fl.Links, Link{Text: in.Name, Href: here + measurePath(in)})
		}
		f = append(f, fl)
	}
	if m.Rollup != model.AggNone {
		fl := Field{Label: "Rolled up", Value: m.Rollup.String() + " of the child units"}
		for _, s := range m.RollupFrom {
			fl.Links = append(fl.Links, Link{Text: s.Unit.Name, Href: here + measurePath(s)})
		}
		f = append(f, fl)
	}
	if from := provenance(b.r.Data, m); from != "" {
		f = append(f, Field{Label: "Data from", Value: from})
	}
	f = append(f, Field{Label: "Format", Value: m.Format.String()}, Field{Label: "Weight", Value: weightText(m.Weight)})
	return f
}

// provenance says where a measure's data rows came from: each file, sheet of
// a workbook or database source, in the order the build read them.
func provenance(d *model.Data, m *model.Measure) string {
	seen := sourceSet{}
	ser := d.Of(m)
	for i := range ser.Len() {
		if t, ok := ser.Table(i); ok {
			seen[t] = true
		}
	}
	seen.merged(d.MergedFrom.Measures[m.Index])
	return seen.text(d)
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

// text names the sources of s in the order the build read them, "" for none.
func (s sourceSet) text(d *model.Data) string {
	var out []string
	for _, src := range d.Sources {
		if f, sh := src.Key(); !s[model.SourceKey{File: f, Sheet: sh}] {
			continue
		}
		switch src.Kind {
		case model.DatabaseSource:
			out = append(out, "database source "+src.Name+" ("+src.Driver+")")
		case model.SheetSource:
			out = append(out, src.File+", sheet "+src.Sheet)
		default:
			out = append(out, src.File)
		}
	}
	return strings.Join(out, "; ")
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// again is the text of o: prevText when o is the value prevText was
// formatted from, format(m, o) otherwise.
func again(o, prev model.Opt, prevText string, m *model.Measure, format func(*model.Measure, model.Opt) string) string {
	if o == prev {
		return prevText
	}
	return format(m, o)
}
