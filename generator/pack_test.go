package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/scorecard-dev/scorecard/internal/pdf"
)

// needTool skips a test when a program it needs is missing, except in CI,
// where .ci/run installs it and its absence is a failure.
func needTool(t *testing.T, find func() (string, error), what string) string {
	t.Helper()
	p, err := find()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is needed in CI: %v", what, err)
		}
		t.Skipf("%s not available: %v", what, err)
	}
	return p
}

func lookPath(name string) func() (string, error) {
	return func() (string, error) { return exec.LookPath(name) }
}

// TestPackIsSelfContained checks the pack's HTML: no file or URL outside it.
func TestPackIsSelfContained(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pack.html")
	if _, _, err := Pack(context.Background(), PackOptions{Source: smallSite, Output: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script[^>]+src=`),
		regexp.MustCompile(`<link[^>]+href=`),
		regexp.MustCompile(`(src|href)="(\.\./|assets/|units/|/)`),
	} {
		if m := bad.FindString(html); m != "" {
			t.Errorf("the pack refers to another file: %s", m)
		}
	}
	for _, want := range []string{"Acme Scorecard", "September 2026", "Executive summary", "Exceptions", "Acme Corp", "Operations", "Initiatives", "Appendix: measure definitions", `style="--pack-footer: 'Acme Scorecard · September 2026'"`, "echarts"} {
		if !strings.Contains(html, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
}

// TestPackPDF prints the example site's pack and reads the PDF back: its
// page count, and the title, period and every unit's name in its text.
func TestPackPDF(t *testing.T) {
	chromium := needTool(t, func() (string, error) { return pdf.Find("") }, "Chromium")
	pdfinfo := needTool(t, lookPath("pdfinfo"), "pdfinfo (poppler-utils)")
	pdftotext := needTool(t, lookPath("pdftotext"), "pdftotext (poppler-utils)")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "pack.pdf")
	_, written, err := Pack(context.Background(), PackOptions{Source: "..", Output: filepath.Join(dir, "pack.html"), PDF: pdf, Chromium: chromium})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("wrote %v", written)
	}
	info, err := exec.Command(pdfinfo, pdf).Output()
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
	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var scores struct {
		Title string
		Units []struct{ Name string }
	}
	site := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: "..", Destination: site}); err != nil {
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
}

func TestPackWithoutChromiumFailsBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pack.html")
	_, _, err := Pack(context.Background(), PackOptions{Source: smallSite, Output: out, PDF: filepath.Join(dir, "p.pdf"), Chromium: filepath.Join(dir, "no-such-chromium")})
	if err == nil || !strings.Contains(err.Error(), "no-such-chromium not found or not executable") {
		t.Errorf("Pack = %v; want a missing-Chromium error", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the HTML was written although the PDF could not be")
	}
}

// TestPackPolicyHashesItsInlineCode checks the pack's Content-Security-Policy
// against the pack itself: every inline script and style element is let in
// by its hash, and the policy lists no other.
func TestPackPolicyHashesItsInlineCode(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pack.html")
	if _, _, err := Pack(context.Background(), PackOptions{Source: hostileSite, Output: out}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var policy string
	inline := map[string][]string{} // directive: hashes of the elements it governs
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		if tt != html.StartTagToken {
			continue
		}
		attr := map[string]string{}
		for _, a := range tok.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case tok.Data == "meta" && attr["http-equiv"] == "Content-Security-Policy":
			policy = attr["content"]
		case tok.Data == "script" && attr["src"] == "" && attr["type"] != "application/json":
			z.Next()
			inline["script-src"] = append(inline["script-src"], hashSource(z.Text()))
		case tok.Data == "style":
			z.Next()
			inline["style-src-elem"] = append(inline["style-src-elem"], hashSource(z.Text()))
		}
	}
	if policy == "" {
		t.Fatal("the pack states no Content-Security-Policy")
	}
	if len(inline["script-src"]) != 2 || len(inline["style-src-elem"]) != 1 {
		t.Fatalf("inline code: %v", inline)
	}
	for dir, want := range inline {
		var got []string
		for d := range strings.SplitSeq(policy, ";") {
			f := strings.Fields(d)
			if len(f) > 0 && f[0] == dir {
				for _, src := range f[1:] {
					if strings.HasPrefix(src, "'sha256-") {
						got = append(got, src)
					}
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v; the pack's inline elements hash to %v", dir, got, want)
		}
	}
}

func hashSource(text []byte) string {
	sum := sha256.Sum256(text)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
