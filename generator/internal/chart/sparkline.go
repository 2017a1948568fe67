package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

// Sparkline dimensions, in pixels.
const (
	sparkW, sparkH = 96, 24
	sparkPad       = 3
)

// Sparkline draws the actuals as an inline SVG: a line per run of consecutive
// values (a missing period is a gap) and a dot on the last value in the
// colour of the status. It is decoration; the table row states the value and
// trend in words, so the SVG is hidden from screen readers.
func Sparkline(actuals []model.Opt, status string) template.HTML {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, a := range actuals {
		if a.OK {
			lo, hi = math.Min(lo, a.V), math.Max(hi, a.V)
		}
	}
	if math.IsInf(lo, 1) {
		return ""
	}
	n := len(actuals)
	x := func(i int) float64 {
		if n == 1 {
			return sparkW / 2
		}
		return sparkPad + float64(i)*(sparkW-2*sparkPad)/float64(n-1)
	}
	y := func(v float64) float64 {
		if hi == lo {
			return sparkH / 2
		}
		if number.Finite(hi - lo) {
			return sparkPad + (hi-v)*(sparkH-2*sparkPad)/(hi-lo)
		}
		// Actuals that span more than 1.8e308, the largest a number can
		// be: their halves, which are exact, span less.
		return sparkPad + (hi/2-v/2)/(hi/2-lo/2)*(sparkH-2*sparkPad)
	}
	var b strings.Builder
	b.WriteString(`<svg class="spark" width="96" height="24" viewBox="0 0 96 24" aria-hidden="true" focusable="false">`)
	var run []string
	flush := func() {
		if len(run) > 1 {
			b.WriteString(`<polyline points="` + strings.Join(run, " ") + `"/>`)
		}
		run = run[:0]
	}
	last := -1
	for i, a := range actuals {
		if !a.OK {
			flush()
			continue
		}
		run = append(run, coord(x(i))+","+coord(y(a.V)))
		last = i
	}
	flush()
	b.WriteString(`<circle class="dot-` + status + `" cx="` + coord(x(last)) + `" cy="` + coord(y(actuals[last].V)) + `" r="2.5"/>`)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
