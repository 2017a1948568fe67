package pdf_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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
	// The commentary: the period's on the organisation, in the executive
	// summary, and a unit's, in its section.
	want := []string{scores.Title, "September 2026", "Page 2 of", "September 2026: Executive commentary", "Sales commentary: September 2026"}
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
	checkOutlineAndContents(t, doc, sheets, scores.Units)
	checkMapText(t, pdftotext, doc, len(scores.Units))
	// No page is left nearly empty, as when a section's heading stood alone
	// at the foot of a page or a single row of a table was carried over: every
	// page but the last holds at least 10 lines of text besides its footer.
	for i, sheet := range sheets[:len(sheets)-1] {
		n := 0
		for _, line := range strings.Split(sheet, "\n") {
			if strings.TrimSpace(line) != "" {
				n++
			}
		}
		if n-1 < 10 {
			t.Errorf("page %d holds %d lines of text:\n%s", i+1, n-1, sheet)
		}
	}
}

// checkOutlineAndContents reads the PDF's bookmarks back twice, with
// pdf.Outline and independently with poppler's pdftohtml, and its contents
// with pdftotext: the two readings agree; the top-level bookmarks follow the
// contents, section by section and unit by unit; and each entry's page
// number is the page on which its heading is printed.
func checkOutlineAndContents(t *testing.T, doc string, sheets []string, units []struct{ Name string }) {
	t.Helper()
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	items, pages, err := pdf.Outline(b)
	if err != nil {
		t.Fatal(err)
	}
	if pages != len(sheets) {
		t.Errorf("pdf.Outline counts %d pages; pdftotext %d", pages, len(sheets))
	}
	xml, err := exec.Command(testenv.Tool(t, "pdftohtml", "poppler-utils"), "-xml", "-i", "-stdout", doc).Output()
	if err != nil {
		t.Fatal(err)
	}
	var poppler []string
	for _, m := range regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`).FindAllStringSubmatch(string(xml), -1) {
		poppler = append(poppler, m[1]+" "+html.UnescapeString(m[2]))
	}
	var ours, top []string
	for _, it := range items {
		ours = append(ours, fmt.Sprintf("%d %s", it.Page, it.Title))
		if it.Level == 0 {
			top = append(top, fmt.Sprintf("%d %s", it.Page, it.Title))
		}
	}
	if !slices.Equal(ours, poppler) {
		t.Errorf("the outline read by pdf.Outline:\n%s\nby pdftohtml:\n%s", strings.Join(ours, "\n"), strings.Join(poppler, "\n"))
	}
	// Commentary is bookmarked under its section, on the section's page.
	for section, note := range map[string]string{"Executive summary": "September 2026: Executive commentary", "Sales": "Sales commentary: September 2026"} {
		i := slices.IndexFunc(items, func(it pdf.OutlineItem) bool { return it.Level == 0 && it.Title == section })
		if i < 0 || i+1 == len(items) || items[i+1] != (pdf.OutlineItem{Title: note, Level: 1, Page: items[i].Page}) {
			t.Errorf("the bookmark after %q is not %q one level below it, on its page: %v", section, note, items[i+1:min(i+2, len(items))])
		}
	}

	// The contents, on the cover: "Exceptions ......... 5".
	entry := regexp.MustCompile(`(?m)^\s*(\S.*?\S)\s{2,}(\d+)\s*$`)
	cover := sheets[0][strings.Index(sheets[0], "Contents"):]
	var contents []string
	for _, m := range entry.FindAllStringSubmatch(cover, -1) {
		contents = append(contents, m[2]+" "+m[1])
	}
	want := []string{"Executive summary", "Since the last review", "Exceptions"}
	for _, u := range units {
		want = append(want, u.Name)
	}
	want = append(want, "Initiatives", "Appendix: definitions and glossary")
	if len(contents) != len(want) {
		t.Fatalf("the contents has %d entries with a page:\n%s\nwant %d: %v", len(contents), strings.Join(contents, "\n"), len(want), want)
	}
	// The top-level bookmarks are the title, the contents, and then the
	// entries of the contents with the same pages.
	if len(top) != len(want)+2 || !slices.Equal(top[2:], contents) {
		t.Errorf("top-level bookmarks:\n%s\ncontents:\n%s", strings.Join(top, "\n"), strings.Join(contents, "\n"))
	}
	for i, c := range contents {
		n, title, _ := strings.Cut(c, " ")
		if title != want[i] {
			t.Errorf("contents entry %d is %q; want %q", i+1, title, want[i])
		}
		p, _ := strconv.Atoi(n)
		if p < 2 || p > len(sheets) || !strings.Contains(sheets[p-1], title) {
			t.Errorf("contents: %q on page %s, which does not show it", title, n)
		}
	}
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
