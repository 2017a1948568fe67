package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// Time bounds for one case of bad input. They catch hangs and blow-ups —
// costs orders of magnitude beyond the input's size — not slowness, which
// the benchmarks measure. The small cases take milliseconds. The large ones
// (a 50 MB data file, 10,000 units) take two to three seconds on an idle
// two-core machine and up to three times that on one shared with other
// builds; the race detector slows everything several times over.
var (
	badCaseLimit   = 5 * time.Second * raceFactor
	largeCaseLimit = 20 * time.Second * raceFactor
)

// badBase is the site the generated cases of TestBadInput start from.
const badBase = `
-- config.toml --
title = "T"
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  target = 100
-- content/notes/2026-09.md --
A fine month.
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-09,95
`

// TestBadInput runs the bad-input corpus through check, as the command runs
// it, on real folders: each case is a site with one defect and the exact
// errors it must give. The cases of testdata/bad are archives whose comment
// is the errors (go test ./generator -run TestBadInput -update rewrites them;
// read the diff). The cases too big to keep (a 50 MB file, 10,000 units) or
// not expressible as an archive (symbolic links, UTF-16) are made here at run
// time. Every case must finish within its time bound, without a panic.
func TestBadInput(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			writeArchive(t, dir, a.Files)
			got := checkBounded(t, dir, badCaseLimit)
			if *update {
				a.Comment = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(a.Comment); got != want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	for _, c := range generatedBadCases {
		t.Run(c.name, func(t *testing.T) {
			if c.large {
				if testing.Short() {
					t.Skip("a large input")
				}
				testenv.NeedFull(t, "a large input")
			}
			dir := t.TempDir()
			writeArchive(t, dir, txtar.Parse([]byte(strings.TrimLeft(badBase, "\n"))).Files)
			c.make(t, dir)
			limit := badCaseLimit
			if c.large {
				limit = largeCaseLimit
			}
			got := checkBounded(t, dir, limit)
			if c.check != nil {
				c.check(t, got)
			} else if got != c.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// checkBounded runs Check on the site in dir and returns its error text, one
// line each, ending in a newline. It fails the test on a panic, on no error
// at all, and when check takes longer than limit.
func checkBounded(t *testing.T, dir string, limit time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	type result struct {
		err   error
		panic string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
			}
		}()
		_, err := Check(ctx, Options{Source: dir})
		done <- result{err: err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		t.Fatalf("check took longer than %v", limit)
	}
	switch {
	case r.panic != "":
		t.Fatalf("check panicked: %s", r.panic)
	case errors.Is(r.err, context.DeadlineExceeded):
		t.Fatalf("check took longer than %v", limit)
	case r.err == nil:
		t.Fatal("check found no error")
	}
	t.Logf("check took %v", time.Since(start).Round(time.Millisecond))
	return r.err.Error() + "\n"
}

func writeArchive(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	for _, f := range files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// link replaces name in dir with a symbolic link to target.
func link(t *testing.T, dir, name, target string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(p)
	if err := os.Symlink(target, p); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

// outside makes a folder beside the site with a valid data file, a unit, a
// note, a template and a secret in it, for links to point at.
func outside(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x.csv"), []byte("unit,measure,period,actual\norg,revenue,2026-08,90\n"))
	writeFile(t, filepath.Join(dir, "unit/scorecard.toml"), []byte("name = \"Elsewhere\"\n"))
	writeFile(t, filepath.Join(dir, "note.md"), []byte("Secret commentary.\n"))
	writeFile(t, filepath.Join(dir, "home.html"), []byte(`{{define "main"}}secret{{end}}`))
	writeFile(t, filepath.Join(dir, "data/y.csv"), []byte("unit,measure,period,actual\norg,revenue,2026-07,80\n"))
	return dir
}

// utf16LE encodes s as UTF-16 with a byte order mark, as spreadsheets'
// "Unicode text" exports are.
func utf16LE(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

type generatedCase struct {
	name  string
	large bool // run with the whole suite only, not with -short; bounded by largeCaseLimit
	make  func(t *testing.T, dir string)
	want  string
	check func(t *testing.T, got string) // instead of want
}

// appleDouble is the start of a file macOS writes as ._name beside name on a
// disk that is not Apple's.
var appleDouble = []byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02")

const fifo = "a named pipe (FIFO), not a file: the build reads regular files only (reading this one could wait forever): put the file itself here"

const longLine = "a line longer than 65536 bytes: lines of a source file are short, so this is not a text file of the expected kind (or its line breaks were lost)"

var generatedBadCases = []generatedCase{
	{
		name:  "csv-50mb-last-row-bad",
		large: true,
		make: func(t *testing.T, dir string) {
			// 2,000 measures × 1,000 months: 2,000,000 rows, 50 MB, every one
			// valid but the last.
			var card bytes.Buffer
			card.WriteString("name = \"Org\"\n[[objectives]]\nid = \"grow\"\nperspective = \"financial\"\nname = \"Grow\"\n")
			for m := range 2000 {
				fmt.Fprintf(&card, "  [[objectives.measures]]\n  id = \"m%04d\"\n  name = \"M\"\n  polarity = \"higher\"\n", m)
			}
			writeFile(t, filepath.Join(dir, "content/scorecard.toml"), card.Bytes())
			var csv bytes.Buffer
			csv.Grow(51 << 20)
			csv.WriteString("unit,measure,period,actual\n")
			for m := range 2000 {
				for i := range 1000 {
					n := 1940*12 + i
					fmt.Fprintf(&csv, "org,m%04d,%d-%02d,%d.25\n", m, n/12, n%12+1, 10000+i)
				}
			}
			csv.WriteString("org,m1999,2026-09,\"12,5\"\n")
			if csv.Len() < 50<<20 {
				t.Fatalf("the file is only %d bytes", csv.Len())
			}
			writeFile(t, filepath.Join(dir, "data/a.csv"), csv.Bytes())
		},
		want: `data/a.csv:2000002:19: actual "12,5" is not a plain number: it has a decimal comma; use "." (write 12.5; a spreadsheet set to a decimal-comma locale writes these: set its decimal separator to "." before saving as CSV)` + "\n",
	},
	{
		name:  "csv-10mb-line",
		large: true,
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "data/b.csv"), []byte("unit,measure,period,actual\norg,revenue,2026-08,"+strings.Repeat("9", 10<<20)+"\n"))
		},
		want: "data/b.csv:2:1: " + longLine + "\n",
	},
	{
		name:  "csv-10mb-line-without-line-breaks",
		large: true,
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "data/b.csv"), bytes.Repeat([]byte("org,revenue,2026-08,1,"), 10<<20/22))
		},
		want: "data/b.csv:1:1: " + longLine + "\n",
	},
	{
		// Within the size of a TOML file, over the length of a line.
		name:  "toml-3mb-line",
		large: true,
		make: func(t *testing.T, dir string) {
			card, _ := os.ReadFile(filepath.Join(dir, "content/scorecard.toml"))
			writeFile(t, filepath.Join(dir, "content/scorecard.toml"), append(card, "mission = \""+strings.Repeat("x", 3<<20)+"\"\n"...))
		},
		want: "content/scorecard.toml:11:1: " + longLine + "\n",
	},
	{
		// Within the size of a note, over the length of a line.
		name:  "markdown-200kb-line",
		large: true,
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/notes/2026-09/revenue.md"), []byte("# Revenue\n\n"+strings.Repeat("word ", 40000)+"\n"))
		},
		want: "content/notes/2026-09/revenue.md:3:1: " + longLine + "\n",
	},
	{
		name:  "markdown-10mb-note",
		large: true,
		make: func(t *testing.T, dir string) {
			// Short lines, as prose is written: before the size limit, build
			// took 10 s and 1.9 GB to render it (and 13.5 s and 5.8 GB for 10 MB
			// of emphasis); check now reads 256 KiB of it.
			writeFile(t, filepath.Join(dir, "content/notes/2026-09.md"), []byte(strings.Repeat("word\n", 2<<20)))
		},
		want: "content/notes/2026-09.md:52429:5: a Markdown file holds at most 256 KiB (262144 bytes), and this one goes on past that here: commentary is a few paragraphs; split a long text into notes on its objectives and measures, or link to the full document (the file is 10485760 bytes)\n",
	},
	{
		name:  "csv-100mb-quoted-cell",
		large: true,
		make: func(t *testing.T, dir string) {
			// A quoted cell of 100 MB in lines of 1,000 bytes: before the row
			// limit, check read it whole (840 MB) and quoted it whole on stderr.
			f, err := os.Create(filepath.Join(dir, "data/b.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			f.WriteString("unit,measure,period,actual\norg,revenue,2026-08,90\n\"")
			line := []byte(strings.Repeat("y", 999) + "\n")
			for range 100 << 10 {
				f.Write(line)
			}
			if _, err := f.WriteString("\",revenue,2026-07,1\n"); err != nil {
				t.Fatal(err)
			}
		},
		want: "data/b.csv:3:1: " + `a quoted field that starts here runs on for more than 65536 bytes: its quote is never closed (a quote inside a field is written ""), or it holds far more than a cell should (an id, a period or a number)` + "\n",
	},
	{
		name:  "toml-3mb-name-line-continuations",
		large: true,
		make: func(t *testing.T, dir string) {
			// Short lines joined by TOML's line-ending backslash: a 5 MB name
			// made 227 MB of pages before names were limited.
			writeFile(t, filepath.Join(dir, "content/scorecard.toml"), []byte("name = \"\"\"\\\n"+strings.Repeat(strings.Repeat("x", 999)+"\\\n", 3000)+"\"\"\"\n"))
		},
		want: `content/scorecard.toml:1:8: name "` + strings.Repeat("x", 80) + `…" is 2997000 characters long, more than the 200 allowed: shorten it` + "\n",
	},
	{
		name:  "toml-5mb-name-line-continuations",
		large: true,
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/scorecard.toml"), []byte("name = \"\"\"\\\n"+strings.Repeat(strings.Repeat("x", 999)+"\\\n", 5000)+"\"\"\"\n"))
		},
		want: "content/scorecard.toml:4192:103: a TOML file holds at most 4 MiB (4194304 bytes), and this one goes on past that here: split a very large organisation into units, one scorecard.toml each (the file is 5005016 bytes)\n",
	},
	{
		name:  "toml-300000-nested-arrays",
		large: true,
		make: func(t *testing.T, dir string) {
			// 1.2 MB: before the nesting limit, check took 49 s and 22 GB.
			card, _ := os.ReadFile(filepath.Join(dir, "content/scorecard.toml"))
			card = append(card, "x = "+strings.Repeat("[\n", 300000)+strings.Repeat("]\n", 300000)...)
			writeFile(t, filepath.Join(dir, "content/scorecard.toml"), card)
		},
		want: "content/scorecard.toml:27:1: arrays and inline tables nest more than 16 deep\n",
	},
	{
		name:  "deep-unit-folders",
		large: true,
		make: func(t *testing.T, dir string) {
			// 200 nested units, u1 inside the root, u2 inside u1, …
			p := filepath.Join(dir, "content")
			for i := 1; i <= 200; i++ {
				p = filepath.Join(p, fmt.Sprintf("u%d", i))
				writeFile(t, filepath.Join(p, "scorecard.toml"), []byte(fmt.Sprintf("name = \"Level %d\"\n", i)))
			}
		},
		want: "content/u1/u2/u3/u4/u5/u6/u7/u8/u9/u10/u11/u12/u13/u14/u15/u16/u17/u18/u19/u20/u21/u22/u23/u24/u25/u26/u27/u28/u29/u30/u31/u32/u33: folders nest more than 32 deep below content/: flatten the tree (a unit's parent is the nearest folder above it with a scorecard.toml)\n",
	},
	{
		name:  "units-10000",
		large: true,
		make: func(t *testing.T, dir string) {
			// 100 regions of 100 units; the very last unit has the defect.
			for r := range 100 {
				writeFile(t, filepath.Join(dir, fmt.Sprintf("content/r%02d/scorecard.toml", r)), []byte(fmt.Sprintf("name = \"Region %d\"\n", r)))
				for u := range 99 {
					name := fmt.Sprintf("name = \"Unit %d-%d\"\n", r, u)
					if r == 99 && u == 98 {
						name = "name = 42\n"
					}
					writeFile(t, filepath.Join(dir, fmt.Sprintf("content/r%02d/u%02d%02d/scorecard.toml", r, r, u)), []byte(name))
				}
			}
		},
		want: "content/r99/u9998/scorecard.toml:1:8: name: expected a string, got an integer (42)\n",
	},
	{
		name:  "errors-beyond-the-cap",
		large: true,
		make: func(t *testing.T, dir string) {
			var csv bytes.Buffer
			csv.WriteString("unit,measure,period,actual\n")
			for range 10005 {
				csv.WriteString("nowhere,revenue,2026-09,1\n")
			}
			writeFile(t, filepath.Join(dir, "data/a.csv"), csv.Bytes())
		},
		check: func(t *testing.T, got string) {
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			if len(lines) != 10001 || lines[0] != `data/a.csv:2:1: unknown unit "nowhere"` || lines[9999] != `data/a.csv:10001:1: unknown unit "nowhere"` || lines[10000] != "... and 5 more errors" {
				t.Errorf("%d lines, from %q to %q; want 10,000 errors, rows 2 to 10001, and \"... and 5 more errors\"", len(lines), lines[0], lines[len(lines)-1])
			}
		},
	},
	{
		name: "fifo-data-file",
		make: func(t *testing.T, dir string) { mkfifo(t, dir, "data/b.csv") },
		want: "data/b.csv: " + fifo + "\n",
	},
	{
		name: "fifo-note",
		make: func(t *testing.T, dir string) { mkfifo(t, dir, "content/notes/2026-09.md") },
		want: "content/notes/2026-09.md: " + fifo + "\n",
	},
	{
		name: "fifo-narrative",
		make: func(t *testing.T, dir string) { mkfifo(t, dir, "content/index.md") },
		want: "content/index.md: " + fifo + "\n",
	},
	{
		name: "fifo-scorecard",
		make: func(t *testing.T, dir string) { mkfifo(t, dir, "content/scorecard.toml") },
		want: "content/scorecard.toml: " + fifo + "\n",
	},
	{
		name: "fifo-config",
		make: func(t *testing.T, dir string) { mkfifo(t, dir, "config.toml") },
		want: "config.toml: " + fifo + "\n",
	},
	{
		name: "fifo-theme-template",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\ntheme = \"house\"\n"))
			mkfifo(t, dir, "themes/house/layouts/home.html")
		},
		want: "themes/house/layouts/home.html: " + fifo + "\n",
	},
	{
		name: "fifo-link-to-one",
		make: func(t *testing.T, dir string) {
			mkfifo(t, dir, "pipe")
			link(t, dir, "data/b.csv", "../pipe")
		},
		want: "data/b.csv: a symbolic link to " + fifo + "\n",
	},
	{
		name: "fifo-elsewhere-is-left-alone",
		make: func(t *testing.T, dir string) {
			mkfifo(t, dir, "content/recording.pipe")
			mkfifo(t, dir, "content/notes/scratch")
			mkfifo(t, dir, "data/export.fifo")
			writeFile(t, filepath.Join(dir, "data/a.csv"), []byte("unit,measure,period,actual\nnowhere,revenue,2026-09,95\n"))
		},
		want: "data/a.csv:2:1: unknown unit \"nowhere\"\n",
	},
	{
		name: "leftovers-in-data-are-ignored",
		make: func(t *testing.T, dir string) {
			// What Excel, LibreOffice, macOS, Emacs and Windows leave beside
			// the files: each would be read as a data file, or reported as a
			// broken link, if the build did not pass over it.
			for name, data := range map[string][]byte{
				"data/~$a.csv":          []byte("\x00\x00Excel lock\xff"),
				"data/._a.csv":          appleDouble,
				"data/.DS_Store":        appleDouble,
				"data/a.csv~":           []byte("unit,measure,period,actual\nnowhere,revenue,2026-09,1\n"),
				"data/#a.csv#":          []byte("unit,measure,period\n"),
				"data/.~lock.a.csv#":    []byte(",someone,host,01.12.2026 09:00,file:///home/someone;"),
				"data/Thumbs.db":        appleDouble,
				"data/__MACOSX/._a.csv": appleDouble,
				"data/__MACOSX/a.csv":   appleDouble,
			} {
				writeFile(t, filepath.Join(dir, name), data)
			}
			link(t, dir, "data/.#a.csv", "someone@host.1234:1700000000")
			writeFile(t, filepath.Join(dir, "data/b.csv"), []byte("unit,measure,period,actual\nnowhere,revenue,2026-09,95\n"))
		},
		want: "data/b.csv:2:1: unknown unit \"nowhere\"\n",
	},
	{
		name: "leftovers-in-content-are-ignored",
		make: func(t *testing.T, dir string) {
			for name, data := range map[string][]byte{
				"content/._index.md":            appleDouble,
				"content/._scorecard.toml":      appleDouble,
				"content/.DS_Store":             appleDouble,
				"content/notes/._2026-09.md":    appleDouble,
				"content/notes/2026-09.md.swp":  appleDouble,
				"content/notes/.2026-09.md.swp": appleDouble,
				"content/notes/#2026-09.md#":    []byte("\xff\xfe"),
				"content/notes/2026-09.md~":     []byte("\xff\xfe"),
				"content/sales~/scorecard.toml": []byte("name = 1\n"),
			} {
				writeFile(t, filepath.Join(dir, name), data)
			}
			link(t, dir, "content/notes/.#2026-09.md", "someone@host.1234:1700000000")
			writeFile(t, filepath.Join(dir, "data/b.csv"), []byte("unit,measure,period,actual\nnowhere,revenue,2026-09,95\n"))
		},
		want: "data/b.csv:2:1: unknown unit \"nowhere\"\n",
	},
	{
		name: "csv-utf16",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "data/b.csv"), utf16LE("unit,measure,period,actual\r\norg,revenue,2026-08,90\r\n"))
		},
		want: `data/b.csv:1:1: the file is UTF-16 text (a spreadsheet's "Unicode text"): save it as CSV UTF-8 (in Excel: Save As → CSV UTF-8 (Comma delimited))` + "\n",
	},
	{
		name: "toml-utf16",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "config.toml"), utf16LE("title = \"T\"\n"))
		},
		want: "config.toml:1:1: the file is UTF-16 text: save it as UTF-8\n",
	},
	{
		name: "markdown-utf16",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/index.md"), utf16LE("# Org\n"))
		},
		want: "content/index.md:1:1: the file is UTF-16 text: save it as UTF-8\n",
	},
	{
		name: "symlink-data-file-outside",
		make: func(t *testing.T, dir string) {
			link(t, dir, "data/b.csv", filepath.Join(outside(t), "x.csv"))
		},
		want: "data/b.csv: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-data-folder-outside",
		make: func(t *testing.T, dir string) {
			link(t, dir, "data/more", filepath.Join(outside(t), "data"))
		},
		want: "data/more: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-content-folder-outside",
		make: func(t *testing.T, dir string) {
			link(t, dir, "content/sales", filepath.Join(outside(t), "unit"))
		},
		want: "content/sales: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-content-folder-inside",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "units/sales/scorecard.toml"), []byte("name = \"Sales\"\n"))
			link(t, dir, "content/sales", "../units/sales")
		},
		want: "content/sales: a symbolic link to a folder: linked folders are not followed; move the folder here instead\n",
	},
	{
		name: "symlink-scorecard-outside",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "content/sales/index.md"), []byte("Sales.\n"))
			link(t, dir, "content/sales/scorecard.toml", filepath.Join(outside(t), "unit/scorecard.toml"))
		},
		want: "content/sales/scorecard.toml: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-note-outside",
		make: func(t *testing.T, dir string) {
			link(t, dir, "content/notes/2026-09.md", filepath.Join(outside(t), "note.md"))
		},
		want: "content/notes/2026-09.md: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-narrative-outside",
		make: func(t *testing.T, dir string) {
			link(t, dir, "content/index.md", filepath.Join(outside(t), "note.md"))
		},
		want: "content/index.md: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-config-outside",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(outside(t), "config.toml"), []byte("title = \"T\"\n"))
			link(t, dir, "config.toml", filepath.Join(outside(t), "config.toml"))
		},
		want: "config.toml: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
	{
		name: "symlink-to-nothing",
		make: func(t *testing.T, dir string) {
			link(t, dir, "data/b.csv", "gone.csv")
		},
		want: "data/b.csv: a symbolic link to nothing: remove it, or point it at a file inside the site\n",
	},
	{
		name: "symlink-theme-file-outside",
		make: func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\ntheme = \"house\"\n"))
			link(t, dir, "themes/house/layouts/home.html", filepath.Join(outside(t), "home.html"))
		},
		want: "themes/house/layouts/home.html: a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)\n",
	},
}

// TestSpreadsheetExportsAccepted builds the small site, then the same site
// saved as Windows spreadsheets and editors save it — a UTF-8 byte order mark
// and CRLF line ends in every CSV, TOML and Markdown file — and compares the
// two: the same numbers, the same warnings, the same pages.
func TestSpreadsheetExportsAccepted(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(smallSite)); err != nil {
		t.Fatal(err)
	}
	converted := 0
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".csv", ".toml", ".md":
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b = append([]byte("\ufeff"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
			converted++
			return os.WriteFile(p, b, 0o644)
		}
		return nil
	})
	if err != nil || converted < 6 {
		t.Fatalf("converted %d files: %v", converted, err)
	}
	want, got := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	wantRep, err := Build(context.Background(), Options{Source: smallSite, Destination: want})
	if err != nil {
		t.Fatal(err)
	}
	gotRep, err := Build(context.Background(), Options{Source: src, Destination: got})
	if err != nil {
		t.Fatalf("the exported site does not build: %v", err)
	}
	if fmt.Sprint(gotRep.Warnings) != fmt.Sprint(wantRep.Warnings) || gotRep.Rows != wantRep.Rows || gotRep.Rows == 0 {
		t.Errorf("warnings %v, %d rows; want %v, %d rows", gotRep.Warnings, gotRep.Rows, wantRep.Warnings, wantRep.Rows)
	}
	if err := sameTree(t, tree(t, got), tree(t, want)); err != nil {
		t.Errorf("the exported site builds differently: %v", err)
	}
}
