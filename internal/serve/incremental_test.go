package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
)

func inode(t *testing.T, name string) uint64 {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// TestServeUpdatesDataChangesInPlace: a changed value is applied to the
// served folder itself, rewriting the pages it reaches and leaving the
// others alone, and the board pack served right after shows it too, though
// it is written last. Then the folder is what a full build writes.
func TestServeUpdatesDataChangesInPlace(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var updates []*generator.Update
	source := copySmall(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Source: source, tempDir: t.TempDir(), Report: func(r BuildResult) []string {
		mu.Lock()
		defer mu.Unlock()
		updates = append(updates, r.Update)
		return errorLines(r.Err)
	}})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		srv.Wait()
	})
	f := &fixture{t: t, wait: patience, srv: srv, dir: source, cancel: cancel}
	dir := f.srv.cur.Load().site.dir
	untouched := filepath.Join(dir, "units", "org", "measures", "nps.html")
	costIno, otherIno := inode(t, filepath.Join(dir, costPage)), inode(t, untouched)

	f.setCost("75")
	f.waitForText(costPage, "75 USD")
	if _, pack := f.get("pack/"); !strings.Contains(pack, "75 USD") { // compact below 1,000 is the format's own
		t.Errorf("the board pack served after the update does not show the new value")
	}
	if got := f.srv.cur.Load().site.dir; got != dir {
		t.Fatalf("the change was built into a new folder %s, not applied to %s", got, dir)
	}
	if inode(t, filepath.Join(dir, costPage)) == costIno {
		t.Errorf("the cost page was not replaced")
	}
	if inode(t, untouched) != otherIno {
		t.Errorf("the nps page, which the change does not reach, was rewritten")
	}
	mu.Lock()
	if len(updates) != 2 || updates[0] != nil || updates[1] == nil || updates[1].All {
		t.Errorf("the builds were not a full build then an in-place update of some pages: %+v", updates)
	}
	mu.Unlock()

	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: f.dir, Destination: out}); err != nil {
		t.Fatal(err)
	}
	want, got := readTree(t, out), readTree(t, dir)
	if len(got) != len(want) {
		t.Fatalf("served folder has %d files, a build %d", len(got), len(want))
	}
	for name, data := range want {
		if string(got[name]) != string(data) {
			t.Errorf("%s differs from a full build", name)
		}
	}
}
