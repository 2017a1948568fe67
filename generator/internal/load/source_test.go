package load

import (
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// site is a small source for Load, with files added or replaced by extra.
func site(extra fstest.MapFS) fstest.MapFS {
	fsys := fstest.MapFS{
		"config.toml":            {Data: []byte("title = \"T\"\n")},
		"content/scorecard.toml": {Data: []byte("name = \"Org\"\n")},
		"data/a.csv":             {Data: []byte("unit,measure,period,actual\n")},
	}
	for k, v := range extra {
		fsys[k] = v
	}
	return fsys
}

func loadErrors(fsys fs.FS) []string {
	var dl diag.List
	s := Load(fsys, &dl)
	for _, f := range s.CSVFiles {
		ReadCSV(fsys, f, &dl, func(*Row) {})
	}
	var out []string
	for _, d := range dl.Sorted(diag.Error) {
		out = append(out, d.String())
	}
	return out
}

// TestOnlyRegularFilesAreRead: a pipe, device or socket where the build reads
// a file is an error naming it, found from the file's type, before any read.
func TestOnlyRegularFilesAreRead(t *testing.T) {
	msg := func(kind string) string {
		return kind + ": the build reads regular files only (reading this one could wait forever): put the file itself here"
	}
	got := loadErrors(site(fstest.MapFS{
		"config.toml":                {Mode: fs.ModeNamedPipe},
		"content/index.md":           {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"content/notes/2026-09.md":   {Mode: fs.ModeSocket},
		"content/ops/scorecard.toml": {Mode: fs.ModeNamedPipe},
		"data/b.csv":                 {Mode: fs.ModeNamedPipe},
		// Not read, so not a problem:
		"content/notes/pipe": {Mode: fs.ModeNamedPipe},
		"data/pipe.txt":      {Mode: fs.ModeNamedPipe},
		"content/pipe":       {Mode: fs.ModeNamedPipe},
	}))
	want := []string{
		"config.toml: " + msg("a named pipe (FIFO), not a file"),
		"content/index.md: " + msg("a device, not a file"),
		"content/notes/2026-09.md: " + msg("a socket, not a file"),
		"content/ops/scorecard.toml: " + msg("a named pipe (FIFO), not a file"),
		"data/b.csv: " + msg("a named pipe (FIFO), not a file"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextFilesAreCappedInSize: a note or narrative up to 256 KiB and a TOML
// file up to 4 MiB are read; one byte more is an error at the point where
// the file passes the limit.
func TestTextFilesAreCappedInSize(t *testing.T) {
	line := strings.Repeat("word ", 15) + "\n" // 76 bytes
	text := func(n int) []byte {
		b := []byte(strings.Repeat(line, n/len(line)+1))
		return b[:n]
	}
	toml := func(n int) []byte {
		b := append([]byte("name = \"Org\"\n"), text(n-13)...)
		for i := 13; i < len(b); i += len(line) {
			b[i] = '#'
		}
		return b
	}
	mdLine, mdCol := MaxMarkdownBytes/len(line)+1, MaxMarkdownBytes%len(line)+1
	tomlLine := (MaxTOMLBytes-13)/len(line) + 2
	tomlCol := (MaxTOMLBytes-13)%len(line) + 1
	got := loadErrors(site(fstest.MapFS{
		"content/index.md":             {Data: text(MaxMarkdownBytes)},
		"content/notes/2026-09.md":     {Data: text(MaxMarkdownBytes + 1)},
		"content/notes/2026-08/ops.md": {Data: text(10 << 20)},
		"content/ops/scorecard.toml":   {Data: toml(MaxTOMLBytes)},
		"content/sales/scorecard.toml": {Data: toml(MaxTOMLBytes + 1)},
	}))
	const md = "a Markdown file holds at most 256 KiB (262144 bytes), and this one goes on past that here: commentary is a few paragraphs; split a long text into notes on its objectives and measures, or link to the full document"
	const tm = "a TOML file holds at most 4 MiB (4194304 bytes), and this one goes on past that here: split a very large organisation into units, one scorecard.toml each"
	want := []string{
		"content/notes/2026-08/ops.md:" + strconv.Itoa(mdLine) + ":" + strconv.Itoa(mdCol) + ": " + md + " (the file is 10485760 bytes)",
		"content/notes/2026-09.md:" + strconv.Itoa(mdLine) + ":" + strconv.Itoa(mdCol) + ": " + md + " (the file is 262145 bytes)",
		"content/sales/scorecard.toml:" + strconv.Itoa(tomlLine) + ":" + strconv.Itoa(tomlCol) + ": " + tm + " (the file is 4194305 bytes)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadSized reads the whole of a source whatever the size it was told,
// and however little each read returns, into the buffer it is given when
// that has room.
func TestReadSized(t *testing.T) {
	text := strings.Repeat("0123456789", 300) // 3,000 bytes
	for _, size := range []int64{0, 1, 2999, 3000, 3001, 5000, -1} {
		for _, reader := range []func(io.Reader) io.Reader{func(r io.Reader) io.Reader { return r }, iotest.OneByteReader, iotest.DataErrReader} {
			for _, buf := range [][]byte{nil, make([]byte, 7, 100), []byte(strings.Repeat("x", 6000))} {
				r := reader(strings.NewReader(text))
				b, err := readSized(r, size, buf)
				if err != nil || string(b) != text {
					t.Errorf("size %d, %T, a buffer of %d: read %d bytes, %v; want all %d", size, r, cap(buf), len(b), err, len(text))
				}
			}
		}
	}
	// A buffer with room for the size and the 512 bytes past it is used.
	buf := make([]byte, 0, 3600)
	if b, _ := readSized(strings.NewReader(text), 3000, buf); &b[0] != &buf[:1][0] {
		t.Error("a buffer with room was not used")
	}
	if _, err := readSized(iotest.TimeoutReader(strings.NewReader(text)), 10, nil); err != iotest.ErrTimeout {
		t.Errorf("the source's error: got %v, want %v", err, iotest.ErrTimeout)
	}
}
