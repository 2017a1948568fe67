package pipeline

import (
	"context"
	"io/fs"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/dataset"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
)

// The stages again for a change to the data files alone, which is what
// scorecard serve sees most: the changed files are read again and checked
// (dataset.Reread), the measures they reach scored again (compute.Recompute),
// the results compared with the last ones to find the files they change
// (Changes, render.Changed), and those files rendered. Each stage makes new values and
// changes none: the last site stays whole until the new one replaces it.

// Update compiles s again after the data files named in changed were added,
// changed or removed, nothing else of the source having changed; csvFiles
// are the data files there are now, and fsys the source. It reports false
// when the change cannot be applied: s was not prepared for updates, Strict
// is set (a new warning would be an error), the data files hold errors,
// which a full compilation reports in order, or the change moves the review
// periods published, whose folders a new build replaces. The new site shares its model
// and theme with s, which stays as it was.
func (s *Site) Update(ctx context.Context, fsys fs.FS, csvFiles, changed []string) (*Site, bool) {
	if s.memo == nil || s.opts.Strict || ctx.Err() != nil {
		return nil, false
	}
	var read diag.List
	var present []string
	for _, f := range csvFiles {
		if slices.Contains(changed, f) {
			present = append(present, f)
		}
	}
	rows := load.ReadRows(fsys, present, s.src.Workbooks(), &read)
	last := s.Result
	data, touched, ok := dataset.Reread(s.src, last.Site, last.Data, changed, rows, s.opts.validate(), &read)
	if !ok {
		return nil, false
	}
	next := &Site{Theme: s.Theme, Diags: &diag.List{}, opts: s.opts, src: s.src}
	next.pre.Merge(&s.pre)
	next.Diags.Merge(&s.pre)
	next.Diags.Merge(&read)
	r, memo := compute.Recompute(last, s.memo, data, touched, next.Diags)
	if next.Diags.HasErrors() {
		// A result that cannot be represented: a full compilation, from the
		// files, is what reports it.
		return nil, false
	}
	if !samePeriods(last, r) {
		// Another set of review periods: folders to remove as well as to
		// write, which a build into a new folder does.
		return nil, false
	}
	next.Result, next.memo = r, memo
	return next, true
}

// samePeriods reports whether a and b publish the same review periods.
func samePeriods(a, b *compute.Result) bool {
	if a.AsOf != b.AsOf && (len(a.Past) > 0 || len(b.Past) > 0) {
		return false
	}
	return slices.EqualFunc(a.Past, b.Past, func(x, y *compute.Result) bool { return x.AsOf == y.AsOf })
}

// Changes are the output files whose bytes may differ between the files
// rendered from since and those rendered from s, an update of it, in the
// order a build writes them, the board pack and scores.json last; all is
// true when every file may.
func (s *Site) Changes(since *Site) (paths []string, all bool) {
	return render.Changed(since.Result, s.Result)
}

// Render renders the files of the site named in paths, or every file when
// all is true, into out.
func (s *Site) Render(out render.Output, paths []string, all bool) (render.Stats, error) {
	if all {
		return render.Site(s.Result, s.Theme, out)
	}
	return render.Only(s.Result, s.Theme, out, paths)
}
