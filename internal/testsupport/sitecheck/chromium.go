package sitecheck

import "github.com/scorecard-dev/scorecard/internal/pdf"

// FindChromium returns the browser Browse runs: $CHROMIUM when it is set,
// else the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable found on PATH, else /usr/bin/chromium. It is the search
// `scorecard pack --pdf` makes (pdf.Find), so tests and users run the
// same browser.
//
// A $CHROMIUM that does not name a program is an error rather than a reason
// to look elsewhere: whoever set it meant that browser.
func FindChromium() (string, error) {
	return pdf.Find("")
}
