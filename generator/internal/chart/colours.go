package chart

import (
	"fmt"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// The colours of the statuses on the history charts: the shaded bands of
// a measure's history and the zones of a score history. Green, amber and
// red are the default theme's --green, --amber-fill and --red
// (TestStatusColoursAreTheTheme's).
var statusFill = map[model.Status]string{
	model.Green: "#2a7230",
	model.Amber: "#f2a900",
	model.Red:   "#c62828",
}

// boxStyle is how a box of the strategy map shows its status: by fill,
// border, shape and word, so that the status reads in greyscale and without
// colour vision (red dark, amber middling, green light, no data pale with a
// dashed border). Each text colour meets WCAG AA against its fill whatever
// the page's colour scheme (TestMapContrast).
type boxStyle struct{ fill, border, text, borderType string }

var mapStatus = map[model.Status]boxStyle{
	model.Green: {"#d7ecd8", "#2e7d32", "#14401a", "solid"},
	model.Amber: {"#f2a900", "#8a5a00", "#1b1b1b", "solid"},
	model.Red:   {"#b3261e", "#7a1610", "#ffffff", "solid"},
	model.None:  {"#eceff1", "#6b7280", "#1c2024", "dashed"},
}

// The map's other colours: lane and theme names are white on a dark pill,
// arrows a slate that keeps 3:1 against light and dark pages alike.
const (
	mapLaneLabel  = "#37474f"
	mapThemeLabel = "#17324d"
	mapLabelText  = "#ffffff"
	mapArrow      = "#607d8b"
	mapSeparator  = "rgba(84,110,122,0.5)"
)

// tint is the status's colour at the opacity alpha, as CSS writes it:
// rgba(46,125,50,0.16).
func tint(s model.Status, alpha float64) string {
	hex := statusFill[s]
	rgb, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		panic(err) // the colours are ours
	}
	return fmt.Sprintf("rgba(%d,%d,%d,%.2f)", rgb>>16, rgb>>8&0xff, rgb&0xff, alpha)
}
