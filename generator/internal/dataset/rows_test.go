package dataset_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// TestRowsLookUpEachRowsUnitAndMeasure: rows that go back and forth
// between units, and between measures, each find their own, or are told
// what their unit lacks, however many rows before them share a unit or a
// measure id.
func TestRowsLookUpEachRowsUnitAndMeasure(t *testing.T) {
	site := `-- config.toml --
title = "T"
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "o"
perspective = "financial"
name = "O"
[[objectives.measures]]
id = "a"
name = "A"
polarity = "higher"
target = 1
-- content/sales/scorecard.toml --
name = "Sales"
[[objectives]]
id = "o"
perspective = "financial"
name = "O"
[[objectives.measures]]
id = "b"
name = "B"
polarity = "higher"
target = 1
-- data/a.csv --
unit,measure,period,actual
org,a,2026-08,1
org,a,2026-09,2
sales,a,2026-09,3
sales,b,2026-09,4
org,b,2026-09,5
nowhere,b,2026-09,6
sales,b,2026-08,7
org,a,2026-07,8
`
	_, dl := sitetest.Compile(t, site, pipeline.Options{})
	want := []string{
		`data/a.csv:4:7: unit "sales" has no measure "a" (did you mean "b"?)`,
		`data/a.csv:6:5: unit "org" has no measure "b" (did you mean "a"?)`,
		`data/a.csv:7:1: unknown unit "nowhere"`,
	}
	if got := sitetest.Lines(dl, diag.Error); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
