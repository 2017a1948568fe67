package mail

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/testsupport/mailtest"
)

// summary is a board pack's summary as generator.PackForMail makes it, with
// names that would be markup if they were not escaped.
const summary = `{
  "Title": "Acme <b>Board</b> & Co", "AsOf": "September 2026", "AsOfCode": "2026-09",
  "Root": "Acme <script>alert(1)</script>", "Score": {"Text": "6.0", "Status": "amber"},
  "Units": [
    {"Text": "Acme <script>alert(1)</script>", "Depth": 0, "Score": {"Text": "6.0", "Status": "amber"}},
    {"Text": "Wholesale", "Depth": 1, "Score": {"Text": "7.3", "Status": "green"}}
  ],
  "Counts": [{"Status": "green", "Count": 5}, {"Status": "amber", "Count": 2}, {"Status": "red", "Count": 1}, {"Status": "none", "Count": 0}],
  "Changes": [{"Measure": "On-time delivery", "Unit": "Wholesale", "From": "amber", "To": "red", "Improved": false,
    "Value": "91.0%", "Target": "95.0%", "PreviousPeriod": "August 2026"}],
  "Red": [{"Name": "On-time delivery", "Unit": "Wholesale", "Owner": "Head of Logistics", "Value": "91.0%", "Target": "95.0%",
    "Score": {"Text": "2.5", "Status": "red"}}],
  "AtRisk": [{"Name": "Delight customers", "Unit": "Wholesale", "Owner": "", "Score": {"Text": "7.0", "Status": "green"},
    "Detail": "Driver score 3.1 is red"}]
}`

func testPack(t *testing.T) *generator.Packed {
	t.Helper()
	p := &generator.Packed{Name: "board-pack-2026-09", HTML: []byte("<!DOCTYPE html><title>pack</title>"), PDF: []byte("%PDF-1.7\n\x00\xff binary\r\n%%EOF\n")}
	p.Summary = new(generator.PackSummary)
	if err := json.Unmarshal([]byte(summary), p.Summary); err != nil {
		t.Fatal(err)
	}
	return p
}

func compose(t *testing.T, m Message) *mailtest.Parsed {
	t.Helper()
	var b bytes.Buffer
	if err := WriteEML(&b, m); err != nil {
		t.Fatal(err)
	}
	return mailtest.Parse(t, b.Bytes())
}

func TestMessageStructure(t *testing.T) {
	p := testPack(t)
	msg := compose(t, Message{From: "Strategy Office <strategy@example.org>", To: []string{"board@example.org", "Chair <chair@example.org>"},
		Cc: []string{"cfo@example.org"}, Pack: p, Mailer: "scorecard test"})
	want := []string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf board-pack-2026-09.pdf"}
	if !slices.Equal(msg.Structure, want) {
		t.Errorf("structure %q, want %q", msg.Structure, want)
	}
	for k, want := range map[string]string{
		"From": `"Strategy Office" <strategy@example.org>`, "To": `<board@example.org>, "Chair" <chair@example.org>`,
		"Cc": "<cfo@example.org>", "Mime-Version": "1.0", "User-Agent": "scorecard test", "X-Unsent": "",
	} {
		if got := msg.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if got := msg.Subject(t); got != "Board pack: Acme <b>Board</b> & Co, September 2026" {
		t.Errorf("subject %q", got)
	}
	if msg.Header.Get("Date") == "" || msg.Header.Get("Message-Id") == "" {
		t.Error("no Date or Message-ID")
	}
	if a := msg.Attachment("board-pack-2026-09.pdf"); a == nil || !bytes.Equal(a.Body, p.PDF) {
		t.Errorf("the PDF attachment is not the pack's PDF: %v", a)
	}
}

func TestDraftWithTheHTMLPack(t *testing.T) {
	p := testPack(t)
	msg := compose(t, Message{Pack: p, AttachHTML: true, Draft: true})
	want := []string{"multipart/mixed", "multipart/alternative", "text/plain", "text/html",
		"application/pdf board-pack-2026-09.pdf", "text/html board-pack-2026-09.html"}
	if !slices.Equal(msg.Structure, want) {
		t.Errorf("structure %q, want %q", msg.Structure, want)
	}
	// Outlook opens an .eml with X-Unsent: 1 as a message to send.
	if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("From") != "" || msg.Header.Get("To") != "" {
		t.Errorf("draft headers: X-Unsent %q, From %q, To %q", msg.Header.Get("X-Unsent"), msg.Header.Get("From"), msg.Header.Get("To"))
	}
	if a := msg.Attachment("board-pack-2026-09.html"); a == nil || !bytes.Equal(a.Body, p.HTML) {
		t.Errorf("the HTML attachment is not the pack: %v", a)
	}
	if !strings.Contains(msg.Body("text/plain"), "board-pack-2026-09.pdf, and board-pack-2026-09.html to open in a browser") {
		t.Errorf("the text does not name the attachments:\n%s", msg.Body("text/plain"))
	}
}

// The HTML body is what a mail client shows: markup only of the template's,
// names as text, styles inline, and nothing loaded from anywhere.
func TestHTMLBody(t *testing.T) {
	html := compose(t, Message{Pack: testPack(t)}).Body("text/html")
	for _, bad := range []string{"<script", "<b>", "<img", "<link", "<style", "http://", "https://", "src=", "url(", "class="} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("the HTML body contains %q", bad)
		}
	}
	for _, want := range []string{
		"Acme &lt;script&gt;alert(1)&lt;/script&gt;: overall score <strong>6.0</strong> of 10",
		`<span style="display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;background:#fdf3dc;color:#a15c00">Amber</span>`,
		`<td style="text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top;padding-left:24px">Wholesale</td><td style="text-align:right;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top;white-space:nowrap">7.3</td>`,
		"What changed since August 2026",
		"<td style=\"text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top\">Worsened from Amber</td>",
		">Head of Logistics</td>", ">91.0%</td>", ">95.0%</td>", ">2.5</td>",
		">Delight customers</td>", ">Driver score 3.1 is red</td>",
		"Acme &lt;b&gt;Board&lt;/b&gt; &amp; Co",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML body lacks %s", want)
		}
	}
}

func TestTextBody(t *testing.T) {
	// Text parts end their lines in CRLF, as MIME wants.
	text := strings.ReplaceAll(compose(t, Message{Pack: testPack(t)}).Body("text/plain"), "\r\n", "\n")
	want := `Acme <b>Board</b> & Co
Board pack · September 2026

Acme <script>alert(1)</script>: overall score 6.0 of 10 (Amber)

The full board pack is attached: board-pack-2026-09.pdf.

EXECUTIVE SUMMARY

Units
  Acme <script>alert(1)</script>: 6.0 (Amber)
    Wholesale: 7.3 (Green)

Measures by status
  Green: 5
  Amber: 2
  Red: 1
  No data: 0

What changed since August 2026
  On-time delivery (Wholesale): Worsened from Amber to Red; value 91.0%, target 95.0%

EXCEPTIONS

Red measures
  On-time delivery (Wholesale, Head of Logistics): value 91.0%, target 95.0%, score 2.5

Objectives at risk
  Delight customers (Wholesale): score 7.0; Driver score 3.1 is red

Commentary, strategy maps, every unit's scorecard, initiatives and the measures' definitions are in the attached pack.
`
	if text != want {
		t.Errorf("text body:\n%s\nwant:\n%s", text, want)
	}
}

// A pack of a site in Arabic gets its message in Arabic: the subject, the
// bodies' words from the theme's translations, and an HTML body written
// right to left, its cells aligned to the right and its numbers to the
// left, as mail clients know no start and end.
func TestMessageInTheSiteLanguage(t *testing.T) {
	p := testPack(t)
	ar, err := generator.BuiltinWords("ar")
	if err != nil {
		t.Fatal(err)
	}
	p.Words = ar
	msg := compose(t, Message{Pack: p})
	if got := msg.Subject(t); got != "تقرير مجلس الإدارة: Acme <b>Board</b> & Co، September 2026" {
		t.Errorf("subject %q", got)
	}
	html := msg.Body("text/html")
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		"Acme &lt;script&gt;alert(1)&lt;/script&gt;: الدرجة الإجمالية <strong>6.0</strong> من 10",
		`<th style="text-align:right;padding:6px 8px;border-bottom:2px solid #c9ced6;font-weight:600">الوحدة</th><th style="text-align:left;`,
		`vertical-align:top;padding-right:24px">Wholesale</td>`,
		`>تراجع من كهرماني</td>`,
		`>السبب</th>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML body lacks %s", want)
		}
	}
	text := strings.ReplaceAll(msg.Body("text/plain"), "\r\n", "\n")
	for _, want := range []string{
		"\nتقرير مجلس الإدارة · September 2026\n",
		"  On-time delivery (Wholesale، Head of Logistics): القيمة 91.0%، المستهدف 95.0%، الدرجة 2.5\n",
		"  On-time delivery (Wholesale): تراجع من كهرماني إلى أحمر؛ القيمة 91.0%، المستهدف 95.0%\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text body lacks %q:\n%s", want, text)
		}
	}
}

func TestComposeRefuses(t *testing.T) {
	p := testPack(t)
	for _, tc := range []struct {
		m    Message
		want string
	}{
		{Message{Pack: p, To: []string{"board@example.org", "board"}}, `--to "board" is not an e-mail address such as board@example.org or "Board" <board@example.org>`},
		{Message{Pack: p, From: "a@b@c"}, `--from "a@b@c" is not an e-mail address`},
		{Message{Pack: p, Cc: []string{"x\r\nBcc: all@example.org"}}, `--cc "x\r\nBcc: all@example.org" is not an e-mail address`},
		{Message{Pack: &generator.Packed{Summary: p.Summary}}, "the board pack has no summary or PDF to send"},
	} {
		if _, err := Compose(tc.m); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Compose: %v, want %s", err, tc.want)
		}
	}
}

func TestServerFromEnv(t *testing.T) {
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, []byte("not a certificate"), 0o600)
	for _, tc := range []struct {
		env  map[string]string
		want string // the Server as %+v without RootCAs, or the error
	}{
		{map[string]string{EnvHost: "smtp.example.org"}, "smtp.example.org:587 starttls login=false"},
		{map[string]string{EnvHost: "smtp.example.org", EnvTLS: "tls"}, "smtp.example.org:465 tls login=false"},
		{map[string]string{EnvHost: "smtp.example.org", EnvTLS: "starttls", EnvPort: "2525", EnvUsername: "u", EnvPassword: "p"}, "smtp.example.org:2525 starttls login=true"},
		{map[string]string{}, "no SMTP server: set SCORECARD_SMTP_HOST (and SCORECARD_SMTP_PORT, SCORECARD_SMTP_USERNAME, SCORECARD_SMTP_PASSWORD; see docs/publishing.md)"},
		{map[string]string{EnvHost: "h", EnvTLS: "none"}, `SCORECARD_SMTP_TLS="none" is not starttls or tls: mail is never sent unencrypted`},
		{map[string]string{EnvHost: "h", EnvPort: "70000"}, `SCORECARD_SMTP_PORT="70000" is not a port (1 to 65535)`},
		{map[string]string{EnvHost: "h", EnvUsername: "u"}, "set both SCORECARD_SMTP_USERNAME and SCORECARD_SMTP_PASSWORD, or neither for a server that needs no login"},
		{map[string]string{EnvHost: "h", EnvCAFile: ca}, "SCORECARD_SMTP_CA_FILE: " + ca + " holds no PEM certificate"},
	} {
		s, err := ServerFromEnv(func(k string) string { return tc.env[k] })
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			mode := "starttls"
			if s.ImplicitTLS {
				mode = "tls"
			}
			got = s.Host + ":" + itoa(s.Port) + " " + mode + " login=" + map[bool]string{true: "true", false: "false"}[s.Username != ""]
		}
		if got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
	}
}

// TestSendThroughSMTP sends through a real server that requires STARTTLS
// and a login: the message arrives as composed.
func TestSendThroughSMTP(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := ServerFromEnv(func(k string) string { return srv.Env()[k] })
	if err != nil {
		t.Fatal(err)
	}
	p := testPack(t)
	msg, err := Compose(Message{From: "strategy@example.org", To: []string{"board@example.org"}, Cc: []string{"cfo@example.org"}, Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	if err := Send(context.Background(), s, msg); err != nil {
		t.Fatal(err)
	}
	got := srv.Messages(t)
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	m := mailtest.Parse(t, got[0])
	if m.Subject(t) != "Board pack: Acme <b>Board</b> & Co, September 2026" || m.Header.Get("To") != "<board@example.org>" {
		t.Errorf("arrived with subject %q, to %q", m.Subject(t), m.Header.Get("To"))
	}
	if a := m.Attachment("board-pack-2026-09.pdf"); a == nil || !bytes.Equal(a.Body, p.PDF) {
		t.Error("the PDF that arrived is not the one sent")
	}
}

// A wrong password, or a certificate that is not trusted, stops the
// message; the error never repeats the password.
func TestSendRefused(t *testing.T) {
	srv := mailtest.Start(t)
	msg, err := Compose(Message{From: "strategy@example.org", To: []string{"board@example.org"}, Pack: testPack(t)})
	if err != nil {
		t.Fatal(err)
	}
	env := srv.Env()
	env[EnvPassword] = "wrong-" + srv.Password
	s, _ := ServerFromEnv(func(k string) string { return env[k] })
	err = Send(context.Background(), s, msg)
	if err == nil || strings.Contains(err.Error(), env[EnvPassword]) || !strings.HasPrefix(err.Error(), "sending through "+srv.String()+": ") {
		t.Errorf("wrong password: %v", err)
	}
	env = srv.Env()
	delete(env, EnvCAFile)
	s, _ = ServerFromEnv(func(k string) string { return env[k] })
	if err := Send(context.Background(), s, msg); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("untrusted certificate: %v", err)
	}
	if n := len(srv.Messages(t)); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
}
