package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// TestTrendMatchesTheSparkline: issue 12's case. In the example site,
// "Orders shipped on the planned day" (fulfilment) fell from 94.1% in
// October 2025 to 92.4% in September 2026 and was shown red and "Improving",
// because the trend compared September (92.4%) with August (91.9%) alone.
// The trend now reads the sparkline's twelve months: worsening.
func TestTrendMatchesTheSparkline(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "units/fulfilment/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	rows := measureRows(t, string(page))
	row, ok := rows["on-time-shipment"]
	if !ok {
		t.Fatal("no row of on-time-shipment on the fulfilment page")
	}
	for _, want := range []string{">92.4%<", ">96.0%<", "■</span>Red", "↘</span> Worsening", `<span class="trend-over">over 12 months</span>`} {
		if !strings.Contains(row.html, want) {
			t.Errorf("the row lacks %q:\n%s", want, row.html)
		}
	}
	if first, last := row.spark[0], row.spark[len(row.spark)-1]; len(row.spark) != 12 || first <= last {
		t.Errorf("sparkline of %d points from %v to %v; want 12 points falling", len(row.spark), first, last)
	}

	// Every row of every unit page: the word agrees with the line drawn,
	// read through the measure's polarity.
	r, dl, err := pipeline.Compile(context.Background(), os.DirFS(".."), pipeline.Options{})
	if err != nil {
		t.Fatal(err, dl.Err())
	}
	checked := 0
	for _, u := range r.Site.Units {
		page, err := os.ReadFile(filepath.Join(dest, "units", u.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		rows := measureRows(t, string(page))
		for _, m := range u.Measures {
			row := rows[m.ID]
			if m.Polarity == model.Range || len(row.spark) < 2 {
				continue
			}
			rise := lineChange(row.spark)
			if m.Polarity == model.Lower {
				rise = -rise
			}
			word := r.Measure(m).Trend
			// A line that moves less than a pixel over the sparkline is
			// left out: its points are rounded to a tenth of a pixel.
			switch {
			case rise > 1 && word != model.Improving, rise < -1 && word != model.Worsening:
				t.Errorf("%s/%s: %s, but its sparkline changes by %.1f px", u.ID, m.ID, word, rise)
			}
			checked++
		}
	}
	if checked < 30 {
		t.Errorf("checked %d rows; the example has more", checked)
	}
}

type measureRow struct {
	html  string
	spark []float64 // the heights of the points, 0 at the bottom; nil where a gap is
}

var (
	measureRowRE = regexp.MustCompile(`(?s)<tr class="measure-row">.*?</tr>`)
	measureIDRE  = regexp.MustCompile(`measures/([a-z0-9_-]+)\.html`)
	pointsRE     = regexp.MustCompile(`<polyline points="([^"]*)"/>`)
)

// measureRows finds the measure rows of a scorecard table by measure id,
// with the points of their sparklines (runs joined: these have no gaps).
func measureRows(t *testing.T, page string) map[string]measureRow {
	t.Helper()
	out := map[string]measureRow{}
	for _, html := range measureRowRE.FindAllString(page, -1) {
		id := measureIDRE.FindStringSubmatch(html)
		if id == nil {
			t.Fatalf("a measure row without a link: %s", html)
		}
		row := measureRow{html: html}
		for _, run := range pointsRE.FindAllStringSubmatch(html, -1) {
			for _, pt := range strings.Fields(run[1]) {
				_, y, _ := strings.Cut(pt, ",")
				v, err := strconv.ParseFloat(y, 64)
				if err != nil {
					t.Fatal(err)
				}
				row.spark = append(row.spark, 24-v) // SVG's y grows downwards
			}
		}
		out[id[1]] = row
	}
	return out
}

// lineChange is the change of the least-squares line through ys from the
// first point to the last.
func lineChange(ys []float64) float64 {
	n := float64(len(ys))
	var mx, my float64
	for i, y := range ys {
		mx += float64(i)
		my += y
	}
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for i, y := range ys {
		sxy += (float64(i) - mx) * (y - my)
		sxx += (float64(i) - mx) * (float64(i) - mx)
	}
	return sxy / sxx * (n - 1)
}
