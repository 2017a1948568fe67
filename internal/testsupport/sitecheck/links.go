package sitecheck

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
)

// Links checks that every relative URL in the site below root leads
// somewhere, so the site works from any folder and from file://, where a
// server neither maps a folder to its index.html nor serves "/".
//
// In every *.html file it reads href, src, srcset and the other URL
// attributes of every element, SVG's xlink:href included, and url(...) in
// <style>, in style attributes and in SVG attributes. In every *.css file it
// reads url(...) and @import. Each relative URL, without its ?query and
// #fragment and percent-decoded, must name a regular file inside root: a
// folder is a problem even when it holds an index.html. A #fragment on a link
// to an HTML or SVG file, or alone, must name an element id of that page.
//
// A path from the root ("/x") or a protocol-relative URL ("//host/x") is a
// problem: it breaks when the site is served from a sub-path or opened from
// disk. mailto:, tel: and data: URLs are fine; http(s) URLs are left to
// External; any other scheme, javascript: included, is a problem.
func Links(root string) []string {
	c := &linkChecker{root: root, p: problems{}, ids: map[string]map[string]bool{}}
	for _, page := range files(root, c.p, ".html", ".htm") {
		doc, err := parseHTML(root, page)
		if err != nil {
			c.p.add(page, "%v", err)
			continue
		}
		c.page(page, doc)
	}
	for _, sheet := range files(root, c.p, ".css") {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(sheet)))
		if err != nil {
			c.p.add(sheet, "%v", err)
			continue
		}
		for _, r := range cssURLs(string(b)) {
			// A bare url(#id) in a style sheet names an element of
			// whichever page uses the sheet: nothing to check here.
			if !strings.HasPrefix(cleanURL(r.url), "#") {
				c.check(sheet, r.what, r.url)
			}
		}
	}
	return c.p.sorted()
}

type linkChecker struct {
	root string
	p    problems
	ids  map[string]map[string]bool // element ids by slash path, read on first use
}

// page checks every URL in the parsed page.
func (c *linkChecker) page(page string, doc *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range urlsOf(n) {
				for _, u := range a.urls {
					c.check(page, a.what, u)
				}
			}
			if n.Data == "style" {
				for _, r := range cssURLs(text(n)) {
					c.check(page, "<style> "+r.what, r.url)
				}
			}
			for _, a := range n.Attr {
				if a.Key == "style" || (n.Namespace == "svg" && strings.Contains(a.Val, "url(")) {
					for _, r := range cssURLs(a.Val) {
						c.check(page, "<"+n.Data+" "+a.Key+"> "+r.what, r.url)
					}
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
}

// check checks one URL found in the file from; what names it in a problem.
func (c *linkChecker) check(from, what, raw string) {
	v := cleanURL(raw)
	if v == "" {
		c.p.add(from, "%s: empty URL", what)
		return
	}
	if strings.Contains(v, `\`) {
		c.p.add(from, "%s: backslash in URL: use /", what)
		return
	}
	u, err := url.Parse(v)
	if err != nil {
		c.p.add(from, "%s: not a valid URL", what)
		return
	}
	switch {
	case u.Scheme == "mailto", u.Scheme == "tel", u.Scheme == "data", u.Scheme == "http", u.Scheme == "https":
		return
	case u.Scheme != "":
		c.p.add(from, "%s: %s: URLs are not allowed", what, u.Scheme)
		return
	case strings.HasPrefix(v, "//"):
		c.p.add(from, "%s: protocol-relative URL: links must be relative", what)
		return
	case strings.HasPrefix(u.Path, "/"):
		c.p.add(from, "%s: path from the root: links must be relative", what)
		return
	}
	target := from
	if u.Path != "" {
		target = path.Join(path.Dir(from), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			c.p.add(from, "%s: points outside the site", what)
			return
		}
		fi, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(target)))
		switch {
		case err != nil:
			c.p.add(from, "%s: %s does not exist", what, target)
			return
		case fi.IsDir():
			c.p.add(from, "%s: %s is a folder: link to a file such as %s", what, target, path.Join(target, "index.html"))
			return
		case !fi.Mode().IsRegular():
			c.p.add(from, "%s: %s is not a regular file", what, target)
			return
		}
	}
	if u.Fragment == "" || !hasIDs(target) {
		return
	}
	ids, err := c.idsOf(target)
	switch {
	case err != nil:
		c.p.add(from, "%s: %v", what, err)
	case !ids[u.Fragment] && target == from:
		c.p.add(from, "%s: no element with id %q", what, u.Fragment)
	case !ids[u.Fragment]:
		c.p.add(from, "%s: no element with id %q in %s", what, u.Fragment, target)
	}
}

// hasIDs reports whether a fragment names an element id in the file: in
// HTML and SVG it does; in a PDF or an image it means something else.
func hasIDs(file string) bool {
	switch path.Ext(file) {
	case ".html", ".htm", ".svg":
		return true
	}
	return false
}

// idsOf returns the element ids of the page or SVG file at rel.
func (c *linkChecker) idsOf(rel string) (map[string]bool, error) {
	if ids, ok := c.ids[rel]; ok {
		return ids, nil
	}
	doc, err := parseHTML(c.root, rel)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if id, ok := attr(n, "id"); ok && n.Type == html.ElementNode {
			ids[id] = true
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	c.ids[rel] = ids
	return ids, nil
}
