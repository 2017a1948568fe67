package load

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Most data files hold no quote and no carriage return: ids, periods and
// numbers, exported by a program. Such a file is read by plainReader,
// which reads it exactly as encoding/csv does (FieldsPerRecord -1,
// ReuseRecord, strict quotes: a record per line, empty lines passed over,
// fields split at commas, the same positions) without the quote handling
// such a file cannot need, nor the byte-by-byte watch over rows that span
// lines (rowLimiter): on the L workload's 76 MB it read at twice the
// speed. Any other file is read by encoding/csv, which gives the messages
// for quotes.

// records are what csvReader reads a file through: encoding/csv's Reader,
// or a plainReader.
type records interface {
	Read() ([]string, error)
	FieldPos(field int) (line, column int)
}

// isPlain reads r to the end and reports whether it holds neither a quote
// nor a carriage return. A read error makes it false: encoding/csv then
// meets the error and reports it.
func isPlain(r io.Reader) bool {
	plain, _ := scanPlain(r, 0)
	return plain
}

// scanPlain is isPlain that also, when pieceBytes is above 0 and the input
// is plain, notes where it can be cut into pieces of at least pieceBytes:
// the start of a line, with the lines before it (pieces.go). When there is
// a cut, the last is the end of the input, where the last piece ends. A
// line longer than MaxLineBytes leaves the input uncut: where the reading
// of the rows ends then depends on how the input was read (lineLimiter).
func scanPlain(r io.Reader, pieceBytes int64) (bool, []cut) {
	buf := make([]byte, 64<<10)
	var cuts []cut
	var off, last int64   // bytes read before buf; the offset of the last cut
	lines := 0            // line breaks before buf
	run, long := 0, false // bytes since the last line break; a line too long
	// The first piece holds the header: no cut comes before the end of the
	// first line that is not empty once a byte order mark is dropped (the
	// readers pass over empty lines).
	var first int64 = -1
	for {
		n, err := r.Read(buf)
		b := buf[:n]
		if bytes.IndexByte(b, '"') >= 0 || bytes.IndexByte(b, '\r') >= 0 {
			return false, nil
		}
		if pieceBytes > 0 && !long {
			// A line within b is shorter than buf, so no longer than
			// MaxLineBytes: only one that b's first line break ends, or
			// none, may be.
			if i := bytes.IndexByte(b, '\n'); i < 0 {
				run += n
			} else {
				long = run+i > MaxLineBytes
				run = n - bytes.LastIndexByte(b, '\n') - 1
			}
			if first < 0 {
				first = headerEnd(b)
			}
			// Each cut is at the first line start pieceBytes or more past the
			// one before; counted is how far into b lines are counted.
			counted := 0
			for first > 0 {
				from := max(last+pieceBytes-1-off, first-1-off, int64(counted))
				if from >= int64(n) {
					break
				}
				i := bytes.IndexByte(b[from:], '\n')
				if i < 0 {
					break
				}
				end := int(from) + i + 1
				lines += bytes.Count(b[counted:end], []byte{'\n'})
				counted, last = end, off+int64(end)
				cuts = append(cuts, cut{off: last, lines: lines})
			}
			lines += bytes.Count(b[counted:], []byte{'\n'})
		}
		off += int64(n)
		if err == io.EOF {
			if len(cuts) > 0 && cuts[len(cuts)-1].off < off {
				cuts = append(cuts, cut{off: off, lines: lines})
			}
			if long || run > MaxLineBytes || len(cuts) < 2 {
				return true, nil
			}
			return true, cuts
		}
		if err != nil {
			return false, nil
		}
	}
}

// headerEnd returns the offset past the line break that ends the first
// line of b, the input's first read, that is not empty once a byte order
// mark is dropped; 0, for no cut at all, when b holds no such line.
func headerEnd(b []byte) int64 {
	start := 0
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	for i := start; i < len(b); i++ {
		if b[i] != '\n' {
			if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
				return int64(i + j + 1)
			}
			return 0
		}
	}
	return 0
}

// plainReader reads records from a file that holds no quote and no
// carriage return. It buffers the file as bufio.Reader does, filling its
// buffer with one read of the same size at the same moments, so that a
// lineLimiter below it fails at the same line as below encoding/csv's
// reader; but it turns each fill of the buffer into a single string, and
// a record's fields are pieces of it, where a string per line cost the
// L workload two million allocations.
type plainReader struct {
	src  io.Reader
	buf  []byte
	r, w int    // buf[r:w] is read from src and not yet returned
	text string // buf[:w] as text, since the last fill
	err  error  // from src, returned once buf[r:w] holds no line
	line int    // lines read so far
	long []byte // a line longer than buf, gathered
	rec  []string
	at   int   // the line of rec
	cols []int // the column of each field of rec, from 1, in bytes
	// valid is how much of text is known to be UTF-8, up to its last line
	// break; lineValid says the last line is within it, and recValid the
	// same of rec. One check of a fill's text is a tenth of the time of
	// checking each cell of it on its own.
	valid               int
	lineValid, recValid bool
	// arena, when not nil, holds the text of a piece's rows (pieces.go):
	// buf is a window of it from base, moved on past the lines returned at
	// each fill rather than copied back, and text is the window itself.
	// Copying each fill into a new string was a quarter of the bytes a
	// load of L allocated.
	arena *[]byte
	base  int
}

// newPlainReader returns a plainReader of src that reads size bytes at a time.
func newPlainReader(src io.Reader, size int) *plainReader {
	return &plainReader{src: src, buf: make([]byte, size)}
}

// Peek returns the next n bytes without reading them, as bufio.Reader's does.
func (p *plainReader) Peek(n int) []byte {
	for p.w-p.r < n && p.w-p.r < len(p.buf) && p.err == nil {
		p.fill()
	}
	return p.buf[p.r:min(p.r+n, p.w)]
}

// Discard passes over the next n bytes, which Peek has returned.
func (p *plainReader) Discard(n int) { p.r += n }

// fill slides what is left to the start of the buffer and reads once more
// from src into the rest, as bufio.Reader's fill does.
func (p *plainReader) fill() {
	if p.arena != nil {
		p.slide()
	} else {
		copy(p.buf, p.buf[p.r:p.w])
	}
	p.w -= p.r
	p.r = 0
	p.read()
	if p.arena != nil {
		p.text = unsafe.String(unsafe.SliceData(p.buf), p.w)
	} else {
		p.text = string(p.buf[:p.w])
	}
	p.valid = bytes.LastIndexByte(p.buf[:p.w], '\n')
	if p.valid < 0 || !utf8.Valid(p.buf[:p.valid]) {
		p.valid = 0
	}
}

// slide moves the window of the arena on to buf[r:], what is not yet
// returned, so that it starts the buffer as fill's copy would have it. The
// text before stays as it was: the rows read from it point into it. When
// the arena has no room for a whole window past it, the window moves to a
// new arena, which the batch keeps from then on; the old one lives on
// through the rows that point into it.
func (p *plainReader) slide() {
	a, size := *p.arena, len(p.buf)
	start := p.base + p.r
	if start+size > cap(a) {
		n := make([]byte, max(cap(a), 2*size))
		copy(n, p.buf[p.r:p.w])
		*p.arena, a, start = n, n, 0
	}
	p.base = start
	p.buf = a[start : start+size : start+size]
}

// read reads from src into the rest of the buffer, again after an empty
// read, up to 100 times, as bufio.Reader does.
func (p *plainReader) read() {
	for range 100 {
		n, err := p.src.Read(p.buf[p.w:])
		p.w += n
		if err != nil {
			p.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	p.err = io.ErrNoProgress
}

// readLine returns the next line without its line break, as
// bufio.Reader.ReadSlice('\n') finds it: with the error of src when no line
// break is left, and bufio.ErrBufferFull with a buffer's worth of a line
// longer than the buffer.
func (p *plainReader) readLine() (string, error) {
	s := 0 // where to search from, past what was searched
	for {
		if i := bytes.IndexByte(p.buf[p.r+s:p.w], '\n'); i >= 0 {
			line := p.text[p.r : p.r+s+i]
			p.lineValid = p.r+s+i <= p.valid
			p.r += s + i + 1
			return line, nil
		}
		p.lineValid = false
		if p.err != nil {
			line := p.text[p.r:p.w]
			p.r = p.w
			return line, p.err
		}
		if p.w-p.r >= len(p.buf) {
			line := p.text[p.r:p.w]
			p.r = p.w
			return line, bufio.ErrBufferFull
		}
		s = p.w - p.r
		p.fill()
	}
}

// Read returns the next record; the slice is reused by the next call.
func (p *plainReader) Read() ([]string, error) {
	for {
		s, err := p.readLine()
		if err == bufio.ErrBufferFull {
			p.long = append(p.long[:0], s...)
			for err == bufio.ErrBufferFull {
				s, err = p.readLine()
				p.long = append(p.long, s...)
			}
			s = string(p.long)
			p.lineValid = false
		}
		if len(s) > 0 && err == io.EOF {
			err = nil // the last line, without its line break
		}
		p.line++
		if err != nil {
			return nil, err
		}
		if len(s) == 0 {
			continue
		}
		p.split(s)
		p.recValid = p.lineValid
		return p.rec, nil
	}
}

// split cuts the line s into p.rec at its commas.
func (p *plainReader) split(s string) {
	p.rec, p.cols, p.at = p.rec[:0], p.cols[:0], p.line
	col := 1
	for {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			p.rec, p.cols = append(p.rec, s), append(p.cols, col)
			return
		}
		p.rec, p.cols = append(p.rec, s[:i]), append(p.cols, col)
		s, col = s[i+1:], col+i+1
	}
}

// FieldPos returns the line and column of field i of the last record, as
// encoding/csv's does.
func (p *plainReader) FieldPos(i int) (line, column int) { return p.at, p.cols[i] }
