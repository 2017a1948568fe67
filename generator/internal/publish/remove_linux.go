package publish

import (
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// removeTree removes folder dir and all it holds, as os.RemoveAll does, but
// with a worker per CPU, each emptying folders of its own. Removing the
// previous site is the last step of a build, and one worker left the other
// CPUs idle: 0.15 s of a 1.2 s build of the M workload on 2 CPUs. On tmpfs
// the kernel serialises much of the unlinking, so two workers take about
// 0.04 s off it, not half (docs/performance.md). Every
// name is opened or removed relative to its folder's descriptor, without
// following a link, so that the walk never leaves the tree. What the
// workers leave (a file that could not be removed) os.RemoveAll tries
// once more.
func removeTree(dir string) {
	if n := runtime.GOMAXPROCS(0); n > 1 {
		if fd, err := openFolder(unix.AT_FDCWD, dir); err == nil {
			r := remover{spare: make(chan struct{}, n-1)}
			r.empty(fd)
		}
	}
	os.RemoveAll(dir)
}

// openFolder opens folder name of folder at, not following a link.
func openFolder(at int, name string) (int, error) {
	return unix.Openat(at, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
}

// A remover empties the folders of a tree, handing a subfolder to a new
// worker while fewer than spare's capacity are running, and emptying it
// itself otherwise.
type remover struct {
	spare chan struct{}
}

// empty removes everything in the folder open as fd, and closes it.
func (r *remover) empty(fd int) {
	f := os.NewFile(uintptr(fd), "")
	defer f.Close()
	entries, _ := f.ReadDir(-1)
	var wg sync.WaitGroup
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() { // a link is removed, not followed
			unix.Unlinkat(fd, name, 0)
			continue
		}
		sub, err := openFolder(fd, name)
		if err != nil {
			continue
		}
		emptyAndRemove := func() {
			r.empty(sub)
			unix.Unlinkat(fd, name, unix.AT_REMOVEDIR)
		}
		select {
		case r.spare <- struct{}{}:
			wg.Go(func() {
				emptyAndRemove()
				<-r.spare
			})
		default:
			emptyAndRemove()
		}
	}
	wg.Wait()
}
