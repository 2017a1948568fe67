package locale

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	num "github.com/scorecard-dev/scorecard/generator/internal/number"
)

// number is how a language writes numbers, from its CLDR tables.
type number struct {
	digits                *[10]string // nil for ASCII digits
	decimal, group, minus string
	primary, secondary    int // digits in the last group and in the others
	minGroup              int // digits a whole part needs before it is grouped at all
	percent               pattern
	currency, alpha       pattern // alpha: when the symbol ends in a letter next to the number
	short, long, curShort *compactTable
}

// pattern is a CLDR number pattern split around its number: the text before
// and after it, for positive and for negative numbers. A negative without a
// pattern of its own is the positive one after a minus sign.
type pattern struct {
	pre, post       string
	negPre, negPost string
	hasNeg          bool
}

// parsePattern splits p ("#,##0 %", "¤#,##0.00;(¤#,##0.00)"), with "%"
// and "-" in its text written as the language's signs.
func parsePattern(p, percentSign, minus string) pattern {
	pos, neg, hasNeg := strings.Cut(p, ";")
	var out pattern
	out.pre, out.post = affixes(pos, percentSign, minus)
	if hasNeg {
		out.negPre, out.negPost = affixes(neg, percentSign, minus)
		out.hasNeg = true
	}
	return out
}

// affixes are the text before and after the number of a pattern.
func affixes(p, percentSign, minus string) (pre, post string) {
	first := strings.IndexAny(p, "#0")
	last := strings.LastIndexAny(p, "#0")
	if first < 0 {
		return unquote(p), ""
	}
	sub := func(s string) string {
		s = strings.ReplaceAll(s, "%", "\x00")
		s = strings.ReplaceAll(s, "-", minus)
		return strings.ReplaceAll(unquote(s), "\x00", percentSign)
	}
	return sub(p[:first]), sub(p[last+1:])
}

func newNumber(t *numberTable) number {
	n := number{decimal: t.decimal, group: t.group, minus: t.minus, minGroup: t.minGroup,
		short: t.short, long: t.long, curShort: t.currencyShort, primary: 3}
	if t.digits != "" {
		var d [10]string
		i := 0
		for _, r := range t.digits {
			if i < 10 {
				d[i] = string(r)
			}
			i++
		}
		n.digits = &d
	}
	// "#,##,##0.###": the last group has 3 digits, the others 2.
	whole, _, _ := strings.Cut(t.decimalPattern, ".")
	if i := strings.LastIndexByte(whole, ','); i >= 0 {
		n.primary = len(whole) - i - 1
		n.secondary = n.primary
		if j := strings.LastIndexByte(whole[:i], ','); j >= 0 {
			n.secondary = i - j - 1
		}
	}
	n.percent = parsePattern(t.percentPattern, t.percentSign, t.minus)
	n.currency = parsePattern(t.currencyPattern, t.percentSign, t.minus)
	n.alpha = n.currency
	if t.currencyAlpha != "" {
		n.alpha = parsePattern(t.currencyAlpha, t.percentSign, t.minus)
	}
	return n
}

// appendDigits appends ASCII digits in the language's digits.
func (n *number) appendDigits(b, digits []byte) []byte {
	if n.digits == nil {
		return append(b, digits...)
	}
	for _, c := range digits {
		b = append(b, n.digits[c-'0']...)
	}
	return b
}

// appendNumber appends a rounded number's digits with the language's
// separators, without its sign.
func (n *number) appendNumber(b []byte, intPart, frac []byte, grouping bool) []byte {
	if !grouping || len(intPart) < n.primary+n.minGroup {
		b = n.appendDigits(b, intPart)
	} else {
		// The groups from the left: the first is what is left over.
		cut := []int{len(intPart) - n.primary}
		for at := cut[0]; at > n.secondary; at -= n.secondary {
			cut = append(cut, at-n.secondary)
		}
		from := 0
		for i := len(cut) - 1; i >= 0; i-- {
			b = n.appendDigits(b, intPart[from:cut[i]])
			b = append(b, n.group...)
			from = cut[i]
		}
		b = n.appendDigits(b, intPart[from:])
	}
	if len(frac) > 0 {
		b = append(b, n.decimal...)
		b = n.appendDigits(b, frac)
	}
	return b
}

// AppendNumber appends v as f shows it — rounded, grouped, a percentage
// with the language's percent pattern — without currency or scale: the
// number of a threshold, a tolerance, an axis.
func (l *Locale) AppendNumber(b []byte, f num.Format, v float64) []byte {
	if !num.Finite(v) {
		return append(b, "–"...)
	}
	var buf [40]byte
	neg, intPart, frac := f.Digits(buf[:0], v)
	if !f.Percent {
		if neg {
			b = append(b, l.num.minus...)
		}
		return l.num.appendNumber(b, intPart, frac, f.Grouping)
	}
	pre, post := l.num.percent.around(neg, l.num.minus)
	b = append(b, pre...)
	b = l.num.appendNumber(b, intPart, frac, f.Grouping)
	return append(b, post...)
}

// Percent is v, a number of percent (55 is 55 %), as f shows it with the
// language's percent pattern: unlike a format with Percent, which shows a
// fraction (0.55), it does not multiply, so 74.85 rounds as written.
func (l *Locale) Percent(f num.Format, v float64) string {
	if !num.Finite(v) {
		return "–"
	}
	f.Percent = false
	var buf, out [48]byte
	neg, intPart, frac := f.Digits(buf[:0], v)
	pre, post := l.num.percent.around(neg, l.num.minus)
	b := append(out[:0], pre...)
	b = l.num.appendNumber(b, intPart, frac, f.Grouping)
	return string(append(b, post...))
}

// around is the text the pattern puts before and after a number: a
// negative one's own, or the positive one's after a minus sign.
func (p *pattern) around(neg bool, minus string) (pre, post string) {
	switch {
	case !neg:
		return p.pre, p.post
	case p.hasNeg:
		return p.negPre, p.negPost
	}
	return minus + p.pre, p.post
}

// Number is AppendNumber as a string.
func (l *Locale) Number(f num.Format, v float64) string {
	var buf [48]byte
	return string(l.AppendNumber(buf[:0], f, v))
}

var (
	scoreFormat = num.Format{MinDec: 1, MaxDec: 1}
	intFormat   = num.Format{Grouping: true}
)

// Score is a score of the 0–10 scale to one decimal, or "–" when there is
// none.
func (l *Locale) Score(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return l.Number(scoreFormat, v)
}

// Int is a count.
func (l *Locale) Int(n int) string {
	if l.num.digits == nil && n >= 0 && n < 1000 {
		return strconv.Itoa(n)
	}
	return l.Number(intFormat, float64(n))
}

// Year is a year's number as dates show it: never grouped.
func (l *Locale) Year(y int) string {
	if l.num.digits == nil {
		return strconv.Itoa(y)
	}
	return string(l.num.appendDigits(nil, []byte(strconv.Itoa(y))))
}

// AppendValue appends a measure's value: v as f shows it, scaled, with the
// display unit after it or, when f shows a currency, the unit's symbol
// where the language puts it.
func (l *Locale) AppendValue(b []byte, f num.Format, unit string, v float64) []byte {
	if !num.Finite(v) {
		return append(b, "–"...)
	}
	if f.Scale == num.NoScale && !f.Currency {
		b = l.AppendNumber(b, f, v)
		if unit != "" {
			b = append(b, ' ')
			b = append(b, unit...)
		}
		return b
	}
	var buf [40]byte
	sc := l.scaled(buf[:0], f, v)
	if !f.Currency {
		if sc.neg {
			b = append(b, l.num.minus...)
		}
		b = append(b, sc.pre...)
		b = l.num.appendNumber(b, sc.intPart, sc.frac, f.Grouping)
		b = append(b, sc.post...)
		if unit != "" {
			b = append(b, ' ')
			b = append(b, unit...)
		}
		return b
	}
	sym := l.CurrencySymbol(unit)
	start := len(b)
	pre, post := sc.pre, sc.post
	if sc.neg {
		b = append(b, l.num.minus...)
	}
	if !sc.currency {
		// The currency pattern places the symbol around the number and
		// the scale's words; a compact currency pattern ("¤0K") holds it.
		p := &l.num.currency
		if alphaNext(p, sym) {
			p = &l.num.alpha
		}
		b = b[:start]
		cpre, cpost := p.around(sc.neg, l.num.minus)
		pre, post = cpre+pre, post+cpost
	}
	b = append(b, strings.ReplaceAll(pre, "¤", sym)...)
	b = l.num.appendNumber(b, sc.intPart, sc.frac, f.Grouping)
	return append(b, strings.ReplaceAll(post, "¤", sym)...)
}

// Compact is Value for a narrow box, a headline tile or the board pack: a
// number the language shortens in its short compact form, with one
// decimal ("89.0M", "1,2 Mio. €"), and any other as f shows it: a number
// below a thousand, one the language does not shorten (German below a
// million), a percentage, and one f scales itself.
func (l *Locale) Compact(f num.Format, unit string, v float64) string {
	if f.Percent || (f.Scale != num.NoScale && f.Scale != num.Compact) || !num.Finite(v) {
		return l.Value(f, unit, v)
	}
	c := f
	c.Scale, c.MinDec, c.MaxDec = num.Compact, 1, 1
	var buf [40]byte
	if sc := l.scaled(buf[:0], c, v); sc.pre == "" && sc.post == "" {
		return l.Value(f, unit, v)
	}
	return l.Value(c, unit, v)
}

// alphaNext reports whether the currency symbol's letter would touch the
// number in pattern p: CLDR's currency spacing then puts a space between
// them ("CHF 12", "12 USD"), which its alphaNextToNumber pattern holds.
func alphaNext(p *pattern, sym string) bool {
	isAlpha := func(r rune) bool { return !unicode.IsSymbol(r) && !unicode.IsSpace(r) && r != utf8.RuneError }
	if strings.HasSuffix(p.pre, "¤") {
		r, _ := utf8.DecodeLastRuneInString(sym)
		return isAlpha(r)
	}
	if strings.HasPrefix(p.post, "¤") {
		r, _ := utf8.DecodeRuneInString(sym)
		return isAlpha(r)
	}
	return false
}

// Value is AppendValue as a string.
func (l *Locale) Value(f num.Format, unit string, v float64) string {
	var buf [64]byte
	return string(l.AppendValue(buf[:0], f, unit, v))
}

// scaledNumber is a value divided for its scale, rounded, with the text
// the scale puts around it.
type scaledNumber struct {
	neg           bool
	intPart, frac []byte
	pre, post     string
	currency      bool // pre or post holds the currency sign
}

// scaled divides v for f's scale. A fixed scale uses the language's short
// form of its power when that is one digit and a word ("0K", "0 Mio."),
// else its long form ("0 Tausend", "0 mil millones"); Compact takes, as
// CLDR's short forms do, the largest power the rounded value reaches, and
// leaves a value unscaled where the language does not shorten it.
func (l *Locale) scaled(buf []byte, f num.Format, v float64) scaledNumber {
	f.Percent = false
	tables := []*compactTable{l.num.short, l.num.long}
	if f.Currency {
		tables = []*compactTable{l.num.curShort, l.num.short, l.num.long}
	}
	unscaled := func() scaledNumber {
		neg, i, fr := f.Digits(buf, v)
		return scaledNumber{neg: neg, intPart: i, frac: fr}
	}
	if f.Scale == num.NoScale {
		return unscaled()
	}
	if f.Scale != num.Compact {
		k := f.Scale.Power() - 3
		for _, t := range tables {
			if sc, ok := l.scaleBy(buf, f, v, t, k, true); ok {
				return sc.scaledNumber
			}
		}
		return unscaled()
	}
	abs := v
	if abs < 0 {
		abs = -abs
	}
	k := -1
	for p, e := 0, 1e3; p < powers && abs >= e; p, e = p+1, e*10 {
		k = p
	}
	for ; k >= 0 && k < powers; k++ {
		sc, ok := l.scaleBy(buf, f, v, tables[0], k, false)
		if !ok {
			return unscaled()
		}
		// 999.96K rounds to 1,000.0K: the next power says it as 1.0M.
		if len(sc.intPart) <= sc.zeros || k == powers-1 {
			return sc.scaledNumber
		}
	}
	return unscaled()
}

type scaledBy struct {
	scaledNumber
	zeros int
}

// scaleBy divides v by the power of compact pattern k of t (10^(k+3), or
// less for a pattern with more than one zero: "00K" is 10^4 as tens of
// thousands). With one, only a pattern of one zero will do.
func (l *Locale) scaleBy(buf []byte, f num.Format, v float64, t *compactTable, k int, one bool) (scaledBy, bool) {
	other := t[k][forms-1]
	zeros := strings.Count(other, "0")
	if zeros == 0 || (one && zeros != 1) || strings.Trim(unquote(other), "0") == "" {
		return scaledBy{}, false
	}
	x := v
	for range k + 3 - zeros + 1 {
		x /= 10
	}
	neg, intPart, frac := f.Digits(buf, x)
	p := t[k][l.pluralOf(intPart, frac)]
	if p == "" {
		p = other
	}
	first, last := strings.IndexByte(p, '0'), strings.LastIndexByte(p, '0')
	pre, post := unquote(p[:first]), unquote(p[last+1:])
	return scaledBy{scaledNumber{neg: neg, intPart: intPart, frac: frac, pre: pre, post: post,
		currency: strings.Contains(pre+post, "¤")}, zeros}, true
}

// CurrencySymbol is how the language writes the currency with ISO 4217 code
// (USD: $ in English, US$ in Spanish, USD in Norwegian), from x/text's CLDR
// data; the code itself for one it does not know.
func (l *Locale) CurrencySymbol(code string) string {
	l.currencyMu.Lock()
	defer l.currencyMu.Unlock()
	if s, ok := l.currencies[code]; ok {
		return s
	}
	s := code
	if u, err := currency.ParseISO(code); err == nil {
		s = message.NewPrinter(l.tag).Sprint(currency.Symbol(u))
	}
	if l.currencies == nil {
		l.currencies = map[string]string{}
	}
	l.currencies[code] = s
	return s
}

// IsCurrency reports whether code is an ISO 4217 currency code.
func IsCurrency(code string) bool {
	_, err := currency.ParseISO(code)
	return err == nil && len(code) == 3
}

var _ = language.English

// Affixes are what the language writes around a value of f with unit when
// f has a currency or a fixed scale — the text before and after the number
// and the power of ten the number is divided by — for a chart's axis and
// tooltip, which format numbers in the browser. A compact scale varies
// with the value, so it is none of it.
func (l *Locale) Affixes(f num.Format, unit string) (pre, post string, power int) {
	probe := f
	probe.MinDec, probe.MaxDec, probe.Grouping = 0, 0, false
	if f.Scale == num.Compact {
		probe.Scale = num.NoScale
	}
	power = probe.Scale.Power()
	v := 1.0
	for range power {
		v *= 10
	}
	s := l.Value(probe, unit, v)
	one := string(l.num.appendDigits(nil, []byte("1")))
	i := strings.Index(s, one)
	if i < 0 {
		return "", "", 0
	}
	pre, post = s[:i], s[i+len(one):]
	if !f.Currency && unit != "" {
		post = strings.TrimSuffix(post, " "+unit)
	}
	return pre, post, power
}
