package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scorecard-dev/scorecard/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("scorecard new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: scorecard new DIR\n\nWrites a small working site into DIR, which must be empty or absent.")
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fl.NArg() != 1 || fl.Arg(0) == "" {
		fmt.Fprintln(stderr, "scorecard new: expected one folder to create, as in: scorecard new my-scorecard")
		return ExitUsage
	}
	dir := fl.Arg(0)
	written, err := scaffold.Write(dir, releaseVersion())
	if err != nil {
		fmt.Fprintf(stderr, "scorecard new: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stdout, "Created a scorecard site in %s:\n", dir)
	for _, name := range written {
		fmt.Fprintf(stdout, "  %s\n", displayPath(dir, name))
	}
	q := shellQuote(dir)
	fmt.Fprintf(stdout, "\nNext:\n  cd %s && scorecard build    # writes the site into public/\n  cd %s && scorecard serve    # previews it at http://127.0.0.1:%d/ and rebuilds as you edit\n",
		q, q, defaultPort)
	fmt.Fprintf(stdout, "\nTo publish with GitHub Pages, push the folder to a GitHub repository and choose\nSettings → Pages → Source: GitHub Actions; %s then checks every\npull request and publishes every push to main.\n", scaffold.WorkflowFile)
	return ExitOK
}

// shellQuote quotes s for a POSIX shell when it holds anything but the
// characters folder names usually have, so that the printed commands can be
// pasted as they are.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:@", r))
	}) < 0
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
