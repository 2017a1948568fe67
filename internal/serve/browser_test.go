package serve_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/serve"
	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// TestServeBrowser opens, in headless Chromium, a page of every type of the
// example site as scorecard serve sends it, with its Content-Security-Policy
// header and the reload script it adds: the pages, the board pack, the page
// for a missing file, the same pages over a failed build, with the errors
// laid over them, and the page shown while nothing has built. None may log a
// console error (a CSP violation is one) or fail a request, and every chart
// must be drawn.
func TestServeBrowser(t *testing.T) {
	chromium := browsertest.Chromium(t)
	ctx := context.Background()
	good := serveCopy(t, "", false)
	broken := serveCopy(t, "org,gross-profit,2026-10,12 345,\n", false)
	neverBuilt := serveCopy(t, "org,gross-profit,2026-10,12 345,\n", true)

	types := browsertest.ExamplePages()
	var pages []string
	for p := range types {
		pages = append(pages, good.url+p)
	}
	slices.Sort(pages)
	pages = append(pages, good.url+"no/such/page.html", good.url+"units/org")
	// A build that failed: its errors over the last good pages.
	waitForBanner(t, broken.url+"pack/index.html")
	for _, p := range []string{"index.html", "units/org/measures/revenue.html", "exceptions/index.html", "pack/index.html"} {
		pages = append(pages, broken.url+p)
	}
	pages = append(pages, neverBuilt.url, neverBuilt.url+"units/org/index.html")

	reports, err := sitecheck.Browse(ctx, chromium, pages)
	if err != nil {
		t.Fatal(err)
	}
	// The answer for a missing page, and while nothing has built, is the
	// page shown, which Chromium logs with its status.
	withStatus := map[string]string{
		good.url + "no/such/page.html":          "404 (Not Found)",
		neverBuilt.url:                          "500 (Internal Server Error)",
		neverBuilt.url + "units/org/index.html": "500 (Internal Server Error)",
	}
	for _, r := range reports {
		for _, p := range r.Problems() {
			status := r.Page + ": console: log (network): Failed to load resource: the server responded with a status of " + withStatus[r.Page] + " at " + r.Page
			// The browser asks for /favicon.ico by itself, some of the time
			// before the tab closes (more often on a slow machine or under
			// the race detector): the site has none, and a server that has
			// built nothing answers it, as every path, with its errors.
			faviconStatus := "404 (Not Found)"
			if strings.HasPrefix(r.Page, neverBuilt.url) {
				faviconStatus = "500 (Internal Server Error)"
			}
			favicon := strings.Contains(p, "status of "+faviconStatus+" at http://127.0.0.1:") && strings.HasSuffix(p, "/favicon.ico")
			if p != status && !favicon {
				t.Error(p)
			}
		}
		for _, s := range []*served{good, broken} {
			if types[strings.TrimPrefix(r.Page, s.url)] && r.ChartsTotal == 0 {
				t.Errorf("%s: no chart on a page that has charts", r.Page)
			}
		}
	}
	if len(reports) != len(pages) {
		t.Errorf("%d reports for %d pages", len(reports), len(pages))
	}
}

type served struct{ url string }

// serveCopy serves a copy of the example site, with bad appended to one of
// its data files when it is not empty: before the server starts when first
// is true, else once it has built the site.
func serveCopy(t *testing.T, bad string, first bool) *served {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"config.toml", "content", "data"} {
		src := filepath.Join("..", "..", p)
		fi, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if fi.IsDir() {
			err = os.CopyFS(filepath.Join(dir, p), os.DirFS(src))
		} else {
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(dir, p), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	csv := filepath.Join(dir, "data", "actuals", "finance.csv")
	if first {
		appendFile(t, csv, bad)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := serve.Start(ctx, serve.Options{Source: dir})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		srv.Wait()
	})
	if !first {
		appendFile(t, csv, bad)
	}
	return &served{url: srv.URL()}
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// waitForBanner waits until the page shows a failed build's errors.
func waitForBanner(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), "scorecard-build-errors") {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never showed the build's errors", url)
}
