package load

import (
	"flag"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// The CSV files of a site are parsed ahead of the rows' checking, each by
// a goroutine of its own, a few files at a time; their rows and problems
// reach the caller in file order, exactly as one loop reading them would
// hand them over. On the L workload parsing is half the time of placing
// the rows, and it now runs beside it.

// aheadBatch is how many rows a reader hands over at a time.
const aheadBatch = 512

// batch is the rows a reader hands over at once, of one file, each with
// the problems reported before it since the row before.
//
// A row is most often a measure's, each cell on the row's line: it is kept
// in short form, a third of a Row's size. Rows are written into a batch by
// one goroutine and read back by another, from memory no cache holds any
// more: on the L workload that traffic, not the work on the rows, was the
// cost of handing them over.
type batch struct {
	file  string
	items []aheadItem
	full  []Row // the rows not kept in short form
	// notes are the problems, each list before items[at]; at len(items),
	// those after the last row.
	notes []batchNotes
	// text is the text of a piece read into the batch (pieces.go), which
	// its rows point into: it is overwritten once the batch is spare, so
	// the rows' strings must not be kept past the yield that hands them
	// over (readCSVFiles).
	text []byte
}

type batchNotes struct {
	at   int
	list diag.List
}

// aheadItem is a row in short form: a Row whose Sheet, initiative,
// progress and status are empty, and each of whose columns is on its
// line; or, when full is not -1, the row full[full] of its batch.
type aheadItem struct {
	unit, measure, period string
	vals                  [4]float64
	line                  int
	cols                  [numCols]int32
	full                  int32
	has                   uint8 // bit k: vals[k] is a value
}

// add appends row r, and before it the problems in dl, which it empties.
func (b *batch) add(r *Row, dl *diag.List) {
	if !short(r, b.file) {
		b.note(dl)
		b.items = append(b.items, aheadItem{full: int32(len(b.full))})
		b.full = append(b.full, *r)
		return
	}
	it := b.next()
	*it = aheadItem{unit: r.Unit, measure: r.Measure, period: r.Period, line: r.Line, cols: r.Cols, full: -1}
	for k, v := range r.Values {
		it.vals[k] = v.V
		if v.OK {
			it.has |= 1 << k
		}
	}
	b.addNext(dl)
}

// next returns where the next row in short form goes, which addNext then
// adds.
func (b *batch) next() *aheadItem {
	n := len(b.items)
	if n == cap(b.items) {
		b.items = slices.Grow(b.items, 1)
	}
	return &b.items[:n+1][n]
}

// addNext appends the row written where next said, and before it the
// problems in dl, which it empties.
func (b *batch) addNext(dl *diag.List) {
	b.note(dl)
	b.items = b.items[:len(b.items)+1]
}

// note adds the problems in dl, before the next row, and empties dl.
func (b *batch) note(dl *diag.List) {
	if !dl.Empty() {
		b.notes = append(b.notes, batchNotes{at: len(b.items), list: *dl})
		*dl = diag.List{}
	}
}

// short reports whether r can be kept in short form, in a batch of file.
func short(r *Row, file string) bool {
	if r.File != file || r.Sheet != "" || r.Initiative != "" || r.Status != "" || r.Progress != [2]model.Opt{} {
		return false
	}
	for c, col := range r.Cols {
		if line := int(r.ColLines[c]); col != 0 && line != r.Line || col == 0 && line != 0 {
			return false
		}
	}
	return true
}

// row returns item i as a Row: in into when it is in short form.
func (b *batch) row(i int, into *Row) *Row {
	it := &b.items[i]
	if it.full >= 0 {
		return &b.full[it.full]
	}
	*into = Row{File: b.file, Line: it.line, Unit: it.unit, Measure: it.measure, Period: it.period, Cols: it.cols}
	for k, v := range it.vals {
		into.Values[k] = model.Opt{V: v, OK: it.has&(1<<k) != 0}
	}
	for c, col := range it.cols {
		if col != 0 {
			into.ColLines[c] = int32(it.line) // short says it fits
		}
	}
	return into
}

// reset empties b for the rows of file.
func (b *batch) reset(file string) *batch {
	b.file, b.items, b.full = file, b.items[:0], b.full[:0]
	for i := range b.notes {
		b.notes[i] = batchNotes{}
	}
	b.notes = b.notes[:0]
	return b
}

// fileReader reads one file ahead.
type fileReader struct {
	out  chan *batch
	stop chan struct{}
}

// readAhead starts reading the CSV file name in a goroutine of its own.
func readAhead(fsys fs.FS, name string, spare chan *batch) *fileReader {
	fr := &fileReader{out: make(chan *batch, 2), stop: make(chan struct{})}
	go fr.read(fsys, name, spare)
	return fr
}

func (fr *fileReader) read(fsys fs.FS, name string, spare chan *batch) {
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
	send := func(b *batch) (*batch, bool) {
		select {
		case fr.out <- b:
			return newBatch(spare, name), true
		case <-fr.stop:
			return nil, false
		}
	}
	b := newBatch(spare, name)
	if r != nil {
		b = r.gather(b, send)
	} else {
		b.note(&pending)
	}
	if b != nil {
		send(b)
	}
}

// gather adds to b the rows r reads, each with the problems r reported
// since the row before, and then the problems after the last row. Each
// time b holds aheadBatch rows it hands b to flush, if not nil, and goes
// on with the batch flush returns; when flush says to stop, so does
// gather, and it returns nil.
func (r *csvReader) gather(b *batch, flush func(*batch) (*batch, bool)) *batch {
	added := func() bool {
		if flush == nil || len(b.items) < aheadBatch {
			return true
		}
		var more bool
		b, more = flush(b)
		return more
	}
	row := func(row *Row) bool {
		b.add(row, r.dl)
		return added()
	}
	var all bool
	if r.quick() {
		all = r.quickRows(row, func(line string) (bool, bool) {
			// Read in place: a copy of the item from the reader's own
			// memory into the batch was a third of the readers' time.
			if !r.quickItem(line, b.next()) {
				return false, true
			}
			b.addNext(r.dl)
			return true, added()
		})
	} else {
		all = r.rows(row)
	}
	if !all {
		return nil
	}
	b.note(r.dl)
	return b
}

func newBatch(spare chan *batch, file string) *batch {
	return batchOf(spare, file, aheadBatch)
}

// batchOf returns an empty batch for n rows of file: a spare one if one is
// large enough, else a new one. Smaller spare batches met on the way are
// let go: the pieces of a large file want batches of thousands of rows.
func batchOf(spare chan *batch, file string, n int) *batch {
	for {
		select {
		case b := <-spare:
			if cap(b.items) >= n {
				return b.reset(file)
			}
		default:
			// Room for a quarter more, as pieces differ in rows a little.
			return &batch{file: file, items: make([]aheadItem, 0, n+n/4)}
		}
	}
}

// poisonSpare reports whether the text of a spare batch is to be made
// unreadable, so that a row's string kept past its yield shows in what a
// test compares: in tests, not in benchmarks, whose figures it would move.
var poisonSpare = sync.OnceValue(func() bool {
	if !testing.Testing() {
		return false
	}
	bench := flag.Lookup("test.bench")
	return bench == nil || bench.Value.String() == ""
})

// readCSVFiles reads the CSV files names in order, up to GOMAXPROCS of
// them ahead of the one whose rows it yields, with yield and dl as
// readCSV's. It reports whether it read them all: false when yield did.
func readCSVFiles(fsys fs.FS, names []string, dl *diag.List, yield func(*Row) bool) bool {
	ahead := max(runtime.GOMAXPROCS(0), 1)
	spare := make(chan *batch, 2*ahead+2)
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
		var row Row
		for b := range fr.out {
			notes := b.notes
			for j := range b.items {
				for len(notes) > 0 && notes[0].at == j {
					dl.Merge(&notes[0].list)
					notes = notes[1:]
				}
				if !yield(b.row(j, &row)) {
					return false
				}
			}
			for _, n := range notes {
				dl.Merge(&n.list)
			}
			if poisonSpare() {
				for i := range b.text {
					b.text[i] = 0xff
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
