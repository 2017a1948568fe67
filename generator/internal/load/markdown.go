package load

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// NarrativeFile is a unit's narrative, beside its scorecard.toml.
const NarrativeFile = "index.md"

// loadMarkdown reads a unit's narrative and its commentary files:
// notes/<period>.md for the unit and notes/<period>/<id>.md for one of its
// objectives or measures. Other files in notes/ (images, drafts) are left alone.
func loadMarkdown(fsys fs.FS, u *UnitFile, dl *diag.List) {
	narrative := path.Join(u.Dir, NarrativeFile)
	if b, err := fs.ReadFile(fsys, narrative); err == nil {
		u.Narrative = b
	} else if !errors.Is(err, fs.ErrNotExist) {
		dl.Errorf(diag.Pos{File: narrative}, "cannot read: %v", unwrapPathError(err))
	}
	notes := path.Join(u.Dir, NotesDir)
	err := fs.WalkDir(fsys, notes, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == notes && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			dl.Errorf(diag.Pos{File: p}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if d.IsDir() || path.Ext(p) != ".md" {
			return nil
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, notes+"/"), ".md")
		n := NoteFile{File: p, Period: rel}
		if dir, id, ok := strings.Cut(rel, "/"); ok {
			n.Period, n.ID = dir, id
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			dl.Errorf(diag.Pos{File: p}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		n.Text = b
		u.Notes = append(u.Notes, n)
		return nil
	})
	if err != nil {
		dl.Errorf(diag.Pos{File: notes}, "cannot read: %v", err)
	}
}
