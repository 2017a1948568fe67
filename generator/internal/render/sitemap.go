package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
)

// SitemapPath is where a build with a base URL writes its sitemap.
const SitemapPath = "sitemap.xml"

// sitemap lists the pages (the paths ending in .html, in any order) as
// absolute URLs under base, sorted, in the sitemaps.org format. It carries
// no lastmod: a build has no date of its own, and its output is the same
// whenever it runs.
func sitemap(base string, paths []string) []byte {
	var pages []string
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	slices.Sort(pages)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(base+p))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
