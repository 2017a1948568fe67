package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/cli/diagfmt"
	"github.com/scorecard-dev/scorecard/internal/mail"
	"github.com/scorecard-dev/scorecard/internal/pdf"
)

// addresses is a repeatable flag of e-mail addresses; each use may also
// list several, separated by commas.
type addresses []string

func (a *addresses) String() string { return strings.Join(*a, ", ") }

func (a *addresses) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*a = append(*a, part)
		}
	}
	return nil
}

func runMail(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorecard mail", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var opts generator.PackOptions
	var chromium, paper string
	fl.StringVar(&opts.Source, "source", ".", "the site `folder`")
	fl.StringVar(&opts.Period, "period", "", "as-of `period` (e.g. 2026-09), overriding config.toml")
	fl.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fl.StringVar(&chromium, "chromium", "", "the Chromium `executable` that prints the PDF (default: found on PATH)")
	fl.StringVar(&paper, "paper", "a4", "paper `size` of the PDF: a4 or letter")
	var to, cc addresses
	fl.Var(&to, "to", "a recipient's `address`, instead of config.toml's [mail] to (repeat, or separate with commas)")
	fl.Var(&cc, "cc", "a copy recipient's `address`, instead of config.toml's [mail] cc")
	from := fl.String("from", "", "the sender's `address`, instead of config.toml's [mail] from")
	attachHTML := fl.Bool("attach-html", false, "attach the one-file HTML pack beside the PDF")
	var format diagfmt.Format
	fl.Var(&format, "format", "print errors and warnings in this `format`: "+diagfmt.Names)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "scorecard mail: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return ExitUsage
	}
	printer, err := pdf.NewPrinter(chromium, paper)
	if err != nil {
		fmt.Fprintf(stderr, "scorecard mail: --%v\n", err)
		return ExitUsage
	}
	opts.Printer = printer
	// The flags' addresses are checked before any work; config.toml's by check.
	if err := checkAddresses(*from, to, cc); err != nil {
		fmt.Fprintf(stderr, "scorecard mail: %v\n", err)
		return ExitUsage
	}
	out := diagfmt.Printer{W: stderr, Format: format}
	// The server is known before the pack is made: a message that cannot be
	// sent is not worth printing.
	srv, err := mail.ServerFromEnv(os.Getenv)
	if failed(out, "scorecard mail", opts.Source, &generator.Report{}, err) {
		return ExitError
	}
	start := time.Now()
	rep, p, m, err := mailPack(ctx, opts, *from, to, cc, *attachHTML)
	if err == nil {
		err = send(ctx, srv, m)
	}
	if rep == nil {
		rep = &generator.Report{}
	}
	if failed(out, "scorecard mail", opts.Source, rep, err) {
		return ExitError
	}
	fmt.Fprintf(stdout, "mailed the board pack of %s (%s) to %s through %s:%d in %s\n", p.Summary.AsOf, joinAnd(attachments(p, *attachHTML)),
		joinAnd(append(slices.Clone(m.To), m.Cc...)), srv.Host, srv.Port, time.Since(start).Round(time.Millisecond))
	return ExitOK
}

// mailPack makes the board pack in a scratch folder, which it removes, and
// the message about it, with the recipients of the flags or else of
// config.toml.
func mailPack(ctx context.Context, opts generator.PackOptions, from string, to, cc []string, attachHTML bool) (*generator.Report, *generator.Packed, mail.Message, error) {
	tmp, err := os.MkdirTemp("", "scorecard-mail-")
	if err != nil {
		return nil, nil, mail.Message{}, err
	}
	defer os.RemoveAll(tmp)
	opts.Output = filepath.Join(tmp, "board-pack.html")
	rep, p, err := generator.PackForMail(ctx, opts)
	if err != nil {
		return rep, p, mail.Message{}, err
	}
	m := mail.Message{From: from, To: to, Cc: cc, Pack: p, AttachHTML: attachHTML, Mailer: "scorecard " + Version()}
	if m.From == "" {
		m.From = p.Mail.From
	}
	if len(to) == 0 {
		m.To, m.Cc = p.Mail.To, p.Mail.Cc
		if len(cc) > 0 {
			m.Cc = cc
		}
	}
	switch {
	case m.From == "":
		err = errors.New("no sender: give --from, or set from in config.toml's [mail]")
	case len(m.To) == 0:
		err = errors.New("no recipients: give --to, or set to in config.toml's [mail]")
	}
	return rep, p, m, err
}

func send(ctx context.Context, srv mail.Server, m mail.Message) error {
	msg, err := mail.Compose(m)
	if err != nil {
		return err
	}
	return mail.Send(ctx, srv, msg)
}

func checkAddresses(from string, to, cc []string) error {
	m := mail.Message{From: from, To: to, Cc: cc}
	return mail.CheckAddresses(m)
}

func attachments(p *generator.Packed, html bool) []string {
	out := []string{p.Name + ".pdf"}
	if html {
		out = append(out, p.Name+".html")
	}
	return out
}
