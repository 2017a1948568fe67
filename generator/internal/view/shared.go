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
// builders of all the periods, which render in parallel. What it makes is
// let go when the last period's page has taken it: the render takes a
// page's periods one after the other (render.Site), so a few measures'
// rows are held at a time rather than every measure's (1.3 GB on the L
// workload).
type shared struct {
	measures   []sharedEntry[measureRows]   // by Measure.Index
	objectives []sharedEntry[objectiveRows] // by Objective.Index
	periods    int                          // the builders, which take each entry once
}

// sharedEntry holds what the pages of one measure or objective share,
// from the first page that asks for it until the last has.
type sharedEntry[T any] struct {
	mu    sync.Mutex
	made  *T
	taken int
}

// take returns the entry's value, made by newT when the entry holds none,
// and lets go of it once the builders of all the periods have taken it. A
// page taken again after that (a render of some pages only) makes it
// anew.
func (e *sharedEntry[T]) take(periods int, newT func() *T) *T {
	e.mu.Lock()
	defer e.mu.Unlock()
	v := e.made
	if v == nil {
		v = newT()
		e.made = v
	}
	if e.taken++; e.taken >= periods {
		e.made, e.taken = nil, 0
	}
	return v
}

// objectiveRows are an objective's table of its score as of each period:
// a past period's is the as-of period's, less the newer rows.
type objectiveRows struct {
	rows []HistoryRow // oldest first
	html string       // as HistoryHTML writes them
	end  []int        // where each row ends in html
	err  error
}

// measureRows are a measure's history, the rows of its table and its
// definition, as of the as-of period.
type measureRows struct {
	hist    []compute.PeriodResult // oldest first
	rows    []PeriodRow            // the as-of period's table, newest first
	html    string                 // its rows as RowsHTML writes them
	at      []int                  // where each row begins in html
	def     []Field
	defHTML template.HTML
	err     error
	charts  *chart.Histories // the history chart as of each period
}

func newShared(r *compute.Result, periods int) *shared {
	return &shared{
		measures:   make([]sharedEntry[measureRows], r.Site.Measures),
		objectives: make([]sharedEntry[objectiveRows], len(r.Objectives)),
		periods:    periods,
	}
}

// objectiveRows returns what o's pages share, made from the as-of
// period's result.
func (b *Builder) objectiveRows(o *model.Objective) *objectiveRows {
	return b.shared.objectives[o.Index].take(b.shared.periods, func() *objectiveRows {
		cur := b.reviews[0].result
		h := cur.Objective(o).History
		so := &objectiveRows{rows: make([]HistoryRow, len(h))}
		for i, p := range cur.Periods {
			so.rows[i] = HistoryRow{Period: b.names.Name(p), Score: b.score(h[i], compute.RollupStatus(h[i]))}
		}
		so.html, so.end, so.err = historyHTML(b.theme, so.rows)
		return so
	})
}

// measureRows returns what m's pages share, made from the as-of period's
// result, for pages at the depth of here.
func (b *Builder) measureRows(m *model.Measure, here string) *measureRows {
	return b.shared.measures[m.Index].take(b.shared.periods, func() *measureRows {
		sm := &measureRows{hist: b.reviews[0].result.History(m)}
		sm.rows = b.periodRows(m, sm.hist)
		sm.html, sm.at, sm.err = rowsHTML(b.theme, sm.rows)
		sm.def = b.definition(here, m)
		sm.defHTML = definitionHTML(sm.def, b.w.Text("list_separator"))
		sm.charts = chart.NewHistories(m, sm.hist, b.words)
		return sm
	})
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
