package generator

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// TestMain lets the tests run a build in a child process they can kill.
func TestMain(m *testing.M) {
	if src := os.Getenv("SCORECARD_TEST_BUILD_SOURCE"); src != "" {
		_, err := Build(context.Background(), Options{Source: src, Destination: os.Getenv("SCORECARD_TEST_BUILD_DEST")})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// strays lists what builds left beside the output folder.
func strays(t *testing.T, parent string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != "public" {
			out = append(out, e.Name())
		}
	}
	return out
}

func sameTree(t *testing.T, a, b map[string][]byte) error {
	t.Helper()
	if len(a) != len(b) {
		return fmt.Errorf("%d files, want %d", len(a), len(b))
	}
	for name, content := range b {
		if string(a[name]) != string(content) {
			return fmt.Errorf("%s differs:\n%s", name, firstDiff(content, a[name]))
		}
	}
	return nil
}

// TestKilledBuildsLeaveThePreviousSite kills builds with SIGKILL at varied
// moments: each time, the output is the previous site, whole. The next build
// clears what the killed ones left beside it.
func TestKilledBuildsLeaveThePreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds in a loop")
	}
	testenv.NeedFull(t, "a test that kills builds in a loop")
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	want := tree(t, dest)
	start := time.Now()
	if _, err := Build(context.Background(), Options{Source: "..", Destination: filepath.Join(t.TempDir(), "p")}); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start) * 3 // a child also starts a process and loads the theme
	rng := rand.New(rand.NewPCG(1, 2))
	killed, midWrite := 0, 0
	for i := range 12 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SCORECARD_TEST_BUILD_SOURCE=..", "SCORECARD_TEST_BUILD_DEST="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full))))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		cmd.Wait()
		if err := sameTree(t, tree(t, dest), want); err != nil {
			t.Fatalf("after kill %d: the output is not the previous site: %v", i, err)
		}
		if len(strays(t, parent)) > 0 {
			midWrite++ // killed while it was writing its new site
		}
	}
	t.Logf("%d builds killed, %d of them while writing", killed, midWrite)
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	if s := strays(t, parent); len(s) > 0 {
		t.Errorf("left beside the output after a good build: %v", s)
	}
}

// TestKilledBuildsKeepTheGHPagesFiles kills builds into a gh-pages layout
// at varied moments: the site is the previous one, whole, and .git, CNAME
// and .nojekyll are in the output or, when the kill came while they were
// being carried over, in the folder the killed build left, from which the
// next build moves them back.
func TestKilledBuildsKeepTheGHPagesFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds in a loop")
	}
	testenv.NeedFull(t, "a test that kills builds in a loop")
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	kept := map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "blob", "CNAME": "a.example.org\n", ".nojekyll": ""}
	for name, content := range kept {
		writeFile(t, filepath.Join(dest, name), []byte(content))
	}
	start := time.Now()
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start) * 3
	site := func(files map[string][]byte) map[string][]byte {
		for name := range kept {
			delete(files, name)
		}
		return files
	}
	want := site(tree(t, dest))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 8 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SCORECARD_TEST_BUILD_SOURCE=..", "SCORECARD_TEST_BUILD_DEST="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(full))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := tree(t, parent)
		for name, content := range kept {
			found := string(got["public/"+name]) == content
			for _, s := range strays(t, parent) {
				found = found || string(got[s+"/"+name]) == content
			}
			if !found {
				t.Fatalf("after kill %d: %s is lost", i, name)
			}
		}
		if err := sameTree(t, site(tree(t, dest)), want); err != nil {
			t.Fatalf("after kill %d: the output is not the previous site: %v", i, err)
		}
	}
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dest)
	for name, content := range kept {
		if string(got[name]) != content {
			t.Errorf("after the last build: %s = %q; want %q", name, got[name], content)
		}
	}
	if s := strays(t, parent); len(s) > 0 {
		t.Errorf("left beside the output after a good build: %v", s)
	}
}

// TestFailedWritesLeaveNothingBehind makes the destination fail mid-build, as
// a full or read-only disk would: a clear error, the previous site intact,
// nothing left beside it.
func TestFailedWritesLeaveNothingBehind(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, err := Build(context.Background(), Options{Source: smallSite, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	want := tree(t, dest)
	for _, tc := range []struct {
		err   error
		after int
		msg   string
	}{
		{syscall.ENOSPC, 5, "no space left on device"},
		{syscall.EROFS, 0, "read-only file system"},
	} {
		var n atomic.Int64 // pages are written in parallel
		fault := func(string) error {
			if n.Add(1) > int64(tc.after) {
				return tc.err
			}
			return nil
		}
		_, err := build(context.Background(), Options{Source: smallSite, Destination: dest}, func(out render.Output) render.Output { return faultyOutput{out, fault} })
		if err == nil || !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "cannot write ") {
			t.Errorf("Build = %v; want an error saying %q", err, tc.msg)
		}
		if err := sameTree(t, tree(t, dest), want); err != nil {
			t.Errorf("%v: the previous site changed: %v", tc.err, err)
		}
		if s := strays(t, parent); len(s) > 0 {
			t.Errorf("%v: left beside the output: %v", tc.err, s)
		}
	}
}

// TestReadOnlyParentIsAClearError needs a user the file mode applies to.
func TestReadOnlyParentIsAClearError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("file modes do not stop root; TestFailedWritesLeaveNothingBehind covers the failure")
	}
	parent := t.TempDir()
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(parent, 0o755)
	_, err := Build(context.Background(), Options{Source: smallSite, Destination: filepath.Join(parent, "public")})
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("Build = %v; want a permission error", err)
	}
}

// faultyOutput calls fault before each file is written; an error it
// returns is the write's.
type faultyOutput struct {
	render.Output
	fault func(string) error
}

func (f faultyOutput) WriteFile(name string, data []byte) error {
	if err := f.fault(name); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return f.Output.WriteFile(name, data)
}
