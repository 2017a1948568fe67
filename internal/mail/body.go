package mail

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"

	"github.com/scorecard-dev/scorecard/generator"
)

// view is what the bodies show, in the words of the site's language.
type view struct {
	*generator.PackSummary
	PDF, HTML string // the attachments' names; HTML is empty when not attached
	Lang, Dir string
	words     *generator.Words
}

func bodyView(p *generator.Packed, attachHTML bool) view {
	v := view{PackSummary: p.Summary, PDF: p.Name + ".pdf", words: wordsOf(p)}
	if attachHTML {
		v.HTML = p.Name + ".html"
	}
	v.Lang, v.Dir = v.words.Locale().Name(), v.words.Locale().Dir()
	return v
}

// wordsOf are the words of the site's theme that p was made with, or the
// built-in English.
func wordsOf(p *generator.Packed) *generator.Words {
	if p.Words != nil {
		return p.Words
	}
	return generator.DefaultWords()
}

// T is a message of the theme's translations, its placeholders filled from
// pairs of a name and a value. In the HTML body a value may be HTML the
// template made (Strong), which the message then keeps.
func (v view) T(key string, args ...any) any {
	m, err := v.words.T(key, args...)
	if err != nil {
		return "[" + key + "]"
	}
	return m
}

// Status names a status in words, so that it never rests on colour alone.
func (v view) Status(s string) string {
	switch s {
	case "green", "amber", "red":
		return v.words.Text("status_" + s)
	}
	return v.words.Text("status_none")
}

// Change says how a measure's status changed: improved or worsened, from
// what.
func (v view) Change(c generator.PackChange) string {
	how := "change_worsened"
	if c.Improved {
		how = "change_improved"
	}
	return v.words.Text(how) + " " + v.words.Text("change_from", "status", v.Status(c.From))
}

// Strong is s in bold, escaped, as a message's value in the HTML body.
func (v view) Strong(s string) htmltemplate.HTML {
	return htmltemplate.HTML("<strong>" + htmltemplate.HTMLEscapeString(s) + "</strong>")
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

// htmlFuncs are the HTML body's functions for lines that start on the side
// start ("left" or "right").
func htmlFuncs(start string) htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		// statusStyle is a constant of this file, never input, so it is
		// safe as a style attribute.
		"statusStyle": func(s string) htmltemplate.CSS { return htmltemplate.CSS(statusStyle[s]) },
		"indent": func(depth int) htmltemplate.CSS {
			return htmltemplate.CSS("padding-" + start + ":" + itoa(8+16*depth) + "px")
		},
	}
}

var textFuncs = texttemplate.FuncMap{
	"spaces": func(depth int) string { return strings.Repeat("  ", depth) },
	"upper":  strings.ToUpper,
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// htmlStyles are the inline styles of the HTML body's elements, with
// {START} and {END} for the sides where a line starts and ends; {GAP} is
// the room between the two summary tables.
var htmlStyles = []string{
	"{TABLE}", `border-collapse:collapse;margin:0 0 16px 0;font-size:14px`,
	"{TH}", `text-align:{START};padding:6px 8px;border-bottom:2px solid #c9ced6;font-weight:600`,
	"{THNUM}", `text-align:{END};padding:6px 8px;border-bottom:2px solid #c9ced6;font-weight:600`,
	"{TD}", `text-align:{START};padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top`,
	"{TDNUM}", `text-align:{END};padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top;white-space:nowrap`,
	"{H2}", `font-size:18px;margin:24px 0 8px 0`,
	"{H3}", `font-size:15px;margin:16px 0 8px 0`,
	"{PILL}", `display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600`,
}

// htmlBody is the HTML body for pages written left to right and for pages
// written right to left: mail clients know text-align's left and right,
// not its start and end.
var htmlBody = map[string]*htmltemplate.Template{
	"ltr": parseHTML("left", "right", "padding:0 24px 0 0"),
	"rtl": parseHTML("right", "left", "padding:0 0 0 24px"),
}

func parseHTML(start, end, gap string) *htmltemplate.Template {
	src := strings.NewReplacer(htmlStyles...).Replace(htmlSource)
	src = strings.NewReplacer("{START}", start, "{END}", end, "{GAP}", gap).Replace(src)
	return htmltemplate.Must(htmltemplate.New("html").Funcs(htmlFuncs(start)).Parse(src))
}

const htmlSource = `<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head><meta charset="utf-8"><title>{{.Title}} · {{.AsOf}}</title></head>
<body style="margin:0;padding:16px;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1d232b;background:#ffffff">
<div style="max-width:720px">
<p style="margin:0;color:#5b6470;font-size:13px">{{.T "pack_title"}} · {{.AsOf}}</p>
<h1 style="font-size:22px;margin:4px 0 12px 0">{{.Title}}</h1>
<p style="margin:0 0 16px 0;font-size:15px">{{.T "mail_overall" "unit" .Root "score" (.Strong .Score.Text)}} <span style="{PILL};{{statusStyle .Score.Status}}">{{.Status .Score.Status}}</span></p>
<p style="margin:0 0 16px 0;font-size:14px">{{if .HTML}}{{.T "mail_attached_both" "pdf" (.Strong .PDF) "html" (.Strong .HTML)}}{{else}}{{.T "mail_attached" "pdf" (.Strong .PDF)}}{{end}}</p>

<h2 style="{H2}">{{.T "pack_summary"}}</h2>
<table role="presentation" style="{TABLE}">
<tr><td style="vertical-align:top;{GAP}">
<table style="{TABLE}">
<thead><tr><th style="{TH}">{{.T "col_unit"}}</th><th style="{THNUM}">{{.T "col_score"}}</th><th style="{TH}">{{.T "col_status"}}</th></tr></thead>
<tbody>
{{range .Units}}<tr><td style="{TD};{{indent .Depth}}">{{.Text}}</td><td style="{TDNUM}">{{.Score.Text}}</td><td style="{TD}"><span style="{PILL};{{statusStyle .Score.Status}}">{{$.Status .Score.Status}}</span></td></tr>
{{end}}</tbody>
</table>
</td><td style="vertical-align:top;padding:0">
<table style="{TABLE}">
<thead><tr><th style="{TH}">{{.T "status_counts"}}</th><th style="{THNUM}">{{.T "col_measures"}}</th></tr></thead>
<tbody>
{{range .Counts}}<tr><td style="{TD}"><span style="{PILL};{{statusStyle .Status}}">{{$.Status .Status}}</span></td><td style="{TDNUM}">{{.Count}}</td></tr>
{{end}}</tbody>
</table>
</td></tr>
</table>

<h3 style="{H3}">{{with .Changes}}{{$.T "pack_changed_since" "period" (index . 0).PreviousPeriod}}{{else}}{{.T "pack_changed_since_previous"}}{{end}}</h3>
{{with .Changes}}<table style="{TABLE}">
<thead><tr><th style="{TH}">{{$.T "col_measure"}}</th><th style="{TH}">{{$.T "col_unit"}}</th><th style="{TH}">{{$.T "col_change"}}</th><th style="{TH}">{{$.T "col_now"}}</th><th style="{THNUM}">{{$.T "col_value"}}</th><th style="{THNUM}">{{$.T "col_target"}}</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Measure}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{$.Change .}}</td><td style="{TD}"><span style="{PILL};{{statusStyle .To}}">{{$.Status .To}}</span></td><td style="{TDNUM}">{{.Value}}</td><td style="{TDNUM}">{{.Target}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">{{.T "changes_none"}}</p>{{end}}

<h2 style="{H2}">{{.T "nav_exceptions"}}</h2>
<h3 style="{H3}">{{.T "exc_red"}}</h3>
{{with .Red}}<table style="{TABLE}">
<thead><tr><th style="{TH}">{{$.T "col_measure"}}</th><th style="{TH}">{{$.T "col_unit"}}</th><th style="{TH}">{{$.T "col_owner"}}</th><th style="{THNUM}">{{$.T "col_value"}}</th><th style="{THNUM}">{{$.T "col_target"}}</th><th style="{THNUM}">{{$.T "col_score"}}</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Name}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{.Owner}}</td><td style="{TDNUM}">{{.Value}}</td><td style="{TDNUM}">{{.Target}}</td><td style="{TDNUM}">{{.Score.Text}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">{{.T "exc_red_none"}}</p>{{end}}
<h3 style="{H3}">{{.T "exc_at_risk"}}</h3>
{{with .AtRisk}}<table style="{TABLE}">
<thead><tr><th style="{TH}">{{$.T "col_objective"}}</th><th style="{TH}">{{$.T "col_unit"}}</th><th style="{TH}">{{$.T "col_owner"}}</th><th style="{THNUM}">{{$.T "col_score"}}</th><th style="{TH}">{{$.T "mail_why"}}</th></tr></thead>
<tbody>
{{range .}}<tr><td style="{TD}">{{.Name}}</td><td style="{TD}">{{.Unit}}</td><td style="{TD}">{{.Owner}}</td><td style="{TDNUM}">{{.Score.Text}}</td><td style="{TD}">{{.Detail}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p style="margin:0 0 16px 0;font-size:14px">{{.T "pack_at_risk_none"}}</p>{{end}}
<p style="margin:24px 0 0 0;color:#5b6470;font-size:12px">{{.T "mail_footer"}}</p>
</div>
</body>
</html>
`

// textBody is the plain-text alternative. Its messages take text only.
var textBody = texttemplate.Must(texttemplate.New("text").Funcs(textFuncs).Parse(`{{.Title}}
{{.T "pack_title"}} · {{.AsOf}}

{{.T "mail_overall" "unit" .Root "score" .Score.Text}} ({{.Status .Score.Status}})

{{if .HTML}}{{.T "mail_attached_both" "pdf" .PDF "html" .HTML}}{{else}}{{.T "mail_attached" "pdf" .PDF}}{{end}}

{{upper (print (.T "pack_summary"))}}

{{.T "units"}}
{{range .Units}}  {{spaces .Depth}}{{.Text}}: {{.Score.Text}} ({{$.Status .Score.Status}})
{{end}}
{{.T "status_counts"}}
{{range .Counts}}  {{$.Status .Status}}: {{.Count}}
{{end}}
{{with .Changes}}{{$.T "pack_changed_since" "period" (index . 0).PreviousPeriod}}{{else}}{{.T "pack_changed_since_previous"}}{{end}}
{{range .Changes}}  {{.Measure}} ({{.Unit}}): {{$.T "mail_change_line" "change" ($.Change .) "status" ($.Status .To) "value" .Value "target" .Target}}
{{else}}  {{.T "changes_none"}}
{{end}}
{{upper (print (.T "nav_exceptions"))}}

{{.T "exc_red"}}
{{range .Red}}  {{.Name}} ({{.Unit}}{{with .Owner}}{{$.T "list_separator"}}{{.}}{{end}}): {{$.T "mail_red_line" "value" .Value "target" .Target "score" .Score.Text}}
{{else}}  {{.T "exc_red_none"}}
{{end}}
{{.T "exc_at_risk"}}
{{range .AtRisk}}  {{.Name}} ({{.Unit}}{{with .Owner}}{{$.T "list_separator"}}{{.}}{{end}}): {{$.T "mail_at_risk_line" "score" .Score.Text "detail" .Detail}}
{{else}}  {{.T "pack_at_risk_none"}}
{{end}}
{{.T "mail_footer"}}
`))
