package compute_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// initiativeSite is as of September 2026 (the measure's last actual), with
// initiatives in every phase.
const initiativeSite = `
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
  target = 100
[[initiatives]]
id = "crm"
name = "CRM"
objectives = ["grow"]
start = 2026-01-01
end = 2026-12-31
budget = 200000
  [[initiatives.milestones]]
  name = "Pilot"
  due = 2026-04-30
  done = 2026-05-06
  [[initiatives.milestones]]
  name = "Regions"
  due = 2026-08-31
  done = 2026-10-02
  [[initiatives.milestones]]
  name = "Retire"
  due = 2026-12-15
  done = true
[[initiatives]]
id = "steps"
name = "Steps"
schedule = "milestones"
  [[initiatives.milestones]]
  name = "c"
  due = 2026-12-31
  [[initiatives.milestones]]
  name = "a"
  due = 2026-03-31
  [[initiatives.milestones]]
  name = "b"
  due = 2026-06-30
[[initiatives]]
id = "later"
name = "Later"
start = 2026-10-01
end = 2027-03-31
[[initiatives]]
id = "done"
name = "Done"
start = 2026-01-01
end = 2026-06-30
[[initiatives]]
id = "silent"
name = "Silent"
start = 2026-01-01
end = 2026-08-31
[[initiatives]]
id = "undated"
name = "Undated"
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,95
-- data/i.csv --
unit,initiative,period,complete,spend,status
org,crm,2026-07,50,90000,on-track
org,crm,2026-08,60,,at-risk
org,crm,2026-09,,130000,
org,crm,2026-10,99,199000,on-track
org,steps,2026-09,40,,
org,done,2026-05,100,20000,
org,undated,2026-09,10,,
`

func TestInitiativesAsOfTheirData(t *testing.T) {
	r, dl := sitetest.Compile(t, initiativeSite, pipeline.Options{})
	if dl.HasErrors() {
		t.Fatal(dl.Err())
	}
	if r.AsOf.String() != "2026-09" {
		t.Fatalf("as of %s", r.AsOf)
	}

	// The percent complete and the spend come from the latest rows that give
	// them, the owner's word from the latest that gives one; October is after
	// the as-of period and left out. 60 % of 74.7945 % expected is 80.2 %:
	// off track, and stale (reported for August). Spend 130,000 of 200,000
	// is 65 %, 5 points ahead of 60 %: within budget.
	crm := sitetest.Initiative(t, r, "org/crm")
	if crm.Complete != model.Some(60) || crm.Period.String() != "2026-08" || !crm.Stale ||
		crm.Spend != model.Some(130000) || crm.SpendPeriod.String() != "2026-09" || crm.Reported != model.Amber {
		t.Errorf("crm: complete %v (%s, stale %v), spend %v (%s), reported %s", crm.Complete, crm.Period, crm.Stale, crm.Spend, crm.SpendPeriod, crm.Reported)
	}
	if crm.Health != model.Red || crm.Budget != model.Green || crm.Spent != model.Some(0.65) || crm.Phase != compute.Active {
		t.Errorf("crm: health %s, budget %s, spent %v, phase %s", crm.Health, crm.Budget, crm.Spent, crm.Phase)
	}
	// Pilot was done late; Regions is done, but on 2 October, after the end of
	// the as-of period: as of September it is overdue. Retire is done (no
	// date: done whenever the site is reported).
	want := []compute.MilestoneResult{{State: compute.Done, Late: true}, {State: compute.Overdue}, {State: compute.Done}}
	if !slices.Equal(crm.Milestones, want) || crm.Overdue != 1 {
		t.Errorf("crm milestones %v (%d overdue); want %v", crm.Milestones, crm.Overdue, want)
	}
	// Its history runs over the year, with the reports up to September.
	if len(crm.History) != 12 || crm.History[0].Period.String() != "2026-01" || crm.History[11].Period.String() != "2026-12" ||
		crm.History[6].Complete != model.Some(50) || crm.History[9].Complete.OK || crm.History[9].Spend.OK {
		t.Errorf("crm history %v", crm.History)
	}

	// Three milestones without progress step at 33⅓, 66⅔ and 100 % in due
	// order, whatever the order of the file: as of September, b's 66.67 %.
	steps := sitetest.Initiative(t, r, "org/steps")
	if !steps.Expected.OK || steps.Expected.V < 66.666 || steps.Expected.V > 66.667 || steps.Health != model.Red {
		t.Errorf("steps: expected %v, health %s; want 66.67 and red", steps.Expected, steps.Health)
	}

	for _, c := range []struct {
		key   string
		phase compute.Phase
	}{
		{"org/later", compute.NotStarted}, // starts in October
		{"org/done", compute.Complete},    // reported 100 % in May: not stale
		{"org/silent", compute.Ended},     // ended in August, never reported
		{"org/undated", compute.Active},
	} {
		if ir := sitetest.Initiative(t, r, c.key); ir.Phase != c.phase || ir.Stale {
			t.Errorf("%s: phase %s, stale %v; want %s, not stale", c.key, ir.Phase, ir.Stale, c.phase)
		}
	}
	if later := sitetest.Initiative(t, r, "org/later"); later.Expected != model.Some(0) || later.Health != model.None {
		t.Errorf("later: expected %v, health %s; want 0 and none", later.Expected, later.Health)
	}

	// Progress reported with nothing to hold it to is said.
	var warned []string
	for _, w := range sitetest.Lines(dl, diag.Warning) {
		if strings.Contains(w, "initiative") {
			warned = append(warned, w)
		}
	}
	wantWarn := []string{`content/scorecard.toml:59:6: warning: initiative "undated" of unit "org" reports its percent complete, but has no schedule to hold it to, so no health: give it start and end, or schedule = "milestones"`}
	if !slices.Equal(warned, wantWarn) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(wantWarn, "\n"))
	}

	// The count of the initiatives that serve an objective reads their
	// phases: crm, the one that serves grow, is active.
	if all, active := r.Serving(r.Site.Root().Objectives[0]); all != 1 || active != 1 {
		t.Errorf("grow is served by %d initiatives, %d active; want 1, 1", all, active)
	}
}

// An initiative dated centuries either side of the as-of period has a
// history of 120 periods before it and 120 after, not thousands.
func TestInitiativeHistoryIsBounded(t *testing.T) {
	site := strings.Replace(initiativeSite, "id = \"later\"\nname = \"Later\"\nstart = 2026-10-01\nend = 2027-03-31", "id = \"later\"\nname = \"Later\"\nstart = 1900-01-01\nend = 2300-12-31", 1)
	r := sitetest.MustCompile(t, site)
	h := sitetest.Initiative(t, r, "org/later").History
	if len(h) != 241 || h[0].Period.String() != "2016-09" || h[240].Period.String() != "2036-09" {
		t.Errorf("%d periods, %s to %s; want 241, 2016-09 to 2036-09", len(h), h[0].Period, h[len(h)-1].Period)
	}
}
