package compute

import (
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The linear schedule counts days, both ends included: 2026 has 365, so
// each day is 100/365 = 0.27397 % and the end of September (273 days:
// 31+28+31+30+31+30+31+31+30) is 74.7945 %.
func TestExpectedLinear(t *testing.T) {
	year := &model.Initiative{Start: date("2026-01-01"), End: date("2026-12-31")}
	leap := &model.Initiative{Start: date("2028-01-01"), End: date("2028-12-31")}
	oneDay := &model.Initiative{Start: date("2026-06-15"), End: date("2026-06-15")}
	noEnd := &model.Initiative{Start: date("2026-01-01")}
	tests := []struct {
		in   *model.Initiative
		t    string
		want model.Opt
	}{
		{year, "2025-12-31", some(0)},             // before the start
		{year, "2026-01-01", some(0.2740)},        // the first day is done by its end
		{year, "2026-07-01", some(49.8630)},       // 182 of 365
		{year, "2026-09-30", some(74.7945)},       // 273 of 365
		{year, "2026-12-30", some(99.7260)},       // 364 of 365
		{year, "2026-12-31", some(100)},           // the last day
		{year, "2027-03-31", some(100)},           // after the end: all of it
		{year, "2400-01-31", some(100)},           // centuries on: no overflow
		{leap, "2028-02-29", some(16.3934)},       // 60 of 366
		{oneDay, "2026-06-14", some(0)},           // a one-day initiative
		{oneDay, "2026-06-15", some(100)},         //
		{noEnd, "2026-09-30", none},               // no end, no linear schedule
		{&model.Initiative{}, "2026-09-30", none}, // no dates at all
	}
	for _, tc := range tests {
		got := ExpectedAt(tc.in, date(tc.t))
		if got.OK != tc.want.OK || !near(got.V, tc.want.V) {
			t.Errorf("%s – %s as of %s: expected %v; want %v", tc.in.Start.Format("2006-01-02"), tc.in.End.Format("2006-01-02"), tc.t, got, tc.want)
		}
	}
}

// The stepwise schedule expects each milestone's progress from its due
// date on, 0 before the first; the order of the milestones in the file
// does not matter.
func TestExpectedStepwise(t *testing.T) {
	in := &model.Initiative{Start: date("2026-01-01"), Schedule: model.Stepwise, Milestones: []model.Milestone{
		{Name: "c", Due: date("2026-12-15"), Progress: 100},
		{Name: "a", Due: date("2026-03-31"), Progress: 25},
		{Name: "b", Due: date("2026-06-30"), Progress: 60},
	}}
	tests := []struct {
		t    string
		want float64
	}{
		{"2025-12-31", 0},
		{"2026-03-30", 0},
		{"2026-03-31", 25},
		{"2026-06-29", 25},
		{"2026-06-30", 60},
		{"2026-09-30", 60},
		{"2026-12-15", 100},
		{"2027-06-30", 100},
	}
	for _, tc := range tests {
		if got := ExpectedAt(in, date(tc.t)); !got.OK || got.V != tc.want {
			t.Errorf("as of %s: expected %v; want %v", tc.t, got, tc.want)
		}
	}
	// Without a start, the milestones alone make the schedule.
	in.Start = time.Time{}
	if got := ExpectedAt(in, date("2026-07-01")); got != some(60) {
		t.Errorf("no start: expected %v; want 60", got)
	}
}

// Health at the band edges, expected 80 %: on track from 76 (95 % of 80),
// behind from 68 (85 %), off track below. The score runs through (60, 0),
// (68, 10/3), (76, 20/3) and (80, 10).
func TestHealthBands(t *testing.T) {
	tests := []struct {
		complete, expected float64
		status             model.Status
		score              float64
	}{
		{80, 80, model.Green, 10},                // on schedule
		{100, 80, model.Green, 10},               // ahead: clamped
		{78, 80, model.Green, 8.3333},            // 20/3 + (2/4)·(10/3)
		{76, 80, model.Green, 6.6667},            // the green edge: 95 %
		{75.99, 80, model.Amber, 6.6625},         // just below it
		{72, 80, model.Amber, 5},                 // 10/3 + (4/8)·(10/3)
		{68, 80, model.Amber, 3.3333},            // the amber edge: 85 %
		{67.99, 80, model.Red, 3.3292},           // just below it
		{64, 80, model.Red, 1.6667},              // (4/8)·(10/3)
		{60, 80, model.Red, 0},                   // 75 %
		{0, 80, model.Red, 0},                    // nothing done
		{0, 0, model.Green, 10},                  // nothing expected yet
		{71.06, 74.7945205, model.Green, 6.6713}, // end of September: 95 % of 74.7945 is 71.0548; 20/3 + (10/3)·0.0052/3.7397
		{71.05, 74.7945205, model.Amber, 6.6645}, // 10/3 + (10/3)·7.4747/7.4795
		{63.58, 74.7945205, model.Amber, 3.3354}, // 85 % is 63.5753; 10/3 + (10/3)·0.0047/7.4795
		{63.57, 74.7945205, model.Red, 3.3310},   // (10/3)·7.4741/7.4795
	}
	for _, tc := range tests {
		st, sc := Health(some(tc.complete), some(tc.expected))
		if st != tc.status || !sc.OK || !near(sc.V, tc.score) {
			t.Errorf("%v%% of %v%%: %s %v; want %s %v", tc.complete, tc.expected, st, sc.V, tc.status, tc.score)
		}
	}
	for _, c := range [][2]model.Opt{{none, some(50)}, {some(50), none}} {
		if st, sc := Health(c[0], c[1]); st != model.None || sc.OK {
			t.Errorf("complete %v, expected %v: %s %v; want none and no score", c[0], c[1], st, sc)
		}
	}
}

// Spend against a budget of 200,000: over it is red; more than 10 points
// of the budget ahead of the percent complete is amber.
func TestBudgetStatus(t *testing.T) {
	tests := []struct {
		spend    float64
		complete model.Opt
		want     model.Status
	}{
		{120000, some(50), model.Green},    // 60 % spent, 50 % done: 10 points, the edge
		{120000, some(49.99), model.Amber}, // 10.01 points ahead
		{120002, some(50), model.Amber},    // 10.001 points ahead
		{0, some(0), model.Green},
		{200000, some(100), model.Green}, // all of it, all done
		{200000, some(89), model.Amber},  // all of it, 89 % done
		{200001, some(100), model.Red},   // over budget, whatever was done
		{150000, none, model.Green},      // no percent complete: the budget alone
		{250000, none, model.Red},
	}
	for _, tc := range tests {
		if got := BudgetStatus(some(200000), some(tc.spend), tc.complete); got != tc.want {
			t.Errorf("spend %v, complete %v: %s; want %s", tc.spend, tc.complete, got, tc.want)
		}
	}
	if got := BudgetStatus(none, some(5), some(50)); got != model.None {
		t.Errorf("no budget: %s; want none", got)
	}
	if got := BudgetStatus(some(200000), none, some(50)); got != model.None {
		t.Errorf("no spend: %s; want none", got)
	}
	if got := BudgetStatus(some(0), some(1), none); got != model.Red {
		t.Errorf("spend against a budget of 0: %s; want red", got)
	}
}
