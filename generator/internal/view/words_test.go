package view

import "testing"

// TestEvidenceWords: a negative correlation says what it means rather than
// "None" (issue 12: "R −0.42" was labelled None): the keys of the words.
func TestEvidenceWords(t *testing.T) {
	for _, c := range []struct {
		r    float64
		want string
	}{
		{0.85, "evidence_strong"}, {0.7, "evidence_strong"}, {0.5, "evidence_moderate"}, {0.2, "evidence_weak"},
		{0.05, "evidence_none"}, {-0.05, "evidence_none"},
		{-0.42, "evidence_opposite"}, {-1, "evidence_opposite"},
	} {
		if got := evidenceWords(c.r); got != c.want {
			t.Errorf("r %v: %q; want %q", c.r, got, c.want)
		}
	}
}
