package generator

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/publish"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
)

// PackOptions control `scorecard pack`.
type PackOptions struct {
	Source string
	Period string
	Strict bool
	// Unit and Depth scope the pack: a unit and the units below it to a
	// depth, overriding [pack] in config.toml. Unit "" is the root; Depth
	// nil is as deep as keeps the pack within its bound (docs/pack.md).
	Unit    string
	Depth   *int
	Output  string  // the HTML file; default board-pack-<period>.html
	PDF     string  // a PDF file to print as well; none when empty
	Printer Printer // what prints the PDF; needed for one

	// EML, when not empty, is a file to write the message Compose makes of
	// the pack to, with the same care as the other files. It needs Compose.
	EML     string
	Compose func(*Packed) ([]byte, error)
}

// A Printer prints an HTML file to PDF. The command line's prints with
// headless Chromium (internal/pdf), which the library does not link.
type Printer interface {
	// Ready reports why the printer cannot print, if it cannot. Pack asks
	// before it writes anything: a pack asked for as PDF and written only as
	// HTML would be a half-done job.
	Ready() error
	// Print returns the file printed to PDF.
	Print(ctx context.Context, file string) ([]byte, error)
}

// Packed is a board pack as PackForMail made it: what a message about it
// carries.
type Packed struct {
	Written []string // the files written, as Pack returns them
	Name    string   // board-pack-<period>: its files' default name, without extension
	HTML    []byte
	PDF     []byte
	Summary *PackSummary
	Mail    Recipients // from config.toml's [mail]
	// Words are the theme's messages in the site's language, for the
	// message about the pack; nil means the built-in English.
	Words *Words
}

// PackSummary is the head of the board pack as text: title, period, scores,
// measures by status, changes and exceptions.
type PackSummary = view.Summary

// PackChange is a measure whose status changed, as PackSummary lists it.
type PackChange = view.Change

// Recipients are the sender and recipients config.toml names, checked.
type Recipients = model.Mail

// Pack checks the site and writes its board pack: one self-contained HTML
// file and, when asked, a PDF printed from it by opts.Printer. It returns the
// files written.
func Pack(ctx context.Context, opts PackOptions) (*Report, []string, error) {
	rep, p, err := pack(ctx, opts, false)
	if p == nil {
		return rep, nil, err
	}
	return rep, p.Written, err
}

// PackForMail is Pack for a message about the pack: it prints the PDF even
// when opts.PDF names no file to write it to, and returns the pack's files
// and summary. opts.Printer is needed.
func PackForMail(ctx context.Context, opts PackOptions) (*Report, *Packed, error) {
	return pack(ctx, opts, true)
}

func pack(ctx context.Context, opts PackOptions, forMail bool) (*Report, *Packed, error) {
	source := withDefaults(Options{Source: opts.Source}).Source
	// The files named are checked before any work; the default name, which
	// needs the period, once it is known.
	if opts.EML != "" && opts.Compose == nil {
		return nil, nil, errors.New("--eml needs a way to compose the message")
	}
	if err := checkPackFiles(source, opts.Output, opts.PDF, opts.EML); err != nil {
		return nil, nil, err
	}
	forMail = forMail || opts.EML != ""
	printPDF := opts.PDF != "" || forMail
	if printPDF {
		if opts.Printer == nil {
			return nil, nil, errors.New("no printer to print the PDF with")
		}
		if err := opts.Printer.Ready(); err != nil {
			return nil, nil, err
		}
	}
	bo := withDefaults(Options{Source: opts.Source, Period: opts.Period, Strict: opts.Strict})
	po := bo.pipeline()
	po.PackUnit, po.PackDepth = opts.Unit, opts.Depth
	s, closeFS, err := preparePipeline(ctx, bo.Source, po)
	if closeFS == nil {
		return nil, nil, err
	}
	defer closeFS()
	rep := siteReport(s)
	if err != nil {
		return rep, nil, err
	}
	html, err := s.Pack()
	if err != nil {
		return rep, nil, err
	}
	out := opts.Output
	if out == "" {
		out = "board-pack-" + s.Result.AsOf.String() + ".html"
		if err := checkPackFiles(bo.Source, out, opts.PDF, opts.EML); err != nil {
			return rep, nil, err
		}
	}
	if err := publish.WriteFile("--output", out, html); err != nil {
		return rep, nil, err
	}
	rep.Pages, rep.Files = 1, 1
	p := &Packed{Written: []string{out}, Name: "board-pack-" + s.Result.AsOf.String(), HTML: html}
	if forMail {
		p.Summary, p.Mail, p.Words = view.PackSummary(s.Result, s.Theme.Words()), s.Result.Site.Mail, s.Theme.Words()
	}
	if !printPDF {
		return rep, p, nil
	}
	doc, err := opts.Printer.Print(ctx, out)
	if err != nil {
		return rep, p, err
	}
	p.PDF = doc
	if opts.PDF != "" {
		if err := publish.WriteFile("--pdf", opts.PDF, doc); err != nil {
			return rep, p, err
		}
		rep.Files++
		p.Written = append(p.Written, opts.PDF)
	}
	if opts.EML == "" {
		return rep, p, nil
	}
	msg, err := opts.Compose(p)
	if err != nil {
		return rep, p, err
	}
	if err := publish.WriteFile("--eml", opts.EML, msg); err != nil {
		return rep, p, err
	}
	rep.Files++
	p.Written = append(p.Written, opts.EML)
	return rep, p, nil
}

// checkPackFiles refuses pack files that are not regular files, or that
// would overwrite the source's input: anything in content/, data/ or
// themes/, or config.toml. Each is compared with its symbolic links
// resolved, so that a link cannot disguise where a path leads. No two of
// the HTML file, the PDF and the message may be the same file either.
// pdfFile and eml may be "".
func checkPackFiles(source, html, pdfFile, eml string) error {
	files := []struct{ flag, name, what string }{{"--output", html, ""}, {"--pdf", pdfFile, "the PDF"}, {"--eml", eml, "the message"}}
	real := make([]string, len(files))
	for i, f := range files {
		if f.name == "" {
			continue
		}
		if err := publish.CheckFile(f.flag, f.name); err != nil {
			return err
		}
		if err := checkNotInput(source, f.flag, f.name); err != nil {
			return err
		}
		r, err := realPath(f.name)
		if err != nil {
			return err
		}
		real[i] = r
		for j := range i {
			if real[j] == r {
				return fmt.Errorf("%s %s and %s %s are the same file: give %s another name", f.flag, f.name, files[j].flag, files[j].name, f.what)
			}
		}
	}
	return nil
}

// checkNotInput refuses name, given as flag, if it is in the source's
// content/, data/ or themes/ or is its config.toml.
func checkNotInput(source, flag, name string) error {
	src, err := realPath(source)
	if err != nil {
		return err
	}
	dst, err := realPath(name)
	if err != nil {
		return err
	}
	for _, in := range []string{load.ContentDir, load.DataDir, "themes"} {
		dir, err := realPath(filepath.Join(src, in))
		if err != nil {
			return err
		}
		if within(dst, dir) {
			return fmt.Errorf("%s %s is inside the source's %s/ folder: refusing to write over the site's input", flag, name, in)
		}
	}
	config, err := realPath(filepath.Join(src, "config.toml"))
	if err != nil {
		return err
	}
	if dst == config || dst == filepath.Join(src, "config.toml") {
		return fmt.Errorf("%s %s is the source's config.toml: refusing to write over the site's input", flag, name)
	}
	return nil
}
