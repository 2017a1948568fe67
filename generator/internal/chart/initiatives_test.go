package chart

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
)

func day0(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// option decodes a chart's option for the tests to read.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(c.Option), &m); err != nil {
		t.Fatalf("%s: %v", c.ID, err)
	}
	return m
}

func seriesNamed(t *testing.T, m map[string]any, name string) map[string]any {
	t.Helper()
	for _, s := range m["series"].([]any) {
		if s.(map[string]any)["name"] == name {
			return s.(map[string]any)
		}
	}
	t.Fatalf("no series %q", name)
	return nil
}

var hostileName = `CRM </script><script>alert(1)</script> __f__alert(1)__f__ & "roll-out"`

// The Gantt places each bar from the start to the day after the end (the
// bar covers the last day), fills it as far as the percent complete, puts
// the milestones on their rows, and marks the end of the as-of period. A
// row index of 0 and a percent complete of 0 survive go-echarts' types.
func TestGantt(t *testing.T) {
	rows := []GanttRow{
		{Name: hostileName, Start: day0("2026-01-01"), End: day0("2026-12-31"), Complete: model.Some(50), Health: model.Amber,
			Milestones: []GanttMilestone{{Label: "Pilot, due 30 Apr 2026: done", Due: day0("2026-04-30"), State: "done"}, {Label: "Go live, due 31 Aug 2026: overdue", Due: day0("2026-08-31"), State: "overdue"}}},
		{Name: "Nothing yet", Start: day0("2026-03-01"), End: day0("2026-03-31"), Complete: model.Some(0), Health: model.Red},
		{Name: "Undated"},
	}
	en := testWords(t, "en")
	c := Gantt("timeline-org", "Org", rows, day0("2026-09-30"), "As of September 2026", en)
	if c.ID != "timeline-org" || c.Height != 96+40*3 {
		t.Errorf("id %q, height %d", c.ID, c.Height)
	}
	// The option is JSON that no text can end the script element of, and
	// go-echarts' __f__ markers stay text.
	if s := string(c.Option); strings.Contains(s, "</script") || strings.Contains(s, "<") || !strings.Contains(s, `__f__alert(1)__f__`) {
		t.Errorf("the name is not escaped as text: %s", s)
	}
	m := option(t, c)
	for _, k := range []string{"toolbox", "color"} { // go-echarts' own, unused
		if _, ok := m[k]; ok {
			t.Errorf("option has go-echarts' %s", k)
		}
	}
	planned := seriesNamed(t, m, "Planned")["data"].([]any)
	want := `[{"name":` + mustJSON(hostileName) + `,"value":["2026-01-01",0]},{"name":` + mustJSON(hostileName) + `,"value":["2027-01-01",0]},{"value":"-"},` +
		`{"name":"Nothing yet","value":["2026-03-01",1]},{"name":"Nothing yet","value":["2026-04-01",1]},{"value":"-"}]`
	if got := mustJSON(planned); got != want {
		t.Errorf("planned bars:\n got %s\nwant %s", got, want)
	}
	// Half of 365 days from 1 January, rounded: 183 days, 3 July.
	behind := seriesNamed(t, m, "Behind")["data"].([]any)
	if got := mustJSON(behind[1]); got != `{"name":`+mustJSON(hostileName)+`,"value":["2026-07-03",0]}` {
		t.Errorf("filled part ends at %s", got)
	}
	for _, s := range m["series"].([]any) {
		if s.(map[string]any)["name"] == "Off track" {
			t.Errorf("a bar with nothing done is filled: %v", s)
		}
	}
	done, overdue := seriesNamed(t, m, "Milestone done"), seriesNamed(t, m, "Milestone overdue")
	if got := mustJSON(done["data"]); got != `[{"name":"Pilot, due 30 Apr 2026: done","value":["2026-04-30",0]}]` || done["z"] != 10.0 || mustJSON(done["itemStyle"]) != `{"borderColor":"#37474f","borderWidth":1.5,"color":"#37474f"}` {
		t.Errorf("done milestones %s, z %v, style %v", got, done["z"], done["itemStyle"])
	}
	if got := mustJSON(overdue["data"]); got != `[{"name":"Go live, due 31 Aug 2026: overdue","value":["2026-08-31",0]}]` || overdue["z"] != 10.0 || mustJSON(overdue["itemStyle"]) != `{"borderColor":"#37474f","borderWidth":1.5,"color":"#c62828"}` {
		t.Errorf("overdue milestones %s, z %v, style %v", got, overdue["z"], overdue["itemStyle"])
	}
	for _, s := range m["series"].([]any) {
		if s := s.(map[string]any); s["type"] == "line" && (s["silent"] != true || mustJSON(s["tooltip"]) != `{"show":false}`) {
			t.Errorf("bar series %v takes pointer events or has a tooltip", s["name"])
		}
	}
	asOf := seriesNamed(t, m, "Planned")["markLine"].(map[string]any)
	if got := mustJSON(asOf["data"]); got != `[{"name":"As of September 2026","xAxis":"2026-10-01"}]` {
		t.Errorf("as-of line %s", got)
	}
	if got := mustJSON(asOf["label"].(map[string]any)["padding"]); got != `[2,5]` {
		t.Errorf("as-of label padding %s", got)
	}
	if y := firstAxis(m, "yAxis"); mustJSON(y["data"]) != `[`+mustJSON(hostileName)+`,"Nothing yet","Undated"]` || y["inverse"] != true ||
		mustJSON(y["axisLabel"]) != `{"overflow":"truncate","width":150}` {
		t.Errorf("y axis %v", y)
	}
	// The same input gives the same bytes.
	if again := Gantt("timeline-org", "Org", rows, day0("2026-09-30"), "As of September 2026", en); again.Option != c.Option {
		t.Error("two charts of the same rows differ")
	}
}

// The progress chart shows percentages as fractions (site.js formats them
// as percent); 0 % is a point, a missing report a gap. The spend chart
// draws the budget as a line, and is left out when there is neither a
// budget nor a spend.
func TestProgressAndSpend(t *testing.T) {
	h := &InitiativeHistory{Key: "org-crm", Name: hostileName, Periods: []string{"Jan 2026", "Feb 2026", "Mar 2026"},
		Complete: []model.Opt{model.Some(0), {}, model.Some(25)}, Expected: []model.Opt{model.Some(8.5), model.Some(16.2), model.Some(24.7)},
		Spend: []model.Opt{model.Some(0), {}, model.Some(30000)}, Budget: model.Some(100000), Money: money0}
	en := testWords(t, "en")
	p := option(t, Progress(h, en))
	if got := mustJSON(seriesNamed(t, p, "Complete")["data"]); got != `[{"value":0},{},{"value":0.25}]` {
		t.Errorf("complete %s", got)
	}
	if got := mustJSON(seriesNamed(t, p, "Expected")["data"]); got != `[{"value":0.085},{"value":0.162},{"value":0.247}]` {
		t.Errorf("expected %s", got)
	}
	if got := mustJSON(p["scorecard"]); got != `{"format":{"grouping":false,"max":1,"min":0,"percent":true},"series":["Complete","Expected"]}` {
		t.Errorf("format %s", got)
	}
	if y := firstAxis(p, "yAxis"); y["min"] != 0.0 || y["max"] != 1.0 {
		t.Errorf("y axis %v", y)
	}
	s := option(t, Spend(h, en))
	if got := mustJSON(seriesNamed(t, s, "Budget")["data"]); got != `[{"value":100000},{"value":100000},{"value":100000}]` {
		t.Errorf("budget %s", got)
	}
	if got := mustJSON(seriesNamed(t, s, "Spend to date")["data"]); got != `[{"value":0},{},{"value":30000}]` {
		t.Errorf("spend %s", got)
	}
	if got := mustJSON(s["scorecard"]); got != `{"format":{"grouping":true,"max":0,"min":0,"percent":false},"series":["Spend to date","Budget"]}` {
		t.Errorf("format %s", got)
	}
	h.Budget, h.Spend = model.Opt{}, make([]model.Opt, 3)
	if c := Spend(h, en); c != nil {
		t.Errorf("a spend chart without budget or spend: %s", c.Option)
	}
}

// In Arabic the timeline's series, its label and its milestones' words are
// the translations', time runs right to left and the names stand on the
// right; so do the progress and spend charts' periods and values.
func TestInitiativeChartsRightToLeft(t *testing.T) {
	ar := testWords(t, "ar")
	rows := []GanttRow{{Name: "CRM", Start: day0("2026-01-01"), End: day0("2026-12-31"), Complete: model.Some(50), Health: model.Green,
		Milestones: []GanttMilestone{{Label: "x", Due: day0("2026-04-30"), State: "done"}}}}
	c := Gantt("timeline-org", "Org", rows, day0("2026-09-30"), "حتى سبتمبر 2026", ar)
	m := option(t, c)
	for _, name := range []string{"المخطط", "في المسار", "مرحلة منجزة"} {
		seriesNamed(t, m, name)
	}
	if x, y := firstAxis(m, "xAxis"), firstAxis(m, "yAxis"); x["type"] != "time" || x["inverse"] != true || y["position"] != "right" || y["inverse"] != true {
		t.Errorf("x axis %v, y axis %v", x, y)
	}
	if g := m["grid"].([]any)[0].(map[string]any); g["left"] != "24" || g["right"] != "8" {
		t.Errorf("grid %v", g)
	}
	// The legend runs from the right, each mark on the right of its name.
	if lg := m["legend"].(map[string]any); lg["align"] != "right" || mustJSON(lg["data"]) != `["مرحلة منجزة","في المسار","المخطط"]` {
		t.Errorf("legend %v", lg)
	}
	if want := "الخط الزمني لمبادرات Org: "; !strings.HasPrefix(c.Label, want) {
		t.Errorf("label %q", c.Label)
	}
	h := &InitiativeHistory{Key: "org-crm", Name: "CRM", Periods: []string{"يناير 2026"}, Complete: []model.Opt{model.Some(10)},
		Expected: []model.Opt{model.Some(8)}, Spend: []model.Opt{model.Some(5)}, Budget: model.Some(100), Money: money0}
	for _, c := range []*Chart{Progress(h, ar), Spend(h, ar)} {
		m := option(t, c)
		if x, y := firstAxis(m, "xAxis"), firstAxis(m, "yAxis"); x["inverse"] != true || y["position"] != "right" {
			t.Errorf("%s: x axis %v, y axis %v", c.ID, x, y)
		}
	}
	if got := mustJSON(option(t, Progress(h, ar))["scorecard"].(map[string]any)["series"]); got != `["نسبة الإنجاز","المتوقع"]` {
		t.Errorf("progress series %s", got)
	}
	if lg := option(t, Progress(h, ar))["legend"].(map[string]any); lg["align"] != "right" || mustJSON(lg["data"]) != `["المتوقع","نسبة الإنجاز"]` {
		t.Errorf("progress legend %v", lg)
	}
}

var money0 = number.Format{Grouping: true}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// firstAxis returns the first axis of kind ("xAxis" or "yAxis") of an
// option.
func firstAxis(m map[string]any, kind string) map[string]any {
	return m[kind].([]any)[0].(map[string]any)
}
