package generator

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// TestSiteUnderASubPath serves the built example site from /strategy/2026/
// of a web server, as an intranet or GitHub Pages does, and follows every
// link, script, style sheet and image from the home page: each must stay
// under /strategy/2026/ and be found, and every page of the site must be
// reached.
func TestSiteUnderASubPath(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: "..", Destination: dest, BaseURL: "https://intranet.example.org/strategy/2026/"}); err != nil {
		t.Fatal(err)
	}
	const prefix = "/strategy/2026/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux) // loopback; anything outside the prefix is 404
	defer srv.Close()

	// Without the trailing slash, the server redirects to the folder, or
	// relative links would resolve one level up.
	fetched, problems := sitecheck.Crawl(srv.Client(), srv.URL+"/strategy/2026", prefix)
	for _, p := range problems {
		t.Error(p)
	}
	if len(fetched) == 0 || fetched[0] != prefix {
		t.Fatalf("the crawl started at %v, want %s", fetched[:min(1, len(fetched))], prefix)
	}
	var pages []string
	fs.WalkDir(os.DirFS(dest), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, prefix+p)
		}
		return nil
	})
	for _, p := range pages {
		// http.FileServer answers .../index.html with a redirect to .../
		if !slices.Contains(fetched, p) && !slices.Contains(fetched, strings.TrimSuffix(p, "index.html")) {
			t.Errorf("%s is not reached by any link", p)
		}
	}
	if len(pages) < 50 || !slices.Contains(fetched, prefix+"assets/echarts/echarts.min.js") {
		t.Errorf("crawled %d files for %d pages; echarts loaded: %v", len(fetched), len(pages), slices.Contains(fetched, prefix+"assets/echarts/echarts.min.js"))
	}
}
