// Package generator builds a scorecard site: Check, Build, Pack and, for a
// preview server, Session. It is the library's surface; the stages (load,
// validate, dataset, compute, view, render, publish) are packages under
// internal/, run in order by internal/pipeline. docs/architecture.md
// describes them.
package generator

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
)

// Options control a build. Empty fields take their defaults.
type Options struct {
	Source      string // the site folder; default "."
	Destination string // the output folder; default <Source>/public
	Period      string // as-of period, overriding config.toml
	BaseURL     string // overriding config.toml's base_url
	Strict      bool   // treat warnings as errors
	// PDF asks Build to print the board pack with Printer too, into the
	// output beside the pack's page (pack/board-pack-<period>.pdf), which
	// links it.
	PDF     bool
	Printer Printer
}

// Report says what a build or check did.
type Report struct {
	Units    int
	Measures int
	Rows     int      // data rows read
	Period   string   // the as-of period; empty when the build failed before finding it
	Past     []string // the earlier review periods published with it, newest first
	Pages    int      // HTML pages written
	Files    int      // all files written
	// Warnings are sorted; there may have been more than are kept (WarningCount).
	Warnings     []diag.Diagnostic
	WarningCount int
	// Words are the messages of the site's theme in its language, for pages
	// of a tool's own that speak to the site's people (scorecard serve's
	// error pages); nil when the build stopped before it read the theme.
	Words *Words
}

// Words are the messages of a theme in one language (its i18n files):
// Text(key, name, value, ...) fills a message, Locale().Dir() is the
// language's direction.
type Words = i18n.Catalog

// DefaultWords are the built-in theme's messages in English, for when no
// build has read a site's theme.
func DefaultWords() *Words {
	w, err := BuiltinWords(i18n.Base)
	if err != nil {
		panic(err) // the built-in English file is checked by the tests
	}
	return w
}

// BuiltinWords are the built-in theme's messages in the language lang (a
// tag such as "de" or "de-CH"), without a site's.
func BuiltinWords(lang string) (*Words, error) { return theme.BuiltinWords(lang) }

// Errors is the error of a build that found problems in its input. It lists
// every problem, sorted by file and position.
type Errors = diag.Errors

// Diagnostic is one positioned error or warning.
type Diagnostic = diag.Diagnostic

// Pos is where a diagnostic is: a file's line and column, a workbook's
// sheet and cell, or a database source's row.
type Pos = diag.Pos

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
	s, closeFS, err := prepare(ctx, opts)
	if closeFS == nil {
		return nil, err
	}
	defer closeFS()
	return siteReport(s), err
}

// Build checks the site and writes it to the destination, replacing the previous
// output only when everything succeeded.
func Build(ctx context.Context, opts Options) (*Report, error) {
	return build(ctx, opts, nil)
}

// build is Build, with wrap (when not nil) wrapping the output the files are
// written to: the tests make writes fail with it.
func build(ctx context.Context, opts Options, wrap func(render.Output) render.Output) (*Report, error) {
	opts = withDefaults(opts)
	if err := checkDestination(opts.Source, opts.Destination); err != nil {
		return nil, err
	}
	var print func([]byte) ([]byte, error)
	if opts.PDF {
		if opts.Printer == nil {
			return nil, errors.New("no printer to print the PDF with")
		}
		// Asked before any work: a site asked for with its PDF and built
		// without would be a half-done job.
		if err := opts.Printer.Ready(); err != nil {
			return nil, err
		}
		print = func(html []byte) ([]byte, error) { return printHTML(ctx, opts.Printer, html) }
	}
	s, closeFS, err := prepare(ctx, opts)
	if closeFS == nil {
		return nil, err
	}
	defer closeFS()
	rep := siteReport(s)
	if err != nil {
		return rep, err
	}
	st, err := s.PublishWith(ctx, opts.Destination, wrap, print)
	rep.Pages, rep.Files = st.Pages, st.Files
	return rep, err
}

// printHTML prints the board pack html to PDF with p, from a temporary
// file that it removes.
func printHTML(ctx context.Context, p Printer, html []byte) ([]byte, error) {
	f, err := os.CreateTemp("", "scorecard-pack-*.html")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(html); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return p.Print(ctx, f.Name())
}

// prepare opens the source folder and runs the pipeline up to rendering.
// The function returned closes the folder, which the site's theme reads
// from; it is nil when the folder could not be opened.
func prepare(ctx context.Context, opts Options) (*pipeline.Site, func(), error) {
	return preparePipeline(ctx, opts.Source, opts.pipeline())
}

func preparePipeline(ctx context.Context, source string, opts pipeline.Options) (*pipeline.Site, func(), error) {
	fsys, closeFS, err := pipeline.Open(source)
	if err != nil {
		return nil, nil, err
	}
	s, err := pipeline.Prepare(ctx, fsys, opts, false)
	return s, closeFS, err
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

func (o Options) pipeline() pipeline.Options {
	return pipeline.Options{Period: o.Period, BaseURL: o.BaseURL, Strict: o.Strict}
}

// report is what a build that compiled r, with the diagnostics in dl, tells
// its caller.
// siteReport is the report of a site prepared, with its theme's words.
func siteReport(s *pipeline.Site) *Report {
	rep := report(s.Result, s.Diags)
	if s.Theme != nil {
		rep.Words = s.Theme.Words()
	}
	return rep
}

func report(r *compute.Result, dl *diag.List) *Report {
	rep := &Report{Warnings: dl.Sorted(diag.Warning), WarningCount: dl.Count(diag.Warning)}
	if r != nil {
		rep.Units, rep.Measures, rep.Rows = len(r.Site.Units), r.Site.Measures, r.Data.Rows
		rep.Period = r.AsOf.String()
		for _, p := range r.Past {
			rep.Past = append(rep.Past, p.AsOf.String())
		}
	}
	return rep
}

// IsInputError reports whether err is a problem with the site's input (as
// opposed to, say, a destination that cannot be written).
func IsInputError(err error) bool {
	var e *Errors
	return errors.As(err, &e)
}
