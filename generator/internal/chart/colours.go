package chart

import (
	"fmt"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// The colours of the statuses on charts: the fill of an objective's box on
// the strategy map, the shaded bands of a measure's history and the zones
// of a score history. Green, amber and red are the default theme's --green,
// --amber-fill and --red (TestStatusColoursAreTheTheme's); grey, for no
// data, is lighter than the theme's --none, which colours text, so that a
// box's label stays readable on it.
var statusFill = map[model.Status]string{
	model.Green: "#2e7d32",
	model.Amber: "#f2a900",
	model.Red:   "#c62828",
	model.None:  "#9aa0a6",
}

// statusLabelColour is the colour of the label on a box of each status.
var statusLabelColour = map[model.Status]string{
	model.Green: "#ffffff",
	model.Amber: "#1b1b1b",
	model.Red:   "#ffffff",
	model.None:  "#1b1b1b",
}

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
