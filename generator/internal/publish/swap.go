package publish

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRename replaces dest with tmp in two renames: the old site is moved
// aside, the new one moved in. If the second rename fails the old site is
// put back. It returns where the old site is now, for the caller to remove;
// "" when there was none.
func swapByRename(tmp, dest string) (string, error) {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", os.Rename(tmp, dest)
		}
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return "", errors.Join(err, rerr)
		}
		return "", err
	}
	return old, nil
}
