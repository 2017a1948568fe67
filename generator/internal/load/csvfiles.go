package load

import (
	"io/fs"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// CSVFiles lists the data files of the site in fsys, data/**/*.csv, in the
// sorted order in which Load lists them.
func CSVFiles(fsys fs.FS, dl *diag.List) []string { return findCSV(fsys, dl) }
