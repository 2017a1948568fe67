package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// smallPages are the pages of the small site, sorted.
var smallPages = []string{
	"alignment/index.html",
	"changes/index.html",
	"compare/index.html",
	"exceptions/index.html",
	"glossary/index.html",
	"index.html",
	"initiatives/index.html",
	"initiatives/ops/automation.html",
	"initiatives/ops/tender.html",
	"initiatives/org/crm.html",
	"initiatives/org/loyalty.html",
	"pack/index.html",
	"units/ops/changes.html",
	"units/ops/index.html",
	"units/ops/measures/cost.html",
	"units/ops/measures/margin.html",
	"units/ops/measures/on-time.html",
	"units/ops/measures/revenue.html",
	"units/ops/objectives/sell.html",
	"units/ops/objectives/ship.html",
	"units/org/changes.html",
	"units/org/compare.html",
	"units/org/index.html",
	"units/org/measures/engagement.html",
	"units/org/measures/nps.html",
	"units/org/measures/revenue.html",
	"units/org/objectives/delight.html",
	"units/org/objectives/grow.html",
	"units/org/objectives/learn.html",
}

// TestSitemapAndCanonicalLinks builds the small site with a base URL (one
// that needs escaping, in XML and in the URL): sitemap.xml lists every page
// under it, sorted, and every page names its own address as canonical.
// Without a base URL there is neither.
func TestSitemapAndCanonicalLinks(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: smallSite, Destination: dest, BaseURL: "https://example.org/R&D scorecard"}); err != nil {
		t.Fatal(err)
	}
	const base = "https://example.org/R&D%20scorecard/"
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	// Each review period has the same pages; the small site publishes
	// September at the root and the three months before under periods/.
	var pages []string
	for _, prefix := range []string{"", "periods/2026-06/", "periods/2026-07/", "periods/2026-08/"} {
		for _, p := range smallPages {
			pages = append(pages, prefix+p)
		}
	}
	slices.Sort(pages)
	for _, p := range pages {
		want += "  <url><loc>" + strings.ReplaceAll(base, "&", "&amp;") + p + "</loc></url>\n"
	}
	want += "</urlset>\n"
	got, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil || string(got) != want {
		t.Errorf("sitemap.xml (%v):\n%s\nwant:\n%s", err, got, want)
	}
	checkCanonical(t, dest, base)

	plain := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: smallSite, Destination: plain}); err != nil {
		t.Fatal(err)
	}
	checkCanonical(t, plain, "")
}

var canonicalLink = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)

// checkCanonical checks that every page built in dest has one canonical
// link, to base followed by its own path, and that sitemap.xml is there;
// with base "", that no page has one and there is no sitemap.
func checkCanonical(t *testing.T, dest, base string) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		links := canonicalLink.FindAllStringSubmatch(string(b), -1)
		switch {
		case base == "" && len(links) > 0:
			t.Errorf("%s: a canonical link without a base URL: %s", rel, links[0][0])
		case base == "":
		case len(links) != 1 || strings.ReplaceAll(links[0][1], "&amp;", "&") != base+filepath.ToSlash(rel):
			t.Errorf("%s: canonical links %q; want one to %s", rel, links, base+filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil || pages == 0 {
		t.Fatalf("%d pages: %v", pages, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "sitemap.xml")); (err == nil) != (base != "") {
		t.Errorf("sitemap.xml with base URL %q: %v", base, err)
	}
}

// TestMailedPackHasNoCanonicalLink: the pack that `scorecard pack` writes
// is one month's copy for e-mail, not the published page, so even with a
// base URL it names no address of its own; the site's pack page does.
func TestMailedPackHasNoCanonicalLink(t *testing.T) {
	source := copyTree(t, smallSite)
	edit(t, source, "config.toml", `title = "Acme Scorecard"`, "title = \"Acme Scorecard\"\nbase_url = \"https://example.org/s/\"")
	out := filepath.Join(t.TempDir(), "pack.html")
	if _, _, err := Pack(context.Background(), PackOptions{Source: source, Output: out}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if m := canonicalLink.FindString(string(b)); m != "" {
		t.Errorf("the mailed pack has %s", m)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: source, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	checkCanonical(t, dest, "https://example.org/s/")
}
