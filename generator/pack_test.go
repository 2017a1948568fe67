package generator

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

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
	for _, want := range []string{"Acme Scorecard", "September 2026", "Executive summary", "Exceptions", "Acme Corp", "Operations", "Initiatives", "Appendix: definitions and glossary", "Since the last review", `style="--pack-left: 'Acme Scorecard · September 2026'; --pack-right: 'Page ' counter(page) ' of ' counter(pages) ''"`, "echarts"} {
		if !strings.Contains(html, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
}

// TestPackWithoutAPrinterFailsBeforeWriting: a PDF that cannot be printed
// (no Chromium, say) is an error before the HTML is written, and so is a
// PDF asked for without a printer.
func TestPackWithoutAPrinterFailsBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "pack.html")
	pdf := filepath.Join(dir, "p.pdf")
	_, _, err := Pack(context.Background(), PackOptions{Source: smallSite, Output: out, PDF: pdf, Printer: unavailable{}})
	if err == nil || err.Error() != "chromium not found" {
		t.Errorf("Pack = %v; want the printer's error", err)
	}
	_, _, err = Pack(context.Background(), PackOptions{Source: smallSite, Output: out, PDF: pdf})
	if want := "no printer to print the PDF with"; err == nil || err.Error() != want {
		t.Errorf("Pack without a printer = %v; want %q", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the HTML was written although the PDF could not be")
	}
}

// unavailable is a printer that cannot print, as the PDF printer without
// its browser. Pack must ask it before writing anything.
type unavailable struct{}

func (unavailable) Ready() error { return errors.New("chromium not found") }

func (unavailable) Print(context.Context, string) ([]byte, error) {
	panic("Print called although Ready failed")
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

// TestPackShowsTheScorecardVocabulary: the pack's cover carries the
// organisation's vision and strategy, as Markdown; its appendix gives each
// measure's description, source, own owner and kind beside its rules.
func TestPackShowsTheScorecardVocabulary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pack.html")
	if _, _, err := Pack(context.Background(), PackOptions{Source: smallSite, Output: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	pack := string(b)
	for _, want := range []string{
		`<section class="vision"><h2>Vision</h2><div class="prose"><p>The widget maker people <strong>recommend</strong> first, in every market we serve.</p>`,
		`<section class="strategy"><h2>Strategy</h2><div class="prose"><p>Win on service before price:</p>`,
		`<tr class="group-row"><th scope="rowgroup" colspan="8">Acme Corp</th></tr>`,
		`<tr><th scope="row">Revenue<br><span class="meta">Invoiced sales of all units, net of returns.</span></th><td><span class="kind k-lagging">Lagging</span></td><td>higher</td><td>monthly</td><td>ytd (sum)</td><td>sum of child units</td><td>target $100</td><td>Finance ledger, month-end close</td></tr>`,
		`<tr><th scope="row">Engagement<br><span class="meta">Staff who would recommend Acme as a place to work, out of 100.</span><br><span class="meta">Owner: Head of People</span></th><td><span class="kind k-leading">Leading</span></td><td>range</td>`,
	} {
		if !strings.Contains(pack, want) {
			t.Errorf("the pack lacks %s", want)
		}
	}
	// The names in an initiative's line of facts are isolated, so that on a
	// page written right to left a name in Latin letters does not take the
	// day of the date after it (1 يناير) into its own run.
	if want := `<p class="meta"><bdi>Acme Corp</bdi> · <bdi>Head of Sales Ops</bdi> · Jan 1, 2026 – Dec 31, 2026</p>`; !strings.Contains(pack, want) {
		t.Errorf("the pack lacks %s", want)
	}
	if i, j := strings.Index(pack, `class="vision"`), strings.Index(pack, `id="summary"`); i < 0 || i > j {
		t.Error("the vision is not on the cover, before the summary")
	}
}

// packSections lists the unit sections of a pack file, by unit id.
func packSections(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<section class="unit-section" id="unit-([a-z0-9_-]+)"`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestPackScope: scorecard pack --unit U --depth N is U and the units below
// it, N levels down, and the cover says so; without them the example, nine
// units on three levels, is whole. An unknown unit and a depth out of range
// are errors that name the flag.
func TestPackScope(t *testing.T) {
	dir := t.TempDir()
	zero, one := 0, 1
	for _, c := range []struct {
		unit  string
		depth *int
		want  []string
		cover string
	}{
		{"", nil, []string{"org", "operations", "fulfilment", "procurement", "people", "sales", "americas", "apac", "emea"}, "Every unit of the organisation."},
		{"sales", &one, []string{"sales", "americas", "apac", "emea"}, "Sales and the units below it, 1 level down."},
		{"sales", &zero, []string{"sales"}, "Sales. 3 units further down are left out."},
		{"", &one, []string{"org", "operations", "people", "sales"}, "Northwind Traders and the units below it, 1 level down. 5 units further down are left out."},
	} {
		out := filepath.Join(dir, "pack.html")
		if _, _, err := Pack(context.Background(), PackOptions{Source: "..", Output: out, Unit: c.unit, Depth: c.depth}); err != nil {
			t.Fatal(err)
		}
		if got := packSections(t, out); !slices.Equal(got, c.want) {
			t.Errorf("--unit %q --depth %v: sections %v; want %v", c.unit, c.depth, got, c.want)
		}
		b, _ := os.ReadFile(out)
		if !strings.Contains(string(b), c.cover) {
			t.Errorf("--unit %q --depth %v: the cover does not say %q", c.unit, c.depth, c.cover)
		}
	}
	big := 65
	for _, c := range []struct {
		opts PackOptions
		want string
	}{
		{PackOptions{Unit: "nosuch"}, `--unit: unit "nosuch": there is no such unit (the units are org, operations, fulfilment, procurement, people, sales, americas, apac, and 1 more)`},
		{PackOptions{Depth: &big}, `--depth: depth 65 is not from 0 to 64: it counts the levels of units below the pack's unit (0: the unit alone)`},
	} {
		c.opts.Source, c.opts.Output = "..", filepath.Join(dir, "x.html")
		_, _, err := Pack(context.Background(), c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v; want %s", c.opts, err, c.want)
		}
	}
}
