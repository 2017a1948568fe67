package render

import (
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compare"
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
)

// Changed returns the output paths whose bytes may differ between the
// files rendered from old and those rendered from next, a result of the
// same model (the same units, objectives and measures; only the data
// changed). all is true when every file may differ: when the review periods
// published, or what every page of the as-of period shows (the as-of
// period, how fresh and complete the data is, the periods of the score
// history), changed. The paths are in the order Site writes them: each
// period's pages, the as-of period's CSV downloads after its pages, and
// last the files that read a whole period (Slow): SiteCSVPath, and each
// period's board pack and scores.json.
//
// It errs on the side of re-rendering: a page is listed when anything it
// reads of the result changed, whether or not the change shows.
func Changed(old, next *compute.Result) (paths []string, all bool) {
	olds, nexts := append([]*compute.Result{old}, old.Past...), append([]*compute.Result{next}, next.Past...)
	if len(olds) != len(nexts) {
		return nil, true
	}
	for i := range nexts {
		if olds[i].AsOf != nexts[i].AsOf {
			return nil, true
		}
	}
	var slow []string
	for i := range nexts {
		prefix := ""
		if i > 0 {
			prefix = view.PeriodDir(nexts[i].AsOf.String())
		}
		ps, every := changedPeriod(olds[i], nexts[i], i == 0)
		switch {
		case every && i == 0:
			return nil, true
		case every:
			for _, p := range view.Pages(nexts[i]) {
				ps = append(ps, p.Path)
			}
		case len(ps) == 0 && !sinceChanged(olds[i], nexts[i]):
			continue
		}
		for _, p := range ps {
			paths = append(paths, prefix+p)
		}
		if i == 0 {
			slow = append(slow, SiteCSVPath)
		}
		slow = append(slow, prefix+PackPath, prefix+ScoresPath)
	}
	return append(paths, slow...), false
}

// Slow reports whether the file at path is one of those that read the
// whole of a review period, which Changed lists last: the site-wide CSV,
// and each period's board pack and scores.json.
func Slow(path string) bool {
	return path == SiteCSVPath || path == PackPath || path == ScoresPath ||
		strings.HasSuffix(path, "/"+PackPath) || strings.HasSuffix(path, "/"+ScoresPath)
}

// changedPeriod is Changed for the pages of one review period, by their
// paths within it, without its pack and scores.json, and with the CSV
// downloads when downloads is true (the as-of period's): every is true when
// all of them may differ.
func changedPeriod(old, next *compute.Result, downloads bool) (paths []string, every bool) {
	if view.Facts(next) != view.Facts(old) || old.AsOf != next.AsOf || old.Latest != next.Latest ||
		!slices.Equal(old.Periods, next.Periods) || old.Site != next.Site ||
		len(old.Units) != len(next.Units) || len(old.Objectives) != len(next.Objectives) || len(old.Measures) != len(next.Measures) ||
		len(old.Initiatives) != len(next.Initiatives) {
		return nil, true
	}
	d := dirty{
		units: make([]bool, len(next.Units)), unitScores: make([]bool, len(next.Units)),
		objectives: make([]bool, len(next.Objectives)), objectiveRows: make([]bool, len(next.Objectives)),
		measures: make([]bool, len(next.Measures)), initiatives: make([]bool, len(next.Initiatives)),
	}
	for i := range next.Initiatives {
		d.initiatives[i] = !sameInitiative(&old.Initiatives[i], &next.Initiatives[i])
		d.any = d.any || d.initiatives[i]
	}
	for i := range next.Measures {
		d.measures[i] = !sameMeasure(old, next, i)
		d.any = d.any || d.measures[i]
	}
	for i := range next.Objectives {
		a, b := &old.Objectives[i], &next.Objectives[i]
		d.objectives[i] = !sameObjective(a, b)
		d.objectiveRows[i] = shown(a.Score, a.Status) != shown(b.Score, b.Status) || a.Outlook != b.Outlook
		d.any = d.any || d.objectives[i]
	}
	for i := range next.Units {
		a, b := &old.Units[i], &next.Units[i]
		d.units[i] = !sameUnit(a, b)
		d.unitScores[i] = shown(a.Score, a.Status) != shown(b.Score, b.Status)
		d.any = d.any || d.units[i]
	}
	d.since = sinceChanged(old, next)
	if !d.any && !d.since {
		return nil, false
	}
	for _, p := range view.Pages(next) {
		if d.page(p) {
			paths = append(paths, p.Path)
		}
	}
	if !downloads {
		return paths, false
	}
	// The downloads: a unit's scorecard shows its objectives' scores and
	// its measures' results, a measure's history what its page's table
	// shows.
	for _, u := range next.Site.Units {
		if d.unitCSV(u) {
			paths = append(paths, view.UnitCSVPath(u))
		}
		for _, m := range u.Measures {
			if d.measures[m.Index] {
				paths = append(paths, view.MeasureCSVPath(m))
			}
		}
	}
	return paths, false
}

// sinceChanged reports whether the result the period is compared with
// changed: the pages of what changed since then read it.
func sinceChanged(old, next *compute.Result) bool {
	if (old.Since == nil) != (next.Since == nil) {
		return true
	}
	if old.Since == nil {
		return false
	}
	a, b := old.Since.From, next.Since.From
	for i := range b.Measures {
		if !sameMeasure(a, b, i) {
			return true
		}
	}
	for i := range b.Objectives {
		if !sameObjective(&a.Objectives[i], &b.Objectives[i]) {
			return true
		}
	}
	for i := range b.Units {
		if !sameUnit(&a.Units[i], &b.Units[i]) {
			return true
		}
	}
	return false
}

// shown is a score as pages show it: to one decimal, in any language,
// and its status.
func shown(o model.Opt, s model.Status) view.Score {
	return view.Score{Text: number.Score(o.V, o.OK), Status: s.String()}
}

// The comparisons of results compare every field; a test checks that they
// know every field there is.

// sameMeasure compares the results of measure i in two results of a site,
// its history included.
func sameMeasure(old, next *compute.Result, i int) bool {
	return sameMeasureResult(&old.Measures[i], &next.Measures[i]) && next.SameHistory(old, next.Measures[i].Measure)
}

func sameMeasureResult(a, b *compute.MeasureResult) bool {
	return a.Measure == b.Measure && a.Basis == b.Basis && a.Current == b.Current && a.Period == b.Period &&
		a.Value == b.Value && a.Thresholds == b.Thresholds && a.Score == b.Score && a.Status == b.Status &&
		a.Trend == b.Trend && a.TrendPeriods == b.TrendPeriods && a.Stale == b.Stale && a.WindowFirst == b.WindowFirst &&
		slices.Equal(a.Missing, b.Missing) && a.DivZero == b.DivZero &&
		a.Previous == b.Previous && sameYear(a.Year, b.Year)
}

func sameYear(a, b *compute.YearToDate) bool {
	if a == nil || b == nil || a == b {
		return a == b
	}
	return slices.Equal(a.Periods, b.Periods) && slices.Equal(a.Actual, b.Actual) && slices.Equal(a.Target, b.Target) &&
		a.FullYear == b.FullYear && slices.Equal(a.Projection, b.Projection) && a.Method == b.Method &&
		a.Projected == b.Projected && a.ProjectedStatus == b.ProjectedStatus
}

func sameObjective(a, b *compute.ObjectiveResult) bool {
	return a.Objective == b.Objective && a.Score == b.Score && a.Status == b.Status &&
		a.DriverScore == b.DriverScore && a.Outlook == b.Outlook &&
		slices.Equal(a.History, b.History) && slices.Equal(a.Effects, b.Effects)
}

func sameInitiative(a, b *compute.InitiativeResult) bool {
	return a.Initiative == b.Initiative && a.Phase == b.Phase && a.Expected == b.Expected &&
		a.Complete == b.Complete && a.Period == b.Period && a.Stale == b.Stale &&
		a.Spend == b.Spend && a.SpendPeriod == b.SpendPeriod && a.Reported == b.Reported &&
		a.Health == b.Health && a.Score == b.Score && a.Budget == b.Budget && a.Spent == b.Spent &&
		slices.Equal(a.Milestones, b.Milestones) && a.Overdue == b.Overdue && slices.Equal(a.History, b.History)
}

func sameUnit(a, b *compute.UnitResult) bool {
	return a.Unit == b.Unit && a.Score == b.Score && a.Status == b.Status &&
		slices.EqualFunc(a.Perspectives, b.Perspectives, func(x, y compute.PerspectiveResult) bool {
			return x.Perspective == y.Perspective && x.Score == y.Score && x.Status == y.Status && slices.Equal(x.Objectives, y.Objectives)
		})
}

// dirty marks the entities whose results changed, by index: anything of
// them, or only what other pages show of them. For a unit that is its score
// as shown (one decimal, and status); for an objective, its score as shown
// and its outlook.
type dirty struct {
	units, unitScores         []bool
	objectives, objectiveRows []bool
	measures                  []bool
	initiatives               []bool
	any                       bool
	since                     bool // the result of the review before changed
}

// page reports whether the page reads a result that changed. It follows the
// view builders: keep the two in step.
func (d *dirty) page(p view.PageRef) bool {
	switch p.Kind {
	case view.HomePage: // the root's scorecard and every unit's score in the tree
		return slices.Contains(d.unitScores, true) || d.unitPage(p.Unit)
	case view.UnitPage:
		return d.unitPage(p.Unit)
	case view.ObjectivePage:
		return d.objectivePage(p.Objective)
	case view.MeasurePage: // its own result only; its definition names its inputs
		return d.measures[p.Measure.Index]
	case view.InitiativesPage: // every initiative's result
		return slices.Contains(d.initiatives, true)
	case view.InitiativePage:
		return d.initiativePage(p.Initiative)
	case view.AlignmentPage: // every objective's score and status, every parent unit's score
		return slices.Contains(d.objectiveRows, true) || slices.Contains(d.unitScores, true)
	case view.GlossaryPage: // words
		return false
	case view.ChangesPage: // the moves since the review before: the unit's, or all
		if p.Unit == nil {
			return d.any || d.since
		}
		return d.since || d.unitPage(p.Unit)
	case view.ComparePage:
		return d.comparison(p.Compare)
	case view.ComparisonsPage: // names and counts of units only
		return false
	}
	// The exceptions list every red, missing or stale measure, every
	// at-risk or red objective, and the initiatives behind schedule, over
	// budget or with overdue milestones.
	return slices.Contains(d.measures, true) || slices.Contains(d.objectives, true) || slices.Contains(d.initiatives, true)
}

// comparison: every page of a comparison, since the ranking orders them
// all, reads the scores of every unit compared, of their perspectives and
// of their measures, and their measures' values and status.
func (d *dirty) comparison(s *compare.Set) bool {
	for _, row := range s.Rows {
		if d.units[row.Unit.Index] {
			return true
		}
		for _, m := range row.Measures {
			if m != nil && d.measures[m.Index] {
				return true
			}
		}
	}
	return false
}

// initiativePage: the initiative's result, and the rows of the objectives
// it serves and of their measures.
func (d *dirty) initiativePage(in *model.Initiative) bool {
	if d.initiatives[in.Index] {
		return true
	}
	for _, o := range in.Objectives {
		if d.objectiveRows[o.Index] {
			return true
		}
		for _, m := range o.Measures {
			if d.measures[m.Index] {
				return true
			}
		}
	}
	return false
}

// unitCSV: the scores of the unit's objectives and the results of its
// measures, in full.
func (d *dirty) unitCSV(u *model.Unit) bool {
	for _, o := range u.Objectives {
		if d.objectives[o.Index] {
			return true
		}
	}
	for _, m := range u.Measures {
		if d.measures[m.Index] {
			return true
		}
	}
	return false
}

// unitPage: the unit's and its perspectives' scores, its objectives' rows
// (score, status, outlook) in the table and on the strategy map, their
// measures (rows and sparklines), its children's scores, its initiatives.
func (d *dirty) unitPage(u *model.Unit) bool {
	if d.units[u.Index] {
		return true
	}
	for _, in := range u.Initiatives {
		if d.initiatives[in.Index] {
			return true
		}
	}
	for _, o := range u.Objectives {
		if d.objectiveRows[o.Index] {
			return true
		}
	}
	for _, m := range u.Measures {
		if d.measures[m.Index] {
			return true
		}
	}
	for _, c := range u.Children {
		if d.unitScores[c.Index] {
			return true
		}
	}
	return false
}

// objectivePage: the objective's result (score, drivers, history, the
// evidence of the links it drives), its measures, the scores of the
// objectives it drives, that support it and that it supports, and the
// objectives that drive it, whose results hold the evidence of their links.
func (d *dirty) objectivePage(o *model.Objective) bool {
	if d.objectives[o.Index] {
		return true
	}
	for _, m := range o.Measures {
		if d.measures[m.Index] {
			return true
		}
	}
	for _, x := range o.DrivenBy {
		if d.objectives[x.Index] {
			return true
		}
	}
	for _, list := range [][]*model.Objective{o.SupportedBy, o.Drives, o.Supports} {
		for _, x := range list {
			if d.objectiveRows[x.Index] {
				return true
			}
		}
	}
	return false
}
