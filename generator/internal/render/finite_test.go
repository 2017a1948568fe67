package render

import (
	"bytes"
	"slices"
	"sync"
	"testing"
)

// TestAPanicInAPageIsAnError: a fault in rendering one page ends that build
// with an error naming the file, not the process (which would leave the
// build's temporary folder behind, and a preview server dead).
func TestAPanicInAPageIsAnError(t *testing.T) {
	jobs := []job{
		{path: "a.html", make: func() ([]byte, error) { return []byte("a"), nil }},
		{path: "units/org/index.html", make: func() ([]byte, error) { panic("index out of range [3] with length 3") }},
	}
	var out memOutput
	err := run(slices.Values(jobs), &out)
	if err == nil || err.Error() != "units/org/index.html: internal error (please report it): index out of range [3] with length 3" {
		t.Errorf("run = %v", err)
	}
}

type memOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (o *memOutput) WriteFile(name string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.files == nil {
		o.files = map[string][]byte{}
	}
	o.files[name] = bytes.Clone(data) // the render reuses data once this returns
	return nil
}
