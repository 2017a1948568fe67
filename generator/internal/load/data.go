package load

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"path"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/dbsource"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/sheet"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// WorkbookExt is the extension of the workbooks the build reads; other
// spreadsheet files are warned of.
const WorkbookExt = ".xlsx"

// IsWorkbook reports whether the data file name is a workbook.
func IsWorkbook(name string) bool { return strings.EqualFold(path.Ext(name), WorkbookExt) }

// ReadRows reads the data files in order, CSV files and workbooks (by the
// sheets books names for each, by path; every visible sheet otherwise), and
// yields every row it can read; problems go to dl. The Row yielded is
// reused, and its strings may point into memory that later rows are read
// into (pieces.go): clone what you keep, with strings.Clone for text.
func ReadRows(fsys fs.FS, files []string, books map[string]sheet.Options, dl *diag.List) iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		for len(files) > 0 {
			// A run of CSV files is read ahead (ahead.go); a workbook on its own.
			n := 0
			for n < len(files) && !IsWorkbook(files[n]) {
				n++
			}
			if n > 0 {
				if !readCSVFiles(fsys, files[:n], dl, yield) {
					return
				}
				files = files[n:]
				continue
			}
			if !readWorkbook(fsys, files[0], books[files[0]], dl, yield) {
				return
			}
			files = files[1:]
		}
	}
}

// readWorkbook reads the workbook name, stopping (unread rows passed over)
// when fn returns false; it reports whether it read to the end.
func readWorkbook(fsys fs.FS, name string, opts sheet.Options, dl *diag.List, fn func(*Row) bool) bool {
	f, fi, err := openRegular(fsys, name)
	if err != nil {
		dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
		return true
	}
	defer f.Close()
	ra, ok := f.(io.ReaderAt)
	if !ok { // a file system of the tests, perhaps
		b, err := io.ReadAll(f)
		if err != nil {
			dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
			return true
		}
		ra = bytes.NewReader(b)
	}
	more := true
	sheet.Read(ra, fi.Size(), name, opts, dl, func(r *Row) { more = more && fn(r) })
	return more
}

// ReadSources runs the queries of the database sources in order and yields
// every row of their results; getenv looks up their connection strings.
func ReadSources(sources []dbsource.Source, getenv func(string) string, dl *diag.List) iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		for _, s := range sources {
			more := true
			dbsource.Read(context.Background(), s, getenv, dl, func(r *Row) { more = more && yield(r) })
			if !more {
				return
			}
		}
	}
}

// Workbooks returns the sheets to read of each workbook that config.toml's
// [[workbooks]] names, by the workbook's path; validate checks the entries.
func (s *Site) Workbooks() map[string]sheet.Options {
	out := map[string]sheet.Options{}
	for i, w := range s.Config.Workbooks {
		if w.File == "" {
			continue
		}
		sheets := w.Sheets
		if sheets == nil {
			sheets = []string{}
		}
		out[path.Clean(w.File)] = sheet.Options{Sheets: sheets, SheetsAt: pos(s.ConfigLoc, fmt.Sprintf("workbooks[%d].sheets", i))}
	}
	return out
}

// Sources returns the database sources of config.toml's [[sources]] that
// can be read; validate reports what is wrong with the others.
func (s *Site) Sources() []dbsource.Source {
	var out []dbsource.Source
	for i, c := range s.Config.Sources {
		if _, ok := dbsource.Drivers[c.Driver]; !ok || c.Name == "" || c.Query == "" || c.DSNEnv == "" {
			continue
		}
		timeout := dbsource.DefaultTimeout
		if c.Timeout != nil {
			timeout = dbsource.Seconds(*c.Timeout)
		}
		if timeout <= 0 || timeout > dbsource.MaxTimeout {
			continue
		}
		out = append(out, dbsource.Source{Name: c.Name, Driver: c.Driver, Query: c.Query, DSNEnv: c.DSNEnv, Timeout: timeout, At: pos(s.ConfigLoc, fmt.Sprintf("sources[%d]", i))})
	}
	return out
}

func pos(loc *tomlx.Locator, path string) diag.Pos {
	if loc == nil {
		return diag.Pos{File: ConfigFile}
	}
	return loc.Pos(path)
}

// concat yields the rows of a, then those of b.
func concat(a, b iter.Seq[*Row]) iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		for r := range a {
			if !yield(r) {
				return
			}
		}
		for r := range b {
			if !yield(r) {
				return
			}
		}
	}
}
