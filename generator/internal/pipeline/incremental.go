package pipeline

import (
	"context"
	"io/fs"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// Compiled is what a compilation keeps so that a change to the data files
// alone can be compiled again without reading the rest of the source.
type Compiled struct {
	opts Options
	src  *load.Site
	site *model.Site
	pre  diag.List // what load and validate reported
	last *compute.Result
	memo *compute.Memo
	// spent is set when a recompilation found errors in computing after the
	// model took the new data: last no longer describes the model, so every
	// later Recompile declines.
	spent bool
}

// CompileKeep is Compile, and also returns what Recompile needs. The
// Compiled is nil when the result is.
func CompileKeep(ctx context.Context, fsys fs.FS, opts Options) (*Compiled, *compute.Result, *diag.List, error) {
	var dl diag.List
	src := load.Load(fsys, &dl)
	if err := ctx.Err(); err != nil {
		return nil, nil, &dl, err
	}
	site := validate.Validate(src, validate.Options{Period: opts.Period, BaseURL: opts.BaseURL}, &dl)
	if site == nil || dl.HasErrors() {
		// Compile reports these the same way, and they are rare: let it.
		r, all, err := Compile(ctx, fsys, opts)
		return nil, r, all, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, &dl, err
	}
	c := &Compiled{opts: opts, src: src, site: site}
	c.pre.Merge(&dl)
	r := compute.Compute(site, &dl)
	if opts.Strict {
		dl.Promote()
	}
	if dl.HasErrors() {
		return nil, nil, &dl, dl.Err()
	}
	c.last, c.memo = r, compute.NewMemo(r)
	return c, r, &dl, nil
}

// Recompile compiles the site again after the data files named in changed
// were added, changed or removed, nothing else of the source having changed;
// csvFiles are the data files there are now. It reports false when the data
// files hold errors, and Compile then reports them as a full compilation
// does: errors that reading the files finds leave c as it was; errors that
// computing the new data finds (a result that cannot be represented) come
// after the model took the data, so c declines every later change. It
// reports false also with Strict, where a new warning is an error.
// The result shares the model of the previous one, which holds the new data
// from now on.
func (c *Compiled) Recompile(ctx context.Context, fsys fs.FS, csvFiles, changed []string) (*compute.Result, *diag.List, bool) {
	if c.opts.Strict || c.spent || ctx.Err() != nil {
		return nil, nil, false
	}
	var read diag.List
	var present []string
	for _, f := range csvFiles {
		if slices.Contains(changed, f) {
			present = append(present, f)
		}
	}
	rows := load.ReadRows(fsys, present, &read)
	touched, ok := validate.Reread(c.src, c.site, csvFiles, changed, rows, validate.Options{Period: c.opts.Period, BaseURL: c.opts.BaseURL}, &read)
	if !ok {
		return nil, nil, false
	}
	var dl diag.List
	dl.Merge(&c.pre)
	dl.Merge(&read)
	r, memo := compute.Recompute(c.last, c.memo, c.site, touched, &dl)
	if dl.HasErrors() {
		// A result that cannot be represented: the model holds the new data
		// already, so Compile, from the files, is what reports it.
		c.spent = true
		return nil, nil, false
	}
	c.last, c.memo = r, memo
	return c.last, &dl, true
}

// CSVFiles lists the data files of the source, as a compilation finds them.
func CSVFiles(fsys fs.FS) ([]string, error) {
	var dl diag.List
	files := load.CSVFiles(fsys, &dl)
	return files, dl.Err()
}
