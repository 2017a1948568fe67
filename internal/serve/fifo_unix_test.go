//go:build unix

package serve

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeStartsBesideANamedPipe: a named pipe below content/ that no
// build reads is passed over; one where a note should be is an error that
// names it. Neither makes the server wait for a writer.
func TestServeStartsBesideANamedPipe(t *testing.T) {
	t.Parallel()
	dir := copySmall(t)
	for _, name := range []string{"content/recording.pipe", "content/ops/notes/2026-08.md"} {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Skipf("named pipes: %v", err)
		}
	}
	started := make(chan *fixture, 1)
	go func() { started <- startAt(t, dir) }()
	var f *fixture
	select {
	case f = <-started:
	case <-time.After(patience):
		t.Fatalf("serve did not start within %v", patience)
	}
	body, _ := f.waitForText("", bannerID)
	if want := "content/ops/notes/2026-08.md: a named pipe (FIFO), not a file"; !strings.Contains(body, want) {
		t.Errorf("the page does not show %q:\n%s", want, excerpt(body[strings.Index(body, bannerID):]))
	}
}
