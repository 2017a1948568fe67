package sitecheck

import (
	"slices"
	"strings"
	"testing"
)

// same fails the test when got and want differ, showing both in full so the
// expected lines can be reviewed and copied.
func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// The good site has a link of every kind that must pass: to a page, to an id
// in another page and in the same page, with a ?query, percent-encoded, to an
// SVG symbol, srcset, CSS url() and @import, mailto:, tel:, data:, an
// external link inside commentary and the page's canonical link. The bad
// site's canonical links that must not pass: a second one, one whose rel says
// more, one in the body, an <a rel="canonical">, and another URL attribute on
// the allowed one.
func TestGoodSite(t *testing.T) {
	same(t, "Links", Links("testdata/good"), nil)
	same(t, "External", External("testdata/good"), nil)
}

func TestLinksBadSite(t *testing.T) {
	same(t, "Links", Links("testdata/bad"), []string{
		`css/site.css: @import "//example.com/x.css": protocol-relative URL: links must be relative`,
		`css/site.css: url("../nope.png"): nope.png does not exist`,
		`css/site.css: url("/abs.png"): path from the root: links must be relative`,
		`index.html: <a href="#nowhere">: no element with id "nowhere"`,
		`index.html: <a href="../outside.html">: points outside the site`,
		`index.html: <a href="/abs.html">: path from the root: links must be relative`,
		`index.html: <a href="a\\b.html">: backslash in URL: use /`,
		`index.html: <a href="javascript:alert(1)">: javascript: URLs are not allowed`,
		`index.html: <a href="missing.html">: missing.html does not exist`,
		`index.html: <a href="page.html#nowhere">: no element with id "nowhere" in page.html`,
		`index.html: <a href="units/">: units is a folder: link to a file such as units/index.html`,
		`index.html: <button formaction="//example.com/g">: protocol-relative URL: links must be relative`,
		`index.html: <img src="">: empty URL`,
		`index.html: <img srcset="ok.png 1x, missing@2x.png 2x">: missing@2x.png does not exist`,
		`index.html: <script src="//cdn.example.com/lib.js">: protocol-relative URL: links must be relative`,
		`index.html: <style> url("missing-bg.png"): missing-bg.png does not exist`,
		`index.html: <use href="#no-icon">: no element with id "no-icon"`,
		`index.html: <use xlink:href="sprite.svg#nope">: no element with id "nope" in sprite.svg`,
	})
}

func TestExternalBadSite(t *testing.T) {
	same(t, "External", External("testdata/bad"), []string{
		`css/site.css: @import "//example.com/x.css": external URL`,
		`css/site.css: url("https://example.com/font.woff2"): external URL`,
		`index.html: <a href="ht\ntps://example.com/split">: external URL`,
		`index.html: <a href="https://example.com/">: external URL`,
		`index.html: <a href="https://example.com/a-canonical">: external URL`,
		`index.html: <base href="https://example.com/">: changes where every relative URL points`,
		`index.html: <button formaction="//example.com/g">: external URL`,
		`index.html: <div data-src="https://example.com/d.json">: external URL`,
		`index.html: <div style> url("https://example.com/bg.png"): external URL`,
		`index.html: <form action="https://example.com/f">: external URL`,
		`index.html: <img src="http://example.com/i.png">: external URL`,
		`index.html: <img src="https://example.com/c.png">: external URL`,
		`index.html: <link href="https://cdn.example.com/s.css">: external URL`,
		`index.html: <link href="https://example.com/canonical-and-style.css">: external URL`,
		`index.html: <link href="https://example.com/in-body">: external URL`,
		`index.html: <link href="https://example.com/second-canonical">: external URL`,
		`index.html: <link imagesrcset="https://example.com/preload.png 1x">: external URL`,
		`index.html: <meta http-equiv="refresh" content="5; url=https://example.com/moved">: redirects`,
		`index.html: <object data="https://example.com/o.svg">: external URL`,
		`index.html: <script src="//cdn.example.com/lib.js">: external URL`,
		`index.html: <style> url("https://example.com/i.css"): external URL`,
		`index.html: <use href="https://example.com/s.svg#i">: external URL`,
		`index.html: <video poster="https://example.com/p.jpg">: external URL`,
	})
}

func TestMissingRoot(t *testing.T) {
	for name, check := range map[string]func(string) []string{"Links": Links, "External": External} {
		if got := check("testdata/none"); len(got) != 1 || !strings.HasPrefix(got[0], "testdata/none: ") {
			t.Errorf("%s of a missing folder = %q, want one problem about it", name, got)
		}
	}
}

func TestSrcsetURLs(t *testing.T) {
	for in, want := range map[string][]string{
		"a.png":                       {"a.png"},
		"a.png 1x, b.png 2x":          {"a.png", "b.png"},
		"a.png,b.png":                 {"a.png,b.png"},
		"a.png, b.png":                {"a.png", "b.png"},
		" a.png 100w ,\n b.png 200w ": {"a.png", "b.png"},
		"data:image/gif;base64,AAAA 1x, c.png 2x": {"data:image/gif;base64,AAAA", "c.png"},
		"": nil,
	} {
		same(t, "srcset "+in, srcsetURLs(in), want)
	}
}

func TestIsExternal(t *testing.T) {
	for in, want := range map[string]bool{
		"https://example.com/":       true,
		"HTTP://EXAMPLE.COM/":        true,
		" //example.com/x":           true,
		`\\example.com\x`:            true,
		"ht\ttps://example.com":      true,
		"units/x/index.html":         false,
		"data:image/png;base64,AAAA": false,
		"mailto:a@example.com":       false,
		"#top":                       false,
		"/x.html":                    false,
	} {
		if got := isExternal(in); got != want {
			t.Errorf("isExternal(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPageReportProblems(t *testing.T) {
	r := PageReport{
		Page:           "units/x/index.html",
		ConsoleErrors:  []string{"console.error: boom"},
		FailedRequests: []string{"https://example.com/x.js: net::ERR_INTERNET_DISCONNECTED"},
		Dialogs:        []string{"alert: x"},
		ChartsTotal:    3,
		ChartsDrawn:    1,
	}
	same(t, "Problems", r.Problems(), []string{
		"units/x/index.html: console: console.error: boom",
		"units/x/index.html: failed request: https://example.com/x.js: net::ERR_INTERNET_DISCONNECTED",
		"units/x/index.html: dialog: alert: x",
		"units/x/index.html: 2 of 3 charts not drawn",
	})
	same(t, "Problems of a clean page", PageReport{Page: "p.html", ChartsTotal: 2, ChartsDrawn: 2}.Problems(), nil)
}
