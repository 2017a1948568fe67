package load

import (
	"bufio"
	"bytes"
	"io"
	"strings"
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
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		if bytes.IndexByte(buf[:n], '"') >= 0 || bytes.IndexByte(buf[:n], '\r') >= 0 {
			return false
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// plainReader reads records from a file that holds no quote and no
// carriage return.
type plainReader struct {
	r    *bufio.Reader
	line int    // lines read so far
	long []byte // a line longer than r's buffer, gathered
	rec  []string
	at   int   // the line of rec
	cols []int // the column of each field of rec, from 1, in bytes
}

func newPlainReader(r *bufio.Reader) *plainReader { return &plainReader{r: r} }

// Read returns the next record; the slice is reused by the next call.
func (p *plainReader) Read() ([]string, error) {
	for {
		b, err := p.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			p.long = append(p.long[:0], b...)
			for err == bufio.ErrBufferFull {
				b, err = p.r.ReadSlice('\n')
				p.long = append(p.long, b...)
			}
			b = p.long
		}
		if len(b) > 0 && err == io.EOF {
			err = nil // the last line, without its line break
		}
		p.line++
		if err != nil {
			return nil, err
		}
		// Not bytes.TrimSuffix: its comparison of one byte, called for every
		// line, took a third of the reading time on the L workload.
		if b[len(b)-1] == '\n' {
			b = b[:len(b)-1]
		}
		if len(b) == 0 {
			continue
		}
		p.split(string(b)) // one string per record, as encoding/csv makes
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
