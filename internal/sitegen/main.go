// Command sitegen writes a synthetic but valid scorecard site, for load tests
// and benchmarks of the build:
//
//	go run ./internal/sitegen -units N -measures M -months K [-seed S] DIR
//
// The site is monthly, its data ends in 2026-09, and the same flags and seed
// always give byte-identical files, so timings taken on two machines (or two
// commits) are timings of the same input.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// params are the knobs of one generated site.
type params struct {
	Units    int    // units in the cascade, root included
	Measures int    // measures per unit
	Months   int    // months of actuals, ending at 2026-09
	Seed     uint64 // the whole site is a function of the seed
}

// Limits keep a typo from filling the disk; the L workload is well inside them.
const (
	maxUnits    = 100_000
	maxMeasures = 500
	maxMonths   = 600
	minMeasures = 4 // one objective in each of the four perspectives needs a measure
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
	st, err := generate(dir, p)
	if err != nil {
		fmt.Fprintln(stderr, "sitegen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "sitegen: %d units, %d measures, %d data rows, %d files, %.2fs\n",
		st.Units, st.Measures, st.Rows, st.Files, time.Since(start).Seconds())
	return 0
}

func parseArgs(args []string, stderr io.Writer) (params, string, error) {
	fs := flag.NewFlagSet("sitegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sitegen -units N -measures M -months K [-seed S] DIR")
		fs.PrintDefaults()
	}
	var p params
	fs.IntVar(&p.Units, "units", 0, "number of units, the root included (required)")
	fs.IntVar(&p.Measures, "measures", 0, fmt.Sprintf("measures per unit, at least %d (required)", minMeasures))
	fs.IntVar(&p.Months, "months", 0, "months of actuals, ending at 2026-09 (required)")
	fs.Uint64Var(&p.Seed, "seed", 1, "random seed: the same seed gives the same site")
	if err := fs.Parse(args); err != nil {
		return p, "", err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return p, "", errors.New("expected exactly one output folder")
	}
	if err := p.check(); err != nil {
		return p, "", err
	}
	return p, fs.Arg(0), nil
}

func (p params) check() error {
	switch {
	case p.Units < 1 || p.Units > maxUnits:
		return fmt.Errorf("-units %d: expected 1 to %d", p.Units, maxUnits)
	case p.Measures < minMeasures || p.Measures > maxMeasures:
		return fmt.Errorf("-measures %d: expected %d to %d", p.Measures, minMeasures, maxMeasures)
	case p.Months < 1 || p.Months > maxMonths:
		return fmt.Errorf("-months %d: expected 1 to %d", p.Months, maxMonths)
	}
	return nil
}
