//go:build unix

package load

import (
	"os"
	"syscall"
)

// openFlags open a named pipe without waiting for a writer, so that its type
// can be seen and refused; for a regular file or a folder O_NONBLOCK changes
// nothing.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
