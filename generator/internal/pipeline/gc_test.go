package pipeline

import (
	"runtime/debug"
	"testing"
)

func TestGCPercent(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 100},        // nothing known: the default
		{1 * mib, 400},  // a small site: at most four times its live heap
		{16 * mib, 400}, // 64 MiB of garbage over 16 live
		{20 * mib, 320}, // M: 64 / 20
		{32 * mib, 200},
		{64 * mib, 100},
		{126 * mib, 100}, // L, after loading: the default
		{3 << 30, 100},   // XL
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MiB) = %d; want %d", c.live/mib, got, c.want)
		}
	}
}

// gcHeadroom puts the setting back as it found it, and leaves a GOGC the
// user set alone.
func TestGCHeadroomRestores(t *testing.T) {
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	restore := gcHeadroom()
	restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after the render GOGC is %d; want 150", got)
	}
	// Two renders at once, the first ending first: the setting stays
	// until the second ends, and is then put back.
	first, second := gcHeadroom(), gcHeadroom()
	during := debug.SetGCPercent(150)
	debug.SetGCPercent(during)
	first()
	first() // a second call does nothing
	if got := debug.SetGCPercent(during); got != during {
		t.Errorf("with one render still running GOGC is %d; want %d", got, during)
	}
	second()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after both renders GOGC is %d; want 150", got)
	}
	t.Setenv("GOGC", "150")
	restore = gcHeadroom()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set, during the render GOGC is %d; want 150", got)
	}
	restore()
}
