package validate_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// Commentary is attached to the unit, objective or measure its file names;
// a file named for no period of the site's frequency, or for an id the unit
// does not have, is left out with a warning. A unit with no commentary
// naming an id has nothing looked up.
func TestNotesAttached(t *testing.T) {
	site := `
-- config.toml --
title = "T"
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow"
[[objectives.measures]]
id = "revenue"
name = "Revenue"
polarity = "higher"
target = 1
-- content/notes/2026-09.md --
The unit's own.
-- content/notes/2026-09/grow.md --
On the objective.
-- content/notes/2026-09/revenue.md --
On the measure.
-- content/notes/2026-09/cost.md --
On nothing.
-- content/notes/2026-Q3.md --
Not monthly.
-- content/sales/scorecard.toml --
name = "Sales"
[[objectives]]
id = "sell"
perspective = "customer"
name = "Sell"
[[objectives.measures]]
id = "deals"
name = "Deals"
polarity = "higher"
target = 1
-- content/sales/notes/2026-08.md --
Only the unit's own.
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,1
sales,deals,2026-09,1
`
	r, dl := sitetest.Compile(t, site, pipeline.Options{})
	if errs := sitetest.Lines(dl, diag.Error); len(errs) > 0 {
		t.Fatalf("errors: %s", strings.Join(errs, "\n"))
	}
	want := []string{
		`content/notes/2026-09/cost.md: warning: commentary file names "cost", which is neither an objective nor a measure of unit "org"; it is left out`,
		`content/notes/2026-Q3.md: warning: commentary file is not named for a monthly period (expected notes/2026-09.md or notes/2026-09/<objective or measure id>.md); it is left out`,
	}
	if got := sitetest.Lines(dl, diag.Warning); !slices.Equal(got, want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var got []string
	for _, u := range r.Site.Units {
		for _, n := range u.Notes {
			on := u.ID
			switch {
			case n.Objective != nil:
				on += "/" + n.Objective.ID
			case n.Measure != nil:
				on += "/" + n.Measure.ID
			}
			got = append(got, fmt.Sprintf("%s %s %s", n.File, n.Period, on))
		}
	}
	wantNotes := []string{
		"content/notes/2026-09/grow.md 2026-09 org/grow",
		"content/notes/2026-09/revenue.md 2026-09 org/revenue",
		"content/notes/2026-09.md 2026-09 org",
		"content/sales/notes/2026-08.md 2026-08 sales",
	}
	if !slices.Equal(got, wantNotes) {
		t.Errorf("notes\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantNotes, "\n"))
	}
}
