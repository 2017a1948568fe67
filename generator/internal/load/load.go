package load

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// Names of the files and folders of a site.
const (
	ConfigFile    = "config.toml"
	ContentDir    = "content"
	DataDir       = "data"
	ScorecardFile = "scorecard.toml"
	NotesDir      = "notes"
)

// Load reads the configuration, every unit's scorecard and Markdown, and
// lists the data files, from fsys, whose root is the site's source folder;
// the data rows are read as Site.Rows is ranged over. Problems go to dl;
// the returned Site holds whatever could be read.
func Load(fsys fs.FS, dl *diag.List) *Site {
	s := &Site{}
	if src, ok := readFile(fsys, ConfigFile, dl, "a site needs config.toml at its root (is --source right?)", nil); ok {
		s.ConfigLoc = tomlx.Decode(ConfigFile, src, &s.Config, dl)
	}
	s.Units = loadUnits(fsys, dl)
	s.CSVFiles = findCSV(fsys, dl)
	s.Rows = concat(ReadRows(fsys, s.CSVFiles, s.Workbooks(), dl), ReadSources(s.Sources(), os.Getenv, dl))
	return s
}

// readFile reads the TOML file name into buf, or a new buffer when buf is
// too small, and checks it is text that can be parsed.
func readFile(fsys fs.FS, name string, dl *diag.List, hint string, buf []byte) ([]byte, bool) {
	f, fi, err := openRegular(fsys, name)
	return readTOML(name, f, fi, err, dl, hint, buf)
}

// readTOML is readFile of the file f that openRegular returned, with fi
// and err.
func readTOML(name string, f fs.File, fi fs.FileInfo, err error, dl *diag.List, hint string, buf []byte) ([]byte, bool) {
	src, err := readOpened(f, fi, err, MaxTOMLBytes, buf)
	if errors.Is(err, fs.ErrNotExist) {
		dl.Errorf(diag.Pos{File: name}, "file not found: %s", hint)
		return nil, false
	}
	if err != nil {
		reportRead(name, err, dl, tomlTooLong)
		return nil, false
	}
	if utf16(src) {
		dl.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "the file is UTF-16 text: save it as UTF-8")
		return nil, false
	}
	if !checkText(name, src, dl, "save the file as UTF-8") {
		return nil, false
	}
	return src, true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadUnits finds every folder below content/ that holds a scorecard.toml,
// and reads each unit's files.
func loadUnits(fsys fs.FS, dl *diag.List) []*UnitFile {
	// Each unit's scorecard is read and decoded on its own, in parallel,
	// from the moment the walk finds it: the walk is a quarter of the time
	// of reading L's scorecards, and it has one core to itself. The
	// commentary is read once the walk is over, also in parallel. The
	// diagnostics are merged in unit order, as one loop would have made
	// them.
	type unitJob struct {
		card Scorecard
		loc  *tomlx.Locator
		dl   diag.List // the scorecard's problems
		md   diag.List // the commentary's, after them
	}
	jobs := map[string]*unitJob{}
	// The walk hands the scorecards to GOMAXPROCS workers through a short
	// queue, rather than start a goroutine for each and wait, when as
	// many run, for one to end. The queue is short because the walk opens
	// each file before it queues it.
	procs := runtime.GOMAXPROCS(0)
	queue := make(chan func(), 2*procs)
	var workers sync.WaitGroup
	for range procs {
		workers.Go(func() {
			for decode := range queue {
				decode()
			}
		})
	}
	found := func(dir string, in folder) {
		j := &unitJob{}
		jobs[dir] = j
		file := path.Join(dir, ScorecardFile)
		var f fs.File
		var fi fs.FileInfo
		var err error
		if in != nil {
			// While the walk has the folder open.
			f, err = in.open(ScorecardFile)
			f, fi, err = regular(f, file, err)
		}
		queue <- func() {
			if in == nil {
				f, fi, err = openRegular(fsys, file)
			}
			buf := tomlBuffers.Get().(*[]byte)
			defer tomlBuffers.Put(buf)
			if src, ok := readTOML(file, f, fi, err, &j.dl, "", *buf); ok {
				j.loc = tomlx.Decode(file, src, &j.card, &j.dl)
				*buf = src[:0]
			}
		}
	}
	dirs, ok := unitDirs(fsys, dl, found)
	for _, d := range dirs {
		if jobs[d.path] == nil {
			found(d.path, nil) // a unit only the walk's end could tell
		}
	}
	close(queue)
	workers.Wait()
	if !ok {
		return nil
	}
	units := unitFiles(dirs)
	for _, u := range units {
		j := jobs[u.Dir]
		u.Card, u.Loc = j.card, j.loc
	}
	parallel.For(len(units), func(i int) {
		u := units[i]
		loadMarkdown(fsys, u, &jobs[u.Dir].md)
	})
	for _, u := range units {
		j := jobs[u.Dir]
		dl.Merge(&j.dl)
		dl.Merge(&j.md)
	}
	return units
}

// tomlBuffers are what scorecards are read into: Decode keeps none of the
// bytes it is given (it copies them into the text it parses), and a new
// buffer for each of L's thousand scorecards was 16 MB of new memory.
var tomlBuffers = sync.Pool{New: func() any { return new([]byte) }}

// unitDir is a folder below content/, with what its listing held of the
// names a unit's files are looked for by.
type unitDir struct {
	path string
	// listed says the folder was listed: card, narrative and notes are
	// then known. card is a scorecard.toml; narrative and notes an entry
	// whose name is index.md or notes in any case, which a file system
	// that ignores case opens by those names.
	listed, card, narrative, notes bool
	// caseCard is an entry that is scorecard.toml in another case only:
	// whether it opens as scorecard.toml is the file system's to say.
	caseCard bool
}

// unitDirs lists the folders below content/ that hold a scorecard.toml, in
// the order of the walk. It reports false when there is none to load. A
// folder's files are known from its listing, which the walk reads anyway:
// asking the file system for a unit's scorecard.toml, index.md and notes/
// by name cost three lookups of its path, each opening every folder above
// it (os.Root), a twentieth of loading the L workload. found is called
// with each folder the walk finds a scorecard.toml in, as it finds it,
// and the folder, open for the call (folders.go): the folders returned,
// and no others, unless the file system changes under the walk.
func unitDirs(fsys fs.FS, dl *diag.List, found func(dir string, in folder)) ([]unitDir, bool) {
	var seen []*unitDir
	byPath := map[string]*unitDir{}
	err := walkFolders(fsys, ContentDir, func(p string, d fs.DirEntry, in folder, err error) error {
		if err != nil {
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			if u := byPath[p]; u != nil {
				u.listed = false // the listing failed: look files up by name
			}
			dl.Errorf(diag.Pos{File: p}, "%s", readError(err))
			return nil
		}
		if p != ContentDir {
			if u := byPath[path.Dir(p)]; u != nil && u.note(fsys, p, d) {
				found(u.path, in)
			}
		}
		if p != ContentDir && Ignored(d.Name()) {
			return skip(d)
		}
		if !d.IsDir() {
			// A link could hide a unit, and is reported wherever it is; other
			// files are read by name below, or with the commentary, or not at all.
			if d.Type()&fs.ModeSymlink != 0 && d.Name() != NarrativeFile {
				linkedFile(fsys, p, d, dl)
			}
			return nil
		}
		if depth := strings.Count(p, "/"); depth > MaxDepth {
			dl.Errorf(diag.Pos{File: p}, "folders nest more than %d deep below content/: flatten the tree (a unit's parent is the nearest folder above it with a scorecard.toml)", MaxDepth)
			return fs.SkipDir
		}
		if d.Name() == NotesDir && p != ContentDir {
			if hasCard(fsys, p) {
				dl.Errorf(diag.Pos{File: path.Join(p, ScorecardFile)}, "%q is reserved for commentary and cannot be a unit: rename the folder", NotesDir)
			}
			return fs.SkipDir
		}
		u := &unitDir{path: p, listed: true}
		seen = append(seen, u)
		byPath[p] = u
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		dl.Errorf(diag.Pos{File: ContentDir}, "folder not found: a site needs content/scorecard.toml, the root unit's scorecard")
		return nil, false
	}
	var dirs []unitDir
	for _, u := range seen {
		if u.listed && u.card || (!u.listed || u.caseCard) && hasCard(fsys, u.path) {
			dirs = append(dirs, *u)
		}
	}
	if len(dirs) == 0 || dirs[0].path != ContentDir {
		dl.Errorf(diag.Pos{File: path.Join(ContentDir, ScorecardFile)}, "file not found: the root unit's scorecard must be content/scorecard.toml")
	}
	return dirs, len(dirs) > 0
}

// note takes in the entry d at p of the folder's listing, and reports
// whether it makes the folder a unit.
func (u *unitDir) note(fsys fs.FS, p string, d fs.DirEntry) bool {
	switch name := d.Name(); {
	case name == ScorecardFile:
		// What opening it by name would find: a link must lead somewhere.
		u.card = d.Type()&fs.ModeSymlink == 0 || hasCard(fsys, u.path)
		return u.card
	case strings.EqualFold(name, ScorecardFile):
		u.caseCard = true
	case strings.EqualFold(name, NarrativeFile):
		u.narrative = true
	case strings.EqualFold(name, NotesDir):
		u.notes = true
	}
	return false
}

// hasCard reports whether the folder dir has a scorecard.toml, asking the
// file system.
func hasCard(fsys fs.FS, dir string) bool {
	_, err := fs.Stat(fsys, path.Join(dir, ScorecardFile))
	return err == nil
}

// unitFiles are the units of the folders dirs, sorted, each with the
// folder of its parent: the nearest folder above it that is a unit.
func unitFiles(dirs []unitDir) []*UnitFile {
	slices.SortFunc(dirs, func(a, b unitDir) int { return strings.Compare(a.path, b.path) })
	known := map[string]bool{}
	var units []*UnitFile
	for _, d := range dirs {
		dir := d.path
		known[dir] = true
		u := &UnitFile{Dir: dir, File: path.Join(dir, ScorecardFile)}
		u.noNarrative = d.listed && !d.narrative
		u.noNotes = d.listed && !d.notes
		if dir != ContentDir {
			for p := path.Dir(dir); p != "."; p = path.Dir(p) {
				if known[p] {
					u.ParentDir = p
					break
				}
			}
		}
		units = append(units, u)
	}
	return units
}

// skip passes over the walk's entry d: a folder with everything in it.
func skip(d fs.DirEntry) error {
	if d.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// findCSV lists the data files, data/**/*.csv and data/**/*.xlsx, in sorted
// order, and warns of the other spreadsheet files beside them.
func findCSV(fsys fs.FS, dl *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, DataDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == DataDir && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			dl.Errorf(diag.Pos{File: p}, "%s", readError(err))
			return nil
		}
		if p == DataDir {
			return nil
		}
		switch {
		case Ignored(d.Name()):
			return skip(d)
		case spreadsheet(d.Name()) && !IsWorkbook(d.Name()):
			dl.Warnf(diag.Pos{File: p}, "a spreadsheet file that the build does not read: save it as an Excel Workbook (.xlsx), or the sheet as CSV, into data/ (in LibreOffice: Save As → Excel 2007-365; in Excel: Save As → Excel Workbook)")
			return skip(d) // a Numbers document may be a folder
		case !d.IsDir() && inputFile(fsys, p, d, strings.EqualFold(path.Ext(p), ".csv") || IsWorkbook(p), dl):
			files = append(files, p)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		dl.Errorf(diag.Pos{File: DataDir}, "cannot read: %v", err)
	}
	slices.Sort(files)
	return files
}
