// Package validate checks what load read against the rules of the format and
// turns it into the model (model.Site): ids checked before any of them can
// become a path, references resolved, the unit tree built. The data rows are
// checked against the model by package dataset. Neither reads a file.
package validate

import (
	"fmt"
	"regexp"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// Options are the command-line values that override config.toml.
type Options struct {
	Period  string // --period
	BaseURL string // --base-url
}

// Model checks config.toml and the units and returns the model, or nil
// when errors leave none to place data rows in: data rows are only checked
// against a sound model (dataset.Make), or every row of a measure with a
// typo in its id would be reported as well.
func Model(src *load.Site, opts Options, dl *diag.List) *model.Site {
	v := &validator{dl: dl, src: src}
	site := v.config(opts)
	if src.ConfigLoc == nil || len(src.Units) == 0 || src.Units[0].Dir != load.ContentDir {
		return nil
	}
	v.units(site)
	if dl.HasErrors() {
		return nil
	}
	return site
}

type validator struct {
	dl  *diag.List
	src *load.Site
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// ValidID reports whether s may be the id of a unit, objective, measure or
// initiative, and so a file name.
func ValidID(s string) bool { return idPattern.MatchString(s) }

const idRule = `ids are 1 to 64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit`

// id checks the id at path of loc and reports whether it is valid.
func (v *validator) id(loc *tomlx.Locator, path, id, what string) bool {
	if id == "" {
		if !loc.Has(path) { // a value that could not be read is reported already
			v.dl.Errorf(loc.Pos(tomlx.Parent(path)), "%s has no id", what)
		}
		return false
	}
	if !ValidID(id) {
		v.dl.Errorf(loc.Pos(path), "%s id %q is not valid: %s", what, id, idRule)
		return false
	}
	return true
}

func (v *validator) required(loc *tomlx.Locator, path, value, what string) {
	if value == "" && !loc.Has(path) { // a value of the wrong type is reported already
		v.dl.Errorf(loc.Pos(tomlx.Parent(path)), "%s has no %s", what, tomlx.LastKey(path))
	}
}

func at(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// describe names an item for a message: `measure "revenue"`, or "a measure"
// when it has no id.
func describe(kind, id string) string {
	if id == "" {
		return "a " + kind + " without id"
	}
	return kind + " " + diag.Quote(id)
}
