package publish

import (
	"bytes"
	"os"
	"path"
	"slices"
	"sync"
)

// InPlace writes files into an existing folder, each by writing a temporary
// file beside it and renaming it over the old one, so that a reader sees the
// old file or the new, never a part. A file whose bytes are already there is
// left alone. It is what an incremental update writes with: the folder is
// the one being served.
type InPlace struct {
	root *os.Root
	mu   sync.Mutex
	done []string
}

// OpenInPlace starts writing into the folder dir.
func OpenInPlace(dir string) (*InPlace, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &InPlace{root: root}, nil
}

// Close ends the writing.
func (w *InPlace) Close() { w.root.Close() }

// WriteFile writes the file at the slash-separated path name in the
// folder, unless it holds these bytes already. It is safe for concurrent use.
func (w *InPlace) WriteFile(name string, data []byte) error {
	if old, err := w.root.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if dir := path.Dir(name); dir != "." {
		if err := w.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path.Join(path.Dir(name), ".incoming-"+path.Base(name))
	if err := w.root.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := w.root.Rename(tmp, name); err != nil {
		w.root.Remove(tmp)
		return err
	}
	w.mu.Lock()
	w.done = append(w.done, name)
	w.mu.Unlock()
	return nil
}

// Written lists the files replaced, sorted.
func (w *InPlace) Written() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Sorted(slices.Values(w.done))
}
