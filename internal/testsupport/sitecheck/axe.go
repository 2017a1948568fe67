package sitecheck

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// axeSource is axe-core, the accessibility engine (testdata/axe/SOURCE.txt
// says which version and where from). It is embedded here, in test
// support, so that tests run it offline; no built site holds it.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// axeRun runs axe on the page once it is loaded: every rule of WCAG 2.1 A
// and AA and axe's best practices, and returns the violations as JSON.
// Without preload, axe reads the page's style sheets from the page rather
// than fetching them again, which a page opened from disk cannot do.
const axeRun = `(async () => {
	const r = await axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
		resultTypes: ["violations"],
		preload: false,
	});
	return JSON.stringify(r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
	})));
})()`

// axeViolation is one rule a page breaks, with where.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target, Summary string }
}

// axeLines turns axe's violations into report lines: the rule, its impact
// and help, and the first few elements that break it.
func axeLines(raw string) ([]string, error) {
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		return nil, fmt.Errorf("reading axe's results: %w", err)
	}
	var out []string
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			detail := strings.Join(strings.Fields(n.Summary), " ")
			if len(detail) > 160 {
				detail = detail[:157] + "..."
			}
			where = append(where, n.Target+" ("+detail+")")
		}
		out = append(out, fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(where, "; ")))
	}
	return out, nil
}
