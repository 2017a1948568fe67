// Command scorecard builds balanced-scorecard sites. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/scorecard-dev/scorecard/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run is the command with its signals: an interrupt (Ctrl-C) or a
// termination (kill, an editor's stop button, a service manager) cancels the
// work, so that serve removes its temporary folder and a build its
// half-written one.
func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Run(ctx, args, os.Stdout, os.Stderr)
}
