// Package scaffold holds the starter site that `scorecard new` writes: a
// company and one unit under it, eight measures across the four perspectives
// and a year of data, small enough to read in a sitting and complete enough
// to build without a warning.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// The all: prefix keeps the site's .gitignore, which go:embed otherwise
// leaves out with every dot file.
//
//go:embed all:site
var embedded embed.FS

// files returns the starter site, rooted at its own folder.
func files() fs.FS {
	sub, err := fs.Sub(embedded, "site")
	if err != nil {
		panic(err) // the pattern above guarantees the folder
	}
	return sub
}

// WorkflowFile is the GitHub Actions workflow that checks pull requests and
// publishes the site with GitHub Pages.
const WorkflowFile = ".github/workflows/scorecard.yml"

// latest is the version the workflow installs unless told another.
const latest = "SCORECARD_VERSION: latest"

// Write writes the starter site into dir, creating dir and its parents, and
// returns the slash-separated paths of the files written, in lexical order.
// It refuses a dir that exists and is not an empty folder, and never
// replaces a file. version, when not empty, is the scorecard release that
// the workflow installs, so that the site is built by the release that
// wrote it until someone chooses another; empty leaves the newest.
func Write(dir, version string) ([]string, error) {
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var written []string
	err = fs.WalkDir(files(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || name == "." {
			return err
		}
		if d.IsDir() {
			return root.Mkdir(name, 0o755)
		}
		if err := writeFile(root, name, version); err != nil {
			return err
		}
		written = append(written, name)
		return nil
	})
	return written, err
}

// checkEmpty refuses to write where the user's own files are: a new site
// mixed into an existing folder could not be told apart from it, nor removed.
func checkEmpty(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder: choose another name", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s already exists and is not empty: choose a new folder, or empty this one first", dir)
	}
	return nil
}

// writeFile creates name exclusively, so that a file appearing meanwhile is
// an error rather than overwritten.
func writeFile(root *os.Root, name, version string) error {
	data, err := fs.ReadFile(files(), name)
	if err != nil {
		return err
	}
	if name == WorkflowFile && version != "" {
		data = bytes.Replace(data, []byte(latest), []byte("SCORECARD_VERSION: "+version), 1)
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
