package serve

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"syscall"

	"github.com/scorecard-dev/scorecard/generator"
)

// reserved is the URL space of the server itself; a build writes no folder
// starting with "_".
const reserved = "/_scorecard/"

// ServeHTTP serves the current build's files, with the reload script (and the
// errors of a broken build) added to HTML pages, and the reload events. No
// answer quotes the request: its path, query, host or method.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setHeaders(w.Header())
	if len(r.RequestURI) > maxURL {
		http.Error(w, "URL too long", http.StatusRequestURITooLong)
		return
	}
	if !loopbackHost(r.Host) {
		http.Error(w, "scorecard serve answers only to 127.0.0.1 and localhost", http.StatusForbidden)
		return
	}
	if r.URL.Path == RefreshPath {
		s.serveRefresh(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(r.URL.Path, reserved) {
		s.serveOwn(w, r)
		return
	}
	name, ok := siteName(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	st, release := s.acquire()
	defer release()
	if wait := pendingFor(st, name); wait != nil {
		select {
		case <-wait:
		case <-r.Context().Done():
			return
		}
	}
	if st.site == nil {
		servePage(w, http.StatusInternalServerError, ownPage(st.speech(), "serve_no_site_title", "serve_no_site", ""), st)
		return
	}
	s.serveFile(w, r, st, name)
}

// RefreshPath is where a POST asks for a full build, which runs the queries
// of the database sources again: curl -X POST http://127.0.0.1:PORT/_scorecard/refresh
const RefreshPath = reserved + "refresh"

// serveRefresh asks for a full build. Only a POST does, and not one that a
// page of another site sends (a browser says so in Sec-Fetch-Site): a
// rebuild costs a query on the warehouse.
func (s *Server) serveRefresh(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed: POST to refresh", http.StatusMethodNotAllowed)
		return
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		http.Error(w, "a refresh is asked for from this computer, not by another site's page", http.StatusForbidden)
		return
	}
	s.Refresh()
	w.WriteHeader(http.StatusAccepted)
	io.WriteString(w, "a full build is under way: the queries of the database sources run again\n")
}

// serveOwn answers the paths of the server itself.
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
	case reloadScriptPath:
		serveText(w, "text/javascript; charset=utf-8", reloadScript)
	case bannerStylePath:
		serveText(w, "text/css; charset=utf-8", bannerStyle)
	default:
		http.NotFound(w, r)
	}
}

func serveText(w http.ResponseWriter, contentType, text string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(text)))
	io.WriteString(w, text)
}

// pendingFor returns what to wait for before reading name, a file or a
// folder, when an update is still writing it.
func pendingFor(st *state, name string) chan struct{} {
	if w := st.pending[name]; w != nil {
		return w
	}
	return st.pending[path.Join(name, "index.html")]
}

// loopbackHost reports whether the Host a request names is this machine. A
// page from elsewhere can point its own host name at 127.0.0.1 (DNS
// rebinding) and then read the preview as same-origin; the name it must send
// gives it away.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// siteName turns a URL path into a name inside the build folder. It refuses
// rather than cleans a path that climbs with "..", however encoded (the path
// is already decoded here), so that nothing outside the folder is even looked
// up; the os.Root behind the folder is the second fence.
func siteName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	for seg := range strings.SplitSeq(urlPath, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(urlPath), "/")
	if name == "" {
		name = "."
	}
	return name, fs.ValidPath(name)
}

// nameTooLong reports whether a segment of name is longer than any file
// system allows a name to be, so that no file can have it.
func nameTooLong(name string) bool {
	for seg := range strings.SplitSeq(name, "/") {
		if len(seg) > maxSegment {
			return true
		}
	}
	return false
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string) {
	if nameTooLong(name) {
		s.notFound(w, r, st, name, fs.ErrNotExist)
		return
	}
	fi, err := fs.Stat(st.site.fsys, name)
	if err != nil {
		s.notFound(w, r, st, name, err)
		return
	}
	if fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Pages link relative to their folder, so the folder needs its
			// slash. The query is dropped (the site uses none), and there is
			// no body: the answer quotes nothing of the request.
			w.Header().Set("Location", "./"+url.PathEscape(path.Base(name))+"/")
			w.WriteHeader(http.StatusFound)
			return
		}
		name = path.Join(name, "index.html")
	}
	if !isHTML(name) {
		st.site.files.ServeHTTP(w, r)
		return
	}
	page, err := fs.ReadFile(st.site.fsys, name)
	if err != nil {
		s.notFound(w, r, st, name, err)
		return
	}
	servePage(w, http.StatusOK, page, st)
}

// notFound answers a name that could not be read. The answer never names
// it: the request chose it.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state, name string, err error) {
	if !missing(err) {
		http.Error(w, "the file cannot be read", http.StatusInternalServerError)
		return
	}
	if !isHTML(name) && !strings.HasSuffix(r.URL.Path, "/") {
		http.NotFound(w, r)
		return
	}
	// A page that a coming build will write reloads by itself when it does.
	servePage(w, http.StatusNotFound, ownPage(st.speech(), "serve_not_found_title", "serve_not_found", "serve_home"), st)
}

// missing reports whether err means that no such file exists: a name that
// does not exist, runs through a file as if it were a folder, or is too long
// to exist.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.ENAMETOOLONG)
}

func isHTML(name string) bool {
	return strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

// servePage writes an HTML page with the reload script, and the build errors
// if there are any, added before </body>. The files on disk are left as a
// build writes them.
func servePage(w http.ResponseWriter, code int, page []byte, st *state) {
	body := inject(page, st)
	h := w.Header()
	setPagePolicy(h, page)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	w.Write(body)
}

// ownPage is a page of the server's own: a title and a sentence, and a link
// to the scorecard when home names its words, in the words w.
func ownPage(w *generator.Words, title, sentence, home string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n", html.EscapeString(w.Locale().Name()), w.Locale().Dir())
	fmt.Fprintf(&b, "<head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<p>%s", html.EscapeString(w.Text(title)), html.EscapeString(w.Text(sentence)))
	if home != "" {
		fmt.Fprintf(&b, " <a href=\"/\">%s</a>", html.EscapeString(w.Text(home)))
	}
	b.WriteString("</p>\n</body>\n</html>\n")
	return []byte(b.String())
}
