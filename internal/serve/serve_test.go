package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/generator"
)

// small is a two-unit site whose ops/cost measure shows "61 USD" for
// 2026-09, from line 7 of data/actuals.csv.
const small = "../../generator/testdata/sites/small"

const costPage = "units/ops/measures/cost.html"

// within is how soon an edit must show in a served page. Tests of anything
// but that speed wait longer, so that a loaded machine does not fail them.
const (
	within   = time.Second
	patience = 30 * time.Second
)

type fixture struct {
	t      *testing.T
	wait   time.Duration // how long waitFor polls
	srv    *Server
	dir    string // the source
	tmp    string // where the server keeps its builds
	cancel context.CancelFunc
}

// start copies the small site and serves it.
func start(t *testing.T) *fixture {
	t.Helper()
	return startAt(t, copySmall(t))
}

func copySmall(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func startAt(t *testing.T, dir string) *fixture {
	t.Helper()
	tmp := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Source: dir, tempDir: tmp})
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

// get fetches a path of the site, without its leading slash.
func (f *fixture) get(p string) (int, string) {
	f.t.Helper()
	resp, err := http.Get(f.srv.URL() + p)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// waitFor polls p until ok accepts its body, and returns the body and how
// long that took.
func (f *fixture) waitFor(p string, what string, ok func(string) bool) (string, time.Duration) {
	f.t.Helper()
	start := time.Now()
	for {
		_, body := f.get(p)
		if ok(body) {
			return body, time.Since(start)
		}
		if time.Since(start) > f.wait {
			f.t.Fatalf("%s did not show %s within %v; it shows:\n%s", p, what, f.wait, excerpt(body))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (f *fixture) waitForText(p, text string) (string, time.Duration) {
	f.t.Helper()
	return f.waitFor(p, fmt.Sprintf("%q", text), func(b string) bool { return strings.Contains(b, text) })
}

// setCost rewrites the 2026-09 actual of ops/cost in the source.
func (f *fixture) setCost(actual string) {
	f.t.Helper()
	name := filepath.Join(f.dir, "data", "actuals.csv")
	data, err := os.ReadFile(name)
	if err != nil {
		f.t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if !strings.HasPrefix(lines[6], "ops,cost,2026-09,") {
		f.t.Fatalf("line 7 of %s is %q", name, lines[6])
	}
	lines[6] = "ops,cost,2026-09," + actual + ","
	writeFile(f.t, name, strings.Join(lines, "\n"))
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	return s[:min(len(s), 2000)]
}

func TestServeShowsAnEditedValue(t *testing.T) {
	t.Parallel()
	f := start(t)
	code, body := f.get(costPage)
	if code != http.StatusOK || !strings.Contains(body, "61 USD") {
		t.Fatalf("first build: status %d, page:\n%s", code, excerpt(body))
	}
	f.wait = within
	f.setCost("77")
	_, took := f.waitForText(costPage, "77 USD")
	t.Logf("the edited value was served %v after the write", took)
}

func TestServeKeepsTheLastGoodSiteWhileTheSourceIsBroken(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.waitForText(costPage, "61 USD")

	// The cell holds markup: the banner must show it as text.
	f.setCost("<i>7x</i>")
	body, _ := f.waitForText(costPage, bannerID)
	want := `data/actuals.csv:7:18: actual &#34;&lt;i&gt;7x&lt;/i&gt;&#34; is not a number`
	if !strings.Contains(body, want) {
		t.Errorf("the banner lacks the positioned, escaped error %s:\n%s", want, body[strings.Index(body, bannerID):])
	}
	if strings.Contains(body, "<i>7x</i>") {
		t.Error("the cell's markup reached the page unescaped")
	}
	if !strings.Contains(body, "61 USD") {
		t.Error("the page no longer shows the last good build's value")
	}
	if _, home := f.get(""); !strings.Contains(home, bannerID) {
		t.Error("another page does not show the errors")
	}
	if _, css := f.get("assets/site.css"); strings.Contains(css, bannerID) {
		t.Error("the banner was added to a style sheet")
	}

	f.setCost("64")
	body, _ = f.waitForText(costPage, "64 USD")
	if strings.Contains(body, bannerID) {
		t.Error("the banner stayed after the source was fixed")
	}
}

func TestServeStartsFromABrokenSiteAndRecovers(t *testing.T) {
	t.Parallel()
	dir := copySmall(t)
	csv := filepath.Join(dir, "data", "actuals.csv")
	good, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, csv, strings.Replace(string(good), "ops,cost,2026-09,61,", "ops,cost,2026-09,6 1,", 1))
	f := startAt(t, dir)

	code, body := f.get("")
	if code != http.StatusInternalServerError || !strings.Contains(body, "data/actuals.csv:7:18:") || !strings.Contains(body, "Nothing has built yet") {
		t.Fatalf("a site that never built: status %d, page:\n%s", code, body)
	}
	writeFile(t, csv, string(good))
	f.waitFor("", "the built home page", func(b string) bool {
		return strings.Contains(b, "Acme Scorecard") && !strings.Contains(b, bannerID)
	})
}

// The server's own pages and its banner speak the site's language, from
// its theme's translations, with its direction: a page the build has not
// and the errors of a broken source, in a site written in Arabic. Before
// any build has read the theme, they are in English.
func TestServeSpeaksTheSiteLanguage(t *testing.T) {
	t.Parallel()
	dir := copySmall(t)
	cfg := filepath.Join(dir, "config.toml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, cfg, "language = \"ar\"\n"+string(b))
	f := startAt(t, dir)

	code, body := f.get("units/nope.html")
	want := `<html lang="ar" dir="rtl">` + "\n" + `<head><meta charset="utf-8"><title>غير موجودة · scorecard serve</title></head>` + "\n" +
		`<body>` + "\n" + `<p>لا صفحة هنا في البناء الحالي. <a href="/">بطاقة الأداء</a></p>`
	if code != http.StatusNotFound || !strings.Contains(body, want) {
		t.Errorf("a page the build has not: status %d, page:\n%s", code, body)
	}
	f.setCost("7x")
	body, _ = f.waitForText(costPage, bannerID)
	want = `<div id="` + bannerID + `" role="alert" lang="ar" dir="rtl"><strong>فشل البناء.</strong> هذه الصفحة من آخر بناء ناجح؛ صحّح المصدر واحفظ، فيُعاد تحميل الصفحة.<pre dir="ltr">data/actuals.csv:7:18:`
	if !strings.Contains(body, want) {
		t.Errorf("the banner is not in the site's language:\n%s", body[strings.Index(body, bannerID)-9:])
	}

	fresh := copySmall(t)
	writeFile(t, filepath.Join(fresh, "config.toml"), "language = \"ar\"\n"+string(b)+"wrong = 1\n")
	code, body = startAt(t, fresh).get("")
	if code != http.StatusInternalServerError || !strings.Contains(body, `<html lang="en" dir="ltr">`) || !strings.Contains(body, "The site has not built yet.") {
		t.Errorf("a site whose theme no build read: status %d, page:\n%s", code, body)
	}
}

func TestServeSendsAReloadEventAfterABuild(t *testing.T) {
	t.Parallel()
	f := start(t)
	gen := f.srv.cur.Load().gen

	t.Run("after a change", func(t *testing.T) {
		events := openEvents(t, f, gen)
		f.setCost("70")
		start := time.Now()
		if line := events.next(); line != "data: reload" {
			t.Fatalf("after a change the stream sent %q, want data: reload", line)
		}
		t.Logf("reload event %v after the write", time.Since(start))
	})
	t.Run("missed while the page loaded", func(t *testing.T) {
		events := openEvents(t, f, 0)
		if line := events.next(); line != "data: reload" {
			t.Fatalf("a page from an older build got %q, want data: reload at once", line)
		}
	})
}

// eventStream reads the reload stream line by line, skipping blank lines.
type eventStream struct {
	t     *testing.T
	lines chan string
	close context.CancelFunc // ends the stream
}

func openEvents(t *testing.T, f *fixture, since uint64) *eventStream {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*patience)
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s_scorecard/events?since=%d", f.srv.URL(), since), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	s := &eventStream{t: t, lines: make(chan string, 16), close: cancel}
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() != "" {
				s.lines <- sc.Text()
			}
		}
	}()
	if first := s.next(); first != "retry: 1000" {
		t.Fatalf("the stream began with %q", first)
	}
	return s
}

// next returns the next line, or "" if none comes in time.
func (s *eventStream) next() string {
	select {
	case line := <-s.lines:
		return line
	case <-time.After(patience):
		return ""
	}
}

func TestServeStopsCleanly(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.setCost("75")
	f.waitForText(costPage, "75 USD")
	openEvents(t, f, f.srv.cur.Load().gen) // an open stream must not hold up the shutdown

	start := time.Now()
	f.cancel()
	if err := f.srv.Wait(); err != nil {
		t.Fatalf("Wait: %v", err)
	}
	t.Logf("stopped in %v", time.Since(start))
	if entries, _ := os.ReadDir(f.tmp); len(entries) > 0 {
		t.Errorf("left behind in the temporary folder: %v", entries)
	}
	if conn, err := net.Dial("tcp", f.srv.ln.Addr().String()); err == nil {
		conn.Close()
		t.Error("still listening after the stop")
	}
}

func TestServedFolderIsAPlainBuild(t *testing.T) {
	t.Parallel()
	f := start(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: f.dir, Destination: out}); err != nil {
		t.Fatal(err)
	}
	served := f.srv.cur.Load().site.dir
	want, got := readTree(t, out), readTree(t, served)
	if len(got) != len(want) {
		t.Fatalf("served folder has %d files, a build %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a plain build", name)
		}
	}
	if _, page := f.get("index.html"); page == string(want["index.html"]) || !strings.Contains(page, reloadScriptPath) {
		t.Error("the served page lacks the reload script")
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestServeWatchesFoldersCreatedLater(t *testing.T) {
	t.Parallel()
	f := start(t)
	more := filepath.Join(f.dir, "data", "more")
	if err := os.Mkdir(more, 0o755); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(more, "late.csv")
	writeFile(t, csv, "unit,measure,period,actual\nops,on-time,2026-09,0.91\n")
	f.waitForText("units/ops/measures/on-time.html", "91.0%")
	// The first value may have come from the folder's own event; this one
	// can only come from a watch on the new folder.
	writeFile(t, csv, "unit,measure,period,actual\nops,on-time,2026-09,0.97\n")
	f.waitForText("units/ops/measures/on-time.html", "97.0%")
}

func TestServeNeverShowsAHalfWrittenSite(t *testing.T) {
	t.Parallel()
	f := start(t)
	pages := []string{"", costPage, "units/ops/", "initiatives/index.html", "assets/site.css"}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for i := range 4 {
		wg.Go(func() {
			for n := i; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				p := pages[n%len(pages)]
				resp, err := http.Get(f.srv.URL() + p)
				if err != nil {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("GET /%s: %v", p, err))
					mu.Unlock()
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				whole := strings.HasSuffix(p, ".css") || strings.Contains(string(body), "</html>")
				if err != nil || resp.StatusCode != http.StatusOK || !whole {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("GET /%s: status %d, %d bytes, %v", p, resp.StatusCode, len(body), err))
					mu.Unlock()
				}
			}
		})
	}
	for _, v := range []string{"70", "71", "72"} {
		f.setCost(v)
		f.waitForText(costPage, v+" USD")
	}
	close(stop)
	wg.Wait()
	for _, msg := range failures[:min(len(failures), 10)] {
		t.Error(msg)
	}
	// Replaced builds are removed once no request reads them.
	deadline := time.Now().Add(patience)
	for {
		entries, _ := os.ReadDir(f.srv.tmp)
		if len(entries) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server keeps %d builds, want 1", len(entries))
		}
		time.Sleep(5 * time.Millisecond)
	}
}
