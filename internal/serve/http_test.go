package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeRefusesPathsOutsideTheFolder(t *testing.T) {
	t.Parallel()
	f := start(t)
	for _, p := range []string{
		"/../config.toml",
		"/%2e%2e/config.toml",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/units/..%2f..%2f..%2fconfig.toml",
		"/..%5cconfig.toml",
		"/assets/%00",
	} {
		code, body := rawGet(t, f.srv.URL(), p)
		if code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400; body:\n%s", p, code, body)
		}
	}
	for p, want := range map[string]int{
		"/":                   http.StatusOK,
		"/index.html":         http.StatusOK,
		"/units/org/":         http.StatusOK,
		"/units/org":          http.StatusFound,
		"/assets/site.css":    http.StatusOK,
		"/no/such/page.html":  http.StatusNotFound,
		"/no/such/file.css":   http.StatusNotFound,
		"/_scorecard/unknown": http.StatusNotFound,
	} {
		if code, _ := rawGet(t, f.srv.URL(), p); code != want {
			t.Errorf("GET %s: status %d, want %d", p, code, want)
		}
	}
}

// rawGet sends the path exactly as given, which an http.Client might clean.
func rawGet(t *testing.T, base, p string) (int, string) {
	t.Helper()
	return rawGetHost(t, base, p, "127.0.0.1")
}

func rawGetHost(t *testing.T, base, p, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// A page elsewhere that points its own name at 127.0.0.1 must not read the
// preview.
func TestServeAnswersOnlyToLoopbackNames(t *testing.T) {
	t.Parallel()
	f := start(t)
	port := fmt.Sprint(f.srv.ln.Addr().(*net.TCPAddr).Port)
	for host, want := range map[string]int{
		"127.0.0.1:" + port:          http.StatusOK,
		"localhost:" + port:          http.StatusOK,
		"localhost":                  http.StatusOK,
		"attacker.example:" + port:   http.StatusForbidden,
		"127.0.0.1.attacker.example": http.StatusForbidden,
		"192.168.1.10:" + port:       http.StatusForbidden,
	} {
		for _, p := range []string{"/", "/_scorecard/events"} {
			if p == "/_scorecard/events" && want == http.StatusOK {
				continue // a stream does not end by itself
			}
			if code, _ := rawGetHost(t, f.srv.URL(), p, host); code != want {
				t.Errorf("GET %s with Host %s: status %d, want %d", p, host, code, want)
			}
		}
	}
}

func TestServeListensOnLoopbackOnly(t *testing.T) {
	t.Parallel()
	f := start(t)
	addr := f.srv.ln.Addr().(*net.TCPAddr)
	if !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("bound to %v, want 127.0.0.1", addr)
	}
	if want := fmt.Sprintf("http://127.0.0.1:%d/", addr.Port); f.srv.URL() != want {
		t.Errorf("URL %s, want %s", f.srv.URL(), want)
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skip(err)
	}
	for _, a := range addrs {
		ip, ok := a.(*net.IPNet)
		if !ok || ip.IP.IsLoopback() || ip.IP.To4() == nil {
			continue
		}
		target := net.JoinHostPort(ip.IP.String(), fmt.Sprint(addr.Port))
		if conn, err := net.DialTimeout("tcp", target, 200*time.Millisecond); err == nil {
			conn.Close()
			t.Errorf("the server answers on %s", target)
		}
	}
}
