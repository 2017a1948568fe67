// Package browser drives a headless Chromium for the board pack's PDF: it
// finds the browser, opens a local file with the network off, waits for the
// charts and prints.
package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// Find returns the Chromium to run: the path given, else $CHROMIUM, else the
// first of the usual names found on PATH.
func Find(explicit string) (string, error) {
	if explicit != "" {
		if p, err := exec.LookPath(explicit); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("chromium %s not found or not executable", explicit)
	}
	if env := os.Getenv("CHROMIUM"); env != "" {
		return Find(env)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found on PATH: install it (Debian: apt-get install chromium) or give its path with --chromium")
}

// Offline are the flags of a headless Chromium that reaches nothing on the
// network: every host resolves to nothing and every request goes to a proxy
// that does not exist. Files still open, which is all a site or a pack needs.
func Offline(execPath, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	}
}

// Paper sizes the pack can be printed on.
var Paper = map[string]chromedp.PaperSize{
	"a4":     chromedp.PaperA4,
	"letter": chromedp.PaperLetter,
}

// chartsDrawn is true once every chart container holds its SVG.
const chartsDrawn = `Array.from(document.querySelectorAll("[data-chart]")).every(function (e) { return e.querySelector("svg") !== null; })`

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
	profile, err := os.MkdirTemp("", "scorecard-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, Offline(chromium, profile)...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
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
