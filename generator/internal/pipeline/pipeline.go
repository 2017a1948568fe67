// Package pipeline runs the stages that turn source files into a scored site —
// load, validate, compute — on any file system, so that the command line and the
// tests run exactly the same sequence.
package pipeline

import (
	"context"
	"io/fs"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// Options are the inputs of a compilation besides the files.
type Options struct {
	Period  string // as-of period overriding config.toml
	BaseURL string // overriding config.toml
	Strict  bool   // warnings become errors
}

// Compile loads, validates and scores the site in fsys. Every problem found is
// in the returned list; the result is nil when there were errors.
func Compile(ctx context.Context, fsys fs.FS, opts Options) (*compute.Result, *diag.List, error) {
	var dl diag.List
	finish := func(r *compute.Result) (*compute.Result, *diag.List, error) {
		if opts.Strict {
			dl.Promote()
		}
		if dl.HasErrors() {
			return nil, &dl, dl.Err()
		}
		return r, &dl, nil
	}
	src := load.Load(fsys, &dl)
	if err := ctx.Err(); err != nil {
		return nil, &dl, err
	}
	site := validate.Validate(src, validate.Options{Period: opts.Period, BaseURL: opts.BaseURL}, &dl)
	if site == nil {
		if !dl.HasErrors() {
			dl.Errorf(diag.Pos{}, "the site could not be read")
		}
		return finish(nil)
	}
	if err := ctx.Err(); err != nil {
		return nil, &dl, err
	}
	return finish(compute.Compute(site, &dl))
}
