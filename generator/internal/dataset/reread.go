package dataset

import (
	"iter"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// Reread is Validate's data part again, after a change to the data files
// named in files (added, changed or removed, slash-separated from the source
// root) when nothing else of the source changed: it returns old, which
// Validate or Reread made for site from src, with the rows that came from
// those files dropped, the rows that rows yields (those of the files that
// are there now) checked and placed as Validate places them, and the as-of
// period found again. rows reports the problems of reading to dl, which
// holds nothing else. old is not changed: the new data shares with it the
// series of the measures the change does not reach.
//
// It also returns the measures whose values changed, in site order (the
// initiatives' progress is copied whole: compute scores every initiative
// again). It
// reports false when the files hold errors: their order in dl may differ
// from a full validation's (a duplicate row is blamed on the file read
// last), so the caller validates the whole site to report them. The data
// is otherwise what a full validation of the changed source would make.
func Reread(src *load.Site, site *model.Site, old *model.Data, files []string, rows iter.Seq[*load.Row], opts validate.Options, dl *diag.List) (*model.Data, []*model.Measure, bool) {
	if old.MergedRows > 0 {
		// A period whose values came from rows of two files is not taken
		// apart when one of the files changes: the full build reads them all.
		return nil, nil, false
	}
	gone := map[string]bool{}
	for _, f := range files {
		gone[f] = true
	}
	data := &model.Data{Series: append([]model.Series(nil), old.Series...), Progress: make([][]model.Progress, len(old.Progress)), Rows: old.Rows,
		Sources: slices.DeleteFunc(slices.Clone(old.Sources), func(s model.Source) bool { return gone[s.File] })}
	own := make([]bool, len(data.Series)) // series copied from old's, which may be written
	for i := range data.Series {
		if n := dropRows(&data.Series[i], gone); n > 0 {
			own[i] = true
			data.Rows -= n
		}
	}
	// Initiatives are few and their reports short: each is copied, without
	// the reports of the changed files.
	for i, reports := range old.Progress {
		for _, pr := range reports {
			if gone[pr.Src.File] {
				data.Rows--
				continue
			}
			data.Progress[i] = append(data.Progress[i], pr)
		}
	}
	v := &checker{dl: dl, src: src}
	d := newDataChecker(v, site, data)
	for r := range rows {
		if m := d.measureOf(r); m != nil && !own[m.Index] {
			data.Series[m.Index] = data.Series[m.Index].Clone()
			own[m.Index] = true
		}
		d.row(r)
	}
	for i, mine := range own {
		if mine {
			data.Series[i].Compact()
		}
	}
	if !dl.HasErrors() {
		v.asOf(site, data, opts)
	}
	if dl.HasErrors() || data.MergedRows > 0 {
		return nil, nil, false
	}
	// In the order a full build reads them: files by path, then databases.
	slices.SortStableFunc(data.Sources, func(a, b model.Source) int {
		if da, db := a.Kind == model.DatabaseSource, b.Kind == model.DatabaseSource; da != db {
			if da {
				return 1
			}
			return -1
		}
		return strings.Compare(a.File, b.File)
	})
	// A measure whose rows were read again with the same values (all of
	// those of a changed file, bar the edited row) is not touched.
	var touched []*model.Measure
	for _, u := range site.Units {
		for _, m := range u.Measures {
			if own[m.Index] && !sameValues(*old.Of(m), *data.Of(m)) {
				touched = append(touched, m)
			}
		}
	}
	return data, touched, true
}

// measureOf returns the measure a row names, or nil when it names none.
func (d *dataChecker) measureOf(r *load.Row) *model.Measure {
	if um := d.units[r.Unit]; um != nil {
		return um.byID[r.Measure]
	}
	return nil
}

// dropRows replaces s, when it holds points that came from the files in
// gone, with a copy without them, trimmed to the points that remain, as
// reading the other files alone would have made it. It returns how many
// points it dropped.
func dropRows(s *model.Series, gone map[string]bool) int {
	hit := false
	for i := range s.Len() {
		if t, ok := s.Table(i); ok && gone[t.File] {
			hit = true
			break
		}
	}
	if !hit {
		return 0
	}
	var c model.Series
	n := 0
	for i := range s.Len() {
		t, ok := s.Table(i)
		switch {
		case !ok:
			// A period between two rows; Set fills it in again if need be.
		case gone[t.File]:
			n++
		default:
			c.Set(s.First.Add(i), s.Index(i))
		}
	}
	c.Compact()
	*s = c
	return n
}

// sameValues reports whether two series hold the same values in the same
// periods, wherever the rows that gave them are.
func sameValues(a, b model.Series) bool {
	if a.First != b.First || a.Len() != b.Len() {
		return false
	}
	for i := range a.Len() {
		x, y := a.Index(i), b.Index(i)
		if x.Actual != y.Actual || x.Target != y.Target || x.Red != y.Red || x.Stretch != y.Stretch {
			return false
		}
	}
	return true
}
