package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// node is one unit of the cascade. Units are numbered in pre-order, the
// order scorecard lists them in, so a parent always comes before its children.
type node struct {
	id       string
	parent   int // -1 for the root
	children []int
	depth    int    // 0 for the root
	dir      string // folder below content/, "" for the root
	top      int    // the top-level branch it belongs to (its index), -1 for the root
}

// rootID is the root unit's id; the others are u0001, u0002, ... in pre-order.
const rootID = "org"

// Branching of an inner unit. With a budget split at random between the
// children this gives, for 1,000 units, a cascade four or five levels deep.
// Only the root of a site of fewer than four units has fewer children.
const (
	minBranch = 3
	maxBranch = 8
	// leafShare is the chance that a child gets no units below it although
	// its siblings do: real organisations have small staff units (legal,
	// treasury) beside large divisions.
	leafShare = 0.15
)

// buildTree lays out n units. Each inner unit takes 3–8 children and shares
// the units still to place among them at random, so sizes vary the way
// divisions do rather than forming a perfect k-ary tree.
func buildTree(n int, r *rand.Rand) []node {
	width := max(4, len(fmt.Sprint(n-1)))
	// The depth a tree of n units has with the mean branching, about 5.5.
	depth := max(1, int(math.Round(math.Log(float64(n))/math.Log(5.5))))
	t := &treeBuilder{r: r, width: width, depth: depth, nodes: make([]node, 0, n)}
	t.nodes = append(t.nodes, node{id: rootID, parent: -1, top: -1})
	t.grow(0, n-1)
	return t.nodes
}

type treeBuilder struct {
	r     *rand.Rand
	width int
	depth int // the depth leaves should be at
	nodes []node
}

// grow places budget units below unit at, depth first, so that ids come out
// in pre-order. A budget that fits in one level becomes that many leaves.
// Otherwise the branching is the one that would spend the budget in the
// levels left to the target depth, give or take one: choosing it at random
// alone lets chains of three-child units run eight levels deep.
func (t *treeBuilder) grow(at, budget int) {
	if budget <= 0 {
		return
	}
	k := budget
	if budget > maxBranch {
		levels := max(1, t.depth-t.nodes[at].depth)
		k = int(math.Round(math.Pow(float64(budget), 1/float64(levels)))) + t.r.IntN(3) - 1
		k = max(minBranch, min(maxBranch, k, budget-minBranch))
	}
	for _, share := range t.split(budget-k, k) {
		child := t.add(at)
		t.grow(child, share)
	}
}

// add appends a child of unit at and returns its index.
func (t *treeBuilder) add(at int) int {
	i := len(t.nodes)
	p := t.nodes[at]
	id := fmt.Sprintf("u%0*d", t.width, i)
	n := node{id: id, parent: at, depth: p.depth + 1, dir: id, top: p.top}
	if at != 0 {
		n.dir = p.dir + "/" + id
	} else {
		n.top = i
	}
	t.nodes = append(t.nodes, n)
	t.nodes[at].children = append(t.nodes[at].children, i)
	return i
}

// split shares rest units among k children by random weights, by largest
// remainder so that the shares add up exactly (ties go to the earlier
// child). Shares too small to make a level of their own go to the largest.
func (t *treeBuilder) split(rest, k int) []int {
	shares := make([]int, k)
	if rest == 0 {
		return shares
	}
	w := make([]float64, k)
	total := 0.0
	for i := range w {
		if t.r.Float64() >= leafShare {
			w[i] = 0.5 + t.r.Float64()
		}
		total += w[i]
	}
	if total == 0 {
		w[0], total = 1, 1
	}
	frac := make([]float64, k)
	placed := 0
	for i := range w {
		exact := float64(rest) * w[i] / total
		shares[i] = int(exact)
		frac[i] = exact - float64(shares[i])
		placed += shares[i]
	}
	for ; placed < rest; placed++ {
		best := argmax(frac)
		shares[best]++
		frac[best] = -1
	}
	carry := 0
	for i, s := range shares {
		if s < minBranch {
			carry += s
			shares[i] = 0
		}
	}
	shares[argmax(shares)] += carry
	return shares
}

// argmax is the index of the first largest element.
func argmax[T int | float64](xs []T) int {
	best := 0
	for i := range xs {
		if xs[i] > xs[best] {
			best = i
		}
	}
	return best
}
