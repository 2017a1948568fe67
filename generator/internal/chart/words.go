package chart

import (
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/locale"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Words are what the charts say, in the site's language, and how it runs:
// made once per build, so that a chart looks up nothing.
type Words struct {
	w     *i18n.Catalog
	loc   *locale.Locale
	names *locale.PeriodNames
	shape shapeWords
}

// shapeWords are the words of the charts' shapes, which are built once for
// each set of them (historyShapeOf).
type shapeWords struct {
	actual, target, score string
	// a year-to-date chart's series
	ytd, projection, targetToDate, fullYear string
	rtl                                     bool
}

// NewWords returns the charts' words in the language of w, with periods
// named by names.
func NewWords(w *i18n.Catalog, names *locale.PeriodNames) *Words {
	return &Words{w: w, loc: w.Locale(), names: names, shape: shapeWords{
		actual: w.Text("col_actual"), target: w.Text("col_target"), score: w.Text("col_score"),
		ytd: w.Text("ytd_series"), projection: w.Text("ytd_projection"),
		targetToDate: w.Text("ytd_target_to_date"), fullYear: w.Text("ytd_full_year_target"),
		rtl: w.Locale().RTL(),
	}}
}

// PerspectiveName is a perspective's name: a default one's in the site's
// language.
func PerspectiveName(w *i18n.Catalog, p *model.Perspective) string {
	if p.Default {
		return w.Text("perspective_" + p.ID)
	}
	return p.Name
}
