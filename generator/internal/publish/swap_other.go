//go:build !linux

package publish

func swap(tmp, dest string) error { return swapByRename(tmp, dest) }
