// Package compare ranks units side by side: the units directly below a
// unit, and every unit of one level of the organisation, each with its
// rank by score and its measures matched by id, and for each measure how
// its status and score are spread across the units. It reads a computed
// result and knows nothing of pages (docs/site.md, "Comparing units").
package compare

import (
	"cmp"
	"slices"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// Kind says which units a set compares.
type Kind uint8

const (
	// Children are the units directly below one unit.
	Children Kind = iota
	// Level is every unit at one depth of the organisation.
	Level
)

// A Set is units compared side by side.
type Set struct {
	Kind   Kind
	Parent *model.Unit // Children: the unit whose units these are
	Depth  int         // the depth of the units, 1 for the root's children
	// Rows are the units in rank order: best score first, equal scores in
	// the site's order, units without a score last in the site's order.
	Rows    []Row
	Columns []Column
}

// Row is a unit of a set.
type Row struct {
	Unit *model.Unit
	// Rank is 1 for the best score; units with equal scores share a rank
	// and the next rank counts them all (1, 2, 2, 4). 0 for no score.
	Rank int
	// Measures are the unit's measures by column, nil where it has none of
	// that id.
	Measures []*model.Measure
}

// Column is a measure that units of the set share: the same id in at least
// half of them, and in two or more (in the only one, for a set of one). A
// measure only a few units have is not compared: on a level of hundreds of
// units drawing on a catalogue of measures, it would be a column of empty
// cells.
type Column struct {
	ID   string
	Name string // the name the first unit in the site's order gives it
	Dist Distribution
}

// Distribution is how a measure's status and score are spread across the
// units of a set that have it.
type Distribution struct {
	Units                   int // units with a measure of the column's id
	Green, Amber, Red, None int // of those, by status
	// Scored counts the units whose measure has a score; Min, Median and
	// Max are of those scores, 0 when there are none. The median of an
	// even number of scores is the mean of the middle two.
	Scored           int
	Min, Median, Max float64
}

// tieTolerance is how close two scores are to count as equal for a rank,
// the tolerance compute compares scores with for a status: scores that
// differ only by the rounding of a weighted mean share a rank.
const tieTolerance = 1e-9

// Sets returns the comparisons of r's site: one for every unit with units
// below it, in the site's order, then one for every level of two or more
// units that is not already one unit's children (whose units do not all
// share a parent), shallowest first.
func Sets(r *compute.Result) []*Set {
	var out []*Set
	var levels [][]*model.Unit
	for _, u := range r.Site.Units {
		if len(u.Children) > 0 {
			out = append(out, newSet(r, Children, u, u.Depth+1, u.Children))
		}
		for len(levels) <= u.Depth {
			levels = append(levels, nil)
		}
		levels[u.Depth] = append(levels[u.Depth], u)
	}
	for depth, units := range levels {
		if depth > 0 && !oneParent(units) {
			out = append(out, newSet(r, Level, nil, depth, units))
		}
	}
	return out
}

// oneParent reports whether the units all have the same parent.
func oneParent(units []*model.Unit) bool {
	for _, u := range units[1:] {
		if u.Parent != units[0].Parent {
			return false
		}
	}
	return true
}

// LevelOf returns the set of the level at depth, or the set of the unit
// whose children make up that level, or nil when depth has no units.
func LevelOf(sets []*Set, depth int) *Set {
	for _, s := range sets {
		if s.Kind == Level && s.Depth == depth {
			return s
		}
	}
	for _, s := range sets {
		if s.Kind == Children && s.Depth == depth {
			return s
		}
	}
	return nil
}

// newSet compares units, given in the site's order.
func newSet(r *compute.Result, kind Kind, parent *model.Unit, depth int, units []*model.Unit) *Set {
	s := &Set{Kind: kind, Parent: parent, Depth: depth}
	s.Rows = rank(r, units)
	s.Columns, s.Rows = columns(r, units, s.Rows)
	return s
}

// rank orders units by score, best first, and gives each its rank.
func rank(r *compute.Result, units []*model.Unit) []Row {
	rows := make([]Row, len(units))
	for i, u := range units {
		rows[i] = Row{Unit: u}
	}
	score := func(row Row) model.Opt { return r.Unit(row.Unit).Score }
	slices.SortStableFunc(rows, func(a, b Row) int {
		sa, sb := score(a), score(b)
		if sa.OK != sb.OK {
			if sa.OK {
				return -1
			}
			return 1
		}
		if !sa.OK {
			return 0
		}
		return cmp.Compare(sb.V, sa.V)
	})
	// Scores within the tolerance of the first of a run are tied: they
	// share its rank and keep the site's order among themselves, which the
	// sort by exact score may have changed.
	for i := 0; i < len(rows) && score(rows[i]).OK; {
		j := i + 1
		for j < len(rows) && score(rows[j]).OK && score(rows[i]).V-score(rows[j]).V <= tieTolerance {
			j++
		}
		slices.SortFunc(rows[i:j], func(a, b Row) int { return cmp.Compare(a.Unit.Index, b.Unit.Index) })
		for k := i; k < j; k++ {
			rows[k].Rank = i + 1
		}
		i = j
	}
	return rows
}

// columns finds the measures the units share and gives each row its
// measures by column. Columns come in the order the units, in the site's
// order, first name their ids, each unit's measures in file order.
func columns(r *compute.Result, units []*model.Unit, rows []Row) ([]Column, []Row) {
	count := map[string]int{}
	var ids []string
	names := map[string]string{}
	for _, u := range units {
		for _, m := range u.Measures {
			if count[m.ID] == 0 {
				ids = append(ids, m.ID)
				names[m.ID] = m.Name
			}
			count[m.ID]++
		}
	}
	least := max(min(2, len(units)), (len(units)+1)/2)
	var cols []Column
	at := map[string]int{}
	for _, id := range ids {
		if count[id] >= least {
			at[id] = len(cols)
			cols = append(cols, Column{ID: id, Name: names[id]})
		}
	}
	scores := make([][]float64, len(cols))
	for i := range rows {
		rows[i].Measures = make([]*model.Measure, len(cols))
		for _, m := range rows[i].Unit.Measures {
			c, ok := at[m.ID]
			if !ok {
				continue
			}
			rows[i].Measures[c] = m
			mr := r.Measure(m)
			cols[c].Dist.add(mr.Status)
			if mr.Score.OK {
				scores[c] = append(scores[c], mr.Score.V)
			}
		}
	}
	for c := range cols {
		cols[c].Dist.spread(scores[c])
	}
	return cols, rows
}

func (d *Distribution) add(s model.Status) {
	d.Units++
	switch s {
	case model.Green:
		d.Green++
	case model.Amber:
		d.Amber++
	case model.Red:
		d.Red++
	default:
		d.None++
	}
}

// spread sets the lowest, middle and highest of the scores.
func (d *Distribution) spread(scores []float64) {
	d.Scored = len(scores)
	if len(scores) == 0 {
		return
	}
	slices.Sort(scores)
	n := len(scores)
	d.Min, d.Max = scores[0], scores[n-1]
	d.Median = scores[n/2]
	if n%2 == 0 {
		d.Median = (scores[n/2-1] + scores[n/2]) / 2
	}
}
