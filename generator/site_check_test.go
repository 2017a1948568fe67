package generator

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
)

// TestSitesLinkOnlyToThemselves builds the example site, the small fixture,
// the hostile one and the league of comparisons, and checks every page and
// style sheet of each: every relative link and src names a file of the
// site (with its #fragment, an element of that page), and nothing refers
// to the network — only links that authors wrote in commentary may, and
// the canonical link of a site with a base URL, as sitecheck.External
// allows.
func TestSitesLinkOnlyToThemselves(t *testing.T) {
	for _, site := range []struct{ name, source, base string }{
		{"example", "..", "https://example.org/scorecard/"}, // config.toml's base_url
		{"small", smallSite, ""},
		{"hostile", hostileSite, ""},
		{"league", leagueSite, ""},
	} {
		t.Run(site.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, err := Build(context.Background(), Options{Source: site.source, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			for _, p := range sitecheck.Links(dest) {
				t.Error(p)
			}
			for _, p := range sitecheck.External(dest) {
				t.Error(p)
			}
			checkCanonical(t, dest, site.base)
		})
	}
}
