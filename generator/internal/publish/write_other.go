//go:build !linux

package publish

import "os"

// rawDir is empty where files are written through os.Root.
type rawDir struct{}

func openRaw(*os.Root) (rawDir, error) { return rawDir{}, nil }

func (rawDir) close() {}

func (od *openDir) writeFile(name string, data []byte) error {
	return od.root.WriteFile(name, data, 0o644)
}
