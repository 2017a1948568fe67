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
// first of chromium, chromium-browser, google-chrome and google-chrome-stable
// found on PATH, else /usr/bin/chromium, which a run with a trimmed PATH (a
// test's, a service's) would otherwise miss.
//
// A path given or a $CHROMIUM that does not name a program is an error rather
// than a reason to look elsewhere: whoever named it meant that browser.
func Find(explicit string) (string, error) {
	if explicit != "" {
		if p, err := exec.LookPath(explicit); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("chromium %s not found or not executable", explicit)
	}
	if env := os.Getenv("CHROMIUM"); env != "" {
		p, err := exec.LookPath(env)
		if err != nil {
			return "", fmt.Errorf("$CHROMIUM: %w", err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	const fallback = "/usr/bin/chromium"
	if fi, err := os.Stat(fallback); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
		return fallback, nil
	}
	return "", errors.New("no Chromium found: install it (Debian: apt-get install chromium), give its path with --chromium or set $CHROMIUM to it")
}

// Scratch makes a folder for everything a Chromium run writes and returns it
// with the options that send Chromium there: its profile (--user-data-dir),
// and what it writes outside the profile — a singleton socket in
// $TMPDIR/org.chromium.Chromium.*, which outlives the browser, and crash
// reports and settings under $HOME. The caller removes the folder once the
// browser has ended.
//
// Chromium refuses to start when the path of its socket passes the 107 bytes
// a Unix socket allows, so a deep temporary folder (macOS's, a test's) is
// traded for /tmp.
func Scratch() (string, []chromedp.ExecAllocatorOption, error) {
	base := os.TempDir()
	if fi, err := os.Stat("/tmp"); len(base) > 40 && err == nil && fi.IsDir() {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "scorecard-chromium-")
	if err != nil {
		return "", nil, err
	}
	return dir, []chromedp.ExecAllocatorOption{
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Env(
			"HOME="+dir,
			"TMPDIR="+dir,
			"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
			"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		),
	}, nil
}

// Offline are the flags of a headless Chromium that reaches nothing on the
// network: every host resolves to nothing and every request goes to a proxy
// that does not exist. Files still open, which is all a site or a pack needs.
func Offline(execPath string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
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
	scratch, scratchOpts, err := Scratch()
	if err != nil {
		return nil, err
	}
	// Deferred first, so it runs last: after the browser has been killed and
	// waited for, when nothing writes into the folder any more.
	defer os.RemoveAll(scratch)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(Offline(chromium), scratchOpts...)...)
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
