// Package formula parses and evaluates the arithmetic of a formula measure:
// numbers, measure ids, + - * / and parentheses.
//
// Measure ids may contain hyphens, so a hyphen between two names is part of a
// name: "gross-profit" is one id and "revenue - cost" is a subtraction. The
// parser is our own rather than a general expression library because that rule,
// byte offsets for error messages, and the guarantee that nothing but arithmetic
// on ids can run are all simpler to hold in 250 lines than to configure away.
package formula

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
)

// MaxLen bounds the length of a formula, and maxDepth its nesting; both keep
// hostile input from costing more than a moment.
const (
	MaxLen   = 4096
	maxDepth = 64
)

// Expr is a parsed formula.
type Expr struct {
	src  string
	root node
	refs []string
	offs []int // byte offset of each ref's first use
}

// Refs returns the measure ids the formula uses, each once, in order of first use.
// Eval takes their values in this order.
func (e *Expr) Refs() []string { return e.refs }

// RefOffset returns the byte offset in the formula of the first use of
// Refs()[i], so that a message about that input can point at it.
func (e *Expr) RefOffset(i int) int { return e.offs[i] }

// String returns the source text of e.
func (e *Expr) String() string { return e.src }

// SyntaxError is a formula that does not parse. Offset is the byte offset in the
// formula where the problem is.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ErrDivZero is returned by Eval when a divisor is zero.
var ErrDivZero = errors.New("division by zero")

// RangeError is returned by Eval when an operation's result lies beyond the
// largest number a float64 holds, about ±1.8e308. Its operands were numbers;
// its result would be an infinity, which no page can show and no later
// operation can undo honestly, so the formula has no value.
type RangeError struct {
	Offset int    // byte offset of the operator in the formula
	Expr   string // the operation's source text, such as "a * b"
	X, Y   float64
	Op     byte
}

func (e *RangeError) Error() string { return e.What() + " (" + e.Operands() + ")" }

// What says which operation overflowed: "a * b is beyond ±1.8e308, …".
func (e *RangeError) What() string {
	return shorten(e.Expr) + " is beyond ±1.8e308, the largest a number can be"
}

// Operands are the operation with its values: "1e+200 * 1e+200".
func (e *RangeError) Operands() string { return fmt.Sprintf("%v %c %v", e.X, e.Op, e.Y) }

// shorten keeps a quoted piece of formula to about 60 bytes.
func shorten(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}

type node interface {
	eval(vals []float64) (float64, error)
}

type (
	num float64
	ref int
	neg struct{ x node }
	bin struct {
		op   byte
		l, r node
		off  int    // the operator's offset
		text string // the operation's source text
	}
)

func (n num) eval([]float64) (float64, error)      { return float64(n), nil }
func (n ref) eval(vals []float64) (float64, error) { return vals[n], nil }
func (n neg) eval(vals []float64) (float64, error) {
	v, err := n.x.eval(vals)
	return -v, err
}

func (n bin) eval(vals []float64) (float64, error) {
	l, err := n.l.eval(vals)
	if err != nil {
		return 0, err
	}
	r, err := n.r.eval(vals)
	if err != nil {
		return 0, err
	}
	var v float64
	switch n.op {
	case '+':
		v = l + r
	case '-':
		v = l - r
	case '*':
		v = l * r
	default:
		if r == 0 {
			return 0, ErrDivZero
		}
		v = l / r
	}
	// The operands are finite, so the result is an infinity only when it
	// overflowed, and never NaN.
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, &RangeError{Offset: n.off, Expr: n.text, X: l, Y: r, Op: n.op}
	}
	return v, nil
}

// Eval computes the formula with vals[i] as the value of Refs()[i].
func (e *Expr) Eval(vals []float64) (float64, error) {
	if len(vals) != len(e.refs) {
		return 0, fmt.Errorf("formula needs %d values, got %d", len(e.refs), len(vals))
	}
	return e.root.eval(vals)
}

// Parse parses src.
func Parse(src string) (*Expr, error) {
	if len(src) > MaxLen {
		return nil, &SyntaxError{0, fmt.Sprintf("formula is longer than %d bytes", MaxLen)}
	}
	if !utf8.ValidString(src) {
		return nil, &SyntaxError{0, "formula is not valid UTF-8"}
	}
	p := &parser{src: src, index: map[string]int{}}
	p.next()
	if p.tok.kind == tEOF {
		return nil, &SyntaxError{0, "formula is empty"}
	}
	root, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	switch p.tok.kind {
	case tEOF:
	case tBad:
		return nil, p.badToken()
	default:
		return nil, p.errorf("unexpected %s after the end of the expression", p.tok)
	}
	return &Expr{src: src, root: root, refs: p.refs, offs: p.offs}, nil
}

type kind uint8

const (
	tEOF kind = iota
	tNum
	tID
	tOp
	tLParen
	tRParen
	tBad
)

type token struct {
	kind kind
	text string
	op   byte
	off  int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of formula"
	case tNum:
		return "number " + diag.Clip(t.text)
	case tID:
		return "name " + diag.Quote(t.text)
	}
	return diag.Quote(t.text)
}

type parser struct {
	src   string
	pos   int
	tok   token
	end   int // the end offset of the token before tok
	refs  []string
	offs  []int
	index map[string]int
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{p.tok.off, fmt.Sprintf(format, args...)}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c >= 'A' && c <= 'Z'
}

// next reads the next token into p.tok.
func (p *parser) next() {
	p.end = p.tok.off + len(p.tok.text)
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	start := p.pos
	if p.pos >= len(p.src) {
		p.tok = token{kind: tEOF, off: start}
		return
	}
	c := p.src[p.pos]
	switch c {
	case '+', '-', '*', '/':
		p.pos++
		p.tok = token{kind: tOp, text: string(c), op: c, off: start}
		return
	case '(':
		p.pos++
		p.tok = token{kind: tLParen, text: "(", off: start}
		return
	case ')':
		p.pos++
		p.tok = token{kind: tRParen, text: ")", off: start}
		return
	}
	r, size := utf8.DecodeRuneInString(p.src[p.pos:])
	if op, ok := unicodeOps[r]; ok {
		p.pos += size
		p.tok = token{kind: tOp, text: string(r), op: op, off: start}
		return
	}
	if !isWordByte(c) || c == '-' {
		p.pos += size
		p.tok = token{kind: tBad, text: string(r), off: start}
		return
	}
	for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
		p.pos++
	}
	word := p.src[start:p.pos]
	p.tok = token{kind: classifyWord(word), text: word, off: start}
}

var unicodeOps = map[rune]byte{'−': '-', '×': '*', '÷': '/'}

func classifyWord(w string) kind {
	if _, err := strconv.ParseFloat(w, 64); err == nil && strings.Trim(w, "0123456789.") == "" && strings.Count(w, ".") <= 1 && w != "." {
		return tNum
	}
	if validID(w) {
		return tID
	}
	return tBad
}

// validID mirrors the id rule of the format: ^[a-z0-9][a-z0-9_-]{0,63}$.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i > 0 && (c == '_' || c == '-')
		if !ok {
			return false
		}
	}
	return true
}

// expr := term (("+" | "-") term)*
func (p *parser) expr(depth int) (node, error) {
	if depth > maxDepth {
		return nil, p.errorf("formula is nested more than %d levels deep", maxDepth)
	}
	start := p.tok.off
	l, err := p.term(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOp && (p.tok.op == '+' || p.tok.op == '-') {
		op, off := p.tok.op, p.tok.off
		p.next()
		r, err := p.term(depth)
		if err != nil {
			return nil, err
		}
		l = bin{op, l, r, off, p.src[start:p.end]}
	}
	return l, nil
}

// term := unary (("*" | "/") unary)*
func (p *parser) term(depth int) (node, error) {
	start := p.tok.off
	l, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOp && (p.tok.op == '*' || p.tok.op == '/') {
		op, off := p.tok.op, p.tok.off
		p.next()
		r, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		l = bin{op, l, r, off, p.src[start:p.end]}
	}
	return l, nil
}

// unary := ("-" | "+") unary | primary
func (p *parser) unary(depth int) (node, error) {
	if p.tok.kind == tOp && (p.tok.op == '-' || p.tok.op == '+') {
		if depth > maxDepth {
			return nil, p.errorf("formula is nested more than %d levels deep", maxDepth)
		}
		op := p.tok.op
		p.next()
		x, err := p.unary(depth + 1)
		if err != nil || op == '+' {
			return x, err
		}
		return neg{x}, nil
	}
	return p.primary(depth)
}

// primary := number | id | "(" expr ")"
func (p *parser) primary(depth int) (node, error) {
	t := p.tok
	switch t.kind {
	case tNum:
		v, _ := strconv.ParseFloat(t.text, 64)
		p.next()
		return num(v), nil
	case tID:
		p.next()
		i, ok := p.index[t.text]
		if !ok {
			i = len(p.refs)
			p.index[t.text] = i
			p.refs = append(p.refs, t.text)
			p.offs = append(p.offs, t.off)
		}
		return ref(i), nil
	case tLParen:
		p.next()
		x, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.errorf("expected \")\" to close \"(\", found %s", p.tok)
		}
		p.next()
		return x, nil
	case tBad:
		return nil, p.badToken()
	}
	return nil, p.errorf("expected a measure id, a number or \"(\", found %s", t)
}

func (p *parser) badToken() error {
	t := p.tok
	if strings.ToLower(t.text) != t.text && validID(strings.ToLower(t.text)) {
		return p.errorf("%q is not a measure id: ids are lower-case", t.text)
	}
	return p.errorf("unexpected %q: a formula holds measure ids, numbers, + - * / and parentheses", t.text)
}
