package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// makePDF writes objs as objects 1, 2, ... with a cross-reference table and
// a trailer whose root is object 1.
func makePDF(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xd3\xeb\xe9\xe1\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// TestOutline reads a PDF written by hand: bookmarks nested, a title with
// escaped parentheses, one in UTF-16 with a byte order mark, a destination
// given as an action, and a page tree of two levels.
func TestOutline(t *testing.T) {
	doc := makePDF(
		"<</Type /Catalog /Pages 2 0 R /Outlines 5 0 R>>",
		"<</Type /Pages /Kids [9 0 R 4 0 R] /Count 2>>",
		"<</Type /Page /Parent 9 0 R>>",
		"<</Type /Page /Parent 2 0 R>>",
		"<</Type /Outlines /First 6 0 R /Last 7 0 R /Count 3>>",
		"<</Title (Esc\\(aped\\) \\101\\nx) /Dest [3 0 R /XYZ 0 0 0] /Next 7 0 R /First 8 0 R /Parent 5 0 R>>",
		"<</Title <FEFF00DC006E0069007400E9> /Dest [4 0 R /Fit] /Parent 5 0 R>>",
		"<</Title (Child) /A << /S /GoTo /D [4 0 R /Fit] >> /Parent 6 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R>>",
	)
	items, pages, err := Outline(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []OutlineItem{{"Esc(aped) A\nx", 0, 1}, {"Child", 1, 2}, {"Ünité", 0, 2}}
	if pages != 2 || !slices.Equal(items, want) {
		t.Errorf("%d pages, %+v; want 2, %+v", pages, items, want)
	}
}

// TestOutlineLoopsAndGarbage: a bookmark that leads back to itself is read
// once; what is not a PDF, or has no table, is an error.
func TestOutlineLoopsAndGarbage(t *testing.T) {
	doc := makePDF(
		"<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>",
		"<</Type /Pages /Kids [3 0 R]>>",
		"<</Type /Page>>",
		"<</First 5 0 R>>",
		"<</Title (Round) /Dest [3 0 R] /Next 5 0 R /First 5 0 R>>",
	)
	items, pages, err := Outline(doc)
	if err != nil || pages != 1 || !slices.Equal(items, []OutlineItem{{"Round", 0, 1}}) {
		t.Errorf("%v, %d, %v; want one bookmark on page 1", items, pages, err)
	}
	for _, bad := range []string{"", "hello", "%PDF-1.4\nno table", "%PDF-1.4\nstartxref\n999999\n"} {
		if _, _, err := Outline([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzOutline: no input makes the reader panic or loop.
func FuzzOutline(f *testing.F) {
	f.Add(makePDF("<</Type /Catalog /Pages 2 0 R /Outlines 3 0 R>>", "<</Type /Pages /Kids [4 0 R]>>", "<</First 5 0 R>>", "<</Type /Page>>", "<</Title (T) /Dest [4 0 R]>>"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		Outline(doc)
	})
}
