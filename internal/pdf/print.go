package pdf

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

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
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(size), chromedp.PDFPrintBackground()))
	if err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	return pdf, nil
}
