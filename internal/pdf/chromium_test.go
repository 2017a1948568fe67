package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/pdf"
	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
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

	doc, err := pdf.PrintPDF(context.Background(), c, page, "a4")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Errorf("PrintPDF returned %.20q, not a PDF", doc)
	}

	browsertest.AssertNothingLeft(t, tmp)
}

func TestPrintPDFPaper(t *testing.T) {
	_, err := pdf.PrintPDF(context.Background(), "chromium", "x.html", "a3")
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
	if got, err := pdf.Find(fake); err != nil || got != fake {
		t.Errorf("Find(%q) = %q, %v; want it", fake, got, err)
	}
	missing := filepath.Join(dir, "nope")
	if _, err := pdf.Find(missing); err == nil || err.Error() != "chromium "+missing+" not found or not executable" {
		t.Errorf("Find(missing) = %v; want an error naming it", err)
	}

	// $CHROMIUM naming nothing is an error, not a reason to look elsewhere.
	if _, err := pdf.Find(""); err == nil || !strings.HasPrefix(err.Error(), "$CHROMIUM: ") {
		t.Errorf("with $CHROMIUM naming nothing: %v; want an error about $CHROMIUM", err)
	}
	t.Setenv("CHROMIUM", fake)
	if got, err := pdf.Find(""); err != nil || got != fake {
		t.Errorf("with $CHROMIUM set: %q, %v; want %q", got, err, fake)
	}

	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", dir)
	if got, err := pdf.Find(""); err != nil || got != fake {
		t.Errorf("with google-chrome on PATH: %q, %v; want %q", got, err, fake)
	}

	t.Setenv("PATH", t.TempDir())
	got, err := pdf.Find("")
	if _, statErr := os.Stat("/usr/bin/chromium"); statErr == nil {
		if err != nil || got != "/usr/bin/chromium" {
			t.Errorf("with nothing on PATH: %q, %v; want /usr/bin/chromium", got, err)
		}
	} else if err == nil || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("with no browser anywhere: %q, %v; want an error saying how to install one", got, err)
	}
}

// Chromium opens pages that hold text anyone may have written, so its
// sandbox stays on unless it cannot: for root, or when the environment asks.
func TestSandboxStaysOnUnlessItCannot(t *testing.T) {
	for _, tc := range []struct {
		euid int
		env  string
		want bool
	}{
		{1000, "", false},
		{1000, "0", false},
		{1000, "yes", false},
		{-1, "", false}, // Windows has no user ids
		{0, "", true},
		{1000, "1", true},
	} {
		getenv := func(k string) string {
			if k == pdf.NoSandboxEnv {
				return tc.env
			}
			return ""
		}
		if got := pdf.NoSandbox(tc.euid, getenv); got != tc.want {
			t.Errorf("NoSandbox(euid %d, $%s=%q) = %v, want %v", tc.euid, pdf.NoSandboxEnv, tc.env, got, tc.want)
		}
	}

	// The flags Chromium gets. Without the sandbox flag given either way,
	// chromedp would add --no-sandbox for root by itself: the tests run as
	// root in CI, so the first case holds that too.
	for _, noSandbox := range []bool{false, true} {
		args := browsertest.Args(t, pdf.OfflineWith("chromium", noSandbox))
		if got := slices.Contains(args, "--no-sandbox"); got != noSandbox {
			t.Errorf("with noSandbox %v, --no-sandbox given: %v; arguments:\n%s", noSandbox, got, strings.Join(args, "\n"))
		}
	}
	args := browsertest.Args(t, pdf.Offline("chromium"))
	if got, want := slices.Contains(args, "--no-sandbox"), pdf.NoSandbox(os.Geteuid(), os.Getenv); got != want {
		t.Errorf("for this process (euid %d), --no-sandbox given: %v, want %v", os.Geteuid(), got, want)
	}
}

func TestStartErrorSaysHowToTurnTheSandboxOff(t *testing.T) {
	err := errors.New("exit status 1")
	want := "chromium did not start: exit status 1 (if it cannot run with its sandbox here, as in a container without user namespaces, set SCORECARD_CHROMIUM_NO_SANDBOX=1)"
	if got := pdf.StartError(err, false).Error(); got != want {
		t.Errorf("with the sandbox:\n got %s\nwant %s", got, want)
	}
	if got := pdf.StartError(err, true).Error(); got != "chromium did not start: exit status 1" {
		t.Errorf("without the sandbox: %s", got)
	}
}
