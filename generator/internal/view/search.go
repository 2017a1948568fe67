package view

import (
	"bytes"
	"encoding/json"
	"strconv"

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
// initiatives/<unit>/<id>.html. docs/site.md gives its size.
func SearchIndex(s *model.Site) []byte {
	ix := newSearchIndex()
	ix.W = searchWords
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
// each {name} is filled in.
type words struct {
	Kinds []string `json:"kinds"` // unit, objective, measure, initiative
	In    string   `json:"in"`    // where a unit is: {unit}, the unit above
	Owner string   `json:"owner"` // {name}
	None  string   `json:"none"`
	One   string   `json:"one"`
	Many  string   `json:"many"` // {n} results
	More  string   `json:"more"` // {shown} listed of {n}
}

// searchWords are the search's words. They are in the index rather than
// the script, so that the build can give them in the site's language.
var searchWords = words{
	Kinds: []string{"Unit", "Objective", "Measure", "Initiative"},
	In:    "in {unit}",
	Owner: "Owner: {name}",
	None:  "Nothing found",
	One:   "1 result",
	Many:  "{n} results",
	More:  "The first {shown} of {n}: add a word to narrow them, such as a unit's name",
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
