package load

import (
	"bytes"
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
	if !u.noNarrative {
		if b, err := readRegular(fsys, narrative, MaxMarkdownBytes, nil); err == nil {
			u.Narrative = markdownText(narrative, b, dl)
		} else if !errors.Is(err, fs.ErrNotExist) {
			reportRead(narrative, err, dl, markdownTooLong)
		}
	}
	if u.noNotes {
		return
	}
	notes := path.Join(u.Dir, NotesDir)
	err := fs.WalkDir(fsys, notes, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == notes && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			dl.Errorf(diag.Pos{File: p}, "%s", readError(err))
			return nil
		}
		if p != notes && Ignored(d.Name()) {
			return skip(d)
		}
		if d.IsDir() || !inputFile(fsys, p, d, path.Ext(p) == ".md", dl) {
			return nil
		}
		rel := strings.TrimSuffix(strings.TrimPrefix(p, notes+"/"), ".md")
		n := NoteFile{File: p, Period: rel}
		if dir, id, ok := strings.Cut(rel, "/"); ok {
			n.Period, n.ID = dir, id
		}
		b, err := readRegular(fsys, p, MaxMarkdownBytes, nil)
		if err != nil {
			reportRead(p, err, dl, markdownTooLong)
			return nil
		}
		if n.Text = markdownText(p, b, dl); n.Text == nil {
			return nil
		}
		u.Notes = append(u.Notes, n)
		return nil
	})
	if err != nil {
		dl.Errorf(diag.Pos{File: notes}, "cannot read: %v", err)
	}
}

// markdownText returns the text of a Markdown file without a byte order mark,
// or nil, with an error, when it is not UTF-8 text.
func markdownText(file string, b []byte, dl *diag.List) []byte {
	if utf16(b) {
		dl.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "the file is UTF-16 text: save it as UTF-8")
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !checkText(file, b, dl, "save the file as UTF-8") {
		return nil
	}
	if b == nil {
		b = []byte{}
	}
	return b
}
