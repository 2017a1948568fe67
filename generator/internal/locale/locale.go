// Package locale is how pages in a language write numbers, currencies,
// dates and periods, and which way they run: the conventions of Unicode
// CLDR for the site's language tag. The data is CLDR 48's, generated into
// tables.go by gen.go (see SOURCE.txt); the plural rules, currency symbols
// and the matching of a language tag to the locales the tables hold come
// from golang.org/x/text.
package locale

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// The tables' types; gen.go writes their values.
const (
	powers = 12 // compact forms for 10^3 to 10^14
	forms  = 6  // plural forms: zero, one, two, few, many, other
)

type numberTable struct {
	digits, decimal, group, minus, percentSign string
	minGroup                                   int
	decimalPattern, percentPattern             string
	currencyPattern, currencyAlpha             string
	short, long, currencyShort                 *compactTable
}

// compactTable holds the compact patterns ("0K", "00 Mio'.'") by power and
// plural form; an empty form is the same as "other".
type compactTable [powers][forms]string

type dateTable struct {
	months                                       [4][12]string // format wide, format abbreviated, stand-alone wide, stand-alone abbreviated
	quarters                                     [4]string     // abbreviated
	yearMonth, yearMonthShort, yearQuarter, date string        // the patterns of the skeletons yMMMM, yMMM, yQQQ, yMMMd
}

type table struct {
	rtl     bool
	numbers *numberTable
	dates   *dateTable
}

// Locale is the conventions of one language. It is made once per build
// and only read after.
type Locale struct {
	tag  language.Tag // for the plural rules
	name string       // the CLDR locale the tag matched
	rtl  bool
	num  number
	date *dateTable

	periodOnce sync.Once
	periods    []monthNames // named months from namedMonthsFrom
	currencyMu sync.Mutex
	currencies map[string]string // symbol by ISO code
}

// available is every locale of the tables, English first: the matcher
// falls back to the first.
var available = sync.OnceValues(func() ([]string, language.Matcher) {
	names := make([]string, 0, len(tables))
	for n := range tables {
		if n != "en" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	names = append([]string{"en"}, names...)
	tags := make([]language.Tag, len(names))
	for i, n := range names {
		tags[i] = language.MustParse(n)
	}
	return names, language.NewMatcher(tags)
})

// New returns the conventions of the language tag (en, de-CH, ar): those of
// the CLDR locale that matches it best, English when none does.
func New(tag string) *Locale {
	t, err := language.Parse(tag)
	if err != nil {
		t = language.English
	}
	names, m := available()
	name := "en"
	if _, i, conf := m.Match(t); conf != language.No {
		name = names[i]
	}
	if _, ok := tables[tag]; ok {
		name = tag // an exact name needs no matching: ar-MA is ar-MA
	}
	tb := tables[name]
	return &Locale{tag: t, name: name, rtl: tb.rtl, num: newNumber(tb.numbers), date: tb.dates}
}

// Name is the CLDR locale whose conventions l follows.
func (l *Locale) Name() string { return l.name }

// RTL reports whether the language is written right to left.
func (l *Locale) RTL() bool { return l.rtl }

// Dir is the value of an HTML dir attribute for the language.
func (l *Locale) Dir() string {
	if l.rtl {
		return "rtl"
	}
	return "ltr"
}

// Plural is the plural form (zero, one, two, few, many or other) of a count
// n in the language: which of a message's forms to use.
func (l *Locale) Plural(n int) string {
	if n < 0 {
		n = -n
	}
	return formNames[formOf(plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0))]
}

// formNames are the plural forms in the order of the tables.
var formNames = [forms]string{"zero", "one", "two", "few", "many", "other"}

// FormIndex is the index of the plural form called name, or -1.
func FormIndex(name string) int { return slices.Index(formNames[:], name) }

// formOf is the tables' index of an x/text plural form.
func formOf(f plural.Form) int {
	switch f {
	case plural.Zero:
		return 0
	case plural.One:
		return 1
	case plural.Two:
		return 2
	case plural.Few:
		return 3
	case plural.Many:
		return 4
	}
	return 5
}

// pluralOf is the plural form of a number shown with the digits of its
// whole part and of its fraction (ASCII), as CLDR's operands take them.
func (l *Locale) pluralOf(intPart, frac []byte) int {
	i := 0
	for _, c := range intPart {
		i = (i*10 + int(c-'0')) % 1e9 // the rules look at the last digits only
	}
	v, f := len(frac), 0
	for _, c := range frac {
		f = (f*10 + int(c-'0')) % 1e9
	}
	t, w := f, v
	for w > 0 && t%10 == 0 {
		t /= 10
		w--
	}
	return formOf(plural.Cardinal.MatchPlural(l.tag, i, v, w, f, t))
}

// unquote removes CLDR's quoting from a pattern's literal text: 'Mio'.” is
// Mio., and ” is a quote.
func unquote(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		quoted = !quoted
	}
	return b.String()
}
