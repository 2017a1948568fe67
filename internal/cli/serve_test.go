package cli

import (
	"bytes"
	"context"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const smallSite = "../../generator/testdata/sites/small"

// syncBuffer is a bytes.Buffer that the server's goroutines and the test can
// share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// eventually polls cond for up to a minute: a first build under the race
// detector on a busy machine has taken more than five seconds, and a
// condition that holds returns at once.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

var servingLine = regexp.MustCompile(`(?m)^Serving (http://127\.0\.0\.1:[0-9]+/) \(Ctrl-C to stop\)$`)

func TestServeCommandReportsLikeBuildAndCleansUp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the server keeps its builds
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() { code <- runServe(ctx, []string{"--source", dir, "--port", "0"}, &stdout, &stderr) }()

	var url string
	eventually(t, "the Serving line", func() bool {
		m := servingLine.FindStringSubmatch(stdout.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	})
	if !strings.HasPrefix(stdout.String(), "built as of 2026-09 and 3 review periods before (to 2026-06): 2 units, 7 measures, 20 data rows, 116 pages (140 files) in ") {
		t.Errorf("stdout does not start with the build summary:\n%s", stdout.String())
	}

	csv := filepath.Join(dir, "data", "actuals.csv")
	good, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, csv, strings.Replace(string(good), "ops,cost,2026-09,61,", "ops,cost,2026-09,1,234,", 1))
	eventually(t, "the failed build", func() bool { return strings.Contains(stderr.String(), "build failed") })

	// The same errors, in the same words, as scorecard check prints.
	var checkOut, checkErr bytes.Buffer
	if Run(ctx, []string{"check", "--source", dir}, &checkOut, &checkErr) != ExitError {
		t.Fatal("check accepted the broken site")
	}
	diagnostics := strings.Split(checkErr.String(), "\n")[0]
	if !strings.HasPrefix(diagnostics, dir+"/data/actuals.csv:7:") {
		t.Fatalf("unexpected check output:\n%s", checkErr.String())
	}
	if !strings.Contains(stderr.String(), diagnostics+"\n") {
		t.Errorf("serve printed\n%s\nwhich lacks the line check prints:\n%s", stderr.String(), diagnostics)
	}
	if want := "scorecard serve: " + dir + "/data/actuals.csv changed: build failed: 1 error, 0 warnings; still serving the last good build\n"; !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("stderr ends\n%s\nwant\n%s", stderr.String(), want)
	}
	page := fetch(t, url+"units/ops/measures/cost.html")
	if !strings.Contains(page, html.EscapeString(diagnostics)) || !strings.Contains(page, "61 USD") {
		t.Errorf("the served page lacks the banner with %q or the last good value", diagnostics)
	}

	writeTestFile(t, csv, string(good))
	eventually(t, "the recovery", func() bool {
		// The data file is back as the last good build read it: the served
		// site is up to date as it is, and nothing is rewritten.
		return strings.Contains(stdout.String(), dir+"/data/actuals.csv changed: updated as of 2026-09: 2 units, 7 measures, 20 data rows in place: rewrote 0 pages (0 files) in ")
	})

	cancel()
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("exit status %d after the cancel, want 0; stderr:\n%s", c, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after the cancel")
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestServeCommandUsage(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	missing := filepath.Join(t.TempDir(), "nowhere")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--port", "65536"}, ExitUsage, "scorecard serve: --port 65536 is not a port: use 1 to 65535, or 0 for any free one\n"},
		{[]string{"--port", "-1"}, ExitUsage, "scorecard serve: --port -1 is not a port"},
		{[]string{"stray"}, ExitUsage, `scorecard serve: unexpected argument "stray"`},
		{[]string{"--nope"}, ExitUsage, "flag provided but not defined: -nope"},
		{[]string{"--source", missing, "--port", "0"}, ExitError, "scorecard serve: source " + missing + " is not a folder\n"},
		{[]string{"--source", smallSite, "--port", busyPort}, ExitError, "address already in use (choose another --port, or --port 0 for any free one)\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := runServe(context.Background(), tc.args, &stdout, &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("serve %v: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, stderr.String(), tc.code, tc.stderr)
		}
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
