// Package pipeline runs the stages of a build in their order: load →
// validate → dataset → compute, then the theme, then render → publish; and, for a
// change to the data files alone, the same again from the data on
// (update.go). generator's Check, Build, Pack and Session all go through it,
// and so do the tests, so that they run exactly the same sequence.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/dataset"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
	"github.com/scorecard-dev/scorecard/themes"
)

// Options are the inputs of a compilation besides the files.
type Options struct {
	Period  string // as-of period overriding config.toml
	BaseURL string // overriding config.toml
	Strict  bool   // warnings become errors
	// PackUnit and PackDepth scope the board pack, overriding [pack] in
	// config.toml (scorecard pack --unit, --depth); PackDepth nil is not set.
	PackUnit  string
	PackDepth *int
}

// Open opens the site folder dir so that nothing read through it, symbolic
// links included, can come from outside it, and nothing but regular files
// and folders can be read (load.OpenSource). The function returned closes
// it.
func Open(dir string) (fs.FS, func(), error) {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return nil, nil, fmt.Errorf("source %s is not a folder", dir)
	}
	fsys, closeFS, err := load.OpenSource(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("source %s: %w", dir, err)
	}
	return fsys, closeFS, nil
}

// A Site is a site compiled: its result, its theme once loaded, and every
// problem found on the way.
type Site struct {
	Result *compute.Result // nil when the source has errors
	Theme  *theme.Theme    // nil until Prepare loads it
	Diags  *diag.List

	opts Options
	src  *load.Site
	pre  diag.List     // what load and the model's validation reported, for Update
	memo *compute.Memo // for Update; nil unless Prepare was asked to keep it
}

// Compile loads, validates and scores the site in fsys. Every problem found is
// in the returned list; the result is nil when there were errors.
func Compile(ctx context.Context, fsys fs.FS, opts Options) (*compute.Result, *diag.List, error) {
	s, err := compile(ctx, fsys, opts, false, false)
	return s.Result, s.Diags, err
}

// Prepare compiles the site in fsys and loads its theme: everything but
// rendering, so that a missing theme or a broken template is found before
// anything is written, and by check too. With incremental, it keeps what
// Update needs as well. The Site comes back with its problems also when
// there is an error.
func Prepare(ctx context.Context, fsys fs.FS, opts Options, incremental bool) (*Site, error) {
	s, err := compile(ctx, fsys, opts, incremental, true)
	if err != nil {
		return s, err
	}
	if incremental {
		s.memo = compute.NewMemo(s.Result)
	}
	return s, nil
}

// compile is Compile; keep keeps the source as read, for Update. With
// withTheme, it also loads the site's theme into s.Theme, beside the data:
// parsing the templates (25 ms) runs on one CPU, and the data's phases
// leave the others some time. A problem of the data comes before one of
// the theme, as when the theme was loaded after.
func compile(ctx context.Context, fsys fs.FS, opts Options, keep, withTheme bool) (s *Site, err error) {
	s = &Site{opts: opts, Diags: &diag.List{}}
	dl := s.Diags
	s.src = load.Load(fsys, dl)
	if err := ctx.Err(); err != nil {
		return s, err
	}
	site := validate.Model(s.src, opts.validate(), dl)
	if site == nil {
		if !dl.HasErrors() {
			dl.Errorf(diag.Pos{}, "the site could not be read")
		}
		return s.finish(nil)
	}
	if withTheme {
		loaded := make(chan error, 1)
		var th *theme.Theme
		go func() {
			var err error
			th, err = loadTheme(fsys, site.Theme, site.Language)
			loaded <- err
		}()
		// On every return from here on: the theme reads fsys, which the
		// caller closes once compile is done.
		defer func() {
			if terr := <-loaded; err == nil && s.Result != nil {
				s.Theme, err = th, terr
			}
		}()
	}
	// What an update reports again: the data's own problems it finds anew.
	s.pre.Merge(dl)
	if !keep {
		// The scorecards as read, and where each key of them is, are what
		// an update checks changed rows against; a build is done with them
		// once the model is made, before the data rows fill memory (50 MB
		// on the L workload, 500 MB on XL).
		s.src.Units = nil
	}
	data := dataset.Make(s.src, site, opts.validate(), dl)
	if !keep {
		s.src = nil
	}
	if data == nil {
		return s.finish(nil)
	}
	if err := ctx.Err(); err != nil {
		return s, err
	}
	return s.finish(compute.Compute(site, data, dl))
}

// finish settles a compilation that computed r: with Strict, every warning
// is an error; with errors, there is no result.
func (s *Site) finish(r *compute.Result) (*Site, error) {
	if s.opts.Strict {
		s.Diags.Promote()
	}
	if s.Diags.HasErrors() {
		return s, s.Diags.Err()
	}
	s.Result = r
	return s, nil
}

func (o Options) validate() validate.Options {
	return validate.Options{Period: o.Period, BaseURL: o.BaseURL, PackUnit: o.PackUnit, PackDepth: o.PackDepth}
}

// loadTheme finds the theme called name, in the site in src or built in, and
// parses its templates.
func loadTheme(src fs.FS, name, lang string) (*theme.Theme, error) {
	th, err := theme.New(src, name, lang, themes.Default())
	if err != nil {
		return nil, err
	}
	if err := th.Parse(); err != nil {
		return nil, themeError(name, err)
	}
	return th, nil
}

// themeError names a theme file that a symbolic link leads out of the site,
// or that is not a regular file, as a path of the site.
func themeError(name string, err error) error {
	var pe *fs.PathError
	switch {
	case !errors.As(err, &pe):
	case strings.Contains(pe.Err.Error(), "path escapes from parent"):
		return fmt.Errorf("themes/%s/%s: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)", name, pe.Path)
	case load.IsNotRegular(pe.Err):
		return fmt.Errorf("themes/%s/%s: %w", name, pe.Path, pe.Err)
	}
	return err
}

// Publish renders every file of the site into a new folder and puts it in
// place of dest, only when everything succeeded. wrap, when not nil, wraps
// the output the files go to: the tests make writes fail with it.
func (s *Site) Publish(ctx context.Context, dest string, wrap func(render.Output) render.Output) (render.Stats, error) {
	return s.PublishWith(ctx, dest, wrap, nil)
}

// PublishWith is Publish, with print, when not nil, printing the board pack
// (the file `scorecard pack` writes) to PDF, which is written beside the
// pack's page, and linked from it, before the folder is put in place.
func (s *Site) PublishWith(ctx context.Context, dest string, wrap func(render.Output) render.Output, print func(html []byte) ([]byte, error)) (render.Stats, error) {
	out, err := publish.Open(dest)
	if err != nil {
		return render.Stats{}, fmt.Errorf("write: %w", err)
	}
	defer out.Abort()
	var dst render.Output = out
	if wrap != nil {
		dst = wrap(out)
	}
	restore := gcHeadroom()
	st, err := render.SiteWith(s.Result, s.Theme, dst, render.Options{PackPDF: print != nil})
	restore()
	if err != nil {
		return st, fmt.Errorf("render: %w", err)
	}
	if print != nil {
		if err := s.printPack(dst, print); err != nil {
			return st, err
		}
		st.Files++
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := out.Commit(); err != nil {
		return st, fmt.Errorf("write: %w", err)
	}
	return st, nil
}

// printPack prints the board pack and writes the PDF to out.
func (s *Site) printPack(out render.Output, print func([]byte) ([]byte, error)) error {
	html, err := s.Pack()
	if err != nil {
		return err
	}
	doc, err := print(html)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := out.WriteFile(path.Join(path.Dir(render.PackPath), view.PackFile(s.Result)), doc); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// Pack renders the board pack, as `scorecard pack` writes it.
func (s *Site) Pack() ([]byte, error) {
	b, err := render.Pack(s.Result, s.Theme)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return b, nil
}

// CSVFiles lists the data files of the source, as a compilation finds them.
func CSVFiles(fsys fs.FS) ([]string, error) {
	var dl diag.List
	files := load.CSVFiles(fsys, &dl)
	return files, dl.Err()
}
