package theme

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// basePolicy is the Content-Security-Policy every page states in a <meta>
// element, so that it holds wherever the site is opened: from a server that
// sends no header of its own (GitHub Pages), from disk, as an e-mailed pack.
// Should text from the source ever get past the escaping as markup, the
// browser still runs no script and loads nothing that the theme did not put
// there.
//
// It allows scripts and style sheets from the site itself ('self'; file: for
// a site opened from disk, which not every browser counts as 'self'), style
// attributes (the charts' sizes; ECharts' tooltips set them too), and
// connections back to where the page came from (scorecard serve's reload
// stream). No inline script or <style> element runs unless its hash is
// listed: the board pack's are. Nothing loads from elsewhere, and there is
// no <base>, form or plugin. docs/security.md explains each part.
// The two verbs take the hashes of the scripts and of the style elements.
const basePolicy = "default-src 'none'; script-src 'self' file:%s; style-src 'self' file: 'unsafe-inline'; style-src-elem 'self' file:%s; img-src 'self' file:; connect-src 'self'; base-uri 'none'; form-action 'none'"

// ContentPolicy returns basePolicy with the hashes of the page's inline
// scripts and style elements, which must be given exactly as the page holds
// them.
func ContentPolicy(scripts, styles []string) string {
	return fmt.Sprintf(basePolicy, hashes(scripts), hashes(styles))
}

// hashes lists the CSP hash sources of texts, each with a space before it.
func hashes(texts []string) string {
	var b strings.Builder
	for _, t := range texts {
		sum := sha256.Sum256([]byte(t))
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	return b.String()
}
