package view

import (
	"html/template"
	"strings"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// A measure's page shows the same definition in every review period, and
// the same rows of its table and the same points of its history chart for
// the periods they share: a past period's history is the as-of period's,
// less the newer periods. shared makes each once per render, for the
// builders of all the periods, which render in parallel.
type shared struct {
	measures   []sharedMeasure   // by Measure.Index
	objectives []sharedObjective // by Objective.Index
}

// sharedObjective is an objective's table of its score as of each period:
// a past period's is the as-of period's, less the newer rows.
type sharedObjective struct {
	once sync.Once
	rows []HistoryRow // oldest first
	html string       // as HistoryHTML writes them
	end  []int        // where each row ends in html
	err  error
}

type sharedMeasure struct {
	once    sync.Once
	rows    []PeriodRow // the as-of period's table, newest first
	html    string      // its rows as RowsHTML writes them
	at      []int       // where each row begins in html
	def     []Field
	defHTML template.HTML
	err     error
	charts  *chart.Histories // the history chart as of each period
}

func newShared(r *compute.Result) *shared {
	return &shared{measures: make([]sharedMeasure, r.Site.Measures), objectives: make([]sharedObjective, len(r.Objectives))}
}

// sharedObjective returns what o's pages share, made from the as-of
// period's result.
func (b *Builder) sharedObjective(o *model.Objective) *sharedObjective {
	so := &b.shared.objectives[o.Index]
	so.once.Do(func() {
		cur := b.reviews[0].result
		h := cur.Objective(o).History
		so.rows = make([]HistoryRow, len(h))
		for i, p := range cur.Periods {
			so.rows[i] = HistoryRow{Period: b.names.Name(p), Score: b.score(h[i], compute.RollupStatus(h[i]))}
		}
		so.html, so.end, so.err = historyHTML(b.theme, so.rows)
	})
	return so
}

// measure returns what m's pages share, made from the as-of period's result
// cur, for pages at the depth of here.
func (b *Builder) sharedMeasure(m *model.Measure, here string) *sharedMeasure {
	sm := &b.shared.measures[m.Index]
	sm.once.Do(func() {
		cur := b.reviews[0].result.Measure(m)
		sm.rows = b.periodRows(m, cur.History)
		sm.html, sm.at, sm.err = rowsHTML(b.theme, sm.rows)
		sm.def = b.definition(here, m)
		sm.defHTML = definitionHTML(sm.def, b.w.Text("list_separator"))
		sm.charts = chart.NewHistories(m, cur.History, b.words)
	})
	return sm
}

// periodRows are the rows of a measure's table for its history, newest
// first.
func (b *Builder) periodRows(m *model.Measure, hist []compute.PeriodResult) []PeriodRow {
	rows := make([]PeriodRow, 0, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		row := PeriodRow{Period: b.names.Name(h.Period), Actual: b.value(m, h.Actual), Score: b.score(h.Score, h.Status)}
		// Thresholds mostly stay the same from one period to the next: a
		// repeated one takes the text of the row before rather than being
		// formatted again (-0 and 0 compare equal and format the same).
		if n := len(rows); n > 0 {
			last, prev := &rows[n-1], hist[i+1]
			row.Target = again(h.Target, prev.Target, last.Target, m, b.target)
			row.Red = again(h.Red, prev.Red, last.Red, m, b.value)
			row.Stretch = again(h.Stretch, prev.Stretch, last.Stretch, m, b.value)
		} else {
			row.Target, row.Red, row.Stretch = b.target(m, h.Target), b.value(m, h.Red), b.value(m, h.Stretch)
		}
		rows = append(rows, row)
	}
	return rows
}

// definitionHTML is the default theme's list of a measure's definition:
// one <div> with a <dt> and a <dd> for each field, its links after the
// value, separated by sep (the language's list separator).
func definitionHTML(fields []Field, sep string) template.HTML {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(`<div><dt>`)
		writeText(&b, f.Label)
		b.WriteString(`</dt><dd>`)
		writeText(&b, f.Value)
		if len(f.Links) > 0 {
			b.WriteString(` <span class="from">(`)
			for i, l := range f.Links {
				if i > 0 {
					writeText(&b, sep)
				}
				b.WriteString(`<a href="`)
				writeText(&b, l.Href)
				b.WriteString(`">`)
				writeText(&b, l.Text)
				b.WriteString(`</a>`)
			}
			b.WriteString(`)</span>`)
		}
		b.WriteString("</dd></div>\n  ")
	}
	return template.HTML(b.String())
}
