package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// Limits on source files, so that a broken or hostile file costs bounded time
// and memory and its messages stay readable. docs/format.md lists them.
const (
	// MaxLineBytes bounds a line of any source file. A data row is a few short
	// cells and a TOML value a sentence; a longer line is a file that is not
	// what it seems (a binary, a CSV whose line ends were lost).
	MaxLineBytes = 64 << 10
	// MaxDepth bounds how deep folders nest below content/. Organisations have
	// a dozen levels at most; 32 folders of 64-character ids stay well inside
	// every system's path limit.
	MaxDepth = 32
	// MaxMarkdownBytes bounds a narrative or a commentary note: 256 KiB is
	// some 40,000 words, a short book, where a period's commentary is a few
	// paragraphs. Rendering Markdown takes time and memory in proportion to
	// the text (up to 0.7 s and 600 MB for a hostile 1 MB, shown on three
	// pages), so an unbounded note was an unbounded build.
	MaxMarkdownBytes = 256 << 10
	// MaxTOMLBytes bounds config.toml and a scorecard.toml: a unit of 1,000
	// measures, commented, is some 150 KB.
	MaxTOMLBytes = 4 << 20
)

const (
	markdownTooLong = "a Markdown file holds at most 256 KiB (262144 bytes), and this one goes on past that here: commentary is a few paragraphs; split a long text into notes on its objectives and measures, or link to the full document"
	tomlTooLong     = "a TOML file holds at most 4 MiB (4194304 bytes), and this one goes on past that here: split a very large organisation into units, one scorecard.toml each"
)

// reportRead reports err, the failure to read the file name, at the best
// position it has; tooLong is the message for a file over its size limit.
func reportRead(name string, err error, dl *diag.List, tooLong string) {
	var long *errTooLong
	if errors.As(err, &long) {
		line, col := tooLongPos(long)
		size := ""
		if long.size > int64(long.limit) { // unless the file grew as it was read
			size = fmt.Sprintf(" (the file is %d bytes)", long.size)
		}
		dl.Errorf(diag.Pos{File: name, Line: line, Col: col}, "%s%s", tooLong, size)
		return
	}
	dl.Errorf(diag.Pos{File: name}, "%s", readError(err))
}

const longLineMsg = "a line longer than 65536 bytes: lines of a source file are short, so this is not a text file of the expected kind (or its line breaks were lost)"

// checkText reports whether src, the content of file, is text the build can
// use: UTF-8 with no line longer than MaxLineBytes. The first problem goes to dl.
func checkText(file string, src []byte, dl *diag.List, hint string) bool {
	line, start := 1, 0
	for start <= len(src) {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		text := src[start:end]
		if len(text) > MaxLineBytes {
			dl.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "%s", longLineMsg)
			return false
		}
		if !utf8.Valid(text) {
			col := firstInvalid(text)
			dl.Errorf(diag.Pos{File: file, Line: line, Col: col + 1}, "byte 0x%02x is not UTF-8: %s", text[col], hint)
			return false
		}
		line, start = line+1, end+1
	}
	return true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// utf16 reports whether src starts with a UTF-16 byte order mark, as the
// "Unicode text" exports of spreadsheets do.
func utf16(src []byte) bool {
	return bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff})
}

// errLongLine is what a lineLimiter returns for a line over MaxLineBytes.
type errLongLine struct{ line int }

func (e errLongLine) Error() string { return fmt.Sprintf("line %d: %s", e.line, longLineMsg) }

// lineLimiter passes r through and fails at the first line longer than
// MaxLineBytes, before a reader above it buffers the whole line.
type lineLimiter struct {
	r    io.Reader
	line int  // lines ended so far
	run  int  // bytes of the current line so far
	prev int  // bytes of the last line ended
	eof  bool // r is read to the end
	cr   bool // the last byte read is a carriage return
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n > 0 {
		l.cr = p[n-1] == '\r'
	}
	for b := p[:n]; ; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.run += len(b)
			break
		}
		if l.run+i > MaxLineBytes {
			return n, errLongLine{l.line + 1}
		}
		l.line++
		l.prev, l.run = l.run+i, 0
		b = b[i+1:]
	}
	if l.run > MaxLineBytes {
		return n, errLongLine{l.line + 1}
	}
	l.eof = l.eof || err == io.EOF
	return n, err
}

// pastEnd reports whether line:col lies past the end of the input, which has
// been read to its end.
func (l *lineLimiter) pastEnd(line, col int) bool {
	if !l.eof {
		return false
	}
	// encoding/csv drops a carriage return that ends the input: a last
	// line of "\r" alone is no line to it.
	run := l.run
	if l.cr && run > 0 {
		run--
	}
	last, n := l.line, l.prev
	if run > 0 {
		last, n = l.line+1, run
	}
	return line > last || (line == last && col > n+1)
}

// readError describes why a file could not be read. A symbolic link that
// leads out of the source folder is refused by the file system the build
// reads through; say so in words.
func readError(err error) string {
	err = unwrapPathError(err)
	if IsNotRegular(err) {
		return err.Error()
	}
	if strings.Contains(err.Error(), "path escapes from parent") {
		return "a symbolic link that points outside the site: the build reads nothing outside the source folder (copy the file into the site instead)"
	}
	return "cannot read: " + err.Error()
}

// inputFile reports whether the walk's entry d at p is a file to read, when
// read says whether the build reads a file of that name. A symbolic link is
// checked either way, as a link to a folder could hide a unit.
func inputFile(fsys fs.FS, p string, d fs.DirEntry, read bool, dl *diag.List) bool {
	if !read {
		if d.Type()&fs.ModeSymlink != 0 {
			linkedFile(fsys, p, d, dl)
		}
		return false
	}
	return linkedFile(fsys, p, d, dl)
}

// linkedFile reports whether the walk's entry d at p is a file to read: a
// regular file, or a symbolic link to one inside the site. Other links — out
// of the site, to nothing, or to a folder, which the walk would otherwise
// skip without a word — are reported, and so are named pipes, devices and
// sockets, seen here before anything opens them.
func linkedFile(fsys fs.FS, p string, d fs.DirEntry, dl *diag.List) bool {
	switch t := d.Type(); {
	case d.IsDir():
		return false
	case t.IsRegular():
		return true
	case t&fs.ModeSymlink == 0:
		dl.Errorf(diag.Pos{File: p}, "%s", notRegular{t}.Error())
		return false
	}
	fi, err := fs.Stat(fsys, p)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist):
		dl.Errorf(diag.Pos{File: p}, "a symbolic link to nothing: remove it, or point it at a file inside the site")
	case err != nil:
		dl.Errorf(diag.Pos{File: p}, "%s", readError(err))
	case fi.IsDir():
		dl.Errorf(diag.Pos{File: p}, "a symbolic link to a folder: linked folders are not followed; move the folder here instead")
	case !fi.Mode().IsRegular():
		dl.Errorf(diag.Pos{File: p}, "a symbolic link to %s", notRegular{fi.Mode()}.Error())
	default:
		return true
	}
	return false
}
