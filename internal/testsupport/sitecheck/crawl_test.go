package sitecheck

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
)

// TestCrawl serves a small site under /a/b/ and finds what breaks there:
// a path from the server's root, a link that climbs out of the prefix, a
// missing file and a missing image in a style sheet; it follows pages,
// style sheets and style attributes, and not external or data: URLs.
func TestCrawl(t *testing.T) {
	site := fstest.MapFS{
		"index.html": {Data: []byte(`<!DOCTYPE html><link rel="stylesheet" href="css/site.css">
<a href="units/x.html#top">x</a> <a href="#here">here</a> <a href="https://example.org/">out</a>
<img src="data:image/png;base64,AAAA"> <a href="/a/b/index.html">root path, but inside</a>
<a href="/assets/site.css">root</a> <a href="../../c.html">climbs</a> <a href="gone.html">gone</a>`)},
		"units/x.html": {Data: []byte(`<div style="background: url('../img/ok.png')"></div><a href="../index.html">home</a>`)},
		"css/site.css": {Data: []byte(`body { background: url(../img/missing.png) } /* url(ignored.png) */`)},
		"img/ok.png":   {Data: []byte("png")},
	}
	mux := http.NewServeMux()
	mux.Handle("/a/b/", http.StripPrefix("/a/b", http.FileServerFS(site)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	fetched, problems := Crawl(srv.Client(), srv.URL+"/a/b/", "/a/b/")
	same(t, "problems", problems, []string{
		`/a/b/: "../../c.html" leads to /c.html, outside /a/b/`,
		`/a/b/: "/assets/site.css" leads to /assets/site.css, outside /a/b/`,
		`/a/b/: /a/b/gone.html: 404 Not Found`,
		`/a/b/css/site.css: /a/b/img/missing.png: 404 Not Found`,
	})
	same(t, "fetched", fetched, []string{"/a/b/", "/a/b/css/site.css", "/a/b/units/x.html", "/a/b/", "/a/b/img/ok.png"})
}
