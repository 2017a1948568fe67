package dataset_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// asOfSite is a one-unit site with a measure per id; an id starting with q
// is quarterly, with y annual, else monthly. rows follow the header
// unit,measure,period,actual on line 1 of data/a.csv.
func asOfSite(config string, ids []string, rows string) string {
	var b strings.Builder
	b.WriteString("-- config.toml --\ntitle = \"T\"\n" + config + "\n")
	b.WriteString("-- content/scorecard.toml --\nname = \"Org\"\n[[objectives]]\nid = \"o\"\nperspective = \"financial\"\nname = \"O\"\n")
	for _, id := range ids {
		b.WriteString("[[objectives.measures]]\nid = \"" + id + "\"\nname = \"" + id + "\"\npolarity = \"higher\"\ntarget = 1\n")
		switch id[0] {
		case 'q':
			b.WriteString("frequency = \"quarterly\"\n")
		case 'y':
			b.WriteString("frequency = \"annual\"\n")
		}
	}
	b.WriteString("-- data/a.csv --\nunit,measure,period,actual\n" + strings.TrimLeft(rows, "\n"))
	return b.String()
}

// asOfWarnings are the warnings about actuals after the as-of period.
func asOfWarnings(dl *diag.List) []string {
	return slices.DeleteFunc(sitetest.Lines(dl, diag.Warning), func(l string) bool { return !strings.Contains(l, "as-of period") })
}

const leftOut = " after the as-of period 2026-09 and left out of this build: the as-of period is the latest that at least half of the measures with actuals have reached (a typo in the period? to report on "

func TestDefaultAsOfPeriod(t *testing.T) {
	tests := []struct {
		name     string
		ids      []string
		rows     string
		want     string
		warnings []string
	}{{
		name: "one row with a mistyped year moves nothing",
		ids:  []string{"a", "b", "c"},
		rows: `
org,a,2026-08,1
org,b,2026-08,1
org,c,2026-08,1
org,a,2026-09,1
org,b,2026-09,1
org,c,2026-09,1
org,c,2027-09,1
`,
		want:     "2026-09",
		warnings: []string{"data/a.csv:8:7: warning: org/c 2027-09 is" + leftOut + "2027-09, set period in config.toml or --period)"},
	}, {
		name: "half of the measures reporting a month move it",
		ids:  []string{"a", "b", "c", "d"},
		rows: `
org,a,2026-09,1
org,b,2026-09,1
org,c,2026-09,1
org,d,2026-09,1
org,a,2026-10,1
org,b,2026-10,1
`,
		want: "2026-10",
	}, {
		// One period ahead is a measure reported early, not a typo: no warning.
		name: "fewer than half reporting a month wait for the others",
		ids:  []string{"a", "b", "c"},
		rows: `
org,a,2026-09,1
org,b,2026-09,1
org,c,2026-09,1
org,a,2026-10,1
`,
		want: "2026-09",
	}, {
		name: "actuals two periods ahead are warned about once per measure",
		ids:  []string{"a", "b", "c"},
		rows: `
org,a,2026-09,1
org,b,2026-09,1
org,c,2026-09,1
org,a,2026-11,1
org,a,2026-12,1
org,a,2027-01,1
`,
		want: "2026-09",
		warnings: []string{"data/a.csv:5:7: warning: org/a 2026-11 and 2 later actuals (the last 2027-01, at data/a.csv:7:7) are" +
			leftOut + "2026-11, set period in config.toml or --period)"},
	}, {
		// A quarter's measure is current as of the two months after its
		// quarter, until the next quarter ends.
		name: "quarterly measures reach the months after their quarter",
		ids:  []string{"m", "q1", "q2"},
		rows: `
org,m,2026-11,1
org,q1,2026-Q3,1
org,q2,2026-Q3,1
`,
		want: "2026-11",
	}, {
		name: "quarterly measures not yet reported hold back the quarter's last month",
		ids:  []string{"m", "q1", "q2"},
		rows: `
org,m,2026-07,1
org,m,2026-08,1
org,m,2026-09,1
org,q1,2026-Q2,1
org,q2,2026-Q2,1
`,
		want: "2026-08",
	}, {
		// The quarterly measures are current through November, but no actual
		// ends after September but the stray one.
		name: "the as-of period holds the end of an actual",
		ids:  []string{"m", "q1", "q2"},
		rows: `
org,q1,2026-Q3,1
org,q2,2026-Q3,1
org,m,2027-05,1
`,
		want: "2026-09",
		warnings: []string{"data/a.csv:4:7: warning: org/m 2027-05 is" +
			leftOut + "2027-05, set period in config.toml or --period)"},
	}, {
		name: "annual measures",
		ids:  []string{"y1", "y2"},
		rows: `
org,y1,2025,1
org,y2,2025,1
`,
		want: "2025-12",
	}, {
		name: "with one measure, its latest actual",
		ids:  []string{"a"},
		rows: `
org,a,2026-09,1
org,a,2027-09,1
`,
		want: "2027-09",
	}, {
		name: "measures without actuals have no say",
		ids:  []string{"a", "b", "c"},
		rows: `
org,a,2026-09,1
org,b,2026-08,
org,c,2026-08,
`,
		want: "2026-09",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, dl := sitetest.Compile(t, asOfSite("", tc.ids, tc.rows), pipeline.Options{})
			if dl.HasErrors() {
				t.Fatalf("errors:\n%v", dl.Err())
			}
			if r.AsOf.String() != tc.want {
				t.Errorf("as-of = %s; want %s", r.AsOf, tc.want)
			}
			if got := asOfWarnings(dl); !slices.Equal(got, tc.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.warnings, "\n"))
			}
		})
	}
}

// A stray row beyond the default as-of period is left out of the measure's
// value: the value is September's, current, not stale.
func TestStrayRowIsLeftOut(t *testing.T) {
	r, _ := sitetest.Compile(t, asOfSite("", []string{"a", "b", "c"}, `
org,a,2026-09,1
org,b,2026-09,1
org,c,2026-09,3
org,c,2062-09,7
`), pipeline.Options{})
	m := sitetest.Measure(t, r, "org/c")
	if m.Period.String() != "2026-09" || m.Value.V != 3 || m.Stale {
		t.Errorf("org/c: period %s, value %v, stale %v; want 2026-09, 3, not stale", m.Period, m.Value.V, m.Stale)
	}
}

func TestExplicitPeriodAfterAllData(t *testing.T) {
	monthly := `
org,a,2026-08,1
org,a,2026-09,1
org,b,2026-09,1
`
	quarterly := "org,q1,2026-Q3,1\n"
	tests := []struct {
		name, config, flag string
		ids                []string
		rows               string
		want               []string
	}{{
		name: "flag",
		flag: "2026-10",
		ids:  []string{"a", "b"}, rows: monthly,
		want: []string{`--period: period "2026-10" is after all the data: no measure has an actual for its period as of 2026-10 (the latest actual is for 2026-09, at data/a.csv:3:7): report on 2026-09 or earlier, or leave --period out to report on the latest data`},
	}, {
		name:   "config",
		config: `period = "2027-01"`,
		ids:    []string{"a", "b"}, rows: monthly,
		want: []string{`config.toml:2:10: period "2027-01" is after all the data: no measure has an actual for its period as of 2027-01 (the latest actual is for 2026-09, at data/a.csv:3:7): report on 2026-09 or earlier, or remove period from config.toml to report on the latest data`},
	}, {
		name: "a quarter's last month",
		flag: "2026-11",
		ids:  []string{"q1"}, rows: quarterly,
	}, {
		name: "after a quarter's next quarter ends",
		flag: "2026-12",
		ids:  []string{"q1"}, rows: quarterly,
		want: []string{`--period: period "2026-12" is after all the data: no measure has an actual for its period as of 2026-12 (the latest actual is for 2026-Q3, at data/a.csv:2:8): report on 2026-11 or earlier, or leave --period out to report on the latest data`},
	}, {
		name: "before the data",
		flag: "2025-01",
		ids:  []string{"a", "b"}, rows: monthly,
	}, {
		name: "no actual at all",
		flag: "2030-01",
		ids:  []string{"a"}, rows: "org,a,2026-09,\n",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, dl := sitetest.Compile(t, asOfSite(tc.config, tc.ids, tc.rows), pipeline.Options{Period: tc.flag})
			if got := sitetest.Lines(dl, diag.Error); !slices.Equal(got, tc.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
