package main

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/scorecard-dev/scorecard/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"scorecard": func() { os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script. Set
// UPDATE_SCRIPTS=1 to rewrite the files they compare with cmp.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"no-temp-folders": noTempFolders,
			"mkfifo":          mkfifo,
		},
	})
}

// noTempFolders fails if a build left a temporary output folder behind in the
// script's work folder.
func noTempFolders(ts *testscript.TestScript, neg bool, args []string) {
	entries, err := os.ReadDir(ts.Getenv("WORK"))
	ts.Check(err)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			ts.Fatalf("temporary folder left behind: %s", e.Name())
		}
	}
}

// mkfifo makes a named pipe in the script's work folder.
func mkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo name")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}
