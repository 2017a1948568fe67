package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/cli/diagfmt"
	"github.com/scorecard-dev/scorecard/internal/mail"
	"github.com/scorecard-dev/scorecard/internal/pdf"
)

// joinAnd joins names as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func runPack(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorecard pack", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts generator.PackOptions
	var chromium, paper string
	fl.StringVar(&opts.Source, "source", ".", "the site `folder`")
	fl.StringVar(&opts.Period, "period", "", "as-of `period` (e.g. 2026-09), overriding config.toml")
	fl.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fl.StringVar(&opts.Unit, "unit", "", "the `unit` the pack is about, with the units below it (default: the root, or [pack] unit in config.toml)")
	depth := fl.Int("depth", -1, "how many `levels` of units below the pack's unit to include (default: as many as keep the pack to 30 units)")
	fl.StringVar(&opts.Output, "output", "", "the HTML `file` (default board-pack-<period>.html)")
	fl.StringVar(&opts.PDF, "pdf", "", "also print the pack to this PDF `file` with headless Chromium")
	fl.StringVar(&chromium, "chromium", "", "the Chromium `executable` (default: found on PATH)")
	fl.StringVar(&paper, "paper", "a4", "paper `size` of the PDF: a4 or letter")
	fl.StringVar(&opts.EML, "eml", "", "also write an e-mail of the pack, with the PDF attached, to this `file` (.eml)")
	attachHTML := fl.Bool("attach-html", false, "attach the one-file HTML pack to the e-mail too")
	var format diagfmt.Format
	fl.Var(&format, "format", "print errors and warnings in this `format`: "+diagfmt.Names)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	fl.Visit(func(f *flag.Flag) {
		if f.Name == "depth" {
			opts.Depth = depth
		}
	})
	printer, err := pdf.NewPrinter(chromium, paper)
	if err != nil {
		fmt.Fprintf(stderr, "scorecard pack: --%v\n", err)
		return ExitUsage
	}
	opts.Printer = printer
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "scorecard pack: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return ExitUsage
	}
	if *attachHTML && opts.EML == "" {
		fmt.Fprintln(stderr, "scorecard pack: --attach-html attaches the pack to the e-mail of --eml: give --eml FILE too")
		return ExitUsage
	}
	if opts.EML != "" {
		opts.Compose = func(p *generator.Packed) ([]byte, error) {
			var b bytes.Buffer
			err := mail.WriteEML(&b, mail.Message{
				From: p.Mail.From, To: p.Mail.To, Cc: p.Mail.Cc,
				Pack: p, AttachHTML: *attachHTML, Draft: true, Mailer: "scorecard " + Version(),
			})
			return b.Bytes(), err
		}
	}
	start := time.Now()
	rep, written, err := generator.Pack(ctx, opts)
	if rep == nil {
		rep = &generator.Report{}
	}
	if failed(diagfmt.Printer{W: stderr, Format: format}, "scorecard pack", opts.Source, rep, err) {
		return ExitError
	}
	fmt.Fprintf(stdout, "packed %s, %s, %s into %s in %s\n", plural(rep.Units, "unit"), plural(rep.Measures, "measure"),
		plural(rep.Rows, "data row"), joinAnd(written), time.Since(start).Round(time.Millisecond))
	return ExitOK
}
