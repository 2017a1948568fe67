package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on folder dir, waiting for it, so that two
// builds into the same place take turns. The lock goes with the process: a
// build that is killed cannot leave it held.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
