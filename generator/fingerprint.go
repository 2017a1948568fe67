package generator

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

func changedFiles(old, now map[string]uint64) []string {
	var out []string
	for f, h := range now {
		if oh, ok := old[f]; !ok || oh != h {
			out = append(out, f)
		}
	}
	for f := range old {
		if _, ok := now[f]; !ok {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// fingerprint is a hash of every source file a build reads: the data files
// apart from the rest, as only their changes can be applied by Update. Files
// a build does not read (a video beside a note, a theme's screenshots, the
// leftovers of editors) are not read here either: a 1 GB file below
// content/ made every update read and hash it, 7 s instead of 150 ms.
type fingerprint struct {
	csv   []string          // the data files, as a build lists them
	data  map[string]uint64 // by data file
	other map[string]uint64 // config.toml and the rest a build reads or looks at
	err   error             // the source could not be listed
}

// maxThemeHash is the size up to which a theme file is fingerprinted by its
// bytes; a larger one (a video among the assets) by its size and time of
// change, as reading it for every update would cost more than the update.
const maxThemeHash = 1 << 20

func (s *Session) fingerprint(fsys fs.FS) fingerprint {
	f := fingerprint{data: map[string]uint64{}, other: map[string]uint64{}}
	f.other[load.ConfigFile] = s.sum(fsys, load.ConfigFile, load.MaxTOMLBytes)
	for _, dir := range []string{load.ContentDir, load.DataDir, "themes"} {
		fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil && p == dir && errors.Is(err, fs.ErrNotExist):
			case err != nil:
				f.other[p] = maphash.String(s.seed, "\x00unlistable: "+err.Error())
			case p == dir:
			case load.Leftover(d.Name()), dir != "themes" && load.Ignored(d.Name()):
				if d.IsDir() {
					return fs.SkipDir
				}
			case d.IsDir():
				if dir != load.DataDir { // a folder of data files is only where they are
					f.other[p+"/"] = 0 // a folder can be a unit's place, or a theme's
				}
			case !load.Input(p):
				if d.Type()&fs.ModeSymlink != 0 {
					f.other[p] = s.link(fsys, p) // a build checks every link
				}
			case dir == load.DataDir:
				if !strings.EqualFold(path.Ext(p), ".csv") && !load.IsWorkbook(p) {
					f.other[p] = 0 // a spreadsheet, which a build warns of
				}
			default:
				f.other[p] = s.sum(fsys, p, inputLimit(p))
			}
			return nil
		})
	}
	f.csv, f.err = pipeline.CSVFiles(fsys)
	for _, name := range f.csv {
		f.data[name] = s.sum(fsys, name, -1)
	}
	return f
}

// inputLimit is the size beyond which the file p, which a build reads, is
// fingerprinted by its size and time of change: a build reads no more of a
// Markdown or TOML file than its limit, and a theme file is copied as it is.
func inputLimit(p string) int64 {
	switch path.Ext(p) {
	case ".md":
		if strings.HasPrefix(p, load.ContentDir+"/") {
			return load.MaxMarkdownBytes
		}
	case ".toml":
		return load.MaxTOMLBytes
	}
	return maxThemeHash
}

// sum hashes the file name: its bytes, read as a stream, or, when limit is
// not negative and the file is larger, its size and time of change.
func (s *Session) sum(fsys fs.FS, name string, limit int64) uint64 {
	unreadable := func(err error) uint64 {
		// Unreadable counts as a content of its own, so that becoming
		// readable is a change.
		return maphash.String(s.seed, "\x00unreadable: "+err.Error())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return unreadable(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return unreadable(err)
	}
	if limit >= 0 && fi.Size() > limit {
		return maphash.String(s.seed, fmt.Sprintf("\x00large: %d bytes, changed %d", fi.Size(), fi.ModTime().UnixNano()))
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	if _, err := io.Copy(&h, f); err != nil {
		return unreadable(err)
	}
	return h.Sum64()
}

// link hashes what the symbolic link p leads to, as far as a build sees it.
func (s *Session) link(fsys fs.FS, p string) uint64 {
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return maphash.String(s.seed, "\x00link: "+err.Error())
	}
	return maphash.String(s.seed, "\x00link to "+fi.Mode().Type().String())
}
