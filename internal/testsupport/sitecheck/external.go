package sitecheck

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
)

// External checks that nothing in the site below root reaches the network:
// a page must look the same, and leak nothing, on a machine that is offline.
//
// Every http:, https: or protocol-relative ("//host") URL is a problem, in
// any URL attribute of any element (href, src, srcset, action, formaction,
// poster, <object data>, SVG's xlink:href and the like), in a data-*
// attribute whose value is such a URL, in url(...) and @import of <style>
// elements, style attributes and *.css files. There are two exceptions,
// links that load nothing by themselves: an <a href> inside an element of
// class "commentary" (authors write commentary in Markdown, and the reader
// chooses to follow a link), and the href of one <link rel="canonical"> in
// the <head> of a page (a build with a base URL names each page's public
// address there). Any other canonical link, or a rel with more than that
// one word, is a problem as before.
//
// A <base href> is a problem, because it changes where every relative URL of
// the page points, and so is a <meta http-equiv="refresh"> that names a URL.
func External(root string) []string {
	p := problems{}
	for _, page := range files(root, p, ".html", ".htm") {
		doc, err := parseHTML(root, page)
		if err != nil {
			p.add(page, "%v", err)
			continue
		}
		externalInPage(p, page, doc)
	}
	for _, sheet := range files(root, p, ".css") {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(sheet)))
		if err != nil {
			p.add(sheet, "%v", err)
			continue
		}
		for _, r := range cssURLs(string(b)) {
			if isExternal(r.url) {
				p.add(sheet, "%s: external URL", r.what)
			}
		}
	}
	return p.sorted()
}

// externalInPage adds the external URLs of the parsed page to p.
func externalInPage(p problems, page string, doc *html.Node) {
	canonicalSeen := false
	var walk func(n *html.Node, inCommentary bool)
	walk = func(n *html.Node, inCommentary bool) {
		if n.Type == html.ElementNode {
			inCommentary = inCommentary || hasClass(n, "commentary")
			canonical := !canonicalSeen && isCanonical(n)
			canonicalSeen = canonicalSeen || canonical
			externalInElement(p, page, n, inCommentary, canonical)
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, inCommentary)
		}
	}
	walk(doc, false)
}

// isCanonical reports whether n is a <link rel="canonical"> in a page's
// <head>.
func isCanonical(n *html.Node) bool {
	rel, _ := attr(n, "rel")
	return n.Data == "link" && n.Parent != nil && n.Parent.Data == "head" &&
		strings.EqualFold(strings.TrimSpace(rel), "canonical")
}

// externalInElement adds the external URLs of the element n to p. The href
// of a canonical link is allowed.
func externalInElement(p problems, page string, n *html.Node, inCommentary, canonical bool) {
	for _, a := range urlsOf(n) {
		if a.tag == "a" && a.name == "href" && inCommentary || canonical && a.name == "href" {
			continue
		}
		for _, u := range a.urls {
			if isExternal(u) {
				p.add(page, "%s: external URL", a.what)
			}
		}
	}
	for _, a := range n.Attr {
		switch {
		case a.Namespace == "" && strings.HasPrefix(a.Key, "data-") && isExternal(a.Val):
			p.add(page, "<%s %s=%q>: external URL", n.Data, a.Key, a.Val)
		case a.Key == "style":
			for _, r := range cssURLs(a.Val) {
				if isExternal(r.url) {
					p.add(page, "<%s style> %s: external URL", n.Data, r.what)
				}
			}
		}
	}
	switch n.Data {
	case "style":
		for _, r := range cssURLs(text(n)) {
			if isExternal(r.url) {
				p.add(page, "<style> %s: external URL", r.what)
			}
		}
	case "base":
		if v, ok := attr(n, "href"); ok {
			p.add(page, "<base href=%q>: changes where every relative URL points", v)
		}
	case "meta":
		equiv, _ := attr(n, "http-equiv")
		content, _ := attr(n, "content")
		// "5" only reloads; "5; url=x", "5;x" and "5, x" go to x.
		i := strings.IndexAny(content, ";,")
		if strings.EqualFold(equiv, "refresh") && i >= 0 && strings.TrimSpace(content[i+1:]) != "" {
			p.add(page, "<meta http-equiv=%q content=%q>: redirects", equiv, content)
		}
	}
}
