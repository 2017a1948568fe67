package load

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPlainReader holds plainReader to encoding/csv on files without
// quotes or carriage returns: the same records, fields and positions, and
// the end in the same place. A small buffer makes lines longer than it.
func FuzzPlainReader(f *testing.F) {
	for _, s := range []string{
		"unit,measure,period,actual\norg,revenue,2026-01,1.5\n",
		"a,b\n\n\nc,d", // empty lines, no last line break
		",,\n,\n \n",   // empty fields, a line of a space
		"unit,measure\nörg,ümsatz,2026-01\n" + strings.Repeat("x", 40) + ",y\n",
		"",
		"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.NewReplacer(`"`, "q", "\r", "r").Replace(s)
		if !isPlain(strings.NewReader(s)) {
			t.Fatalf("isPlain(%q) = false", s)
		}
		want := readRecords(t, csvRecords(s))
		got := readRecords(t, newPlainReader(strings.NewReader(s), 16))
		if !slices.Equal(got, want) {
			t.Errorf("%q:\nplainReader %q\nencoding/csv %q", s, got, want)
		}
		for _, size := range []int{16, 37, readSize} {
			checkTrusted(t, s, size)
		}
		for _, room := range []int{16, 40, 1 << 10} {
			checkArena(t, s, room, want)
		}
	})
}

// checkArena holds a plainReader that reads into an arena of room bytes,
// 16 at a time, to want, readRecords of encoding/csv: the same records,
// and no field changed by the fills after it, though it is a piece of the
// arena and not a copy. An arena of 16 or 40 bytes is too small for most
// inputs, so that the reader moves on to new ones.
func checkArena(t *testing.T, s string, room int, want []string) {
	t.Helper()
	a := make([]byte, room)
	p := &plainReader{src: strings.NewReader(s), buf: a[:16:16], arena: &a}
	var got, fields, copies []string
	for {
		rec, err := p.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range rec {
			line, col := p.FieldPos(i)
			got = append(got, fmt.Sprintf("%d:%d:%q", line, col, f))
			fields, copies = append(fields, f), append(copies, strings.Clone(f))
		}
		got = append(got, "|")
	}
	if !slices.Equal(got, want) {
		t.Errorf("%q in an arena of %d bytes:\nplainReader %q\nencoding/csv %q", s, room, got, want)
	}
	for i := range fields {
		if fields[i] != copies[i] {
			t.Fatalf("%q in an arena of %d bytes: field %d was %q when read, %q at the end", s, room, i, copies[i], fields[i])
		}
	}
}

// checkTrusted fails when plainReader, reading s size bytes at a time,
// says a record is valid UTF-8 and a field of it is not: the cells of such
// a record are not checked again.
func checkTrusted(t *testing.T, s string, size int) (trusted, records int) {
	t.Helper()
	p := newPlainReader(strings.NewReader(s), size)
	for {
		rec, err := p.Read()
		if err != nil {
			return trusted, records
		}
		records++
		if !p.recValid {
			continue
		}
		trusted++
		for _, f := range rec {
			if !utf8.ValidString(f) {
				t.Fatalf("%q read %d bytes at a time: record %q on line %d is said to be UTF-8", s, size, rec, p.at)
			}
		}
	}
}

// TestPlainReaderTrustsValidLines: the records of a fill of the buffer
// that is UTF-8 up to its last line break are valid without a check of
// each cell; a fill with a byte that is not UTF-8 anywhere before that, a
// line longer than the buffer and a last line without a line break are
// not.
func TestPlainReaderTrustsValidLines(t *testing.T) {
	for _, c := range []struct {
		s                string
		size             int
		trusted, records int
	}{
		{"unit,measure\nörg,ümsatz\nx,y\n", readSize, 3, 3},
		{"unit,measure\nörg,ümsatz\nx,y", readSize, 2, 3},           // the last line has no line break
		{"unit,measure\nörg,\xffmsatz\nx,y\n", readSize, 0, 3},      // one fill, not UTF-8
		{"a,b\nc,d\n\xff,e\nf,g\nh,i\n", 8, 3, 5},                   // fills of 8 bytes: the one with \xff is not trusted
		{"a,b\n" + strings.Repeat("x", 40) + ",y\nc,d\n", 16, 2, 3}, // the long line is gathered, and checked
		{"a,\xe2\x82\n\xac,b\n", readSize, 0, 2},                    // a rune cut by a line break
	} {
		trusted, records := checkTrusted(t, c.s, c.size)
		if trusted != c.trusted || records != c.records {
			t.Errorf("%q read %d bytes at a time: %d of %d records trusted, want %d of %d", c.s, c.size, trusted, records, c.trusted, c.records)
		}
	}
}

func csvRecords(s string) records {
	cr := csv.NewReader(bufio.NewReaderSize(strings.NewReader(s), 16))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// readRecords lists every field of every record of rs with its position.
func readRecords(t *testing.T, rs records) []string {
	var out []string
	for {
		rec, err := rs.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range rec {
			line, col := rs.FieldPos(i)
			out = append(out, fmt.Sprintf("%d:%d:%q", line, col, f))
		}
		out = append(out, "|")
	}
}

// FuzzPlainReaderFills holds plainReader to the bufio.Reader it replaced
// (bufioPlain) when its source fails part of the way, as a lineLimiter
// does at a line too long: the same records, the same last one before the
// error, and the same error, however the lines fall across fills of the
// buffer. A small buffer makes lines longer than it.
func FuzzPlainReaderFills(f *testing.F) {
	f.Add("unit,measure\norg,revenue\n\nx,y\n", 20, uint8(16))
	f.Add(strings.Repeat("abcdefghij,", 5)+"\na,b\n", 30, uint8(16))
	f.Add("a,b\nc", 100, uint8(17))
	f.Fuzz(func(t *testing.T, s string, failAt int, size uint8) {
		s = strings.NewReplacer(`"`, "q", "\r", "r").Replace(s)
		n := max(int(size), 16)
		want := plainLines(newBufioPlain(&failing{s: s, at: failAt}, n))
		got := plainLines(newPlainReader(&failing{s: s, at: failAt}, n))
		if !slices.Equal(got, want) {
			t.Errorf("%q failing at %d, buffer %d:\nplainReader %q\nbufio %q", s, failAt, n, got, want)
		}
	})
}

// TestPlainReaderLongLine: past a line longer than the limit, a file reads
// as it did through bufio.Reader, fills of 64 KiB and all.
func TestPlainReaderLongLine(t *testing.T) {
	head := "unit,measure,period,actual\n" + strings.Repeat("org,revenue,2026-01,1\n", 2000)
	for _, long := range []int{MaxLineBytes - 1, MaxLineBytes, MaxLineBytes + 1, 2 * MaxLineBytes, 3*MaxLineBytes + 7} {
		s := head + strings.Repeat("x", long) + "\n" + strings.Repeat("org,cost,2026-02,2\n", 5000)
		want := plainLines(newBufioPlain(&lineLimiter{r: strings.NewReader(s)}, readSize))
		got := plainLines(newPlainReader(&lineLimiter{r: strings.NewReader(s)}, readSize))
		if !slices.Equal(got, want) {
			t.Errorf("a line of %d bytes: %d records, last %.40q; want %d, last %.40q", long, len(got), got[len(got)-1], len(want), want[len(want)-1])
		}
	}
}

// failing reads s, and fails with the bytes that pass offset at.
type failing struct {
	s  string
	at int
}

var errFailing = errors.New("failing")

func (f *failing) Read(p []byte) (int, error) {
	if f.s == "" {
		return 0, io.EOF
	}
	n := copy(p, f.s)
	f.s, f.at = f.s[n:], f.at-n
	if f.at < 0 {
		return n, errFailing
	}
	return n, nil
}

// plainLines lists the records of rs, each field with its position, and
// the error that ends them.
func plainLines(rs records) []string {
	var out []string
	for {
		rec, err := rs.Read()
		if err != nil {
			return append(out, err.Error())
		}
		for i, f := range rec {
			line, col := rs.FieldPos(i)
			out = append(out, fmt.Sprintf("%d:%d:%q", line, col, f))
		}
		out = append(out, "|")
	}
}

// bufioPlain is plainReader as it was over a bufio.Reader: a string per
// line, from ReadSlice.
type bufioPlain struct {
	r *bufio.Reader
	p plainReader // its lines, split and FieldPos
}

func newBufioPlain(r io.Reader, size int) *bufioPlain {
	return &bufioPlain{r: bufio.NewReaderSize(r, size)}
}

func (b *bufioPlain) Read() ([]string, error) {
	for {
		l, err := b.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long := slices.Clone(l)
			for err == bufio.ErrBufferFull {
				l, err = b.r.ReadSlice('\n')
				long = append(long, l...)
			}
			l = long
		}
		if len(l) > 0 && err == io.EOF {
			err = nil
		}
		b.p.line++
		if err != nil {
			return nil, err
		}
		l = bytes.TrimSuffix(l, []byte{'\n'})
		if len(l) == 0 {
			continue
		}
		b.p.split(string(l))
		return b.p.rec, nil
	}
}

func (b *bufioPlain) FieldPos(i int) (int, int) { return b.p.FieldPos(i) }

// TestIsPlain: a quote or a carriage return anywhere, even past the first
// buffer's worth, sends a file to encoding/csv.
func TestIsPlain(t *testing.T) {
	long := strings.Repeat("a,b\n", 40000) // 160,000 bytes: more than one read
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{long, true},
		{long + `"x"` + "\n", false},
		{long + "x\r\n", false},
		{`"unit",measure` + "\n" + long, false},
	} {
		if got := isPlain(bytes.NewReader([]byte(tc.s))); got != tc.want {
			t.Errorf("isPlain of %d bytes ending %q = %v", len(tc.s), tc.s[len(tc.s)-8:], got)
		}
	}
}
