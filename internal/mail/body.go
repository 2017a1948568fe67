package mail

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/scorecard-dev/scorecard/generator"
)

// view is what the bodies show.
type view struct {
	*generator.PackSummary
	PDF, HTML string // the attachments' names; HTML is empty when not attached
}

func bodyView(p *generator.Packed, attachHTML bool) view {
	v := view{PackSummary: p.Summary, PDF: p.Name + ".pdf"}
	if attachHTML {
		v.HTML = p.Name + ".html"
	}
	return v
}

// Status colours, as the site's theme has them. Mail clients drop <style>
// and ignore classes, so every style is inline; the status is always
// written out as well, since colour alone says nothing to some readers.
var statusStyle = map[string]string{
	"green": "background:#e8f3e9;color:#2e7d32",
	"amber": "background:#fdf3dc;color:#a15c00",
	"red":   "background:#fbe9e9;color:#c62828",
	"none":  "background:#eef0f2;color:#5b6470",
}

var statusName = map[string]string{"green": "Green", "amber": "Amber", "red": "Red", "none": "No status"}

var funcs = map[string]any{
	"status": func(s string) string { return statusName[s] },
	// statusStyle is a constant of this file, never input, so it is safe
	// as a style attribute.
	"statusStyle": func(s string) htmltemplate.CSS { return htmltemplate.CSS(statusStyle[s]) },
	"indent":      func(depth int) htmltemplate.CSS { return htmltemplate.CSS("padding-left:" + itoa(8+16*depth) + "px") },
	"spaces":      func(depth int) string { return strings.Repeat("  ", depth) },
	"change": func(c generator.PackChange) string {
		if c.Improved {
			return "improved from " + statusName[c.From]
		}
		return "worsened from " + statusName[c.From]
	},
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

const (
	table = `border-collapse:collapse;margin:0 0 16px 0;font-size:14px`
	th    = `text-align:left;padding:6px 8px;border-bottom:2px solid #c9ced6;font-weight:600`
	thNum = `text-align:right;padding:6px 8px;border-bottom:2px solid #c9ced6;font-weight:600`
	td    = `text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top`
	tdNum = `text-align:right;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top;white-space:nowrap`
	h2    = `font-size:18px;margin:24px 0 8px 0`
	h3    = `font-size:15px;margin:16px 0 8px 0`
	pill  = `display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600`
)

var htmlBody = htmltemplate.Must(htmltemplate.New("html").Funcs(funcs).Parse(strings.NewReplacer(
	"{TABLE}", table, "{TH}", th, "{THNUM}", thNum, "{TD}", td, "{TDNUM}", tdNum,
	"{H2}", h2, "{H3}", h3, "{PILL}", pill,
).Replace(`<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{{.Title}} · {{.AsOf}}</title></head>
<body style="margin:0;padding:16px;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1d232b;background:#ffffff">
<div style="max-width:720px">
<p style="margin:0;color:#5b6470;font-size:13px">Board pack · {{.AsOf}}</p>
<h1 style="font-size:22px;margin:4px 0 12px 0">{{.Title}}</h1>
<p style="margin:0 0 16px 0;font-size:15px">{{.Root}}: overall score <strong>{{.Score.Text}}</strong> of 10 <span style="{PILL};{{statusStyle .Score.Status}}">{{status .Score.Status}}</span></p>
<p style="margin:0 0 16px 0;font-size:14px">The full board pack is attached: <strong>{{.PDF}}</strong>{{with .HTML}}, and <strong>{{.}}</strong> to open in a browser{{end}}.</p>

<h2 style="{H2}">Executive summary</h2>
<table role="presentation" style="{TABLE}">
<tr><td style="vertical-align:top;padding:0 24px 0 0">
<table style="{TABLE}">
<thead><tr><th style="{TH}">Unit</th><th style="{THNUM}">Score</th><th style="{TH}">Status</th></tr></thead>
<tbody>
{{range .Units}}<tr><td style="{TD};{{indent .Depth}}">{{.Text}}</td><td style="{TDNUM}">{{.Score.Text}}</td><td style="{TD}"><span style="{PILL};{{statusStyle .Score.Status}}">{{status .Score.Status}}</span></td></tr>
{{end}}</tbody>
</table>
</td><td style="vertical-align:top;padding:0">
<table style="{TABLE}">
<thead><tr><th style="{TH}">Measures by status</th><th style="{THNUM}">Measures</th></tr></thead>
<tbody>
{{range .Counts}}<tr><td style="{TD}"><span style="{PILL};{{statusStyle .Status}}">{{status .Status}}</span></td><td style="{TDNUM}">{{.Count}}</td></tr>
{{end}}</tbody>
</table>
</td></tr>
</table>

<h3 style="{H3}">What changed since {{with .Changes}}{{(index . 0).PreviousPeriod}}{{else}}the previous period{{end}}</h3>
{{with .Changes}}<table style="{TABLE}">
<thead><tr><th style="{TH}">Measure</th><th style="{TH}">Unit</th><th style="{TH}">Change</th><th style="{TH}">Now</th><th style="{THNUM}">Value</th><th style="{THNUM}">Target</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Measure}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{change .}}</td><td style="{TD}"><span style="{PILL};{{statusStyle .To}}">{{status .To}}</span></td><td style="{TDNUM}">{{.Value}}</td><td style="{TDNUM}">{{.Target}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">No measure changed status.</p>{{end}}

<h2 style="{H2}">Exceptions</h2>
<h3 style="{H3}">Red measures</h3>
{{with .Red}}<table style="{TABLE}">
<thead><tr><th style="{TH}">Measure</th><th style="{TH}">Unit</th><th style="{TH}">Owner</th><th style="{THNUM}">Value</th><th style="{THNUM}">Target</th><th style="{THNUM}">Score</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Name}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{.Owner}}</td><td style="{TDNUM}">{{.Value}}</td><td style="{TDNUM}">{{.Target}}</td><td style="{TDNUM}">{{.Score.Text}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">No measure is red.</p>{{end}}
<h3 style="{H3}">Objectives at risk</h3>
{{with .AtRisk}}<table style="{TABLE}">
<thead><tr><th style="{TH}">Objective</th><th style="{TH}">Unit</th><th style="{TH}">Owner</th><th style="{THNUM}">Score</th><th style="{TH}">Why</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Name}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{.Owner}}</td><td style="{TDNUM}">{{.Score.Text}}</td><td style="{TD}">{{.Detail}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">No objective is at risk.</p>{{end}}
<p style="margin:24px 0 0 0;color:#5b6470;font-size:12px">Commentary, strategy maps, every unit's scorecard, initiatives and the measures' definitions are in the attached pack.</p>
</div>
</body>
</html>
`)))

var textBody = texttemplate.Must(texttemplate.New("text").Funcs(funcs).Parse(`{{.Title}}
Board pack, {{.AsOf}}

{{.Root}}: overall score {{.Score.Text}} of 10 ({{status .Score.Status}})

The full board pack is attached: {{.PDF}}{{with .HTML}}, and {{.}} to open in a browser{{end}}.

EXECUTIVE SUMMARY

Units
{{range .Units}}  {{spaces .Depth}}{{.Text}}: {{.Score.Text}} ({{status .Score.Status}})
{{end}}
Measures by status
{{range .Counts}}  {{status .Status}}: {{.Count}}
{{end}}
What changed since {{with .Changes}}{{(index . 0).PreviousPeriod}}{{else}}the previous period{{end}}
{{range .Changes}}  {{.Measure}} ({{.Unit}}): {{change .}} to {{status .To}}; value {{.Value}}, target {{.Target}}
{{else}}  No measure changed status.
{{end}}
EXCEPTIONS

Red measures
{{range .Red}}  {{.Name}} ({{.Unit}}{{with .Owner}}, {{.}}{{end}}): value {{.Value}}, target {{.Target}}, score {{.Score.Text}}
{{else}}  No measure is red.
{{end}}
Objectives at risk
{{range .AtRisk}}  {{.Name}} ({{.Unit}}{{with .Owner}}, {{.}}{{end}}): score {{.Score.Text}}; {{.Detail}}
{{else}}  No objective is at risk.
{{end}}
Commentary, strategy maps, every unit's scorecard, initiatives and the
measures' definitions are in the attached pack.
`))
