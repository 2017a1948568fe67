package model

import (
	"math"
	"testing"
)

// TestCombineNearTheLargestNumber: every aggregation of finite numbers is
// finite but a sum beyond ±1.8e308, also when the running total passes
// beyond on the way.
func TestCombineNearTheLargestNumber(t *testing.T) {
	tests := []struct {
		agg  Aggregation
		vs   []float64
		want float64
	}{
		{Sum, []float64{1e308, 1e308}, math.Inf(1)},
		{Sum, []float64{-1e308, -1e308}, math.Inf(-1)},
		// 1.7e308 + 1.7e308 is beyond, but the total, 1.7e308, is not.
		{Sum, []float64{1.7e308, 1.7e308, -1.7e308}, 1.7e308},
		{Sum, []float64{0.1, 0.2}, 0.1 + 0.2}, // the plain sum, to the last bit
		{Average, []float64{1.7e308, 1.5e308}, 1.6e308},
		{Average, []float64{-1.7e308, -1.7e308, -1.7e308}, -1.7e308},
		{Average, []float64{0.1, 0.2, 0.4}, (0.1 + 0.2 + 0.4) / 3},
		{Min, []float64{1.7e308, -1.7e308}, -1.7e308},
		{Max, []float64{1.7e308, -1.7e308}, 1.7e308},
		{Last, []float64{1.7e308, -1.7e308}, -1.7e308},
	}
	for _, tc := range tests {
		got := tc.agg.Combine(tc.vs)
		if got != tc.want && math.Abs(got-tc.want) > 1e-15*math.Abs(tc.want) {
			t.Errorf("%s%v = %v; want %v", tc.agg, tc.vs, got, tc.want)
		}
	}
}
