package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/scorecard-dev/scorecard/generator/internal/browser"
	"github.com/scorecard-dev/scorecard/generator/internal/render"
)

// PackOptions control `scorecard pack`.
type PackOptions struct {
	Source   string
	Period   string
	Strict   bool
	Output   string // the HTML file; default board-pack-<period>.html
	PDF      string // a PDF file to print as well; none when empty
	Chromium string // the browser that prints; found on PATH when empty
	Paper    string // a4 (default) or letter
}

// Pack checks the site and writes its board pack: one self-contained HTML
// file and, when asked, a PDF printed from it by headless Chromium. It returns
// the files written.
func Pack(ctx context.Context, opts PackOptions) (*Report, []string, error) {
	if opts.Paper == "" {
		opts.Paper = "a4"
	}
	if _, ok := browser.Paper[opts.Paper]; !ok {
		return nil, nil, fmt.Errorf("--paper %q is not a4 or letter", opts.Paper)
	}
	var chromium string
	if opts.PDF != "" {
		// Before anything is written: a pack asked for as PDF and written only as
		// HTML would be a half-done job.
		c, err := browser.Find(opts.Chromium)
		if err != nil {
			return nil, nil, err
		}
		chromium = c
	}
	bo := withDefaults(Options{Source: opts.Source, Period: opts.Period, Strict: opts.Strict})
	fsys, closeFS, err := openSource(bo.Source)
	if err != nil {
		return nil, nil, err
	}
	defer closeFS()
	result, rep, err := compile(ctx, fsys, bo)
	if err != nil {
		return rep, nil, err
	}
	theme, err := loadTheme(fsys, result)
	if err != nil {
		return rep, nil, err
	}
	html, err := render.Pack(result, theme)
	if err != nil {
		return rep, nil, fmt.Errorf("render: %w", err)
	}
	out := opts.Output
	if out == "" {
		out = "board-pack-" + result.AsOf.String() + ".html"
	}
	if err := writeFileAtomic(out, html); err != nil {
		return rep, nil, err
	}
	rep.Pages, rep.Files = 1, 1
	written := []string{out}
	if opts.PDF != "" {
		pdf, err := browser.PrintPDF(ctx, chromium, out, opts.Paper)
		if err != nil {
			return rep, written, err
		}
		if err := writeFileAtomic(opts.PDF, pdf); err != nil {
			return rep, written, err
		}
		rep.Files++
		written = append(written, opts.PDF)
	}
	return rep, written, nil
}

// writeFileAtomic writes a file beside its destination and renames it into
// place, so that a reader never sees half a file.
func writeFileAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp, 0o644)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
