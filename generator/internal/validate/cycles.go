package validate

import "strings"

// cycles finds the cycles of the graph whose edges lead from each node to
// next(node): a depth-first search from each of nodes in turn, which meets
// every cycle once. Each cycle lists its nodes from the one where the
// search closed it, and that node again at the end: a → b → a.
func cycles[T comparable](nodes []T, next func(T) []T) [][]T {
	const (
		onStack = 1
		done    = 2
	)
	state := map[T]int{}
	var stack []T
	var out [][]T
	var visit func(n T)
	visit = func(n T) {
		state[n] = onStack
		stack = append(stack, n)
		for _, e := range next(n) {
			switch state[e] {
			case 0:
				visit(e)
			case onStack:
				start := len(stack) - 1
				for stack[start] != e {
					start--
				}
				out = append(out, append(append([]T(nil), stack[start:]...), e))
			}
		}
		stack = stack[:len(stack)-1]
		state[n] = done
	}
	for _, n := range nodes {
		if state[n] == 0 {
			visit(n)
		}
	}
	return out
}

// cycleNames writes a cycle as "a → b → a".
func cycleNames[T any](cycle []T, name func(T) string) string {
	names := make([]string, len(cycle))
	for i, n := range cycle {
		names[i] = name(n)
	}
	return strings.Join(names, " → ")
}
