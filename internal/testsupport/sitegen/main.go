// Command sitegen writes a synthetic but valid scorecard site, for load tests
// and benchmarks of the build:
//
//	go run ./internal/testsupport/sitegen -units N -measures M -months K [-seed S] [-review R] DIR
//
// The site is monthly, its data ends in 2026-09, and the same flags and seed
// always give byte-identical files, so timings taken on two machines (or two
// commits) are timings of the same input.
package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the exit, so that its exit codes follow the scorecard
// command's: 0 success, 1 failure, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	p, dir, err := parseArgs(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "sitegen:", err)
		}
		return 2
	}
	// The clock only measures the run for the summary; nothing written
	// depends on it.
	start := time.Now()
	st, err := gen.Generate(dir, p)
	if err != nil {
		fmt.Fprintln(stderr, "sitegen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "sitegen: %d units, %d measures, %d data rows, %d files, %.2fs\n",
		st.Units, st.Measures, st.Rows, st.Files, time.Since(start).Seconds())
	return 0
}

func parseArgs(args []string, stderr io.Writer) (gen.Params, string, error) {
	fs := flag.NewFlagSet("sitegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitegen -units N -measures M -months K [-seed S] [-review R] DIR")
		fs.PrintDefaults()
	}
	var p gen.Params
	fs.IntVar(&p.Units, "units", 0, "number of units, the root included (required)")
	fs.IntVar(&p.Measures, "measures", 0, fmt.Sprintf("measures per unit, at least %d (required)", gen.MinMeasures))
	fs.IntVar(&p.Months, "months", 0, "months of actuals, ending at 2026-09 (required)")
	fs.Uint64Var(&p.Seed, "seed", 1, "random seed: the same seed gives the same site")
	fs.IntVar(&p.Review, "review", 0, "review periods the site publishes ([review] periods); 0 for the default")
	if err := fs.Parse(args); err != nil {
		return p, "", err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return p, "", errors.New("expected exactly one output folder")
	}
	if err := p.Check(); err != nil {
		return p, "", err
	}
	return p, fs.Arg(0), nil
}
