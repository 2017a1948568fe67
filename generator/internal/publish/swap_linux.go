package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts folder tmp in place of dest and returns where the old site is
// now, for the caller to remove; "" when there was none. When dest exists,
// the two are exchanged in one step (renameat2 RENAME_EXCHANGE), so that
// there is no moment without a site.
func swap(tmp, dest string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return tmp, nil // now the old site
	case errors.Is(err, unix.ENOENT):
		return "", os.Rename(tmp, dest)
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return swapByRename(tmp, dest) // a file system without exchange
	}
	return "", err
}
