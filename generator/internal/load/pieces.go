package load

import (
	"io"
	"runtime"
	"sync"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// A plain data file (plain.go) has a record on every line, so it can be
// cut at any line start and each piece read on its own: the rows of a
// large file are then read by as many goroutines as there are CPUs rather
// than by one, which on the L workload (a third of its rows in one file)
// kept the rows' checking waiting for the one reading them. Each piece's
// rows and problems are handed over whole and in order, exactly as reading
// the file from start to end would hand them over; an error that ends the
// reading of a piece (a line too long) ends the file there, as it would.

// pieceBytes is about how much of a plain data file a piece holds: about
// 3,500 rows of the L workload, 1.5 MB as rows read.
var pieceBytes int64 = 128 << 10

// SetPieceBytes sets how much of a plain data file a piece holds, until
// the function it returns sets it back: with a few hundred bytes, the
// small files of a test are read in many pieces, through batches reused
// many times over. It must not be called while rows are read.
func SetPieceBytes(n int64) (restore func()) {
	old := pieceBytes
	pieceBytes = n
	return func() { pieceBytes = old }
}

// cut is a line start of a plain file where a piece starts: its offset,
// and the lines before it.
type cut struct {
	off   int64
	lines int
}

// piece returns a reader of the rows of the plain file ra from at to the
// offset end, with the header r has read, that reads the text into the
// arena of the batch its rows go to.
func (r *csvReader) piece(ra io.ReaderAt, at cut, end int64, into *batch) *csvReader {
	limit := &lineLimiter{r: io.NewSectionReader(ra, at.off, end-at.off), line: at.lines}
	// Room for the piece's bytes and a window of the reader's buffer past
	// them, with some to spare for the pieces after it, which differ in
	// length by a line or so.
	if n := int(end-at.off) + readSize; cap(into.text) < n {
		into.text = make([]byte, n+n/8)
	}
	a := into.text[:cap(into.text)]
	pr := &plainReader{src: limit, buf: a[:readSize:readSize], arena: &into.text, line: at.lines}
	return &csvReader{name: r.name, cr: pr, plain: pr, index: r.index, width: r.width, layout: r.layout, limit: limit}
}

// readPieces reads the rows of a plain file whose first piece, up to
// cuts[0], first reads, and ra the whole, each piece by a goroutine of its
// own, up to a few pieces ahead of the one handed over; cuts[k-1] to
// cuts[k] is piece k. pending are the problems before the first row.
func (fr *fileReader) readPieces(first *csvReader, ra io.ReaderAt, cuts []cut, pending diag.List, spare chan *batch) {
	type result struct {
		rows   *batch
		broken bool
	}
	results := make([]chan result, len(cuts))
	var running sync.WaitGroup
	defer running.Wait() // the caller closes the file
	start := func(k int) {
		ch := make(chan result, 1)
		results[k] = ch
		running.Go(func() {
			r, pend, lines := first, pending, cuts[0].lines-1 // the header is no row
			if k > 0 {
				lines = cuts[k].lines - cuts[k-1].lines
			}
			// A row a line, most often.
			rows := batchOf(spare, r.name, lines)
			if k > 0 {
				r, pend = first.piece(ra, cuts[k-1], cuts[k].off, rows), diag.List{}
			}
			r.dl = &pend
			ch <- result{r.gather(rows, nil), r.broken}
		})
	}
	ahead := max(runtime.GOMAXPROCS(0), 1) + 1
	for k := range min(ahead, len(cuts)) {
		start(k)
	}
	for k := range cuts {
		res := <-results[k]
		select {
		case fr.out <- res.rows:
		case <-fr.stop:
			return
		}
		if res.broken {
			return
		}
		if k+ahead < len(cuts) {
			start(k + ahead)
		}
	}
}
