package generator

import "github.com/scorecard-dev/scorecard/generator/internal/load"

// Reads reports whether a build reads the file at rel, a slash-separated
// path relative to the source folder, or tells of it (a spreadsheet in
// data/, which it warns of): a change to another file changes nothing a
// build makes. Folders and symbolic links below content/, data/ and themes/
// matter as well, wherever they are, unless Skips says otherwise: a build
// looks for units in the first and checks every link.
func Reads(rel string) bool { return load.Input(rel) }

// Skips reports whether a build passes over the file or folder at rel and
// everything in it: all but config.toml, content/, data/ and themes/; hidden
// files and the leftovers of editors and systems below content/ and data/;
// those leftovers below themes/. docs/format.md lists them.
func Skips(rel string) bool { return load.Skipped(rel) }
