package validate

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/dbsource"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

var envPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)

// workbooks checks the [[workbooks]] entries of config.toml, which say which
// sheets load reads of a workbook.
func (v *validator) workbooks(loc *tomlx.Locator) {
	c := &v.src.Config
	out := map[string]bool{}
	files := map[string]bool{}
	for _, f := range v.src.CSVFiles {
		files[f] = true
	}
	for i, w := range c.Workbooks {
		p := fmt.Sprintf("workbooks[%d]", i)
		if w.File == "" {
			if !loc.Has(p + ".file") {
				v.dl.Errorf(loc.Pos(p), "a [[workbooks]] entry has no file")
			}
			continue
		}
		name := path.Clean(w.File)
		switch {
		case !load.IsWorkbook(name) || !strings.HasPrefix(name, load.DataDir+"/"):
			v.dl.Errorf(loc.Pos(p+".file"), "file %q is not a workbook in data/: name it from the site's folder, such as \"data/actuals.xlsx\"", w.File)
			continue
		case !files[name]:
			v.dl.Errorf(loc.Pos(p+".file"), "file %q is not among the data files (is the path right?)", w.File)
			continue
		}
		if _, dup := out[name]; dup {
			v.dl.Errorf(loc.Pos(p+".file"), "workbook %q has two [[workbooks]] entries", w.File)
			continue
		}
		seen := map[string]bool{}
		for _, s := range w.Sheets {
			if seen[s] {
				v.dl.Errorf(loc.Pos(p+".sheets"), "sheet %q is named twice", s)
			}
			seen[s] = true
		}
		if len(w.Sheets) == 0 {
			v.dl.Errorf(loc.Pos(p), "the [[workbooks]] entry for %q names no sheets: list them in sheets, or remove the entry to read every visible sheet", w.File)
		}
		out[name] = true
	}
}

// sources checks the [[sources]] entries of config.toml, the database
// queries that load runs.
func (v *validator) sources(loc *tomlx.Locator) {
	c := &v.src.Config
	names := map[string]bool{}
	for i, s := range c.Sources {
		p := fmt.Sprintf("sources[%d]", i)
		at := loc.Pos(p)
		switch {
		case s.Name == "" && !loc.Has(p+".name"):
			v.dl.Errorf(at, "a [[sources]] entry has no name")
		case s.Name == "": // of the wrong type, reported already
		case !ValidID(s.Name):
			v.dl.Errorf(loc.Pos(p+".name"), "source name %q is not valid: %s", s.Name, idRule)
		case names[s.Name]:
			v.dl.Errorf(loc.Pos(p+".name"), "source %q is defined twice", s.Name)
		}
		names[s.Name] = true
		if _, known := dbsource.Drivers[s.Driver]; !known {
			if s.Driver == "" {
				v.dl.Errorf(at, "source %q has no driver: sqlite or postgres", s.Name)
			} else {
				v.dl.Errorf(loc.Pos(p+".driver"), "driver %q is not sqlite or postgres", s.Driver)
			}
		}
		if strings.TrimSpace(s.Query) == "" {
			v.dl.Errorf(at, "source %q has no query", s.Name)
		}
		if !envPattern.MatchString(s.DSNEnv) {
			if s.DSNEnv == "" {
				v.dl.Errorf(at, "source %q has no dsn_env: the name of the environment variable that holds the connection string (never the connection string itself)", s.Name)
			} else {
				// Not quoted: it may be a connection string, password and all.
				v.dl.Errorf(loc.Pos(p+".dsn_env"), "dsn_env is not the name of an environment variable (letters, digits and _, at most 128): the connection string itself belongs in that variable, never in a file (remove it from config.toml, and change the password if the file was shared)")
			}
		}
		if s.Timeout != nil {
			if t := dbsource.Seconds(*s.Timeout); t <= 0 || t > dbsource.MaxTimeout {
				v.dl.Errorf(loc.Pos(p+".timeout"), "timeout %v is not a number of seconds from 0.001 to %d", *s.Timeout, int(dbsource.MaxTimeout.Seconds()))
			}
		}
	}
}
