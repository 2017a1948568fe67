package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// luminance is the WCAG relative luminance of a colour "#rrggbb".
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q", hex)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// over blends colour "#rrggbb" at opacity alpha over background bg.
func over(t *testing.T, r, g, b int, alpha float64, bg string) string {
	var out [3]int
	for i, c := range []int{r, g, b} {
		v, _ := strconv.ParseUint(bg[1+2*i:3+2*i], 16, 8)
		out[i] = int(math.Round(alpha*float64(c) + (1-alpha)*float64(v)))
	}
	return fmt.Sprintf("#%02x%02x%02x", out[0], out[1], out[2])
}

// TestMapContrast holds the map's colours to WCAG AA: every text 4.5:1
// against what it is drawn on (its box, its name's pill), whatever the
// page's scheme, and the arrows 3:1 (a graphical object) against both
// lanes on the default theme's light and dark surfaces (site.css --surface).
func TestMapContrast(t *testing.T) {
	for s, st := range mapStatus {
		if c := contrast(t, st.text, st.fill); c < 4.5 {
			t.Errorf("%s box: text %s on %s is %.2f:1", s, st.text, st.fill, c)
		}
	}
	for _, bg := range []string{mapLaneLabel, mapThemeLabel} {
		if c := contrast(t, mapLabelText, bg); c < 4.5 {
			t.Errorf("name %s on %s is %.2f:1", mapLabelText, bg, c)
		}
	}
	for _, surface := range []string{"#ffffff", "#161b22"} {
		for _, alpha := range []float64{0.12, 0.05} { // laneFill
			lane := over(t, 120, 144, 156, alpha, surface)
			if c := contrast(t, mapArrow, lane); c < 3 {
				t.Errorf("arrow %s on lane %s (surface %s) is %.2f:1", mapArrow, lane, surface, c)
			}
		}
	}
	// In greyscale the four statuses differ: red dark, amber middling,
	// green and no data light (no data also has a dashed border).
	if !(luminance(t, mapStatus[model.Red].fill) < 0.15 && luminance(t, mapStatus[model.Amber].fill) < 0.6 &&
		luminance(t, mapStatus[model.Green].fill) > 0.6 && mapStatus[model.None].borderType == "dashed") {
		t.Error("the statuses do not differ in greyscale")
	}
}

// denseUnit builds a unit with n objectives in four perspectives, each
// driving the next one up in the following perspective, with themes.
func denseUnit(n int) *model.Unit {
	u := &model.Unit{ID: "org", Name: "Org"}
	ps := []*model.Perspective{{ID: "financial", Name: "Financial"}, {ID: "customer", Name: "Customer"},
		{ID: "internal", Name: "Internal Process"}, {ID: "learning", Name: "Learning & Growth"}}
	for i := range ps {
		ps[i].Index = i
	}
	themes := []string{"Operational excellence", "Customer intimacy", "Product leadership"}
	for i := range n {
		o := &model.Objective{ID: fmt.Sprintf("o%d", i), Name: fmt.Sprintf("Objective number %d with a longer name", i),
			Perspective: ps[i%4], Theme: themes[(i/4)%3], Unit: u, Index: i}
		u.Objectives = append(u.Objectives, o)
	}
	for i, o := range u.Objectives {
		if i%4 > 0 {
			e := u.Objectives[i-1]
			o.Drives = append(o.Drives, e)
		}
	}
	return u
}

// TestStrategyMapOption renders the map of a unit of 24 objectives in
// three themes and reads the option back: the arrows are drawn as they
// were laid out (no segment off the canvas or through a box), a head at
// each arrow's end; every box says its status in words and by shape; the
// themes are named over their bands; the map fits the site's page with its
// narrowest boxes or says how much to shrink it to print.
func TestStrategyMapOption(t *testing.T) {
	u := denseUnit(24)
	r := resultFor(u)
	c := StrategyMap(r, u, SiteMap, func(o *model.Objective) string { return o.ID + ".html" }, testWords(t, "en"))
	var opt struct {
		Series []struct {
			Name string
			Data []struct {
				Name     string
				Category int
				X, Y     float64
			}
		}
		Graphic struct {
			Elements []struct {
				Type  string
				Shape struct{ Points [][2]float64 }
			}
		}
	}
	if err := json.Unmarshal([]byte(c.Option), &opt); err != nil {
		t.Fatal(err)
	}
	var lines, heads int
	for _, e := range opt.Graphic.Elements {
		for _, p := range e.Shape.Points {
			if p[0] < 0 || p[0] > float64(c.Width) || p[1] < 0 || p[1] > float64(c.Height) {
				t.Errorf("%s point %v off the %d × %d canvas", e.Type, p, c.Width, c.Height)
			}
		}
		switch e.Type {
		case "polyline":
			lines++
		case "polygon":
			heads++
		}
	}
	if lines != 18 || heads != 18 {
		t.Errorf("%d arrows and %d heads, want 18 of each (one per drives link)", lines, heads)
	}
	themes := map[string]bool{}
	boxes := 0
	for _, d := range opt.Series[0].Data {
		if d.Category == 2 {
			themes[strings.TrimRight(d.Name, "\u200b")] = true
		}
	}
	for _, d := range opt.Series[1].Data {
		if d.Category < 4 {
			boxes++
			if !strings.Contains(d.Name, "○ No data") {
				t.Errorf("box %q does not say its status in words and shape", d.Name)
			}
		}
	}
	if boxes != 24 || len(themes) != 3 || !themes["Customer intimacy"] {
		t.Errorf("%d boxes and themes %v, want 24 and the three themes", boxes, themes)
	}
	if !c.Fit || c.MinScale != SiteMap.MinScale || c.PrintScale <= 0 || c.PrintScale > 1 ||
		math.Abs(c.PrintScale-math.Min(1, SiteMap.PrintW/float64(c.Width))) > 0.001 {
		t.Errorf("fit %v, scale %v to %v for a map %d wide", c.Fit, c.MinScale, c.PrintScale, c.Width)
	}
	if len(c.Links) != 2+24 {
		t.Errorf("%d links, want one per box after the two anchors", len(c.Links))
	}
}

// TestStrategyMapNarrowsBoxes: a map too wide for the page with its
// widest boxes takes narrower ones.
func TestStrategyMapNarrowsBoxes(t *testing.T) {
	small, wide := denseUnit(8), denseUnit(40)
	if c := StrategyMap(resultFor(small), small, PackMap, nil, testWords(t, "en")); c.Width > int(PackMap.FitW) {
		t.Errorf("8 objectives: %d wide, more than %g", c.Width, PackMap.FitW)
	}
	ur := resultFor(wide).Unit(wide)
	widest := newMapLayout(ur, wide, PackMap, PackMap.BoxW[0])
	c := StrategyMap(resultFor(wide), wide, PackMap, nil, testWords(t, "en"))
	if !(float64(c.Width) < widest.l.W) {
		t.Errorf("40 objectives: %d wide, not narrower than %g with the widest boxes", c.Width, widest.l.W)
	}
}

// resultFor is the result of a hand-built unit with no data: every status
// is "none".
func resultFor(u *model.Unit) *compute.Result {
	ur := compute.UnitResult{Unit: u}
	r := &compute.Result{}
	for _, o := range u.Objectives {
		for len(ur.Perspectives) <= o.Perspective.Index {
			ur.Perspectives = append(ur.Perspectives, compute.PerspectiveResult{})
		}
		pr := &ur.Perspectives[o.Perspective.Index]
		pr.Perspective = o.Perspective
		pr.Objectives = append(pr.Objectives, o)
		r.Objectives = append(r.Objectives, compute.ObjectiveResult{Objective: o})
	}
	r.Units = []compute.UnitResult{ur}
	return r
}
