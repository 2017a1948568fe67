//go:build unix

package generator

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, in seconds:
// on a shared machine it measures the work better than the wall clock, and
// pages per CPU second is pages per second per core.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
