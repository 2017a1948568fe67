// Package themes holds the default theme, compiled into the binary so that a
// site needs no theme folder of its own. A site's themes/<name>/ folder
// overrides it file by file.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default returns the default theme's files: layouts/ (templates) and static/
// (copied to the output as they are).
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded folder is part of the build
	}
	return sub
}
