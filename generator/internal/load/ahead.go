package load

import (
	"io"
	"io/fs"
	"runtime"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// The CSV files of a site are parsed ahead of the rows' checking, each by
// a goroutine of its own, a few files at a time; their rows and problems
// reach the caller in file order, exactly as one loop reading them would
// hand them over. On the L workload parsing is half the time of placing
// the rows, and it now runs beside it.

// aheadBatch is how many rows a reader hands over at a time.
const aheadBatch = 512

// aheadItem is a row read, with the problems reported before it since the
// row before; the last item of a file has no row (ok false), only the
// problems after its last row.
type aheadItem struct {
	row   Row
	ok    bool
	diags diag.List
}

// fileReader reads one file ahead.
type fileReader struct {
	out  chan []aheadItem
	stop chan struct{}
}

// readAhead starts reading the CSV file name in a goroutine of its own.
func readAhead(fsys fs.FS, name string, spare chan []aheadItem) *fileReader {
	fr := &fileReader{out: make(chan []aheadItem, 2), stop: make(chan struct{})}
	go fr.read(fsys, name, spare)
	return fr
}

func (fr *fileReader) read(fsys fs.FS, name string, spare chan []aheadItem) {
	defer close(fr.out)
	var pending diag.List
	r, f, cuts := openCSV(fsys, name, &pending, pieceBytes)
	if r != nil {
		defer f.Close()
		if len(cuts) > 0 {
			fr.readPieces(r, f.(io.ReaderAt), cuts, pending, spare)
			return
		}
	}
	send := func(b []aheadItem) ([]aheadItem, bool) {
		select {
		case fr.out <- b:
			return newBatch(spare), true
		case <-fr.stop:
			return nil, false
		}
	}
	b := newBatch(spare)
	if r != nil {
		b = r.gather(b, send)
	} else {
		b = append(b, aheadItem{diags: pending})
	}
	if b != nil {
		send(b)
	}
}

// gather appends to b the rows r reads, each with the problems r reported
// since the row before, and then an item with the problems after the last
// row. Each time b holds aheadBatch rows it hands b to flush, if not nil,
// and goes on with the batch flush returns; when flush says to stop, so
// does gather, and it returns nil.
func (r *csvReader) gather(b []aheadItem, flush func([]aheadItem) ([]aheadItem, bool)) []aheadItem {
	if !r.rows(func(row *Row) bool {
		b = append(b, aheadItem{row: *row, ok: true, diags: *r.dl})
		*r.dl = diag.List{}
		if flush == nil || len(b) < aheadBatch {
			return true
		}
		var more bool
		b, more = flush(b)
		return more
	}) {
		return nil
	}
	b = append(b, aheadItem{diags: *r.dl})
	*r.dl = diag.List{}
	return b
}

func newBatch(spare chan []aheadItem) []aheadItem {
	return batchOf(spare, aheadBatch+1)
}

// batchOf returns an empty batch for n items: a spare one if one is large
// enough, else a new one. Smaller spare batches met on the way are let go:
// the pieces of a large file want batches of thousands of rows.
func batchOf(spare chan []aheadItem, n int) []aheadItem {
	for {
		select {
		case b := <-spare:
			if cap(b) >= n {
				return b[:0]
			}
		default:
			// Room for a quarter more, as pieces differ in rows a little.
			return make([]aheadItem, 0, n+n/4)
		}
	}
}

// readCSVFiles reads the CSV files names in order, up to GOMAXPROCS of
// them ahead of the one whose rows it yields, with yield and dl as
// readCSV's. It reports whether it read them all: false when yield did.
func readCSVFiles(fsys fs.FS, names []string, dl *diag.List, yield func(*Row) bool) bool {
	ahead := max(runtime.GOMAXPROCS(0), 1)
	spare := make(chan []aheadItem, 2*ahead+2)
	readers := make([]*fileReader, len(names))
	start := func(i int) {
		if i < len(names) {
			readers[i] = readAhead(fsys, names[i], spare)
		}
	}
	for i := range min(ahead, len(names)) {
		start(i)
	}
	defer func() {
		for _, fr := range readers {
			if fr != nil {
				close(fr.stop)
			}
		}
	}()
	for i, fr := range readers {
		for b := range fr.out {
			for j := range b {
				it := &b[j]
				dl.Merge(&it.diags)
				if it.ok && !yield(&it.row) {
					return false
				}
			}
			select {
			case spare <- b:
			default:
			}
		}
		readers[i] = nil
		close(fr.stop)
		start(i + ahead)
	}
	return true
}
