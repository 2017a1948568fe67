//go:build !unix

package generator

import "time"

// cpuTime falls back to the wall clock where getrusage is missing, so that
// pages per CPU second is pages per second there.
func cpuTime() float64 { return float64(time.Now().UnixNano()) / 1e9 }
