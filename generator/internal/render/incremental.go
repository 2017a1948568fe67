package render

import (
	"reflect"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Baseline is what the files of a rendered site were made from, kept so that
// a later result of the same model can be rendered by the pages it changes
// only. The model's data may change after the baseline is taken (the result
// of the new data shares the model), so the baseline copies what the pages
// show of the model's data: the figures of the site view.
type Baseline struct {
	r    *compute.Result
	site SiteView
}

// NewBaseline records that the site's files were rendered from r.
func NewBaseline(r *compute.Result) *Baseline {
	return &Baseline{r: r, site: *newBuilder(r).site}
}

// Changed returns the output paths whose bytes may differ between the pages
// rendered from the baseline and those rendered from next, a result of the
// same model (the same units, objectives and measures; only the data files
// changed). all is true when every page may differ: when what every page
// shows (the as-of period, how fresh and complete the data is, the periods of
// the score history) changed. The paths are in the order Site writes them,
// ScoresPath included when the scores changed.
//
// It errs on the side of re-rendering: a page is listed when anything it
// reads of the result changed, whether or not the change shows.
func (b *Baseline) Changed(next *compute.Result) (paths []string, all bool) {
	old := b.r
	if *newBuilder(next).site != b.site || old.AsOf != next.AsOf || old.Latest != next.Latest ||
		!slices.Equal(old.Periods, next.Periods) || old.Site != next.Site ||
		len(old.Units) != len(next.Units) || len(old.Objectives) != len(next.Objectives) || len(old.Measures) != len(next.Measures) {
		return nil, true
	}
	var d dirty
	d.units = make([]bool, len(next.Units))
	d.objectives = make([]bool, len(next.Objectives))
	d.measures = make([]bool, len(next.Measures))
	for i := range next.Measures {
		d.measures[i] = !reflect.DeepEqual(old.Measures[i], next.Measures[i])
		d.any = d.any || d.measures[i]
	}
	for i := range next.Objectives {
		d.objectives[i] = !reflect.DeepEqual(old.Objectives[i], next.Objectives[i])
		d.any = d.any || d.objectives[i]
	}
	for i := range next.Units {
		d.units[i] = !reflect.DeepEqual(old.Units[i], next.Units[i])
		d.any = d.any || d.units[i]
	}
	if !d.any {
		return nil, false
	}
	for _, p := range pagePaths(next) {
		if d.page(next, p) {
			paths = append(paths, p.path)
		}
	}
	return append(paths, PackPath, ScoresPath), false
}

// dirty marks the entities whose results changed, by index.
type dirty struct {
	units, objectives, measures []bool
	any                         bool
}

// pageRef names a page and what it is about; what the page reads of the
// result is in page.
type pageRef struct {
	path string
	kind string
	unit *model.Unit
	obj  *model.Objective
	meas *model.Measure
}

// pagePaths lists the pages of jobs, in the same order.
func pagePaths(r *compute.Result) []pageRef {
	out := []pageRef{{path: homePath, kind: "home", unit: r.Site.Root()}}
	for _, u := range r.Site.Units {
		out = append(out, pageRef{path: unitPath(u), kind: "unit", unit: u})
		for _, o := range u.Objectives {
			out = append(out, pageRef{path: objectivePath(o), kind: "objective", obj: o})
		}
		for _, m := range u.Measures {
			out = append(out, pageRef{path: measurePath(m), kind: "measure", meas: m})
		}
	}
	return append(out, pageRef{path: initiativesPath, kind: "initiatives"}, pageRef{path: exceptionsPath, kind: "exceptions"})
}

// page reports whether the page reads a result that changed. It follows the
// view builders: keep the two in step.
func (d *dirty) page(r *compute.Result, p pageRef) bool {
	switch p.kind {
	case "home": // the root's scorecard and every unit's score in the tree
		return slices.Contains(d.units, true) || d.unitPage(p.unit)
	case "unit":
		return d.unitPage(p.unit)
	case "objective":
		return d.objectivePage(p.obj)
	case "measure": // its own result only; its definition names its inputs
		return d.measures[p.meas.Index]
	case "initiatives": // milestones against the as-of period, which is global
		return false
	}
	// The exceptions list every red, missing or stale measure and every
	// at-risk or red objective.
	return slices.Contains(d.measures, true) || slices.Contains(d.objectives, true)
}

// unitPage: the unit's and its perspectives' scores, its objectives (rows and
// strategy map), their measures (rows and sparklines), its children's scores.
func (d *dirty) unitPage(u *model.Unit) bool {
	if d.units[u.Index] {
		return true
	}
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
	for _, c := range u.Children {
		if d.units[c.Index] {
			return true
		}
	}
	return false
}

// objectivePage: the objective's result (score, drivers, history, evidence),
// its measures, the objectives that support it, drive it (with the evidence
// kept on them), it drives and it supports.
func (d *dirty) objectivePage(o *model.Objective) bool {
	if d.objectives[o.Index] {
		return true
	}
	for _, m := range o.Measures {
		if d.measures[m.Index] {
			return true
		}
	}
	for _, list := range [][]*model.Objective{o.SupportedBy, o.DrivenBy, o.Drives, o.Supports} {
		for _, x := range list {
			if d.objectives[x.Index] {
				return true
			}
		}
	}
	return false
}

// Only renders the pages and files of Site whose paths are in paths, to out.
// The theme's static files are rendered too when named.
func Only(r *compute.Result, theme *Theme, out Output, paths []string) (Stats, error) {
	if err := theme.Parse(); err != nil {
		return Stats{}, err
	}
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	b := newBuilder(r)
	b.theme = theme
	var jobs []job
	for _, j := range b.jobs() {
		if want[j.path] {
			jobs = append(jobs, j)
		}
	}
	if want[PackPath] {
		jobs = append(jobs, job{PackPath, func() ([]byte, error) {
			v, err := packView(b, theme)
			if err != nil {
				return nil, err
			}
			return execute(theme, "pack", "pack.html", PackPath, v)
		}})
	}
	pages := len(jobs)
	statics, err := theme.Files("static")
	if err != nil {
		return Stats{}, err
	}
	for _, f := range statics {
		if p := f[len("static/"):]; want[p] {
			jobs = append(jobs, job{p, func() ([]byte, error) { return theme.ReadFile(f) }})
		}
	}
	if want[ScoresPath] {
		jobs = append(jobs, job{ScoresPath, func() ([]byte, error) { return Scores(r) }})
	}
	if err := run(jobs, out); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: pages, Files: len(jobs)}, nil
}
