// Package sitetest builds sites written as txtar archives in memory, for tests:
//
//	r := sitetest.MustCompile(t, `
//	-- config.toml --
//	title = "T"
//	-- content/scorecard.toml --
//	...`)
package sitetest

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
)

// FS turns a txtar archive into a file system.
func FS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// Compile runs the pipeline on the archive.
func Compile(t testing.TB, archive string, opts pipeline.Options) (*compute.Result, *diag.List) {
	t.Helper()
	r, dl, _ := pipeline.Compile(context.Background(), FS(archive), opts)
	return r, dl
}

// MustCompile runs the pipeline and fails the test on any error.
func MustCompile(t testing.TB, archive string) *compute.Result {
	t.Helper()
	r, dl := Compile(t, archive, pipeline.Options{})
	if dl.HasErrors() {
		t.Fatalf("the site has errors:\n%v", dl.Err())
	}
	return r
}

// Lines returns the diagnostics of severity s, one string each, sorted.
func Lines(dl *diag.List, s diag.Severity) []string {
	var out []string
	for _, d := range dl.Sorted(s) {
		out = append(out, d.String())
	}
	return out
}

// Measure finds the result of the measure "unit/id".
func Measure(t testing.TB, r *compute.Result, key string) *compute.MeasureResult {
	t.Helper()
	unit, id, _ := strings.Cut(key, "/")
	for _, u := range r.Site.Units {
		for _, m := range u.Measures {
			if u.ID == unit && m.ID == id {
				return r.Measure(m)
			}
		}
	}
	t.Fatalf("no measure %s", key)
	return nil
}

// Objective finds the result of the objective "unit/id".
func Objective(t testing.TB, r *compute.Result, key string) *compute.ObjectiveResult {
	t.Helper()
	for _, u := range r.Site.Units {
		for _, o := range u.Objectives {
			if o.Key() == key {
				return r.Objective(o)
			}
		}
	}
	t.Fatalf("no objective %s", key)
	return nil
}

// Unit finds the result of unit id.
func Unit(t testing.TB, r *compute.Result, id string) *compute.UnitResult {
	t.Helper()
	for _, u := range r.Site.Units {
		if u.ID == id {
			return r.Unit(u)
		}
	}
	t.Fatalf("no unit %s", id)
	return nil
}

// Initiative finds the result of the initiative "unit/id".
func Initiative(t testing.TB, r *compute.Result, key string) *compute.InitiativeResult {
	t.Helper()
	for _, u := range r.Site.Units {
		for _, in := range u.Initiatives {
			if in.Key() == key {
				return r.Initiative(in)
			}
		}
	}
	t.Fatalf("no initiative %s", key)
	return nil
}
