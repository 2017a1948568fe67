package render

import (
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// The views are what templates see: every number already formatted, every
// link already relative to the page. Templates place them; they compute
// nothing.

// SiteView is shown on every page.
type SiteView struct {
	Title    string
	Lang     string
	AsOf     string // "September 2026"
	AsOfCode string // "2026-09"
	Latest   string // the latest period with an actual, "September 2026"
	Stale    int    // measures whose value is older than their current period
	Missing  int    // measures with no value
	Rows     int
	// Policy is the Content-Security-Policy of the pages, which have no
	// inline script or style element (contentPolicy).
	Policy string
}

// Page is one output page.
type Page struct {
	Site      *SiteView
	Path      string // output path, slash-separated
	Rel       string // from the page to the output root: "", "../../"
	Canonical string // the page's absolute URL under the site's base URL; "" without one
	Title     string
	Nav       string // the menu item it belongs to: scorecard, initiatives, exceptions
	Crumbs    []Link
	Body      any
}

// Link is a link with its text, its href relative to the page.
type Link struct {
	Text string
	Href string
}

// Score is a formatted score and its status.
type Score struct {
	Text   string // "6.1", or "–"
	Status string // green, amber, red, none
}

func scoreOf(o model.Opt, s model.Status) Score {
	return Score{Text: scoreText(o), Status: s.String()}
}

func scoreText(o model.Opt) string {
	if !o.OK {
		return "–"
	}
	return strconv.FormatFloat(o.V, 'f', 1, 64)
}

// paths of the pages, from the output root.
func unitPath(u *model.Unit) string { return "units/" + u.ID + "/index.html" }
func objectivePath(o *model.Objective) string {
	return "units/" + o.Unit.ID + "/objectives/" + o.ID + ".html"
}
func measurePath(m *model.Measure) string {
	return "units/" + m.Unit.ID + "/measures/" + m.ID + ".html"
}

const (
	homePath        = "index.html"
	initiativesPath = "initiatives/index.html"
	exceptionsPath  = "exceptions/index.html"
)

// rel returns the prefix that leads from the page at path p to the root.
func rel(p string) string {
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			n++
		}
	}
	s := ""
	for range n {
		s += "../"
	}
	return s
}

// formatValue shows a measure's number with its format and display unit.
func formatValue(m *model.Measure, o model.Opt) string {
	if !o.OK {
		return "–"
	}
	var buf [48]byte
	b := m.Format.Append(buf[:0], o.V)
	if m.DisplayUnit != "" {
		b = append(b, ' ')
		b = append(b, m.DisplayUnit...)
	}
	return string(b)
}

// formatTarget shows what a measure is held to: its target, or its band.
func formatTarget(m *model.Measure, t model.Opt) string {
	if m.Polarity == model.Range {
		return m.Format.Format(m.Band.Low) + "–" + formatValue(m, model.Some(m.Band.High))
	}
	return formatValue(m, t)
}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// periodName names a period for people: September 2026, Q3 2026, FY 2026.
func periodName(p period.Period, cal period.Calendar) string {
	switch p.Freq {
	case period.Monthly:
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return monthNames()[i].long
		}
		return months[p.N%12] + " " + strconv.Itoa(p.N/12)
	case period.Quarterly:
		return "Q" + strconv.Itoa(p.N%4+1) + " " + strconv.Itoa(p.N/4)
	case period.Annual:
		if cal.FYStart == 1 {
			return strconv.Itoa(p.N)
		}
		return "FY " + strconv.Itoa(p.N)
	}
	return ""
}

// shortPeriod is the compact form for chart axes: Sep 2026, Q3 2026, FY 2026.
func shortPeriod(p period.Period, cal period.Calendar) string {
	if p.Freq == period.Monthly {
		if i := p.N - namedMonthsFrom; i >= 0 && i < namedMonths {
			return monthNames()[i].short
		}
		return months[p.N%12][:3] + " " + strconv.Itoa(p.N/12)
	}
	return periodName(p, cal)
}

// A monthly period's names depend on the period alone, and every measure
// page shows the same few dozen of them for each of its periods, in its
// table and on its chart's axis: 4.3 million strings per render on L. The
// names of the months from 1900 to 2199 are made once; other months are
// named as they come.
const (
	namedMonthsFrom = 1900 * 12
	namedMonths     = 300 * 12
)

var monthNames = sync.OnceValue(func() []struct{ long, short string } {
	out := make([]struct{ long, short string }, namedMonths)
	for i := range out {
		n := namedMonthsFrom + i
		out[i].long = months[n%12] + " " + strconv.Itoa(n/12)
		out[i].short = months[n%12][:3] + " " + strconv.Itoa(n/12)
	}
	return out
})

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

var money = number.Format{Grouping: true}

func markdownHTML(src []byte) template.HTML {
	h, err := Markdown(src)
	if err != nil {
		return ""
	}
	return h
}

// asOfEnd is the last day of the as-of period: milestones due before it and
// not done are overdue. It depends on the data, never on the clock, so a
// build is the same whenever it runs.
func asOfEnd(r *compute.Result) time.Time {
	m := r.Site.Calendar.End(r.AsOf)
	return time.Date(m/12, time.Month(m%12+1)+1, 0, 0, 0, 0, 0, time.UTC)
}
