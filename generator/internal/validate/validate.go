// Package validate checks what load read against the rules of the format and
// turns it into the model (model.Site): ids checked before any of them can
// become a path, references resolved, the unit tree built. The data rows are
// checked against the model by package dataset. Neither reads a file.
package validate

import (
	"fmt"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// Options are the command-line values that override config.toml.
type Options struct {
	Period  string // --period
	BaseURL string // --base-url
	// PackUnit and PackDepth, when set, are the board pack's scope
	// (--unit, --depth of scorecard pack).
	PackUnit  string
	PackDepth *int
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
	v.packScope(site, opts)
	if dl.HasErrors() {
		return nil
	}
	return site
}

// packScope resolves the board pack's scope: [pack] in config.toml, or the
// flags of scorecard pack over it.
func (v *validator) packScope(site *model.Site, opts Options) {
	loc := v.src.ConfigLoc
	c := v.src.Config.Pack
	site.Pack = model.PackScope{Depth: model.AutoDepth}
	unit, unitPos := c.Unit, loc.Pos("pack.unit")
	if opts.PackUnit != "" {
		unit, unitPos = opts.PackUnit, diag.Pos{File: "--unit"}
	}
	if unit != "" {
		for _, u := range site.Units {
			if u.ID == unit {
				site.Pack.Unit = u
			}
		}
		if site.Pack.Unit == nil {
			v.dl.Errorf(unitPos, "unit %s: there is no such unit (the units are %s)", diag.Quote(unit), unitList(site))
		}
	}
	depth, depthPos := c.Depth, loc.Pos("pack.depth")
	if opts.PackDepth != nil {
		depth, depthPos = opts.PackDepth, diag.Pos{File: "--depth"}
	}
	if depth != nil {
		if *depth < 0 || *depth > 64 {
			v.dl.Errorf(depthPos, "depth %d is not from 0 to 64: it counts the levels of units below the pack's unit (0: the unit alone)", *depth)
		} else {
			site.Pack.Depth = *depth
		}
	}
}

// unitList names the first units of site, for a message.
func unitList(site *model.Site) string {
	var ids []string
	for i, u := range site.Units {
		if i == 8 {
			ids = append(ids, fmt.Sprintf("and %d more", len(site.Units)-8))
			break
		}
		ids = append(ids, u.ID)
	}
	return strings.Join(ids, ", ")
}

type validator struct {
	dl  *diag.List
	src *load.Site
}

// ValidID reports whether s may be the id of a unit, objective, measure or
// initiative, and so a file name: it matches ^[a-z0-9][a-z0-9_-]{0,63}$
// (idRule), tested without a regular expression, which was a tenth of
// checking a large site's measures.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' || s[0] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

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

// required reports that the table at path of loc has no key, whose value is
// value; what names the table's item. Both are made only for the message:
// a site of 40,000 measures checks every name.
func (v *validator) required(loc *tomlx.Locator, path, key, value string, what func() string) {
	if value != "" {
		return
	}
	if path != "" {
		key = path + "." + key
	}
	if !loc.Has(key) { // a value of the wrong type is reported already
		v.dl.Errorf(loc.Pos(tomlx.Parent(key)), "%s has no %s", what(), tomlx.LastKey(key))
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
