// Package cli is the scorecard command line: it parses arguments, runs the
// generator and prints diagnostics and the summary.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/cli/diagfmt"
	"github.com/scorecard-dev/scorecard/internal/pdf"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // invalid input or a failed build
	ExitUsage = 2
)

// maxPrinted bounds the diagnostics printed; the rest are counted.
const maxPrinted = 200

const usage = `scorecard turns balanced scorecards (TOML definitions and CSV actuals) into a static site.

Usage:
  scorecard build   [--source DIR] [--destination DIR] [--period P] [--base-url URL] [--strict] [--format F]
  scorecard check   [--source DIR] [--period P] [--strict] [--format F]
  scorecard pack    [--source DIR] [--period P] [--output FILE] [--pdf FILE] [--eml FILE [--attach-html]] [--chromium PATH] [--paper a4|letter] [--format F]
  scorecard mail    [--source DIR] [--period P] [--to ADDR]... [--cc ADDR]... [--from ADDR] [--attach-html] [--format F]
  scorecard serve   [--source DIR] [--port N]
  scorecard new     DIR
  scorecard version

Commands:
  build     validate, compute and write the site (default destination: <source>/public)
  check     validate and compute, write nothing
  pack      write the board pack: one self-contained HTML file, a PDF with --pdf, an e-mail with --eml
  mail      send the board pack by e-mail through the SMTP server of SCORECARD_SMTP_HOST
  serve     build, serve on 127.0.0.1, rebuild on change and reload open pages
  new       write a small working site into DIR, which must be empty or absent
  version   print the version

--format text|github|json prints errors and warnings as text, as GitHub Actions
annotations, or as JSON lines (see docs/publishing.md).

Exit status: 0 success, 1 invalid input or failed build, 2 bad usage.
`

// Run runs the command line args (without the program name) and returns the exit
// status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build", "check":
		return runBuild(ctx, cmd, rest, stdout, stderr)
	case "pack":
		return runPack(ctx, rest, stdout, stderr)
	case "mail":
		return runMail(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "version":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "scorecard version: unexpected argument %q\n", rest[0])
			return ExitUsage
		}
		fmt.Fprintln(stdout, "scorecard", Version())
		return ExitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "scorecard: unknown command %q\n\n%s", cmd, usage)
	return ExitUsage
}

func runBuild(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorecard "+cmd, flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts generator.Options
	fl.StringVar(&opts.Source, "source", ".", "the site `folder`")
	fl.StringVar(&opts.Period, "period", "", "as-of `period` (e.g. 2026-09), overriding config.toml")
	fl.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	var format diagfmt.Format
	fl.Var(&format, "format", "print errors and warnings in this `format`: "+diagfmt.Names)
	var chromium, paper string
	if cmd == "build" {
		fl.StringVar(&opts.Destination, "destination", "", "the output `folder` (default <source>/public)")
		fl.StringVar(&opts.BaseURL, "base-url", "", "the site's public `URL`, overriding config.toml")
		fl.BoolVar(&opts.PDF, "pdf", false, "also print the board pack to PDF with headless Chromium, beside the site's pack page, which links it")
		fl.StringVar(&chromium, "chromium", "", "the Chromium `executable` for --pdf (default: found on PATH)")
		fl.StringVar(&paper, "paper", "a4", "paper `size` of the PDF: a4 or letter")
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if opts.PDF {
		printer, err := pdf.NewPrinter(chromium, paper)
		if err != nil {
			fmt.Fprintf(stderr, "scorecard %s: --%v\n", cmd, err)
			return ExitUsage
		}
		opts.Printer = printer
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "scorecard %s: unexpected argument %q\n", cmd, fl.Arg(0))
		fl.Usage()
		return ExitUsage
	}
	start := time.Now()
	run := generator.Check
	if cmd == "build" {
		run = generator.Build
	}
	rep, err := run(ctx, opts)
	elapsed := time.Since(start)
	if rep == nil {
		rep = &generator.Report{}
	}
	out := diagfmt.Printer{W: stderr, Format: format}
	if failed(out, "scorecard "+cmd, opts.Source, rep, err) {
		return ExitError
	}
	fmt.Fprintln(stdout, summary(cmd, rep, elapsed))
	return ExitOK
}

// failed prints the diagnostics of a command's run and, when err is not nil,
// what failed; it reports whether the run failed.
func failed(out diagfmt.Printer, name, source string, rep *generator.Report, err error) bool {
	printDiagnostics(out, source, rep, err)
	if err == nil {
		return false
	}
	if !generator.IsInputError(err) {
		out.Error(fmt.Sprintf("%s: %v", name, err))
	}
	out.Summary(fmt.Sprintf("%s failed: %s", name, counts(err, rep)))
	return true
}

// printDiagnostics prints warnings and errors together, sorted by position.
// Text and annotations stop at maxPrinted and count the rest; JSON lists all
// that the build kept, for tools that read every one.
func printDiagnostics(out diagfmt.Printer, source string, rep *generator.Report, err error) {
	all := slices.Clone(rep.Warnings)
	var list *generator.Errors
	errTotal := 0
	if errors.As(err, &list) {
		all = append(all, list.List...)
		errTotal = list.Total
	}
	slices.SortStableFunc(all, generator.CompareDiagnostics)
	limit := maxPrinted
	if out.Format == diagfmt.JSON {
		limit = len(all)
	}
	shown := [2]int{}
	for i, d := range all {
		if i == limit {
			break
		}
		shown[d.Severity]++
		d.Pos.File = displayPath(source, d.Pos.File)
		out.Diagnostic(d)
	}
	if out.Format != diagfmt.JSON {
		if more := errTotal + rep.WarningCount - shown[0] - shown[1]; more > 0 {
			fmt.Fprintf(out.W, "... and %d more\n", more)
		}
		return
	}
	out.Omitted("error", errTotal-shown[generator.SeverityError])
	out.Omitted("warning", rep.WarningCount-shown[generator.SeverityWarning])
}

// displayPath shows a source-relative path as the user would type it.
func displayPath(source, file string) string {
	if file == "" || strings.HasPrefix(file, "-") || source == "" || filepath.Clean(source) == "." {
		return file
	}
	return filepath.ToSlash(filepath.Join(source, filepath.FromSlash(file)))
}

func counts(err error, rep *generator.Report) string {
	n := 0
	var list *generator.Errors
	if errors.As(err, &list) {
		n = list.Total
	} else if err != nil {
		n = 1
	}
	return fmt.Sprintf("%s, %s", plural(n, "error"), plural(rep.WarningCount, "warning"))
}

func summary(cmd string, rep *generator.Report, d time.Duration) string {
	verb := "checked"
	tail := ""
	if cmd == "build" {
		verb = "built"
		tail = fmt.Sprintf(", %s (%s)", plural(rep.Pages, "page"), plural(rep.Files, "file"))
	}
	warn := ""
	if rep.WarningCount > 0 {
		warn = ", " + plural(rep.WarningCount, "warning")
	}
	reviews := ""
	if cmd == "build" && len(rep.Past) > 0 {
		reviews = fmt.Sprintf(" and %s before (to %s)", plural(len(rep.Past), "review period"), rep.Past[len(rep.Past)-1])
	}
	return fmt.Sprintf("%s%s%s: %s, %s, %s%s%s in %s", verb, asOf(rep), reviews,
		plural(rep.Units, "unit"), plural(rep.Measures, "measure"), plural(rep.Rows, "data row"),
		tail, warn, d.Round(time.Millisecond))
}

// asOf names the period a build reported on, first in its summary: the
// default follows the data (docs/scoring.md), so the reader is told.
func asOf(rep *generator.Report) string {
	if rep.Period == "" {
		return ""
	}
	return " as of " + rep.Period
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// releaseVersion returns the module version this command was installed as
// (v1.2.3, or a pseudo-version), or "" for a build from a checkout, which
// no one else can install.
func releaseVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return ""
	}
	return bi.Main.Version
}

// Version returns the module version and, for a build from a git checkout, the
// commit.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && v == "devel" {
		v += " " + rev[:min(12, len(rev))] + dirty
	}
	return v + " " + bi.GoVersion
}
