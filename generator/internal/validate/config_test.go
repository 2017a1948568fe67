package validate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/pipeline"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// A base URL is where the pages are published: page paths are appended to
// it in canonical links and the sitemap, so it is escaped, ends in "/", and
// has no query, fragment or password to carry into every page.
func TestBaseURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"https://example.org/scorecard/", "https://example.org/scorecard/", ""},
		{"https://example.org/scorecard", "https://example.org/scorecard/", ""},
		{"http://intranet", "http://intranet/", ""},
		{"https://example.org/R&D scorecard/ü", "https://example.org/R&D%20scorecard/%C3%BC/", ""},
		// As html/template writes them in an href, which the page is written
		// in Go as (view.Page.StartHTML).
		{"https://example.org/finance(emea)/o'neill", "https://example.org/finance%28emea%29/o%27neill/", ""},
		{"https://a<b>.org/", "", `--base-url: base_url "https://a<b>.org/" has a character no host name has in "a<b>.org": give the site's public address, such as https://example.org/scorecard/`},
		{"example.org", "", `--base-url: base_url "example.org" is not an absolute http(s) URL such as https://example.org/scorecard/`},
		{"ftp://example.org/", "", `--base-url: base_url "ftp://example.org/" is not an absolute http(s) URL such as https://example.org/scorecard/`},
		{"https://me:secret@example.org/", "", `--base-url: base_url "https://me:secret@example.org/" holds a user name or password, which every page would publish: give the site's public address, such as https://example.org/scorecard/`},
		{"https://example.org/?page=", "", `--base-url: base_url "https://example.org/?page=" has a query or a fragment: page paths are added to it, so give the folder the site is published in, such as https://example.org/scorecard/`},
		{"https://example.org/?", "", `--base-url: base_url "https://example.org/?" has a query or a fragment: page paths are added to it, so give the folder the site is published in, such as https://example.org/scorecard/`},
		{"https://example.org/#top", "", `--base-url: base_url "https://example.org/#top" has a query or a fragment: page paths are added to it, so give the folder the site is published in, such as https://example.org/scorecard/`},
	}
	site := `
-- config.toml --
title = "T"
-- content/scorecard.toml --
name = "Org"
[[objectives]]
id = "o"
perspective = "financial"
name = "O"
[[objectives.measures]]
id = "a"
name = "a"
polarity = "higher"
target = 1
-- data/a.csv --
unit,measure,period,actual
org,a,2026-09,1
`
	for _, tc := range tests {
		r, dl := sitetest.Compile(t, site, pipeline.Options{BaseURL: tc.in})
		got := sitetest.Lines(dl, diag.Error)
		if tc.err != "" {
			if !slices.Equal(got, []string{tc.err}) {
				t.Errorf("%q: errors\n%s\nwant\n%s", tc.in, strings.Join(got, "\n"), tc.err)
			}
			continue
		}
		if len(got) > 0 || r.Site.BaseURL != tc.want {
			t.Errorf("%q: base %q, errors %q; want %q", tc.in, r.Site.BaseURL, got, tc.want)
		}
	}
}
