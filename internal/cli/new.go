package cli

import (
	"fmt"
	"io"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "scorecard new: not yet available")
	return ExitUsage
}
