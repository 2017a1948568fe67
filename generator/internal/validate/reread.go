package validate

import (
	"iter"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Reread brings site, which Validate made from src, up to date with a change
// to the data files named in files (added, changed or removed, slash-separated
// from the source root) when nothing else of the source changed: the rows that
// came from those files are dropped, those that data yields, the rows of the
// files that are there now, are checked as Validate checks them, and the
// as-of period is found again. csvFiles are the data files there are now;
// src.CSVFiles becomes csvFiles. data reports the problems of reading to dl,
// which holds nothing else.
//
// It returns the measures whose data changed, in site order, and reports
// false, with site as it was, when the files hold errors: their
// order in dl may differ from a full validation's (a duplicate row is blamed
// on the file read last), so the caller validates the whole site to report
// them. The result is otherwise the site a full validation of the changed
// source would make.
func Reread(src *load.Site, site *model.Site, csvFiles, files []string, data iter.Seq[*load.Row], opts Options, dl *diag.List) ([]*model.Measure, bool) {
	gone := map[string]bool{}
	for _, f := range files {
		gone[f] = true
	}
	saved := map[*model.Measure]model.Series{}
	asOf, rows := site.AsOf, site.Rows
	for _, u := range site.Units {
		for _, m := range u.Measures {
			if dropRows(m, gone, saved) {
				for _, pt := range saved[m].Points {
					if gone[pt.Src.File] {
						site.Rows--
					}
				}
			}
		}
	}
	v := &validator{dl: dl, src: src}
	d := newDataChecker(v, site)
	keep := func(r *load.Row) {
		m := d.measureOf(r)
		if m != nil {
			if _, ok := saved[m]; !ok {
				saved[m] = cloneSeries(m.Data)
			}
		}
		d.row(r)
	}
	for r := range data {
		keep(r)
	}
	if !dl.HasErrors() {
		v.asOf(site, opts)
	}
	if dl.HasErrors() {
		for m, s := range saved {
			m.Data = s
		}
		site.AsOf, site.Rows = asOf, rows
		return nil, false
	}
	src.CSVFiles = csvFiles
	// A measure whose rows were read again with the same values (all of
	// those of a changed file, bar the edited row) is not touched.
	var touched []*model.Measure
	for _, u := range site.Units {
		for _, m := range u.Measures {
			if old, ok := saved[m]; ok && !sameValues(old, m.Data) {
				touched = append(touched, m)
			}
		}
	}
	return touched, true
}

// measureOf returns the measure a row names, or nil when it names none.
func (d *dataChecker) measureOf(r *load.Row) *model.Measure {
	if um := d.units[r.Unit]; um != nil {
		return um.byID[r.Measure]
	}
	return nil
}

// dropRows removes from m's series the points that came from the files in
// gone, keeping a copy of the series in saved first, and trims the series to
// the points that remain, as reading the other files alone would have made
// it. It reports whether anything was removed.
func dropRows(m *model.Measure, gone map[string]bool, saved map[*model.Measure]model.Series) bool {
	hit := false
	for _, pt := range m.Data.Points {
		if gone[pt.Src.File] {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	saved[m] = cloneSeries(m.Data)
	pts := m.Data.Points
	for i := range pts {
		if gone[pts[i].Src.File] {
			pts[i] = model.Point{}
		}
	}
	first, last := 0, len(pts)
	for first < last && pts[first].Src.File == "" {
		first++
	}
	for last > first && pts[last-1].Src.File == "" {
		last--
	}
	if first == last {
		m.Data = model.Series{}
		return true
	}
	m.Data = model.Series{First: m.Data.First.Add(first), Points: pts[first:last:last]}
	return true
}

func cloneSeries(s model.Series) model.Series {
	out := model.Series{First: s.First}
	if s.Points != nil {
		out.Points = append([]model.Point(nil), s.Points...)
	}
	return out
}

// sameValues reports whether two series hold the same values in the same
// periods, wherever the rows that gave them are.
func sameValues(a, b model.Series) bool {
	if a.First != b.First || len(a.Points) != len(b.Points) {
		return false
	}
	for i := range a.Points {
		x, y := &a.Points[i], &b.Points[i]
		if x.Actual != y.Actual || x.Target != y.Target || x.Red != y.Red || x.Stretch != y.Stretch {
			return false
		}
	}
	return true
}
