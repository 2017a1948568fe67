package generator

import (
	"context"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/publish"
)

// TestPackRefusesDevNull names /dev/null as --output and as --pdf: refused,
// and /dev/null is the same device after. Run as root, the rename replaced
// it with a regular file. The check alone is tried first, so that should it
// ever let /dev/null through, the test stops before the pack is written.
func TestPackRefusesDevNull(t *testing.T) {
	const want = " /dev/null is a device, not a regular file: refusing to replace it; name a regular file"
	if err := publish.CheckFile("--output", "/dev/null"); err == nil || err.Error() != "--output"+want {
		t.Fatalf("publish.CheckFile(/dev/null) = %v; want --output%s", err, want)
	}
	before := node(t, "/dev/null")
	for _, opts := range []PackOptions{
		{Source: smallSite, Output: "/dev/null"},
		{Source: smallSite, Output: t.TempDir() + "/pack.html", PDF: "/dev/null", Printer: unavailable{}},
	} {
		flag := "--output"
		if opts.PDF != "" {
			flag = "--pdf"
		}
		if _, _, err := Pack(context.Background(), opts); err == nil || err.Error() != flag+want {
			t.Errorf("%s /dev/null: %v\nwant %s", flag, err, flag+want)
		}
	}
	if node(t, "/dev/null") != before {
		t.Error("/dev/null changed")
	}
}
