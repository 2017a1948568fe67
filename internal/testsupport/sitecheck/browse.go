package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/scorecard-dev/scorecard/internal/pdf"
)

// PageReport is what the browser saw while it opened one page.
type PageReport struct {
	// Page is the file as given to Browse.
	Page string
	// ConsoleErrors are console.error and console.assert calls, uncaught
	// exceptions and browser log entries of level error, in the order they
	// came, each with where it came from when the browser said.
	ConsoleErrors []string
	// FailedRequests are "URL: error" for every request that failed. With the
	// network off, any http(s) request is one.
	FailedRequests []string
	// Dialogs are "type: message" for every alert, confirm or prompt the page
	// opened. The site opens none, so one means script that should not run,
	// ran.
	Dialogs []string
	// ChartsTotal counts the elements with a data-chart attribute;
	// ChartsDrawn those of them that hold an <svg>.
	ChartsTotal, ChartsDrawn int
	// Overflow is how many pixels the page scrolls sideways, which it
	// should never do, and Wide names up to three elements that reach past
	// the window's right edge.
	Overflow int
	Wide     []string
	// Axe lists the rules of axe-core the page breaks, with where, when
	// Options.Axe asked for them.
	Axe []string
	// Script is what Options.Script returned.
	Script string
}

// Problems returns what is wrong with the page as "page: problem" lines:
// every console error, failed request and dialog, and charts left undrawn.
func (r PageReport) Problems() []string {
	var out []string
	add := func(kind string, items []string) {
		for _, s := range items {
			out = append(out, r.Page+": "+kind+": "+s)
		}
	}
	add("console", r.ConsoleErrors)
	add("failed request", r.FailedRequests)
	add("dialog", r.Dialogs)
	if r.ChartsDrawn < r.ChartsTotal {
		out = append(out, fmt.Sprintf("%s: %d of %d charts not drawn", r.Page, r.ChartsTotal-r.ChartsDrawn, r.ChartsTotal))
	}
	if r.Overflow > 0 {
		out = append(out, fmt.Sprintf("%s: the page scrolls sideways by %d px (%s)", r.Page, r.Overflow, strings.Join(r.Wide, ", ")))
	}
	add("axe", r.Axe)
	return out
}

// Options say how Browse opens the pages.
type Options struct {
	// Width is the window's width in CSS pixels, as a phone's (with
	// mobile emulation: the page's viewport meta applies); 0 leaves the
	// browser's default, a desktop window of 800 by 600.
	Width int
	// Dark asks for the dark colour scheme (prefers-color-scheme: dark).
	Dark bool
	// Axe runs axe-core on each page once its charts are drawn and reports
	// what it finds (PageReport.Axe).
	Axe bool
	// Script, when set, is a JavaScript expression evaluated on each page
	// once its charts are drawn (a promise is awaited); its value, a string,
	// is PageReport.Script.
	Script string
	// Limits bound each page's time.
	Limits Limits
}

// Limits bound the time Browse gives each page. A zero field takes its
// default.
type Limits struct {
	// Page bounds one page: its load and its charts. A page that takes
	// longer is an error, not a report. Default 30 s.
	Page time.Duration
	// Charts is how long a page's charts get to draw after the load event.
	// Default 5 s.
	Charts time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.Page == 0 {
		l.Page = 30 * time.Second
	}
	if l.Charts == 0 {
		l.Charts = 5 * time.Second
	}
	return l
}

// allocatorOptions are the flags of a headless Chromium that reaches nothing
// on the network. Browse adds a fresh profile in a scratch folder of its own
// (pdf.Scratch), so no state carries over from one run to the next.
// The sandbox stays on unless pdf.NoSandbox says it cannot, as for root.
func allocatorOptions(chromium string, noSandbox bool) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", "new"),
		pdf.Sandbox(noSandbox),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		// The per-tab offline emulation covers the pages; this also stops
		// whatever it does not cover, such as a popup's own target. The
		// loopback address is left, for a page from a local server.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	}
}

// Browse opens each page, a file path, in one headless Chromium with the
// network off, and reports what happened: console errors, failed requests,
// dialogs, and how many of its charts were drawn. A chart is an element with
// a data-chart attribute; it is drawn once it holds an <svg> (ECharts' SVG
// renderer), and the charts get a few seconds after the load event.
//
// A page may also be an http:// URL, such as scorecard serve's: its tab
// keeps the network, since the server is on it, but no host name resolves
// and no address but 127.0.0.1, so only a local server is reached.
//
// Each page gets a new tab. The browser is killed and its profile removed
// before Browse returns, whether it succeeded, failed or ran out of time.
// An error means the browser could not start or a page could not be opened
// in time; the reports of the pages done so far are returned with it.
func Browse(ctx context.Context, chromium string, pages []string) ([]PageReport, error) {
	return BrowseWith(ctx, chromium, pages, Options{})
}

// BrowseWith is Browse with the window, colour scheme, checks and time
// limits of o.
func BrowseWith(ctx context.Context, chromium string, pages []string, o Options) ([]PageReport, error) {
	o.Limits = o.Limits.withDefaults()
	// Chromium writes outside its profile too: a singleton socket in $TMPDIR,
	// which a killed browser leaves behind, and crash reports and settings
	// under $HOME. All of it goes to a folder of our own, removed last.
	scratch, scratchOpts, err := pdf.Scratch()
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(scratch)
	noSandbox := pdf.NoSandbox(os.Geteuid(), os.Getenv)
	opts := append(allocatorOptions(chromium, noSandbox), scratchOpts...)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// The first run starts the browser and ties it to bctx; a timeout here
	// would end the browser with the first page.
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("%s: %w", chromium, pdf.StartError(err, noSandbox))
	}
	reports := make([]PageReport, 0, len(pages))
	for _, p := range pages {
		r, err := browsePage(bctx, p, o)
		if err != nil {
			return reports, fmt.Errorf("%s: %w", p, err)
		}
		reports = append(reports, r)
	}
	return reports, nil
}

// pageURL is the address of a page given to Browse: an http(s) URL as it is,
// else a file path as a file: URL. served says which.
func pageURL(page string) (u string, served bool, err error) {
	if strings.HasPrefix(page, "http://") || strings.HasPrefix(page, "https://") {
		return page, true, nil
	}
	abs, err := filepath.Abs(page)
	if err != nil {
		return "", false, err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), false, nil
}

// browsePage opens one page in a new tab of the browser of bctx.
func browsePage(bctx context.Context, file string, o Options) (PageReport, error) {
	u, served, err := pageURL(file)
	if err != nil {
		return PageReport{}, err
	}

	tab, closeTab := chromedp.NewContext(bctx)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, o.Limits.Page)
	defer cancel()

	rec := &recorder{ctx: ctx, urls: map[network.RequestID]string{}}
	// Listen opens the tab. The recorder sees each event before the command
	// that follows it returns, so once the last command below is answered,
	// the report holds everything the page did until then.
	if err := chromedp.Listen(ctx, rec.event); err != nil {
		return PageReport{}, err
	}
	if !served {
		if err := goOffline(ctx); err != nil {
			return PageReport{}, err
		}
	}
	if err := emulate(ctx, o); err != nil {
		return PageReport{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return PageReport{}, err
	}
	total, drawn, err := waitCharts(ctx, o.Limits.Charts)
	if err != nil {
		return PageReport{}, err
	}
	seen, err := inspect(ctx, o)
	if err != nil {
		return PageReport{}, err
	}

	// Events can still come until the tab closes: the report gets copies.
	rec.mu.Lock()
	defer rec.mu.Unlock()
	seen.Page = file
	seen.ConsoleErrors = slices.Clone(rec.console)
	seen.FailedRequests = slices.Clone(rec.failed)
	seen.Dialogs = slices.Clone(rec.dialogs)
	seen.ChartsTotal, seen.ChartsDrawn = total, drawn
	return seen, nil
}

// inspect measures the page once its charts are drawn, and runs the
// script and axe-core when o asks: the parts of a report that do not come
// from the page's events.
func inspect(ctx context.Context, o Options) (PageReport, error) {
	var r PageReport
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflow))
	if err != nil {
		return r, fmt.Errorf("measuring the page: %w", err)
	}
	r.Overflow = atoi(wide[0])
	if len(wide) > 1 {
		r.Wide = wide[1:]
	}
	if o.Script != "" {
		if r.Script, err = chromedp.Run(ctx, chromedp.Evaluate[string](o.Script, chromedp.EvalAwaitPromise)); err != nil {
			return r, fmt.Errorf("running the script: %w", err)
		}
	}
	if o.Axe {
		if r.Axe, err = runAxe(ctx); err != nil {
			return r, err
		}
	}
	return r, nil
}

// emulate sets the tab's window and colour scheme as o says.
func emulate(ctx context.Context, o Options) error {
	if o.Width > 0 {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(o.Width), 844, chromedp.EmulateMobile)); err != nil {
			return fmt.Errorf("emulating a window %d wide: %w", o.Width, err)
		}
	}
	scheme := "light"
	if o.Dark {
		scheme = "dark"
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	if err != nil {
		return fmt.Errorf("emulating the %s scheme: %w", scheme, err)
	}
	return nil
}

// overflow measures how far the page scrolls sideways and names up to
// three elements that reach past the window's right edge where nothing
// clips them: no ancestor that clips its overflow, or for an element taken
// out of the flow, none from its containing block up.
const overflow = `(() => {
	const root = document.documentElement, w = root.clientWidth;
	const over = root.scrollWidth - w, out = [String(over)];
	if (over <= 0) return out;
	const clips = (el) => {
		let free = ["absolute", "fixed"].includes(getComputedStyle(el).position);
		for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
			const st = getComputedStyle(a);
			if (free && st.position === "static") continue;
			free = ["absolute", "fixed"].includes(st.position);
			if (st.overflowX !== "visible") return true;
		}
		return false;
	};
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.right <= w + 0.5 || clips(el)) continue;
		const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
		out.push(el.tagName.toLowerCase() + cls + " to " + Math.round(r.right) + " px");
		if (out.length > 3) break;
	}
	return out;
})()`

// runAxe loads axe-core into the page and runs it.
func runAxe(ctx context.Context) ([]string, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[*runtime.RemoteObject](axeSource)); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return axeLines(raw)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// goOffline makes every request of the tab fail as it would on a machine
// with no network, and tells the page so through navigator.onLine, as an
// e-mailed site opened on a train would see it. Files still load.
func goOffline(ctx context.Context) error {
	// An empty URL pattern matches every request.
	offline := []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: offline}); err != nil {
		return fmt.Errorf("going offline: %w", err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		return fmt.Errorf("going offline: %w", err)
	}
	return nil
}

// chartCount counts the page's charts, and those that hold their <svg>.
const chartCount = `(() => {
	const charts = document.querySelectorAll("[data-chart]");
	return [charts.length, Array.from(charts).filter(c => c.querySelector("svg") !== null).length];
})()`

// waitCharts polls until every chart is drawn or wait has passed, and
// returns the last count.
func waitCharts(ctx context.Context, wait time.Duration) (total, drawn int, err error) {
	deadline := time.Now().Add(wait)
	for {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](chartCount))
		if err != nil {
			return 0, 0, fmt.Errorf("counting charts: %w", err)
		}
		if n[1] >= n[0] || time.Now().After(deadline) {
			return n[0], n[1], nil
		}
		select {
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// recorder keeps the events of one tab that make its report.
type recorder struct {
	ctx context.Context // of the tab, to answer dialogs

	mu      sync.Mutex
	urls    map[network.RequestID]string
	console []string
	failed  []string
	dialogs []string
}

// event runs on the goroutine that reads the tab's messages, so it must not
// wait for the browser: the dialog is answered from a goroutine of its own.
func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var where string
			if st := ev.StackTrace; st != nil && len(st.CallFrames) > 0 {
				f := st.CallFrames[0]
				where = at(f.URL, f.LineNumber, f.ColumnNumber)
			}
			r.console = append(r.console, "console."+string(ev.Type)+": "+argsText(ev.Args)+where)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			// The description of an Error is its message and then its
			// stack, which at() says more briefly.
			desc, _, _ := strings.Cut(valueText(d.Exception), "\n")
			msg += " " + desc
		}
		r.console = append(r.console, "exception: "+msg+at(d.URL, d.LineNumber, d.ColumnNumber))
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			msg := "log (" + string(e.Source) + "): " + e.Text
			if e.URL != "" {
				msg += " at " + e.URL
			}
			r.console = append(r.console, msg)
		}
	case *network.EventRequestWillBeSent:
		r.urls[ev.RequestID] = ev.Request.URL
	case *network.EventLoadingFailed:
		msg := r.urls[ev.RequestID] + ": " + ev.ErrorText
		if ev.BlockedReason != "" {
			msg += " (" + string(ev.BlockedReason) + ")"
		}
		r.failed = append(r.failed, msg)
	case *page.EventJavascriptDialogOpening:
		r.dialogs = append(r.dialogs, string(ev.Type)+": "+ev.Message)
		go chromedp.Call(r.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// at says where a message came from, with line and column counted from 1 as
// editors do; the protocol counts from 0.
func at(url string, line, col int64) string {
	if url == "" {
		return ""
	}
	return fmt.Sprintf(" at %s:%d:%d", url, line+1, col+1)
}

// argsText joins the arguments of a console call as the console shows them.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = valueText(a)
	}
	return strings.Join(parts, " ")
}

// valueText shows one value: a string as itself, anything else as the
// browser describes it.
func valueText(o *runtime.RemoteObject) string {
	if o.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
	}
	switch {
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return string(o.Type)
}
