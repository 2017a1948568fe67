//go:build !linux

package load

import (
	"io/fs"
	"os"
)

// listFolder: elsewhere a folder is listed by Go's os.
func listFolder(*os.File, *os.Root) ([]fs.DirEntry, bool) { return nil, false }
