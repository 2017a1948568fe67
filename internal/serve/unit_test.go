package serve

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
)

func TestInjectGoesBeforeTheLastBodyEndTag(t *testing.T) {
	script := `<script src="/_scorecard/reload.js" data-since="7"></script>`
	for _, tc := range []struct{ name, page, before, after string }{
		{"lower case", "<html><body><p>x</p></body></html>", "<p>x</p>", "</body></html>"},
		{"upper case", "<HTML><BODY>x</BODY></HTML>", "x", "</BODY></HTML>"},
		{"body named in the text", "<body><p>&lt;/body&gt; and </body>\n</html>", "and ", "</body>\n</html>"},
		{"no body tag", "<p>fragment</p>", "fragment</p>", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(inject([]byte(tc.page), &state{gen: 7}))
			i := strings.Index(got, script)
			if i < 0 {
				t.Fatalf("no reload script in %q", got)
			}
			if !strings.HasSuffix(got[:i], tc.before) || !strings.HasSuffix(got, tc.after) || !strings.HasSuffix(strings.TrimSuffix(got, tc.after), "</script>\n") {
				t.Errorf("script misplaced: %q", got)
			}
		})
	}
}

func TestBannerEscapesEveryLine(t *testing.T) {
	st := &state{gen: 2, site: &site{}, errs: []string{
		`content/scorecard.toml:3:8: name "<script>alert(1)</script>" & more`,
		`data/a.csv:2:1: it's "quoted"`,
	}}
	got := string(inject([]byte("<body></body>"), st))
	for _, want := range []string{
		`content/scorecard.toml:3:8: name &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; more`,
		`data/a.csv:2:1: it&#39;s &#34;quoted&#34;`,
		"the last good build",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("banner lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>alert") {
		t.Error("markup from a message reached the page")
	}
	if plain := string(inject([]byte("<body></body>"), &state{gen: 2})); strings.Contains(plain, bannerID) {
		t.Error("a banner without errors")
	}
}

func TestSiteNameRefusesClimbing(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"/", ".", true},
		{"/index.html", "index.html", true},
		{"/units/org/", "units/org", true},
		{"/units//org/./index.html", "units/org/index.html", true},
		{"/..", "", false},
		{"/../config.toml", "", false},
		{"/units/../../config.toml", "", false},
		{"/units/../index.html", "", false}, // harmless, but a site's own links never climb
		{`/..\config.toml`, "", false},
		{"/a\x00b", "", false},
		{"relative", "", false},
	} {
		got, ok := siteName(tc.path)
		if got != tc.want || ok != tc.ok {
			t.Errorf("siteName(%q) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
		}
	}
}

// TestOnlySourceChangesCauseRebuilds: a change causes a rebuild when it is
// to a file a build reads, or to a folder or link where it looks; not to
// anything else, however large or busy (a video being copied in beside the
// notes), nor to the leftovers of editors.
func TestOnlySourceChangesCauseRebuilds(t *testing.T) {
	src := t.TempDir()
	s := &Server{source: src, dirs: map[string]bool{filepath.Join(src, "content", "gone-unit"): true}}
	for _, name := range []string{"content/new-unit/", "content/sales/", "content/notes/chart.png", "content/video.mp4", "themes/house/README.md", "themes/house/static/clip.webm", "data/notes.txt", "data/budget.xlsx"} {
		p := filepath.Join(src, filepath.FromSlash(name))
		dir, file := p, !strings.HasSuffix(name, "/")
		if file {
			dir = filepath.Dir(p)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if file {
			writeFile(t, p, "x")
		}
	}
	if err := os.Symlink("../elsewhere", filepath.Join(src, "content", "linked")); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	for _, tc := range []struct {
		name string
		op   fsnotify.Op
		want bool
	}{
		{"config.toml", fsnotify.Write, true},
		{"content/sales/scorecard.toml", fsnotify.Write, true},
		{"content/new-unit", fsnotify.Create, true},
		{"content/gone-unit", fsnotify.Remove, true},
		{"content/linked", fsnotify.Create, true},
		{"content/notes/2026-09.md", fsnotify.Remove, true},
		{"data/2026/actuals.csv", fsnotify.Remove, true},
		{"data/budget.xlsx", fsnotify.Create, true},
		{"data", fsnotify.Remove, true},
		{"themes/mine/layouts/baseof.html", fsnotify.Rename, true},
		{"themes/house/static/clip.webm", fsnotify.Write, true},
		{"data/actuals.csv", fsnotify.Chmod, false},
		{"public/index.html", fsnotify.Write, false},
		{"README.md", fsnotify.Write, false},
		{"config.toml.bak", fsnotify.Write, false},
		{"content/video.mp4", fsnotify.Write, false},
		{"content/video.mp4", fsnotify.Remove, false},
		{"content/notes/chart.png", fsnotify.Create, false},
		{"themes/house/README.md", fsnotify.Write, false},
		{"data/notes.txt", fsnotify.Write, false},
		{"content/.scorecard.toml.swp", fsnotify.Write, false},
		{"data/actuals.csv~", fsnotify.Create, false},
		{"data/4913", fsnotify.Create, false},
		{"data/~$actuals.csv", fsnotify.Create, false},
		{"data/._actuals.csv", fsnotify.Create, false},
		{"content/.#scorecard.toml", fsnotify.Create, false},
		{"content/.git/index", fsnotify.Write, false},
		{"themes/house/static/.DS_Store", fsnotify.Write, false},
	} {
		ev := fsnotify.Event{Name: filepath.Join(s.source, filepath.FromSlash(tc.name)), Op: tc.op}
		if rel, got := s.relevant(ev); got != tc.want || (got && rel != tc.name) {
			t.Errorf("relevant(%s %s) = %q, %v; want %v", tc.op, tc.name, rel, got, tc.want)
		}
	}
}

// A page's policy is what its head states, each <meta> a header of its own;
// a <meta> in the body, where text from the source is, states nothing.
func TestPagePolicyIsTheHeads(t *testing.T) {
	const meta = `<meta http-equiv="Content-Security-Policy" content="%s">`
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"none", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body></body></html>`,
			[]string{pagePolicy + noFraming}},
		{"the build's", `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` + fmt.Sprintf(meta, "default-src &#39;none&#39;; script-src &#39;self&#39;") + `<title>t</title><style>p{}</style></head><body></body></html>`,
			[]string{"default-src 'none'; script-src 'self'" + noFraming}},
		{"two, in any case", `<html><head>` + fmt.Sprintf(meta, "script-src 'self';") + `<META HTTP-EQUIV="content-security-policy" CONTENT="img-src 'none'"></head><body>`,
			[]string{"script-src 'self'" + noFraming, "img-src 'none'" + noFraming}},
		{"in the body", `<html><head><title>t</title></head><body><p>` + fmt.Sprintf(meta, "script-src *") + `</p></body></html>`,
			[]string{pagePolicy + noFraming}},
		{"after the head's end", `<html><head></head>` + fmt.Sprintf(meta, "script-src *"),
			[]string{pagePolicy + noFraming}},
		{"after an element of the body", `<html><head><title>t</title><div>` + fmt.Sprintf(meta, "script-src *"),
			[]string{pagePolicy + noFraming}},
	} {
		h := http.Header{}
		setHeaders(h)
		setPagePolicy(h, []byte(tc.page))
		if got := h.Values("Content-Security-Policy"); !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
