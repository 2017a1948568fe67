package view

import (
	"github.com/scorecard-dev/scorecard/generator/internal/chart"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// YearView is a year-to-date measure's fiscal year on its page: the chart
// of the year to date, its table, and the projection of the year's end.
type YearView struct {
	Year           string // the fiscal year's name: "2026", "FY 2026"
	Chart          *chart.Chart
	Rows           []YearRow
	FullYearTarget string
	// FullYearTargetCompact is FullYearTarget for a headline tile.
	FullYearTargetCompact string
	// Projected is the projected value at the year's end ("" when the
	// year is not projected), compact for a tile, and its status against
	// the full-year target.
	Projected        string
	ProjectedCompact string
	ProjectedStatus  string
	// Method is how the year's end was projected: "run-rate", "seasonal"
	// or "mixed" (a formula whose inputs were projected each its own way).
	Method string
}

// YearRow is one period of the fiscal year.
type YearRow struct {
	Period    string
	Actual    string // the year to date as of the period; "" after the current one
	Target    string
	Projected string // "" where nothing is projected
}

func (b *Builder) yearView(m *model.Measure, y *compute.YearToDate) *YearView {
	cal := b.r.Site.Calendar
	v := &YearView{
		Year:                  b.names.Name(cal.Containing(period.Annual, cal.End(y.Periods[0]))),
		FullYearTarget:        b.target(m, y.FullYear.Target),
		FullYearTargetCompact: b.compactTarget(m, y.FullYear.Target),
		Chart:                 chart.YearToDate(m, y, b.words),
	}
	for i, p := range y.Periods {
		row := YearRow{Period: b.names.Name(p), Target: b.target(m, y.Target[i])}
		if y.Actual[i].OK {
			row.Actual = b.value(m, y.Actual[i])
		}
		if y.Projection[i].OK && !y.Actual[i].OK {
			row.Projected = b.value(m, y.Projection[i])
		}
		v.Rows = append(v.Rows, row)
	}
	if y.Method != compute.NoProjection {
		v.Projected = b.value(m, y.Projected)
		v.ProjectedCompact = b.compactValue(m, y.Projected)
		v.ProjectedStatus = y.ProjectedStatus.String()
		v.Method = y.Method.String()
	}
	return v
}

// compactValue shows a measure's number in a headline tile or the board
// pack, in the language's short form (locale.Compact): "89.0M USD",
// "1.2K orders".
func (b *Builder) compactValue(m *model.Measure, o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return b.loc.Compact(m.Format, m.DisplayUnit, o.V)
}

// compactTarget is target for a headline tile: a range measure's band as
// it is, a target compact.
func (b *Builder) compactTarget(m *model.Measure, t model.Opt) string {
	if m.Polarity == model.Range {
		return b.target(m, t)
	}
	return b.compactValue(m, t)
}
