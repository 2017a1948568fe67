package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/scaffold"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// TestBuildPrintsThePackAsPDF: build --pdf writes the board pack printed to
// PDF beside the site's pack page, which keeps the site's menu and links
// the PDF; the PDF is the pack that pack --pdf prints, and every link of the
// site still leads to a file.
func TestBuildPrintsThePackAsPDF(t *testing.T) {
	chromium := needTools(t)
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := Run(context.Background(), []string{"build", "--source", dir, "--destination", dest, "--pdf", "--chromium", chromium}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	doc, err := os.ReadFile(filepath.Join(dest, "pack/board-pack-2026-09.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "pack/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="board-pack-2026-09.pdf" class="pdf-link">Download it as a PDF</a>`, `<nav class="sitenav" aria-label="Site">`, `<a href="../index.html">Scorecard</a>`, `<link rel="stylesheet" href="../assets/pack.css">`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the site's pack page lacks %s", want)
		}
	}
	if problems := sitecheck.Links(dest); len(problems) > 0 {
		t.Errorf("links:\n%s", strings.Join(problems, "\n"))
	}
	out := t.TempDir()
	pdf := filepath.Join(out, "pack.pdf")
	if code := Run(context.Background(), []string{"pack", "--source", dir, "--chromium", chromium, "--output", filepath.Join(out, "pack.html"), "--pdf", pdf}, &stdout, &stderr); code != 0 {
		t.Fatalf("pack: exit %d\n%s", code, stderr.String())
	}
	printed, _ := os.ReadFile(pdf)
	if pdfText(t, doc) != pdfText(t, printed) || !strings.Contains(pdfText(t, doc), "Contents") {
		t.Error("the PDF beside the site is not the pack that pack --pdf prints")
	}
	// The earlier review periods link no PDF: only the as-of period's is printed.
	past, err := os.ReadFile(filepath.Join(dest, "periods/2026-08/pack/index.html"))
	if err != nil || bytes.Contains(past, []byte(".pdf")) {
		t.Errorf("the review of August links a PDF (%v)", err)
	}
}
