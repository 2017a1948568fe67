package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/cli/diagfmt"
	"github.com/scorecard-dev/scorecard/internal/serve"
)

const defaultPort = 1313

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorecard serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`")
	port := fl.Int("port", defaultPort, "the `port` to listen on, on 127.0.0.1 only; 0 picks a free one")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "scorecard serve: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return ExitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "scorecard serve: --port %d is not a port: use 1 to 65535, or 0 for any free one\n", *port)
		return ExitUsage
	}
	rep := &serveReporter{stdout: stdout, stderr: stderr, source: *source}
	srv, err := serve.Start(ctx, serve.Options{
		Source: *source,
		Port:   *port,
		Report: rep.report,
		Warn:   func(err error) { fmt.Fprintf(stderr, "scorecard serve: %v\n", err) },
	})
	if err != nil {
		fmt.Fprintf(stderr, "scorecard serve: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stdout, "Serving %s (Ctrl-C to stop)\n", srv.URL())
	if err := srv.Wait(); err != nil {
		fmt.Fprintf(stderr, "scorecard serve: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// serveReporter prints each build's outcome as `scorecard build` does, the
// diagnostics in the same words and order. The server calls it one build at
// a time.
type serveReporter struct {
	stdout, stderr io.Writer
	source         string
	good           bool // a build has succeeded, so there is a site to fall back on
}

// report prints r and returns the lines that served pages show while the
// build is broken.
func (p *serveReporter) report(r serve.BuildResult) []string {
	cause := ""
	if len(r.Changed) > 0 {
		cause = describeChanges(p.source, r.Changed) + ": "
	}
	if r.Refresh {
		cause = "refresh asked for: " + cause
	}
	printDiagnostics(diagfmt.Printer{W: p.stderr}, p.source, r.Report, r.Err)
	if r.Err == nil {
		p.good = true
		line := summary("build", r.Report, r.Elapsed)
		if r.Update != nil {
			line = updateSummary(r.Report, r.Elapsed)
		}
		fmt.Fprintln(p.stdout, cause+line)
		return nil
	}
	if !generator.IsInputError(r.Err) {
		fmt.Fprintf(p.stderr, "scorecard serve: %v\n", r.Err)
	}
	fallback := "nothing to serve until it is fixed"
	if p.good {
		fallback = "still serving the last good build"
	}
	fmt.Fprintf(p.stderr, "scorecard serve: %sbuild failed: %s; %s\n", cause, counts(r.Err, r.Report), fallback)
	return bannerLines(p.source, r.Err)
}

// updateSummary is the line of a build that updated the served site in
// place, as summary's is of a full one.
func updateSummary(rep *generator.Report, d time.Duration) string {
	warn := ""
	if rep.WarningCount > 0 {
		warn = ", " + plural(rep.WarningCount, "warning")
	}
	return fmt.Sprintf("updated%s: %s, %s, %s in place: rewrote %s (%s)%s in %s", asOf(rep),
		plural(rep.Units, "unit"), plural(rep.Measures, "measure"), plural(rep.Rows, "data row"),
		plural(rep.Pages, "page"), plural(rep.Files, "file"), warn, d.Round(time.Millisecond))
}

// bannerLines are the errors as printed, without the warnings, which do not
// stop a build and would bury the errors on every page.
func bannerLines(source string, err error) []string {
	var b strings.Builder
	printDiagnostics(diagfmt.Printer{W: &b}, source, &generator.Report{}, err)
	if !generator.IsInputError(err) {
		fmt.Fprintln(&b, err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// describeChanges names what changed, as the user would type the paths.
func describeChanges(source string, changed []string) string {
	first := displayPath(source, changed[0])
	if len(changed) == 1 {
		return first + " changed"
	}
	return fmt.Sprintf("%s and %s changed", first, plural(len(changed)-1, "other"))
}
