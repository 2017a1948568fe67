package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestFor: every i is called once, on one CPU and on several, for no
// iteration, fewer than the workers, and many.
func TestFor(t *testing.T) {
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 3, 1000} {
			calls := make([]atomic.Int32, n)
			For(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: fn(%d) called %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// TestForRunsAtOnce: with three CPUs, three calls run at once: each
// waits, for up to ten seconds, until all three have started.
func TestForRunsAtOnce(t *testing.T) {
	old := runtime.GOMAXPROCS(3)
	defer runtime.GOMAXPROCS(old)
	var started atomic.Int32
	all := make(chan struct{})
	var late atomic.Bool
	For(3, func(int) {
		if started.Add(1) == 3 {
			close(all)
		}
		select {
		case <-all:
		case <-time.After(10 * time.Second):
			late.Store(true)
		}
	})
	if late.Load() {
		t.Errorf("only %d of 3 calls started at once", started.Load())
	}
}
