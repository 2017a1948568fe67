//go:build !unix

package load

import "os"

// openFlags: elsewhere opening a file does not wait for a writer.
const openFlags = os.O_RDONLY
