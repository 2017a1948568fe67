// Package sitecheck proves properties of a built site folder, for tests: every
// relative link names a file that exists (Links), nothing is loaded from the
// network (External), and the pages run cleanly in a real browser with the
// network off (Browse).
//
// Links and External return problems as "path: problem" lines, path relative
// to the site's root with forward slashes, sorted and without duplicates, so a
// test can compare them exactly. No problem gives nil.
package sitecheck

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// problems collects "path: problem" lines as a set: the same broken link
// repeated in a page is one thing to fix.
type problems map[string]bool

func (p problems) add(path, format string, args ...any) {
	p[path+": "+fmt.Sprintf(format, args...)] = true
}

func (p problems) sorted() []string {
	return slices.Sorted(maps.Keys(p))
}

// files returns the slash paths, relative to root, of the regular files below
// root whose names end in one of exts. A folder that cannot be read is a
// problem.
func files(root string, p problems, exts ...string) []string {
	var out []string
	// Each error becomes a problem here, so WalkDir itself returns none.
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case err != nil && rel == ".":
			p.add(filepath.ToSlash(root), "%v", err)
		case err != nil:
			p.add(rel, "%v", err)
		case d.Type().IsRegular() && slices.ContainsFunc(exts, func(ext string) bool { return strings.HasSuffix(d.Name(), ext) }):
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// parseHTML parses the file at the slash path rel below root.
func parseHTML(root, rel string) (*html.Node, error) {
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return html.Parse(f)
}

// urlAttrs are the attributes whose value is one URL; an SVG xlink:href
// counts, parsed as href in the xlink namespace. srcsetAttrs hold URLs with
// descriptors ("a.png 1x, b.png 2x"), and ping a space-separated list.
var (
	urlAttrs    = []string{"href", "xlink:href", "src", "action", "formaction", "poster", "data", "background"}
	srcsetAttrs = []string{"srcset", "imagesrcset"}
)

// urlAttr describes the URLs in one attribute: what to call it in a problem,
// and the URLs themselves.
type urlAttr struct {
	what string // <tag attr="value">
	tag  string
	name string
	urls []string
}

// urlsOf returns the URL-holding attributes of the element n. A <base href>
// is not a link but a setting, which External reports on its own.
func urlsOf(n *html.Node) []urlAttr {
	if n.Data == "base" {
		return nil
	}
	var out []urlAttr
	for _, a := range n.Attr {
		name := a.Key
		if a.Namespace != "" {
			name = a.Namespace + ":" + a.Key
		}
		var urls []string
		switch {
		case slices.Contains(urlAttrs, name):
			urls = []string{a.Val}
		case slices.Contains(srcsetAttrs, name):
			urls = srcsetURLs(a.Val)
		case name == "ping":
			urls = strings.Fields(a.Val)
		default:
			continue
		}
		out = append(out, urlAttr{fmt.Sprintf("<%s %s=%q>", n.Data, name, a.Val), n.Data, name, urls})
	}
	return out
}

// srcsetURLs returns the URLs of a srcset: candidates are separated by
// commas, but a URL (a data: URL, say) may itself hold commas, so a URL runs
// to the next whitespace and only trailing commas end it early, as browsers
// parse it.
func srcsetURLs(s string) []string {
	var out []string
	for {
		s = strings.TrimLeft(s, " \t\n\r\f,")
		if s == "" {
			return out
		}
		end := strings.IndexAny(s, " \t\n\r\f")
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			out = append(out, trimmed)
			continue
		}
		out = append(out, u)
		// Skip the descriptors ("2x", "100w") up to the comma that ends
		// the candidate.
		if i := strings.IndexByte(s, ','); i >= 0 {
			s = s[i:]
		} else {
			s = ""
		}
	}
}

// cleanURL is the URL a browser would use for an attribute value: it strips
// tabs and newlines anywhere and spaces at both ends, so "ht\ntps://x" is
// seen as the https URL it is.
func cleanURL(v string) string {
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	return strings.Trim(v, " \f\x00")
}

// isExternal reports whether the URL reaches another host: http:, https:, or
// protocol-relative (browsers read a backslash as a slash in such URLs).
func isExternal(raw string) bool {
	v := strings.ToLower(strings.ReplaceAll(cleanURL(raw), `\`, "/"))
	return strings.HasPrefix(v, "http:") || strings.HasPrefix(v, "https:") || strings.HasPrefix(v, "//")
}

var (
	cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssURL     = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)`)
	cssImport  = regexp.MustCompile(`(?i)@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// cssRef is one URL in a style sheet and how to name it in a problem.
type cssRef struct {
	what string
	url  string
}

// cssURLs returns the URLs a style sheet loads: url(...) in any form and
// @import "...". Comments load nothing, so they are skipped.
func cssURLs(css string) []cssRef {
	css = cssComment.ReplaceAllString(css, "")
	var out []cssRef
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		u := m[1] + m[2] + m[3]
		out = append(out, cssRef{fmt.Sprintf("url(%q)", u), u})
	}
	for _, m := range cssImport.FindAllStringSubmatch(css, -1) {
		u := m[1] + m[2]
		out = append(out, cssRef{fmt.Sprintf("@import %q", u), u})
	}
	return out
}

// text returns the text inside n, such as the style sheet of a <style>.
func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// attr returns the value of the attribute key of n without a namespace.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasClass reports whether n has the class c.
func hasClass(n *html.Node, c string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), c)
}
