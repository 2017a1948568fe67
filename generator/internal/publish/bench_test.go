package publish

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkWriteFile writes pages as a build does, a hundred to a folder,
// each of about M's mean size (20 KB): what a file costs apart from making
// its content.
func BenchmarkWriteFile(b *testing.B) {
	d, err := Open(filepath.Join(b.TempDir(), "public"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Abort()
	data := make([]byte, 20<<10)
	i := 0
	for b.Loop() {
		if err := d.WriteFile(fmt.Sprintf("u%03d/p%02d.html", i/100%100, i%100), data); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
