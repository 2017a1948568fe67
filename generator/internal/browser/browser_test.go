package browser_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/browser"
	"github.com/scorecard-dev/scorecard/generator/internal/browser/browsertest"
)

// TestPrintPDFLeavesNothing prints a page and checks that the PDF came back
// and that Chromium left nothing in the temporary folder: no profile, no
// org.chromium.Chromium.* folder with its singleton socket, and no process
// still running from there.
func TestPrintPDFLeavesNothing(t *testing.T) {
	c := browsertest.Chromium(t)
	page := filepath.Join(t.TempDir(), "page.html")
	html := `<!doctype html><title>t</title><p>Quarterly board pack</p><div data-chart><svg width="10" height="10"></svg></div>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := browsertest.TempDir(t)

	pdf, err := browser.PrintPDF(context.Background(), c, page, "a4")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("PrintPDF returned %.20q, not a PDF", pdf)
	}

	browsertest.AssertNothingLeft(t, tmp)
}

func TestPrintPDFPaper(t *testing.T) {
	_, err := browser.PrintPDF(context.Background(), "chromium", "x.html", "a3")
	if err == nil || err.Error() != `paper "a3" is not a4 or letter` {
		t.Errorf("PrintPDF on a3 = %v; want an error naming the paper", err)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "google-chrome")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}

	// A path given wins over $CHROMIUM, and must name a program.
	t.Setenv("CHROMIUM", filepath.Join(dir, "missing"))
	if got, err := browser.Find(fake); err != nil || got != fake {
		t.Errorf("Find(%q) = %q, %v; want it", fake, got, err)
	}
	missing := filepath.Join(dir, "nope")
	if _, err := browser.Find(missing); err == nil || err.Error() != "chromium "+missing+" not found or not executable" {
		t.Errorf("Find(missing) = %v; want an error naming it", err)
	}

	// $CHROMIUM naming nothing is an error, not a reason to look elsewhere.
	if _, err := browser.Find(""); err == nil || !strings.HasPrefix(err.Error(), "$CHROMIUM: ") {
		t.Errorf("with $CHROMIUM naming nothing: %v; want an error about $CHROMIUM", err)
	}
	t.Setenv("CHROMIUM", fake)
	if got, err := browser.Find(""); err != nil || got != fake {
		t.Errorf("with $CHROMIUM set: %q, %v; want %q", got, err, fake)
	}

	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", dir)
	if got, err := browser.Find(""); err != nil || got != fake {
		t.Errorf("with google-chrome on PATH: %q, %v; want %q", got, err, fake)
	}

	t.Setenv("PATH", t.TempDir())
	got, err := browser.Find("")
	if _, statErr := os.Stat("/usr/bin/chromium"); statErr == nil {
		if err != nil || got != "/usr/bin/chromium" {
			t.Errorf("with nothing on PATH: %q, %v; want /usr/bin/chromium", got, err)
		}
	} else if err == nil || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("with no browser anywhere: %q, %v; want an error saying how to install one", got, err)
	}
}
