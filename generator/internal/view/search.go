package view

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// SearchIndexPath is the search box's index: a script that assigns it to
// a global, since a page opened from disk may load a script but not fetch
// a JSON file.
const SearchIndexPath = "data/search.js"

// SearchIndex is the index of the search box: the names and owners of the
// site's units, objectives, measures and initiatives, and what the theme's
// find.js needs to link each from any page. It holds no score, so it is the
// same whatever the period or the data.
//
// It is compact, for a site of thousands of units. Every text is written
// once, in "t", and every id once, in "k" (in the order first met), and
// named by its position; a measure or objective is named by its pair of id
// and name in "p", which units share (the same measure in a thousand
// units is one pair):
//
//	t  texts (names and owners), t[0] = ""
//	k  ids
//	p  pairs of an id and a name: k index, t index, ...
//	u  units in the site's order, four numbers each: id (k), name (t),
//	   owner (t), parent (position in u, -1 for the root)
//	o  for each unit, its objectives: pair, owner (t), ...
//	m  for each unit, its measures: pair, ...
//	i  initiatives, four numbers each: unit (position in u), id (k),
//	   name (t), owner (t)
//	w  the words find.js shows with the results (searchWords)
//
// find.js builds the paths: units/<unit>/index.html,
// units/<unit>/objectives/<id>.html, units/<unit>/measures/<id>.html,
// initiatives/<unit>/<id>.html. docs/site.md gives its size. The words are
// in the language of w.
func SearchIndex(s *model.Site, w *i18n.Catalog) []byte {
	ix := newSearchIndex()
	ix.W = searchWords(w)
	for _, u := range s.Units {
		parent := -1
		if u.Parent != nil {
			parent = u.Parent.Index
		}
		ix.U = append(ix.U, ix.id(u.ID), ix.text(u.Name), ix.text(u.Owner), parent)
		objs := []int{}
		for _, o := range u.Objectives {
			objs = append(objs, ix.pair(o.ID, o.Name), ix.text(o.Owner))
		}
		ms := []int{}
		for _, m := range u.Measures {
			ms = append(ms, ix.pair(m.ID, m.Name))
		}
		ix.O = append(ix.O, objs)
		ix.M = append(ix.M, ms)
		for _, in := range u.Initiatives {
			ix.I = append(ix.I, u.Index, ix.id(in.ID), ix.text(in.Name), ix.text(in.Owner))
		}
	}
	var b bytes.Buffer
	b.WriteString("// The search index of the site, read by assets/find.js.\nvar scorecardSearch = ")
	// encoding/json escapes <, > and & and U+2028/U+2029, so no text can end
	// the script or its string; find.js shows texts as text, never markup.
	if err := json.NewEncoder(&b).Encode(ix); err != nil {
		panic(err) // ints and strings always encode
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(";\n")
	return b.Bytes()
}

// words are what find.js says of the results, in the site's language:
// each {name} is filled in. A message with a count comes in the plural
// forms the language has (zero, one, two, few, many, other); find.js picks
// one, and writes the numbers, by the rules of Locale (Intl.PluralRules,
// Intl.NumberFormat).
type words struct {
	Locale string            `json:"locale"` // the CLDR locale of the site's language
	Kinds  []string          `json:"kinds"`  // unit, objective, measure, initiative
	In     string            `json:"in"`     // where a unit is: {unit}, the unit above
	Owner  string            `json:"owner"`  // {name}
	Sep    string            `json:"sep"`    // between a unit and the unit above it
	None   string            `json:"none"`
	Count  map[string]string `json:"count"` // {count} results
	More   map[string]string `json:"more"`  // {shown} listed of {count}
}

// searchWords are the search's words in the language of w. They are in
// the index rather than the script, so that the build can give them in
// the site's language.
func searchWords(w *i18n.Catalog) words {
	return words{
		Locale: w.Locale().Name(),
		Kinds:  []string{w.Text("find_unit"), w.Text("find_objective"), w.Text("find_measure"), w.Text("find_initiative")},
		In:     w.Text("find_in", "unit", "{unit}"),
		Owner:  w.Text("owner", "name", "{name}"),
		Sep:    w.Text("list_separator"),
		None:   w.Text("find_none"),
		Count:  w.Forms("find_results"),
		More:   w.Forms("find_more"),
	}
}

// searchIndex is the index as it is written; see SearchIndex.
type searchIndex struct {
	T []string `json:"t"`
	K []string `json:"k"`
	P []int    `json:"p"`
	U []int    `json:"u"`
	O [][]int  `json:"o"`
	M [][]int  `json:"m"`
	I []int    `json:"i"`
	W words    `json:"w"`

	texts, ids map[string]int
	pairs      map[string]int
}

func newSearchIndex() *searchIndex {
	ix := &searchIndex{T: []string{""}, K: []string{}, P: []int{}, I: []int{}, texts: map[string]int{"": 0}, ids: map[string]int{}, pairs: map[string]int{}}
	return ix
}

func (ix *searchIndex) text(s string) int {
	if n, ok := ix.texts[s]; ok {
		return n
	}
	ix.texts[s] = len(ix.T)
	ix.T = append(ix.T, s)
	return len(ix.T) - 1
}

func (ix *searchIndex) id(s string) int {
	if n, ok := ix.ids[s]; ok {
		return n
	}
	ix.ids[s] = len(ix.K)
	ix.K = append(ix.K, s)
	return len(ix.K) - 1
}

// pair is the position in P of the pair of an id and a name, each by its
// position.
func (ix *searchIndex) pair(id, name string) int {
	k, t := ix.id(id), ix.text(name)
	key := strconv.Itoa(k) + " " + strconv.Itoa(t)
	if n, ok := ix.pairs[key]; ok {
		return n
	}
	n := len(ix.P) / 2
	ix.pairs[key] = n
	ix.P = append(ix.P, k, t)
	return n
}
