package sitecheck

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// FindChromium returns the browser Browse runs: $CHROMIUM when it is set,
// else the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable found on PATH, else /usr/bin/chromium, which a test
// run with a trimmed PATH would otherwise miss.
//
// A $CHROMIUM that does not name a program is an error rather than a reason
// to look elsewhere: whoever set it meant that browser.
func FindChromium() (string, error) {
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
	return "", errors.New("no Chromium found: install it (Debian: apt-get install chromium) or set $CHROMIUM to its path")
}
