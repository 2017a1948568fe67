// Package testenv says which tests run. go test ./... runs the quick ones,
// in well under two minutes on two cores. With the environment variable CI
// set (.ci/run sets CI=true), the whole suite runs: the browser tests, the
// PDF test and the large bad inputs as well, and a program they need that
// is missing is a failure rather than a reason to skip.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Full reports whether the whole suite runs.
func Full() bool { return os.Getenv("CI") != "" }

// NeedFull skips the test, which is what, unless the whole suite runs.
func NeedFull(t testing.TB, what string) {
	t.Helper()
	if !Full() {
		t.Skipf("%s: runs with CI=true (go test ./... leaves it out to stay quick)", what)
	}
}

// Tool returns the path of the program name, which the package pkg
// installs. Without it the test skips, unless the whole suite runs: then
// it fails.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if Full() {
			t.Fatalf("the whole suite needs %s (%s): %v", name, pkg, err)
		}
		t.Skipf("%s (%s) not available: %v", name, pkg, err)
	}
	return p
}
