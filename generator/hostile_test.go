package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitecheck"
	"github.com/scorecard-dev/scorecard/themes"
)

// hostileSite's names, owners, mission, theme, initiative, milestone and commentary
// hold markup, script, event handlers, javascript: and data: URLs, quotes that
// would end a JSON string and go-echarts' __f__ function markers.
const hostileSite = "testdata/sites/hostile"

// TestHostileContentIsText builds the hostile site and reads every page as a
// browser would: no URL that reaches the network, no event handler attribute, no script but the theme's own,
// no frame, no dangerous URL, every chart option valid JSON — and the hostile
// text still shown, as text.
func TestHostileContentIsText(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: hostileSite, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for _, p := range sitecheck.External(dest) {
		t.Errorf("reaches the network: %s", p)
	}
	themeJS := themeScripts(t)
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
		checkInert(t, rel, b, themeJS)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 8 {
		t.Fatalf("only %d pages", pages)
	}
	checkSearchIndex(t, dest)
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	text := visibleText(t, home)
	for _, s := range []string{"<img src=x onerror=alert('unit')>", `"><svg onload=alert('owner')>`, "</script><script>alert('mission')</script>", "Grow {b} {c} __f__alert('objective')__f__", "</script><img src=x onerror=alert('theme')> {a|b}"} {
		if !strings.Contains(text, s) {
			t.Errorf("index.html does not show %q as text", s)
		}
	}
}

// themeScripts returns the default theme's scripts, the only ones a page may hold.
func themeScripts(t *testing.T) map[string]bool {
	t.Helper()
	themeJS := map[string]bool{}
	for _, f := range []string{"static/assets/site.js", "static/assets/find.js", "static/assets/echarts/echarts.min.js"} {
		b, err := fs.ReadFile(themes.Default(), f)
		if err != nil {
			t.Fatal(err)
		}
		themeJS[string(b)] = true
	}
	return themeJS
}

// checkInert fails the test for anything in page that could run or load.
func checkInert(t *testing.T, page string, b []byte, themeJS map[string]bool) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	var walk func(n *html.Node, inCommentary bool)
	walk = func(n *html.Node, inCommentary bool) {
		if n.Type == html.ElementNode {
			if hasClass(n, "commentary") {
				inCommentary = true
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(key, "on") {
					t.Errorf("%s: <%s %s=%q>: an event handler", page, n.Data, a.Key, a.Val)
				}
				if key == "href" || key == "src" || key == "action" || key == "formaction" {
					for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
						if strings.HasPrefix(val, scheme) {
							t.Errorf("%s: <%s %s=%q>", page, n.Data, a.Key, a.Val)
						}
					}
				}
			}
			switch n.Data {
			case "iframe", "object", "embed", "frame", "base", "form", "img", "svg":
				// The theme draws two kinds of SVG: sparklines and the
				// stale mark; none comes from commentary.
				if n.Data != "svg" || inCommentary || !hasClass(n, "spark") && !hasClass(n, "icon") {
					t.Errorf("%s: a <%s> element", page, n.Data)
				}
			case "style":
				if inCommentary || parentTag(n) != "head" {
					t.Errorf("%s: a <style> outside the page head", page)
				}
			case "script":
				checkScript(t, page, n, themeJS)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inCommentary)
		}
	}
	walk(doc, false)
}

func checkScript(t *testing.T, page string, n *html.Node, themeJS map[string]bool) {
	t.Helper()
	body := ""
	if n.FirstChild != nil {
		body = n.FirstChild.Data
	}
	src, typ := attr(n, "src"), attr(n, "type")
	switch {
	case src != "":
		if !strings.HasSuffix(src, "assets/site.js") && !strings.HasSuffix(src, "assets/find.js") && !strings.HasSuffix(src, "assets/echarts/echarts.min.js") {
			t.Errorf("%s: a script from %q", page, src)
		}
	case typ == "application/json":
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("%s: a JSON block that does not parse: %v", page, err)
		}
	case !themeJS[body]:
		t.Errorf("%s: an inline script that is not the theme's: %.80q", page, body)
	}
}

// checkSearchIndex fails the test unless the search index is one
// statement assigning a JSON value, with no character that could end a
// script element, a comment or a string, and every hostile name in it
// exactly.
func checkSearchIndex(t *testing.T, dest string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, "data/search.js"))
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\nvar scorecardSearch = ")
	body, ok := strings.CutSuffix(body, ";\n")
	if head != "// The search index of the site, read by assets/find.js." || !ok {
		t.Fatalf("data/search.js is not one assignment:\n%s", b)
	}
	if i := strings.IndexAny(body, "<>&\u2028\u2029\n"); i >= 0 {
		t.Errorf("data/search.js holds %q unescaped", body[i:i+1])
	}
	var ix struct{ T []string }
	if err := json.Unmarshal([]byte(body), &ix); err != nil {
		t.Fatalf("data/search.js: %v", err)
	}
	for _, name := range []string{"<img src=x onerror=alert('unit')>", "'; alert('measure'); //\" </script>", "<a href=\"javascript:alert('initiative owner')\">x</a>"} {
		if !slices.Contains(ix.T, name) {
			t.Errorf("the search index does not hold %q as it is", name)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func parentTag(n *html.Node) string {
	if n.Parent == nil {
		return ""
	}
	return n.Parent.Data
}

// visibleText returns the text of a page's body as a reader sees it.
func visibleText(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return sb.String()
}
