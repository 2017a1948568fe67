package view

import "testing"

// TestEvidenceWords: a negative correlation says what it means rather than
// "None" (issue 12: "R −0.42" was labelled None).
func TestEvidenceWords(t *testing.T) {
	for _, c := range []struct {
		r    float64
		want string
	}{
		{0.85, "Strong"}, {0.7, "Strong"}, {0.5, "Moderate"}, {0.2, "Weak"},
		{0.05, "None"}, {-0.05, "None"},
		{-0.42, "Opposite: one's score fell as the other's rose"},
		{-1, "Opposite: one's score fell as the other's rose"},
	} {
		if got := evidenceWords(c.r); got != c.want {
			t.Errorf("r %v: %q; want %q", c.r, got, c.want)
		}
	}
}
