package load

import (
	"path"
	"slices"
	"strings"
)

// Leftover reports whether name is a file or folder that editors, office
// suites and operating systems leave beside the files people work on, and
// that the build never reads: lock files, backups, autosaves, swap files
// and folder metadata. docs/format.md lists them.
func Leftover(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case lower == ".ds_store", lower == "thumbs.db", lower == "desktop.ini", lower == "__macosx":
		return true // macOS and Windows folder metadata, macOS zip residue
	case strings.HasPrefix(name, "._"):
		return true // macOS resource forks on a disk that is not Apple's
	case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock."):
		return true // Microsoft Office and LibreOffice lock files
	case strings.HasPrefix(name, ".#"):
		return true // Emacs lock files (links to nothing)
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true // Emacs autosaves
	case strings.HasSuffix(name, "~"):
		return true // backups of many editors
	case strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swo"), strings.HasSuffix(lower, ".swx"):
		return true // Vim swap files
	}
	return false
}

// Ignored reports whether the build passes over a file or folder called name
// below content/ or data/: a hidden one (a name that starts with "."), or a
// leftover.
func Ignored(name string) bool { return strings.HasPrefix(name, ".") || Leftover(name) }

// spreadsheetExts are the extensions of spreadsheet files, which are not
// read: a data file is CSV.
var spreadsheetExts = []string{".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".numbers"}

func spreadsheet(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range spreadsheetExts {
		if ext == e {
			return true
		}
	}
	return false
}

// Skipped reports whether a build passes over the file or folder at rel, a
// slash-separated path relative to the source folder, and everything in it:
// whatever is outside config.toml, content/, data/ and themes/; hidden files
// and leftovers below content/ and data/; leftovers below themes/.
func Skipped(rel string) bool {
	parts := strings.Split(rel, "/")
	switch parts[0] {
	case ConfigFile:
		return len(parts) > 1
	case ContentDir, DataDir:
		return slices.ContainsFunc(parts[1:], Ignored)
	case "themes":
		return slices.ContainsFunc(parts[1:], Leftover)
	}
	return true
}

// Input reports whether a build reads the file at rel, a slash-separated
// path relative to the source folder, or would tell of it (a spreadsheet in
// data/): a change to any other file changes nothing a build makes.
// Symbolic links and folders, which a build also looks at, are the caller's
// to consider. It errs, if at all, on the side of reading.
func Input(rel string) bool {
	if rel == ConfigFile {
		return true
	}
	if Skipped(rel) {
		return false
	}
	parts := strings.Split(rel, "/")
	name := parts[len(parts)-1]
	switch parts[0] {
	case DataDir:
		return len(parts) > 1 && (strings.EqualFold(path.Ext(name), ".csv") || spreadsheet(name))
	case ContentDir:
		return len(parts) > 1 && (name == ScorecardFile || path.Ext(name) == ".md")
	}
	// themes/<name>/layouts/... and themes/<name>/static/...
	return len(parts) >= 4 && (parts[2] == "layouts" || parts[2] == "static")
}
