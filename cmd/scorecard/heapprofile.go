//go:build heapprofile

// This file is built only by scripts/bench (HEAPPROFILE=dir): it writes the
// heap profile at the largest live heap of a run, which a profile written
// at the end (go test -memprofile) cannot show, the build having let go of
// everything by then.

package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

func init() {
	path := os.Getenv("SCORECARD_HEAPPROFILE")
	if path == "" {
		return
	}
	go watchHeap(path)
}

// watchHeap writes the heap profile to path each time the live heap (as of
// the last garbage collection) grows 5% past the size of the last profile
// written.
func watchHeap(path string) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	var written uint64
	log, _ := os.Create(path + ".log")
	start := time.Now()
	for range time.Tick(20 * time.Millisecond) {
		metrics.Read(sample)
		live := sample[0].Value.Uint64()
		if log != nil {
			fmt.Fprintf(log, "%.2f %d %d\n", time.Since(start).Seconds(), live>>20, (sample[1].Value.Uint64()-sample[2].Value.Uint64())>>20)
		}
		if live < written+written/20 || live < 1<<20 {
			continue
		}
		if writeProfile(path) == nil {
			written = live
		}
	}
}

func writeProfile(path string) error {
	// The profile is that of the last complete cycle but one: two
	// collections make it the heap of now.
	runtime.GC()
	runtime.GC()
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}
