package sitecheck

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Crawl reads a site from a web server as a browser would: from the page at
// start, it follows every relative URL of every page it reaches (the
// attributes Links reads, and url(...) in <style>, style attributes and
// style sheets), resolved against the URL of the page or sheet that holds it.
// Every URL reached must stay under prefix, the path the site is served from
// ("/strategy/2026/"), and be answered 200 OK. External URLs, and mailto:,
// tel:, data: and #fragment-only ones, are not followed; a fragment is not
// checked (Links does that on disk).
//
// It returns the paths fetched, in the order met, and the problems as
// "referrer: problem" lines, sorted.
func Crawl(client *http.Client, start, prefix string) (fetched []string, problems []string) {
	c := &crawler{client: client, prefix: prefix, p: map[string]bool{}, seen: map[string]bool{}}
	base, err := url.Parse(start)
	if err != nil {
		return nil, []string{start + ": " + err.Error()}
	}
	c.queue = append(c.queue, link{"(start)", base})
	for len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(l)
	}
	return c.fetched, c.p.sorted()
}

type link struct {
	from string
	u    *url.URL
}

type crawler struct {
	client  *http.Client
	prefix  string
	p       problems
	seen    map[string]bool
	queue   []link
	fetched []string
}

// follow queues the URL raw found in the file at base, unless it is not to
// be followed or was queued already.
func (c *crawler) follow(from string, base *url.URL, raw string) {
	raw = cleanURL(raw)
	lower := strings.ToLower(raw)
	if raw == "" || strings.HasPrefix(raw, "#") || isExternal(raw) ||
		strings.HasPrefix(lower, "mailto:") || strings.HasPrefix(lower, "tel:") || strings.HasPrefix(lower, "data:") {
		return
	}
	u, err := base.Parse(raw)
	if err != nil {
		c.p.add(from, "%q: %v", raw, err)
		return
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Host != base.Host || !strings.HasPrefix(u.Path, c.prefix) {
		c.p.add(from, "%q leads to %s, outside %s", raw, u.Path, c.prefix)
		return
	}
	if !c.seen[u.String()] {
		c.seen[u.String()] = true
		c.queue = append(c.queue, link{from, u})
	}
}

func (c *crawler) fetch(l link) {
	resp, err := c.client.Get(l.u.String())
	if err != nil {
		c.p.add(l.from, "%s: %v", l.u.Path, err)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.p.add(l.from, "%s: %s", l.u.Path, resp.Status)
		return
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.p.add(l.from, "%s: %v", l.u.Path, err)
		return
	}
	at := resp.Request.URL // after any redirect
	c.fetched = append(c.fetched, at.Path)
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch mt {
	case "text/html":
		c.page(at, body)
	case "text/css":
		for _, r := range cssURLs(string(body)) {
			c.follow(at.Path, at, r.url)
		}
	}
}

func (c *crawler) page(at *url.URL, body []byte) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		c.p.add(at.Path, "%v", err)
		return
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range urlsOf(n) {
				for _, u := range a.urls {
					c.follow(at.Path, at, u)
				}
			}
			css := ""
			if n.Data == "style" {
				css = text(n)
			} else if s, ok := attr(n, "style"); ok {
				css = s
			}
			for _, r := range cssURLs(css) {
				c.follow(at.Path, at, r.url)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
}
