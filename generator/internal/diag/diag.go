// Package diag holds positioned diagnostics: the errors and warnings that a build
// reports as path:line:col: message.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; zero means unknown.
//
// Sheet, when set, makes it a cell of a workbook (Sheet is the sheet's name,
// Line its row and Col its column) or, with File empty, a cell of the result
// of a database query (Sheet is the source's name, Line the result's row).
type Pos struct {
	File  string
	Sheet string
	Line  int
	Col   int
}

// String formats p as file:line:col, leaving out the parts that are unknown;
// a cell of a workbook as file:Sheet!C7, the way spreadsheets name cells; a
// row of a database source as "source NAME, row N, column C".
func (p Pos) String() string {
	if p.Sheet != "" {
		return p.cell()
	}
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Severity tells errors from warnings.
type Severity uint8

const (
	// Error makes the build fail.
	Error Severity = iota
	// Warning is reported and, with --strict, makes the build fail too.
	Warning
)

// Diagnostic is one message at one position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

// String formats d as "path:line:col: message", with "warning: " before the message
// of a warning.
func (d Diagnostic) String() string {
	prefix := ""
	if d.Severity == Warning {
		prefix = "warning: "
	}
	if d.Pos.File == "" && d.Pos.Sheet == "" {
		return prefix + d.Msg
	}
	return d.Pos.String() + ": " + prefix + d.Msg
}

// Compare orders diagnostics by file, line, column and then message, so that
// output does not depend on the order in which problems were found.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Sheet, b.Pos.Sheet),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// MaxPerList bounds how many diagnostics one List keeps; beyond it only a count
// is kept, so that a broken million-row file cannot exhaust memory.
const MaxPerList = 10000

// List collects diagnostics. The zero value is ready to use. A List is not safe
// for concurrent use; give each goroutine its own and Merge them.
type List struct {
	items   []Diagnostic
	dropped [2]int // by severity
}

// Errorf adds an error at pos. A string argument formatted with %q is quoted
// by Quote, so that no message repeats more than the start of a long value.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Msg: sprintf(format, args)})
}

// Warnf adds a warning at pos; string arguments are quoted as by Errorf.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Msg: sprintf(format, args)})
}

// Add adds d, or counts it when the list is full.
func (l *List) Add(d Diagnostic) {
	if len(l.items) >= MaxPerList {
		l.dropped[d.Severity]++
		return
	}
	l.items = append(l.items, d)
}

// Merge adds every diagnostic of o to l.
func (l *List) Merge(o *List) {
	for _, d := range o.items {
		l.Add(d)
	}
	l.dropped[Error] += o.dropped[Error]
	l.dropped[Warning] += o.dropped[Warning]
}

// Count returns how many diagnostics of severity s were reported, kept or not.
func (l *List) Count(s Severity) int {
	n := l.dropped[s]
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Empty reports whether nothing was reported to l, kept or only counted.
func (l *List) Empty() bool { return len(l.items) == 0 && l.dropped == [2]int{} }

// HasErrors reports whether any error was reported.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Sorted returns the kept diagnostics of severity s in Compare order.
func (l *List) Sorted(s Severity) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.items {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, Compare)
	return out
}

// Promote turns every warning into an error; it is what --strict does.
func (l *List) Promote() {
	for i := range l.items {
		l.items[i].Severity = Error
	}
	l.dropped[Error] += l.dropped[Warning]
	l.dropped[Warning] = 0
}

// Err returns nil when l holds no error, and otherwise an *Errors with every
// error in sorted order.
func (l *List) Err() error {
	n := l.Count(Error)
	if n == 0 {
		return nil
	}
	return &Errors{List: l.Sorted(Error), Total: n}
}

// Errors is the error a failed build returns: every error it found, sorted.
type Errors struct {
	List  []Diagnostic
	Total int // may exceed len(List) when a List overflowed
}

func (e *Errors) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	if more := e.Total - len(e.List); more > 0 {
		fmt.Fprintf(&b, "\n... and %d more errors", more)
	}
	return b.String()
}

// Suggest returns the known name closest to k, if one is close enough to be a typo.
func Suggest(k string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if strings.EqualFold(n, k) {
			return n
		}
		if dist := levenshtein(strings.ToLower(k), n); dist < bestDist {
			best, bestDist = n, dist
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
