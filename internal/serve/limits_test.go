package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startWith serves a copy of the small site with the limits given.
func startWith(t *testing.T, lim limits) *fixture {
	t.Helper()
	dir := copySmall(t)
	tmp := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Source: dir, tempDir: tmp, limits: lim})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		srv.Wait()
	})
	return &fixture{t: t, wait: patience, srv: srv, dir: dir, tmp: tmp, cancel: cancel}
}

// rawResponse sends a request as written and returns the response with its
// body read.
func rawResponse(t *testing.T, base, request string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(patience))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%.60q: %v", request, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func get(p string) string {
	return "GET " + p + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
}

// A path no file can have is not found, and nothing of it comes back: the
// answer to a megabyte of path is a few hundred bytes that do not quote it.
func TestServeLongPathsAreNotFoundAndNotEchoed(t *testing.T) {
	t.Parallel()
	f := start(t)
	const mark = "zqzqzqzq"
	long := strings.Repeat(mark, 32) + "z" // 257 bytes
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/" + long, http.StatusNotFound},
		{"/" + long + ".html", http.StatusNotFound},
		{"/units/" + long + "/", http.StatusNotFound},
		{"/units/org/" + long + "/index.html", http.StatusNotFound},
		{"/assets/" + long + ".css", http.StatusNotFound},
		{"/index.html/" + mark, http.StatusNotFound}, // a file is no folder
		{"/" + strings.Repeat(mark+"/", 600), http.StatusRequestURITooLong},
		{"/?" + strings.Repeat(mark, 600), http.StatusRequestURITooLong},
		{"/" + strings.Repeat(mark, 120_000), http.StatusRequestURITooLong},
	} {
		resp, body := rawResponse(t, f.srv.URL(), get(tc.path))
		if resp.StatusCode != tc.want {
			t.Errorf("GET %.40s… (%d bytes): status %d, want %d", tc.path, len(tc.path), resp.StatusCode, tc.want)
		}
		if strings.Contains(body, mark) {
			t.Errorf("GET %.40s…: the answer quotes the path (%d bytes)", tc.path, len(body))
		}
		if len(body) > 4096 {
			t.Errorf("GET %.40s…: %d bytes of answer", tc.path, len(body))
		}
	}
}

// No answer quotes what the request said: not its path, query, host or
// method, in the body or in a header.
func TestServeEchoesNothingOfTheRequest(t *testing.T) {
	t.Parallel()
	f := start(t)
	const mark = "zqzq<b>"
	for _, req := range []string{
		get("/no-" + mark + ".html"),
		get("/no-" + mark + "/"),
		get("/no-" + mark + ".css"),
		get("/_scorecard/" + mark),
		get("/units/org?" + mark), // redirected to its folder
		get("/../" + mark),
		get("/assets/site.css?" + mark),
		"GET /" + mark + " HTTP/1.1\r\nHost: " + mark + ".example\r\nConnection: close\r\n\r\n",
		"DELETE /" + mark + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
		"GET /_scorecard/events?since=" + mark + "x HTTP/1.1\r\nHost: " + mark + ".example\r\nConnection: close\r\n\r\n",
	} {
		resp, body := rawResponse(t, f.srv.URL(), req)
		if strings.Contains(body, "zqzq") {
			t.Errorf("%.50q: status %d, the body quotes the request:\n%s", req, resp.StatusCode, body)
		}
		for k, vs := range resp.Header {
			for _, v := range vs {
				if strings.Contains(v, "zqzq") {
					t.Errorf("%.50q: header %s: %s quotes the request", req, k, v)
				}
			}
		}
	}
}

// Every kind of answer says how a browser may use it.
func TestServeSendsSecurityHeadersOnEveryAnswer(t *testing.T) {
	t.Parallel()
	f := start(t)
	broken := start(t)
	broken.setCost("6 1")
	broken.waitForText(costPage, bannerID)

	check := func(what string, resp *http.Response, page bool) {
		t.Helper()
		h := resp.Header
		if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s (status %d): X-Content-Type-Options %q, want nosniff", what, resp.StatusCode, got)
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s (status %d): Content-Security-Policy %q lacks frame-ancestors 'none'", what, resp.StatusCode, csp)
		}
		if page && (!strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "'unsafe-inline'; style-src-elem 'self'")) {
			t.Errorf("%s: page policy %q", what, csp)
		}
		if !page && !strings.HasPrefix(csp, "default-src 'none'") {
			t.Errorf("%s: policy %q, want default-src 'none' for what is no page", what, csp)
		}
		if got := h.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", what, got)
		}
	}
	for _, tc := range []struct {
		what, req string
		page      bool
	}{
		{"a page", get("/"), true},
		{"a unit's page", get("/units/org/"), true},
		{"the board pack", get("/pack/index.html"), true},
		{"a style sheet", get("/assets/site.css"), false},
		{"scores.json", get("/data/scores.json"), false},
		{"the page not found", get("/no/such/page.html"), true},
		{"a file not found", get("/no/such/file.css"), false},
		{"a redirect", get("/units/org"), false},
		{"a climbing path", get("/../config.toml"), false},
		{"a long path", get("/" + strings.Repeat("a", 300)), false},
		{"a long URL", get("/" + strings.Repeat("a/", 3000)), false},
		{"the reload script", get("/_scorecard/reload.js"), false},
		{"the banner's style", get("/_scorecard/banner.css"), false},
		{"an unknown server path", get("/_scorecard/x"), false},
		{"another host", "GET / HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n", false},
		{"another method", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false},
	} {
		resp, _ := rawResponse(t, f.srv.URL(), tc.req)
		check(tc.what, resp, tc.page)
	}
	resp, _ := rawResponse(t, broken.srv.URL(), get("/"))
	check("a page over a failed build", resp, true)

	// The reload stream, read as far as its headers.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.URL()+"_scorecard/events", nil)
	stream, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	check("the reload stream", stream, false)
}

// A client that sends its headers a byte at a time is cut off once the
// header timeout has passed, not served whenever it finishes.
func TestServeClosesSlowHeaders(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	f := startWith(t, limits{readHeader: timeout})
	// The server's clock starts when it accepts the connection, after this
	// one: measured from before the dial, the connection cannot close early
	// however loaded the machine.
	start := time.Now()
	conn := dial(t, f)
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
	closed := make(chan time.Duration, 1)
	go func() {
		io.Copy(io.Discard, conn) // until the server closes
		closed <- time.Since(start)
	}()
	for time.Since(start) < 10*timeout {
		select {
		case took := <-closed:
			if took < timeout {
				t.Fatalf("closed after %v, before the timeout of %v", took, timeout)
			}
			t.Logf("closed %v after the request began", took)
			return
		case <-time.After(20 * time.Millisecond):
			io.WriteString(conn, "X: y\r\n")
		}
	}
	t.Fatalf("a client sending a header line every 20ms still connected after %v (timeout %v)", time.Since(start), timeout)
}

// A kept-alive connection with no new request is closed after the idle
// timeout.
func TestServeClosesIdleConnections(t *testing.T) {
	t.Parallel()
	const idle = 300 * time.Millisecond
	f := startWith(t, limits{idle: idle})
	conn := dial(t, f)
	br := bufio.NewReader(conn)
	io.WriteString(conn, "GET /assets/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	answered := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * idle))
	_, err = br.ReadByte()
	took := time.Since(answered)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("an idle connection still open after %v (idle timeout %v)", took, idle)
	}
	if took < idle/2 {
		t.Errorf("closed %v after the answer, before the idle timeout %v (%v)", took, idle, err)
	}
	t.Logf("closed %v after the answer", took)
}

// A reload stream outlives every timeout: it is open for as long as the
// page is.
func TestServeReloadStreamsOutliveTheTimeouts(t *testing.T) {
	t.Parallel()
	const short = 150 * time.Millisecond
	f := startWith(t, limits{readHeader: short, read: short, write: short, idle: short})
	events := openEvents(t, f, f.srv.cur.Load().gen)
	time.Sleep(5 * short)
	f.setCost("70")
	if line := events.next(); line != "data: reload" {
		t.Fatalf("after %v the stream sent %q, want data: reload", 5*short, line)
	}
}

// Connections past the cap wait until one closes; reload streams take at
// most their own share, so pages still load with many tabs open.
func TestServeCapsConnections(t *testing.T) {
	t.Parallel()
	f := startWith(t, limits{conns: 3, streams: 2})
	gen := f.srv.cur.Load().gen
	openEvents(t, f, gen)
	third := openEvents(t, f, gen)
	resp, body := rawResponse(t, f.srv.URL(), get("/_scorecard/events"))
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a stream past the cap of 2: status %d, want 503; %s", resp.StatusCode, body)
	}
	if resp, _ := rawResponse(t, f.srv.URL(), get("/")); resp.StatusCode != http.StatusOK {
		t.Fatalf("a page with two streams open: status %d", resp.StatusCode)
	}

	// The third connection, held open; the fourth must wait.
	held := dial(t, f)
	io.WriteString(held, "GET /assets/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	if _, err := http.ReadResponse(bufio.NewReader(held), nil); err != nil {
		t.Fatal(err)
	}
	waiting := dial(t, f)
	io.WriteString(waiting, get("/assets/site.css"))
	answered := make(chan error, 1)
	go func() {
		_, err := http.ReadResponse(bufio.NewReader(waiting), nil)
		answered <- err
	}()
	select {
	case err := <-answered:
		t.Fatalf("a fourth connection past the cap of 3 was answered (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	third.close()
	select {
	case err := <-answered:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(patience):
		t.Fatal("the waiting connection was not answered once a stream closed")
	}
}

func dial(t *testing.T, f *fixture) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", f.srv.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}
