package serve

import (
	"bytes"
	"net/http"
	"strings"

	"golang.org/x/net/html"
)

// The Content-Security-Policy of the server's answers.
const (
	// pagePolicy is the policy of a page that states none of its own: a
	// theme's page without one, and the server's own pages. It lets in what
	// the default theme's pages need and nothing more: scripts and style
	// sheets from the site itself, style attributes (the charts' sizes,
	// ECharts' tooltips) and connections back to the server (the reload
	// stream). No inline script, no <style> element, nothing from elsewhere.
	pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
	// otherPolicy is the policy of every answer that is no page: a style
	// sheet or script is not governed by its own policy, and anything opened
	// directly may do nothing.
	otherPolicy = "default-src 'none'"
	// noFraming keeps the preview out of frames on other sites, where a page
	// could lead the user to click on it or read it for it. Only a header can
	// say so: a page's <meta> cannot.
	noFraming = "; frame-ancestors 'none'"
)

// setHeaders marks an answer that is no page. Every answer starts with these;
// servePage replaces the policy with the page's.
func setHeaders(h http.Header) {
	// Every rebuild changes the files behind the same URLs.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Content-Security-Policy", otherPolicy+noFraming)
}

// setPagePolicy sends the page's own policy, from the
// <meta http-equiv="Content-Security-Policy"> elements of its head (the
// build writes them, with the hashes of the board pack's inline scripts and
// styles), or pagePolicy when it has none. Each is sent as a header of its
// own, so that the browser enforces every one, as it does the elements.
func setPagePolicy(h http.Header, page []byte) {
	policies := metaPolicies(page)
	if len(policies) == 0 {
		policies = []string{pagePolicy}
	}
	h.Del("Content-Security-Policy")
	for _, p := range policies {
		h.Add("Content-Security-Policy", strings.TrimRight(p, "; ")+noFraming)
	}
}

// metaPolicies returns the policies the page's head states. The head ends at
// the first element that belongs to the body, as a browser sees it; what
// comes later, such as text from the source, cannot add a policy.
func metaPolicies(page []byte) []string {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return out
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "html", "head", "title", "link", "style", "script", "base":
				continue
			case "meta":
			default:
				return out
			}
			var equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "http-equiv":
					equiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if strings.EqualFold(equiv, "content-security-policy") && strings.TrimSpace(content) != "" {
				out = append(out, strings.TrimSpace(content))
			}
		}
	}
}
