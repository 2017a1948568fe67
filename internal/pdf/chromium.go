// Package pdf prints the board pack to PDF with headless Chromium: it
// finds the browser, opens a local file with the network off, waits for the
// charts and prints (print.go). The command line uses it; the generator
// library does not link it. The browser tests drive the same Chromium with
// the same flags and sandbox rule (chromium.go).
package pdf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// Find returns the Chromium to run: the path given, else $CHROMIUM, else the
// first of chromium, chromium-browser, google-chrome and google-chrome-stable
// found on PATH, else /usr/bin/chromium, which a run with a trimmed PATH (a
// test's, a service's) would otherwise miss.
//
// A path given or a $CHROMIUM that does not name a program is an error rather
// than a reason to look elsewhere: whoever named it meant that browser.
func Find(explicit string) (string, error) {
	if explicit != "" {
		if p, err := exec.LookPath(explicit); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("chromium %s not found or not executable", explicit)
	}
	if env := os.Getenv("CHROMIUM"); env != "" {
		p, err := exec.LookPath(env)
		if err != nil {
			return "", fmt.Errorf("$CHROMIUM: %w", err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	const fallback = "/usr/bin/chromium"
	if fi, err := os.Stat(fallback); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
		return fallback, nil
	}
	return "", errors.New("no Chromium found: install it (Debian: apt-get install chromium), give its path with --chromium or set $CHROMIUM to it")
}

// Scratch makes a folder for everything a Chromium run writes and returns it
// with the options that send Chromium there: its profile (--user-data-dir),
// and what it writes outside the profile — a singleton socket in
// $TMPDIR/org.chromium.Chromium.*, which outlives the browser, and crash
// reports and settings under $HOME. The caller removes the folder once the
// browser has ended.
//
// Chromium refuses to start when the path of its socket passes the 107 bytes
// a Unix socket allows, so a deep temporary folder (macOS's, a test's) is
// traded for /tmp.
func Scratch() (string, []chromedp.ExecAllocatorOption, error) {
	base := os.TempDir()
	if fi, err := os.Stat("/tmp"); len(base) > 40 && err == nil && fi.IsDir() {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "scorecard-chromium-")
	if err != nil {
		return "", nil, err
	}
	return dir, []chromedp.ExecAllocatorOption{
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Env(
			"HOME="+dir,
			"TMPDIR="+dir,
			"XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
			"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		),
	}, nil
}

// NoSandboxEnv names the environment variable that turns Chromium's sandbox
// off for a user other than root. Set it to 1 only where Chromium cannot
// start with its sandbox: a container without user namespaces, say.
const NoSandboxEnv = "SCORECARD_CHROMIUM_NO_SANDBOX"

// NoSandbox reports whether Chromium must run without its sandbox, for a
// process of effective user euid and with the environment of getenv: as
// root, where Chromium refuses to start with it, or when $NoSandboxEnv is 1.
// Everywhere else the sandbox stays, since the pages Chromium opens hold
// text from the source, which anyone may have written.
func NoSandbox(euid int, getenv func(string) string) bool {
	return euid == 0 || getenv(NoSandboxEnv) == "1"
}

// Sandbox is the option that keeps Chromium's sandbox, or turns it off when
// off is true. It must always be given: left out, chromedp turns the
// sandbox off for root by itself, and the choice would not be ours.
func Sandbox(off bool) chromedp.ExecAllocatorOption {
	return chromedp.Flag("no-sandbox", off)
}

// StartError is the error of a Chromium that did not start. With the
// sandbox on, it says how to turn it off, since a platform that cannot give
// Chromium its sandbox is the likely cause.
func StartError(err error, noSandbox bool) error {
	if noSandbox {
		return fmt.Errorf("chromium did not start: %w", err)
	}
	return fmt.Errorf("chromium did not start: %w (if it cannot run with its sandbox here, as in a container without user namespaces, set %s=1)", err, NoSandboxEnv)
}

// Offline are the flags of a headless Chromium that reaches nothing on the
// network: every host resolves to nothing and every request goes to a proxy
// that does not exist. Files still open, which is all a site or a pack needs.
// The sandbox stays on unless NoSandbox says this process cannot keep it.
func Offline(execPath string) []chromedp.ExecAllocatorOption {
	return offline(execPath, NoSandbox(os.Geteuid(), os.Getenv))
}

func offline(execPath string, noSandbox bool) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		Sandbox(noSandbox),
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	}
}
