//go:build !linux

package publish

import "os"

func removeTree(dir string) { os.RemoveAll(dir) }
