// Package dataset checks the data rows against the model, places each in
// its measure's series and finds the as-of period: the model.Data that a
// site's data files make (Make), and again for a change to the data files
// alone (Reread). It reads no file: the rows come from load.
package dataset

import (
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// Make checks every data row of src against site, which validate.Model made
// of src, places it in its measure's series, and finds the as-of period. It
// returns nil on errors, which go to dl.
func Make(src *load.Site, site *model.Site, opts validate.Options, dl *diag.List) *model.Data {
	v := &checker{dl: dl, src: src}
	data := model.NewData(site)
	v.rows(site, data)
	if dl.HasErrors() {
		return nil
	}
	compact(data.Series)
	v.asOf(site, data, opts)
	if dl.HasErrors() {
		return nil
	}
	return data
}

// compact compacts every series, a run of them on each CPU.
func compact(ss []model.Series) {
	const run = 256
	parallel.For((len(ss)+run-1)/run, func(k int) {
		for i := k * run; i < min(len(ss), (k+1)*run); i++ {
			ss[i].Compact()
		}
	})
}

type checker struct {
	dl  *diag.List
	src *load.Site
}
