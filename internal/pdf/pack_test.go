package pdf_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/pdf"
	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// example is the example site at the root of the repository.
const example = "../.."

// TestPackPDF prints the example site's pack and reads the PDF back: its
// page count, and the title, period and every unit's name in its text.
func TestPackPDF(t *testing.T) {
	chromium := browsertest.Chromium(t)
	pdfinfo := testenv.Tool(t, "pdfinfo", "poppler-utils")
	pdftotext := testenv.Tool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	doc := filepath.Join(dir, "pack.pdf")
	printer, err := pdf.NewPrinter(chromium, "a4")
	if err != nil {
		t.Fatal(err)
	}
	_, written, err := generator.Pack(context.Background(), generator.PackOptions{Source: example, Output: filepath.Join(dir, "pack.html"), PDF: doc, Printer: printer})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("wrote %v", written)
	}
	info, err := exec.Command(pdfinfo, doc).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	// Cover, summary, exceptions, 9 units of one to three pages, initiatives,
	// appendix.
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < 14 || pages > 40 {
		t.Errorf("%d pages; want 14 to 40", pages)
	}
	if !strings.Contains(string(info), "(A4)") && !strings.Contains(string(info), "595.") {
		t.Errorf("not A4: %s", info)
	}
	text, err := exec.Command(pdftotext, "-layout", doc, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var scores struct {
		Title string
		Units []struct{ Name string }
	}
	site := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: example, Destination: site}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(site, "data/scores.json"))
	if err := json.Unmarshal(raw, &scores); err != nil {
		t.Fatal(err)
	}
	want := []string{scores.Title, "September 2026", "Page 2 of"}
	for _, u := range scores.Units {
		want = append(want, u.Name)
	}
	for _, w := range want {
		if !strings.Contains(string(text), w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	// pdftotext ends each page with a form feed. Every page has the title
	// and period, and its number of the total, in its footer.
	sheets := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	if len(sheets) != pages {
		t.Errorf("pdftotext found %d pages, pdfinfo %d", len(sheets), pages)
	}
	for i, sheet := range sheets {
		for _, w := range []string{scores.Title + " · September 2026", fmt.Sprintf("Page %d of %d", i+1, pages)} {
			if !strings.Contains(sheet, w) {
				t.Errorf("page %d lacks %q in its footer", i+1, w)
			}
		}
	}
	checkMapText(t, pdftotext, doc, len(scores.Units))
}

// checkMapText reads the words of the PDF with their boxes: the strategy
// maps' text must be large enough to read. Every unit's map names its
// lanes, "Financial" first (the scorecard tables write the perspectives
// in capitals), and a word's box is about 1.15 times the type's size:
// 9 points high is about 8 points of type. The maps' text used to print at
// about 7 points.
func checkMapText(t *testing.T, pdftotext, doc string, maps int) {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox", doc, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Financial</word>`)
	found := word.FindAllSubmatch(out, -1)
	if len(found) < maps {
		t.Fatalf("%d lane names \"Financial\" in the PDF, want one on each of the %d maps", len(found), maps)
	}
	for _, m := range found {
		lo, _ := strconv.ParseFloat(string(m[1]), 64)
		hi, _ := strconv.ParseFloat(string(m[2]), 64)
		if hi-lo < 9 {
			t.Errorf("a map's lane name is %.1f points high in the PDF, less than 9", hi-lo)
		}
	}
}
