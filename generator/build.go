// Package generator builds a scorecard site: it loads the source files, validates
// them, computes scores and writes the output, in that order, each stage a
// package under internal/.
package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/themes"
)

// Options control a build. Empty fields take their defaults.
type Options struct {
	Source      string // the site folder; default "."
	Destination string // the output folder; default <Source>/public
	Period      string // as-of period, overriding config.toml
	BaseURL     string // overriding config.toml's base_url
	Strict      bool   // treat warnings as errors

	// fault, in tests, is called before each file is written; an error it
	// returns is the write's.
	fault func(name string) error
}

// Report says what a build or check did.
type Report struct {
	Units    int
	Measures int
	Rows     int    // data rows read
	Period   string // the as-of period; empty when the build failed before finding it
	Pages    int    // HTML pages written
	Files    int    // all files written
	// Warnings are sorted; there may have been more than are kept (WarningCount).
	Warnings     []diag.Diagnostic
	WarningCount int
}

// Errors is the error of a build that found problems in its input. It lists
// every problem, sorted by file and position.
type Errors = diag.Errors

// Diagnostic is one positioned error or warning.
type Diagnostic = diag.Diagnostic

// The severities of a Diagnostic.
const (
	SeverityError   = diag.Error
	SeverityWarning = diag.Warning
)

// CompareDiagnostics orders diagnostics by file, line and column.
func CompareDiagnostics(a, b Diagnostic) int { return diag.Compare(a, b) }

// Check loads, validates and computes the site without writing anything.
func Check(ctx context.Context, opts Options) (*Report, error) {
	opts = withDefaults(opts)
	fsys, closeFS, err := openSource(opts.Source)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	result, rep, err := compile(ctx, fsys, opts)
	if err != nil {
		return rep, err
	}
	if _, err := loadTheme(fsys, result); err != nil {
		return rep, err
	}
	return rep, nil
}

// Build checks the site and writes it to the destination, replacing the previous
// output only when everything succeeded.
func Build(ctx context.Context, opts Options) (*Report, error) {
	opts = withDefaults(opts)
	if err := checkDestination(opts.Source, opts.Destination); err != nil {
		return nil, err
	}
	fsys, closeFS, err := openSource(opts.Source)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	result, rep, err := compile(ctx, fsys, opts)
	if err != nil {
		return rep, err
	}
	th, err := loadTheme(fsys, result)
	if err != nil {
		return rep, err
	}
	return rep, publishSite(ctx, opts.Destination, th, result, rep, opts.fault)
}

// publishSite renders the site into a new folder and swaps it in place of
// dest, only when everything succeeded. fault, when not nil, injects write
// failures for tests.
func publishSite(ctx context.Context, dest string, th *theme.Theme, result *compute.Result, rep *Report, fault func(string) error) error {
	out, err := publish.Open(dest)
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	defer out.Abort()
	var dst render.Output = out
	if fault != nil {
		dst = faultyOutput{out, fault}
	}
	if err := writeSite(ctx, dst, th, result, rep); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := out.Commit(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

func withDefaults(opts Options) Options {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	return opts
}

// openSource opens the site folder so that nothing read through it, symbolic
// links included, can come from outside it, and nothing but regular files
// and folders can be read.
func openSource(dir string) (fs.FS, func(), error) {
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

// checkDestination refuses output folders that would overwrite or be read as
// input: the source itself, a folder that contains it, or one inside content/,
// data/ or themes/; and folders that a build may not replace (see
// publish.Check).
func checkDestination(source, dest string) error {
	src, err := realPath(source)
	if err != nil {
		return err
	}
	dst, err := realPath(dest)
	if err != nil {
		return err
	}
	if within(src, dst) {
		return fmt.Errorf("destination %s contains the source %s: refusing to replace it", dest, source)
	}
	for _, in := range []string{load.ContentDir, load.DataDir, "themes"} {
		if within(dst, filepath.Join(src, in)) {
			return fmt.Errorf("destination %s is inside the source's %s/ folder: the output would be read back as input", dest, in)
		}
	}
	return publish.Check(dest)
}

// realPath returns p as an absolute path with the symbolic links of its
// existing part resolved, so that a link cannot disguise where it leads.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// compile runs load, validate and compute on fsys.
func compile(ctx context.Context, fsys fs.FS, opts Options) (*compute.Result, *Report, error) {
	result, dl, err := pipeline.Compile(ctx, fsys, pipeline.Options{Period: opts.Period, BaseURL: opts.BaseURL, Strict: opts.Strict})
	return result, report(result, dl), err
}

// report is what a build that compiled r, with the diagnostics in dl, tells
// its caller.
func report(r *compute.Result, dl *diag.List) *Report {
	rep := &Report{Warnings: dl.Sorted(diag.Warning), WarningCount: dl.Count(diag.Warning)}
	if r != nil {
		rep.Units, rep.Measures, rep.Rows = len(r.Site.Units), r.Site.Measures, r.Site.Rows
		rep.Period = r.AsOf.String()
	}
	return rep
}

// loadTheme finds the site's theme and parses its templates, so that a
// missing theme or a broken template is found before anything is written,
// and by check too.
func loadTheme(src fs.FS, r *compute.Result) (*theme.Theme, error) {
	th, err := theme.New(src, r.Site.Theme, themes.Default())
	if err != nil {
		return nil, err
	}
	if err := th.Parse(); err != nil {
		return nil, themeError(r.Site.Theme, err)
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

// writeSite renders every output file into out.
func writeSite(ctx context.Context, out render.Output, th *theme.Theme, r *compute.Result, rep *Report) error {
	st, err := render.Site(r, th, out)
	rep.Pages, rep.Files = st.Pages, st.Files
	if err != nil {
		return err
	}
	return ctx.Err()
}

// IsInputError reports whether err is a problem with the site's input (as
// opposed to, say, a destination that cannot be written).
func IsInputError(err error) bool {
	var e *Errors
	return errors.As(err, &e)
}

type faultyOutput struct {
	render.Output
	fault func(string) error
}

func (f faultyOutput) WriteFile(name string, data []byte) error {
	if err := f.fault(name); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return f.Output.WriteFile(name, data)
}
