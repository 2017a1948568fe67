package render

import (
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// TestAUnitsFilesAreWrittenOneAtATime: the files of one unit, which share
// its folders, are never written by two workers at once, while the files
// of different units are; a unit's jobs beyond a batch are shared again.
func TestAUnitsFilesAreWrittenOneAtATime(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two workers")
	}
	units := []*model.Unit{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	jobs := func(yield func(job) bool) {
		yield(job{path: "index.html", make: page})
		for _, u := range units {
			n := 20
			if u.ID == "d" {
				n = 3 * maxBatch
			}
			for i := range n {
				if !yield(job{path: fmt.Sprintf("units/%s/m%d.html", u.ID, i), unit: u, make: page}) {
					return
				}
			}
		}
	}
	out := &overlapOutput{busy: map[string]int{}, same: map[string]int{}}
	if err := run(iter.Seq[job](jobs), out); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"units/a", "units/b", "units/c"} {
		if out.same[u] > 0 {
			t.Errorf("%s: %d files written while another of the unit's was", u, out.same[u])
		}
	}
	if out.same["units/d"] == 0 {
		t.Errorf("units/d, %d jobs: never two of its files written at once", 3*maxBatch)
	}
	if out.other == 0 {
		t.Error("no two units' files were ever written at once: the workers did not share the jobs")
	}
	if out.files != 1+3*20+3*maxBatch {
		t.Errorf("%d files written", out.files)
	}
}

func page() ([]byte, error) { return []byte("<p>"), nil }

// overlapOutput counts the writes that overlap another of the same unit's
// folder (units/<id>/), or of another unit's.
type overlapOutput struct {
	mu    sync.Mutex
	busy  map[string]int
	same  map[string]int
	other int
	files int
}

func (o *overlapOutput) WriteFile(name string, data []byte) error {
	unit := name
	if len(name) > len("units/x") && name[:6] == "units/" {
		unit = name[:7]
	}
	o.mu.Lock()
	if o.busy[unit] > 0 {
		o.same[unit]++
	}
	if len(o.busy) > 0 && o.busy[unit] == 0 {
		o.other++
	}
	o.busy[unit]++
	o.files++
	o.mu.Unlock()
	time.Sleep(200 * time.Microsecond)
	o.mu.Lock()
	if o.busy[unit]--; o.busy[unit] == 0 {
		delete(o.busy, unit)
	}
	o.mu.Unlock()
	return nil
}
