//go:build !race

package generator

// raceFactor stretches time limits under the race detector, which slows
// code several times over.
const raceFactor = 1
