//go:build unix

package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeStopsCleanlyOnSIGTERM: a serve stopped the way a service manager
// or an editor's stop button stops it removes its temporary folder, as Ctrl-C
// does. Before SIGTERM was handled, the process died with the folder left in
// TMPDIR.
func TestServeStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "scorecard")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(t.TempDir(), "site")
	if out, err := exec.Command(bin, "new", site).CombinedOutput(); err != nil {
		t.Fatalf("scorecard new: %v\n%s", err, out)
	}
	tmp := t.TempDir()
	cmd := exec.Command(bin, "serve", "--source", site, "--port", "0")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	serving := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Serving ") {
				serving <- true
			}
		}
	}()
	select {
	case <-serving:
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start within 60 s")
	}
	if left := tempFolders(t, tmp); len(left) == 0 {
		t.Fatal("serve made no temporary folder: the test checks nothing")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v after SIGTERM; want exit 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve still running 30 s after SIGTERM")
	}
	if left := tempFolders(t, tmp); len(left) > 0 {
		t.Errorf("serve left %v in TMPDIR after SIGTERM", left)
	}
}

func tempFolders(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "scorecard-serve-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
