package serve

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
)

// eventsPath is where pages listen for reloads, as server-sent events.
const eventsPath = reserved + "events"

// hub tells every open event stream that a build finished.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

// subscribe adds a stream, unless max are open already: each holds a
// connection for as long as its page is open, and the connections left must
// still serve pages.
func (h *hub) subscribe(max int) (chan struct{}, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) >= max {
		return nil, false
	}
	if h.subs == nil {
		h.subs = map[chan struct{}]bool{}
	}
	// One slot is enough: a stream that has not yet passed on one reload
	// needs no second.
	ch := make(chan struct{}, 1)
	h.subs[ch] = true
	return ch, true
}

func (h *hub) unsubscribe(ch chan struct{}) {
	h.mu.Lock()
	delete(h.subs, ch)
	h.mu.Unlock()
}

func (h *hub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// events streams a "reload" message after every build. A page passes the
// build it was served from as ?since=; when a build has finished since, the
// page is told at once, so that a build finishing between serving the page
// and its listening is not missed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, ok := s.hub.subscribe(s.opts.limits.streams)
	if !ok {
		// EventSource gives up on a 503: that page no longer reloads by
		// itself, and the others still do.
		http.Error(w, "too many pages are listening for reloads; close some and reload this one", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)
	// The stream lasts as long as its page, so the write timeout, meant for
	// answers that end, does not apply to it. (Reading has no deadline once
	// the request is read; the idle timeout starts only after an answer.)
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	if since := r.URL.Query().Get("since"); since != "" && since != strconv.FormatUint(s.cur.Load().gen, 10) {
		fmt.Fprint(w, "data: reload\n\n")
	}
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		case <-ch:
			if _, err := fmt.Fprint(w, "data: reload\n\n"); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// inject adds, before the page's last </body>, the errors of the latest build
// when it failed and the script that reloads the page after a build. Both
// load from the server's own paths, so the page's Content-Security-Policy,
// which allows no inline script or style element, lets them in.
func inject(page []byte, st *state) []byte {
	var add strings.Builder
	if len(st.errs) > 0 {
		writeBanner(&add, st.speech(), st.errs, st.site != nil)
	}
	fmt.Fprintf(&add, `<script src="%s" data-since="%d"></script>`+"\n", reloadScriptPath, st.gen)
	at := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:at]...)
	out = append(out, add.String()...)
	return append(out, page[at:]...)
}

// reloadScriptPath serves reloadScript, which pages load to listen for
// builds; the page's build comes in data-since.
const reloadScriptPath = reserved + "reload.js"

const reloadScript = `// Reloads the page after every build of scorecard serve.
(function () {
  "use strict";
  var since = document.currentScript.getAttribute("data-since");
  new EventSource("` + eventsPath + `?since=" + encodeURIComponent(since)).onmessage = function (e) {
    if (e.data === "reload") { location.reload(); }
  };
})();
`

// bannerID names the error banner, which tests and user style sheets find it by.
const bannerID = "scorecard-build-errors"

// writeBanner writes the build errors as a panel over the page. Every line is
// escaped: messages quote the source, and a cell holding markup must show as
// text, never run.
func writeBanner(b *strings.Builder, words *generator.Words, errs []string, lastGood bool) {
	fmt.Fprintf(b, `<link rel="stylesheet" href="%s">`, bannerStylePath)
	shown := "serve_failed_nothing"
	if lastGood {
		shown = "serve_failed_last_good"
	}
	// The messages quote the source, which runs left to right whatever the
	// language.
	fmt.Fprintf(b, `<div id="%s" role="alert" lang="%s" dir="%s"><strong>%s</strong> %s<pre dir="ltr">`, bannerID,
		html.EscapeString(words.Locale().Name()), words.Locale().Dir(), html.EscapeString(words.Text("serve_failed")), html.EscapeString(words.Text(shown)))
	for i, line := range errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(html.EscapeString(line))
	}
	b.WriteString("</pre></div>\n")
}

// bannerStylePath serves bannerStyle, the banner's look.
const bannerStylePath = reserved + "banner.css"

const bannerStyle = `#` + bannerID + `{position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff1f0;color:#5c0a0a;border-bottom:4px solid #c62828;box-shadow:0 2px 12px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif}
#` + bannerID + ` pre{margin:.5rem 0 0;white-space:pre-wrap;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace}
@media print{#` + bannerID + `{display:none}}
`
