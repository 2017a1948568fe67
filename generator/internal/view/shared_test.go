package view

import "testing"

// TestSharedEntryLetsGoAfterTheLastPeriod: what the pages of a measure
// share in four review periods is made once, held until the fourth page
// has taken it and then let go; a page taken again afterwards (a render
// of a few pages) has it made anew rather than finding nothing.
func TestSharedEntryLetsGoAfterTheLastPeriod(t *testing.T) {
	var e sharedEntry[int]
	made := 0
	newT := func() *int {
		made++
		v := made
		return &v
	}
	for i := range 4 {
		if v := e.take(4, newT); *v != 1 {
			t.Fatalf("take %d gave the value of the %d. making, want the first", i+1, *v)
		}
		if held := e.made != nil; held != (i < 3) {
			t.Errorf("after take %d of 4, held = %v", i+1, held)
		}
	}
	if v := e.take(4, newT); *v != 2 || e.made == nil {
		t.Errorf("a fifth take gave %d (held %v), want a second making, held", *v, e.made != nil)
	}
}
