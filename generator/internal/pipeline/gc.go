package pipeline

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// minGarbage is how much garbage the collector lets a render make before a
// cycle, at the least.
const minGarbage = 64 << 20

// gcHeadroom sets the collector, while a site is rendered, to wait for
// minGarbage bytes of garbage before a cycle, rather than for as many
// bytes as are live (GOGC's default of 100), and returns what puts the
// setting back. A render makes its garbage page after page while little
// stays live: on the M workload 20 MB, so the default ran a cycle for
// every 20 MB of the 700 MB it allocated. Waiting for 64 MB made M's
// build 12% quicker on 2 CPUs and 7% on 1, for a peak memory of 156 MB
// rather than 80 (docs/performance.md). A site whose live heap is over
// minGarbage (L, XL) keeps the default, and its peak memory with it; at
// most four times the live heap is allowed, so that a small site stays
// small. A GOGC the user set is left alone.
func gcHeadroom() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	gc.Lock()
	defer gc.Unlock()
	if gc.renders == 0 {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 {
			return func() {}
		}
		gc.old = debug.SetGCPercent(gcPercent(s[0].Value.Uint64()))
	}
	gc.renders++
	return sync.OnceFunc(func() {
		gc.Lock()
		defer gc.Unlock()
		if gc.renders--; gc.renders == 0 {
			debug.SetGCPercent(gc.old)
		}
	})
}

// gc is the setting that renders running at once share (the tests', a
// preview server's): the first sets it, the last puts back what was there.
var gc struct {
	sync.Mutex
	renders int
	old     int
}

// gcPercent is the GOGC that lets minGarbage bytes of garbage pile up over
// a live heap of live bytes, between 100 and 400.
func gcPercent(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(min(400, max(100, 100*minGarbage/live)))
}
