package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Paper sizes the pack can be printed on.
var Paper = map[string]chromedp.PaperSize{
	"a4":     chromedp.PaperA4,
	"letter": chromedp.PaperLetter,
}

// chartsDrawn is true once every chart container holds its SVG.
const chartsDrawn = `Array.from(document.querySelectorAll("[data-chart]")).every(function (e) { return e.querySelector("svg") !== null; })`

// Printer prints with the Chromium Chromium (found as Find finds it, when
// empty) on paper Paper ("a4" or "letter"): generator.Pack's printer.
type Printer struct {
	Chromium string
	Paper    string
	path     string // the Chromium found by Ready
}

// NewPrinter returns the printer, or an error when paper is not a size it
// knows.
func NewPrinter(chromium, paper string) (*Printer, error) {
	if _, ok := Paper[paper]; !ok {
		return nil, fmt.Errorf("paper %q is not a4 or letter", paper)
	}
	return &Printer{Chromium: chromium, Paper: paper}, nil
}

// Ready finds the browser, and says why it cannot when it cannot.
func (p *Printer) Ready() error {
	c, err := Find(p.Chromium)
	p.path = c
	return err
}

// Print prints the HTML file to PDF; Ready must have found the browser.
func (p *Printer) Print(ctx context.Context, file string) ([]byte, error) {
	return PrintPDF(ctx, p.path, file, p.Paper)
}

// PrintPDF opens the HTML file in Chromium, waits until its charts are drawn
// and returns it printed to PDF on the paper named. The page's own @page
// rules set the margins, header and footer.
func PrintPDF(ctx context.Context, chromium, file, paper string) ([]byte, error) {
	size, ok := Paper[paper]
	if !ok {
		return nil, fmt.Errorf("paper %q is not a4 or letter", paper)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	scratch, scratchOpts, err := Scratch()
	if err != nil {
		return nil, err
	}
	// Deferred first, so it runs last: after the browser has been killed and
	// waited for, when nothing writes into the folder any more.
	defer os.RemoveAll(scratch)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	noSandbox := NoSandbox(os.Geteuid(), os.Getenv)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(offline(chromium, noSandbox), scratchOpts...)...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return nil, StartError(err, noSandbox)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := chromedp.Do(bctx, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Poll[bool](chartsDrawn, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		return nil, fmt.Errorf("chromium: the charts were not drawn: %w", err)
	}
	return printNumbered(bctx, size)
}

// printNumbered prints the page with a document outline (its headings as
// bookmarks) and, when it has a contents whose entries hold an empty
// <span data-toc-for="id">, writes into each the page on which the
// section with that id begins, read back from the outline of a first
// printing, and prints again. The numbers take room the layout keeps
// for them, so they move nothing; the pages are read back again to make
// sure, and printed a third time should anything have moved.
func printNumbered(ctx context.Context, size chromedp.PaperSize) ([]byte, error) {
	print := func() ([]byte, error) {
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(size), chromedp.PDFPrintBackground(), documentOutline))
		if err != nil {
			return nil, fmt.Errorf("chromium: %w", err)
		}
		return pdf, nil
	}
	pdf, err := print()
	if err != nil {
		return nil, err
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[tocMarks](tocScript))
	if err != nil {
		return nil, fmt.Errorf("chromium: reading the contents: %w", err)
	}
	if len(marks.Targets) == 0 {
		return pdf, nil
	}
	var written []int
	for range 3 {
		pages, err := tocPages(pdf, marks)
		if err != nil {
			return nil, err
		}
		if slices.Equal(pages, written) {
			return pdf, nil
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fillScript(pages))); err != nil {
			return nil, fmt.Errorf("chromium: numbering the contents: %w", err)
		}
		written = pages
		if pdf, err = print(); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("chromium: the page numbers of the contents did not settle after three printings")
}

// documentOutline asks Chromium for the PDF's bookmarks: its headings, as
// they nest.
func documentOutline(p *page.PrintToPDFParams) {
	yes := true
	p.GenerateDocumentOutline = &yes
}

// tocMarks are the page's headings, in the order of the document and so of
// its outline, and for each contents entry the index of the heading its
// section begins with (-1 when none).
type tocMarks struct {
	Headings []string `json:"headings"`
	Targets  []int    `json:"targets"`
}

// tocScript finds the headings that Chromium makes bookmarks of (h1 to h6
// and role="heading", but not those hidden from assistive technology),
// their text as the outline gives it (white space collapsed), and the
// heading of each section a contents entry names.
const tocScript = `(function () {
  var hs = Array.prototype.filter.call(document.querySelectorAll("h1,h2,h3,h4,h5,h6,[role=heading]"), function (h) {
    return !h.closest("[aria-hidden=true]");
  });
  var text = function (h) { return h.textContent.replace(/\s+/g, " ").trim(); };
  return {
    headings: hs.map(text),
    targets: Array.prototype.map.call(document.querySelectorAll("[data-toc-for]"), function (s) {
      var sec = document.getElementById(s.getAttribute("data-toc-for"));
      if (!sec) { return -1; }
      var h = hs.indexOf(sec) >= 0 ? sec : sec.querySelector("h1,h2,h3,h4,h5,h6,[role=heading]");
      return h ? hs.indexOf(h) : -1;
    })
  };
})()`

// fillScript writes the page numbers into the contents entries, in order;
// 0 leaves an entry empty.
func fillScript(pages []int) string {
	b, _ := json.Marshal(pages)
	return `(function (pages) {
  Array.prototype.forEach.call(document.querySelectorAll("[data-toc-for]"), function (s, i) {
    s.textContent = pages[i] ? String(pages[i]) : "";
  });
})(` + string(b) + `)`
}

// tocPages reads the outline of pdf and returns the page of each contents
// entry of marks: the outline's bookmarks are matched with the page's
// headings in order, by their text.
func tocPages(pdf []byte, marks tocMarks) ([]int, error) {
	items, _, err := Outline(pdf)
	if err != nil {
		return nil, fmt.Errorf("reading the printed outline: %w", err)
	}
	at := make([]int, len(marks.Headings)) // heading → page
	j := 0
	for h, text := range marks.Headings {
		for k := j; k < len(items); k++ {
			if strings.Join(strings.Fields(items[k].Title), " ") == text {
				at[h], j = items[k].Page, k+1
				break
			}
		}
	}
	pages := make([]int, len(marks.Targets))
	for i, h := range marks.Targets {
		if h >= 0 && h < len(at) {
			pages[i] = at[h]
		}
	}
	return pages, nil
}
