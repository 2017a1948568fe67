//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// mkfifo replaces name in dir with a named pipe that nothing writes to:
// opening it to read waits for a writer forever.
func mkfifo(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("named pipes: %v", err)
	}
}
