package view

import (
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/i18n"
)

// Summary is the head of the board pack as plain values: what a message
// about the pack says in its body, in the pack's own words and figures.
type Summary struct {
	Title    string
	AsOf     string // "September 2026"
	AsOfCode string // "2026-09"
	Root     string // the organisation's name
	Score    Score  // the organisation's
	Units    []TreeItem
	Counts   []StatusCount
	Changes  []Change
	Red      []PackException // without commentary, which is in the pack
	AtRisk   []PackException
}

// PackSummary returns the summary of the board pack of r, in the language
// of w.
func PackSummary(r *compute.Result, w *i18n.Catalog) *Summary {
	b := &Builder{r: r, w: w, loc: w.Locale(), names: Periods(r, w)}
	site := NewSite(r, w)
	root := r.Site.Root()
	rr := r.Unit(root)
	s := &Summary{
		Title: r.Site.Title, AsOf: site.AsOf, AsOfCode: site.AsOfCode,
		Root: root.Name, Score: b.score(rr.Score, rr.Status),
		Counts: statusCounts(r, nil), Changes: b.changes(nil),
	}
	for _, u := range r.Site.Units {
		ur := r.Unit(u)
		s.Units = append(s.Units, TreeItem{Link: Link{Text: u.Name}, Depth: u.Depth, Score: b.score(ur.Score, ur.Status)})
	}
	s.Red, s.AtRisk = b.exceptionsOf(nil)
	for _, list := range [][]PackException{s.Red, s.AtRisk} {
		for i := range list {
			list[i].Commentary = ""
		}
	}
	return s
}
