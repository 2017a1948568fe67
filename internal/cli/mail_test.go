package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/internal/scaffold"
	"github.com/scorecard-dev/scorecard/internal/testsupport/browsertest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/mailtest"
	"github.com/scorecard-dev/scorecard/internal/testsupport/testenv"
)

// needTools returns the Chromium that prints the pack, after checking that
// pdftotext is there to read PDFs: the test runs with the whole suite
// (testenv.Full), which needs them.
func needTools(t *testing.T) string {
	t.Helper()
	chromium := browsertest.Chromium(t)
	testenv.Tool(t, "pdftotext", "poppler-utils")
	return chromium
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// starterSite writes the starter site with a [mail] table and returns its
// folder, its overall score, and the lines of the text body that list the
// units' scores and the measures by status, from scores.json.
func starterSite(t *testing.T) (dir, score string, lines []string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "config.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\n[mail]\nfrom = \"Strategy Office <strategy@example.org>\"\nto = [\"board@example.org\", \"Chair <chair@example.org>\"]\ncc = [\"cfo@example.org\"]\n")
	f.Close()
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "public")
	if code := Run(context.Background(), []string{"build", "--source", dir, "--destination", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: %s", stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(out, "data", "scores.json"))
	if err != nil {
		t.Fatal(err)
	}
	var scores struct {
		Units []struct {
			Name         string
			Score        float64
			Perspectives []struct {
				Objectives []struct {
					Measures []struct{ ID, Status string }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &scores); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, u := range scores.Units {
		lines = append(lines, fmt.Sprintf("%s: %.1f (", u.Name, u.Score))
		for _, p := range u.Perspectives {
			for _, o := range p.Objectives {
				for _, m := range o.Measures {
					count[m.Status]++
				}
			}
		}
	}
	for _, s := range []struct{ id, name string }{{"green", "Green"}, {"amber", "Amber"}, {"red", "Red"}, {"none", "No data"}} {
		lines = append(lines, fmt.Sprintf("  %s: %d\r\n", s.name, count[s.id]))
	}
	return dir, fmt.Sprintf("%.1f", scores.Units[0].Score), lines
}

// TestMailSendsThePack sends the starter site's board pack through a real
// SMTP server that requires STARTTLS and a login, to the recipients of
// config.toml, and reads what arrived as a mail client would.
func TestMailSendsThePack(t *testing.T) {
	chromium := needTools(t)
	dir, score, lines := starterSite(t)
	srv := mailtest.Start(t)
	for k, v := range srv.Env() {
		t.Setenv(k, v)
	}
	t.Chdir(t.TempDir()) // mail writes no file here, nor anywhere else
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"mail", "--source", dir, "--chromium", chromium, "--attach-html"}, &stdout, &stderr)
	if code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	wantOut := regexp.MustCompile(`^mailed the board pack of September 2026 \(board-pack-2026-09\.pdf and board-pack-2026-09\.html\) to <board@example\.org>, "Chair" <chair@example\.org> and <cfo@example\.org> through 127\.0\.0\.1:\d+ in \S+\n$`)
	if !wantOut.MatchString(stdout.String()) {
		t.Errorf("stdout %q", stdout.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), srv.Password) {
		t.Error("the password was printed")
	}
	if entries, _ := os.ReadDir("."); len(entries) > 0 {
		t.Errorf("mail left files in the current folder: %v", entries)
	}

	got := srv.Messages(t)
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	m := mailtest.Parse(t, got[0])
	if s := m.Subject(t); s != "Board pack: Harbour Lane Coffee Scorecard, September 2026" {
		t.Errorf("subject %q", s)
	}
	for k, want := range map[string]string{"From": `"Strategy Office" <strategy@example.org>`, "To": `<board@example.org>, "Chair" <chair@example.org>`, "Cc": "<cfo@example.org>"} {
		if m.Header.Get(k) != want {
			t.Errorf("%s: %q, want %q", k, m.Header.Get(k), want)
		}
	}
	text, html := m.Body("text/plain"), m.Body("text/html")
	if !strings.Contains(text, ": overall score "+score+" of 10 (") || !strings.Contains(html, "overall score <strong>"+score+"</strong> of 10") {
		t.Errorf("the bodies do not give the overall score %s:\n%s", score, text)
	}
	for _, l := range lines {
		if !strings.Contains(text, l) {
			t.Errorf("the text body lacks %q", l)
		}
	}
	pdf := m.Attachment("board-pack-2026-09.pdf")
	if pdf == nil || !bytes.HasPrefix(pdf.Body, []byte("%PDF-")) {
		t.Fatalf("no PDF attached: %q", m.Structure)
	}
	// The PDF is the pack that pack --pdf prints: the same text, page by page.
	want := filepath.Join(t.TempDir(), "pack.pdf")
	stdout.Reset()
	if code := Run(context.Background(), []string{"pack", "--source", dir, "--chromium", chromium, "--output", filepath.Join(t.TempDir(), "p.html"), "--pdf", want}, &stdout, &stderr); code != 0 {
		t.Fatalf("pack: %s", stderr.String())
	}
	wantPDF, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if pdfText(t, pdf.Body) != pdfText(t, wantPDF) {
		t.Error("the PDF attached is not the board pack that pack --pdf prints")
	}
	if h := m.Attachment("board-pack-2026-09.html"); h == nil || !bytes.Contains(h.Body, []byte("<title>Board pack · Harbour Lane Coffee Scorecard · September 2026</title>")) {
		t.Error("the HTML pack is not attached")
	}
}

// pack --eml writes the same message as a draft, with the very PDF that
// --pdf writes beside it.
func TestPackWritesAnEML(t *testing.T) {
	chromium := needTools(t)
	dir, score, _ := starterSite(t)
	out := t.TempDir()
	pdf, eml := filepath.Join(out, "pack.pdf"), filepath.Join(out, "pack.eml")
	var stdout, stderr bytes.Buffer
	args := []string{"pack", "--source", dir, "--chromium", chromium, "--output", filepath.Join(out, "pack.html"), "--pdf", pdf, "--eml", eml}
	if code := Run(context.Background(), args, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "into "+filepath.Join(out, "pack.html")+", "+pdf+" and "+eml+" in ") {
		t.Errorf("stdout %q", stdout.String())
	}
	raw, err := os.ReadFile(eml)
	if err != nil {
		t.Fatal(err)
	}
	m := mailtest.Parse(t, raw)
	printed, _ := os.ReadFile(pdf)
	if a := m.Attachment("board-pack-2026-09.pdf"); a == nil || !bytes.Equal(a.Body, printed) {
		t.Error("the .eml's PDF is not the one --pdf wrote")
	}
	if m.Header.Get("X-Unsent") != "1" || m.Header.Get("To") != `<board@example.org>, "Chair" <chair@example.org>` {
		t.Errorf("X-Unsent %q, To %q", m.Header.Get("X-Unsent"), m.Header.Get("To"))
	}
	if !strings.Contains(m.Body("text/plain"), "overall score "+score+" of 10") {
		t.Error("the body lacks the overall score")
	}
}

// Before any work: the server must be configured and the flags' addresses
// valid; the password is never printed, even when the server refuses it.
func TestMailRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, ""); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SCORECARD_SMTP_HOST", "")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--source", dir}, ExitError, "scorecard mail: no SMTP server: set SCORECARD_SMTP_HOST (and SCORECARD_SMTP_PORT, SCORECARD_SMTP_USERNAME, SCORECARD_SMTP_PASSWORD; see docs/publishing.md)\nscorecard mail failed: 1 error, 0 warnings\n"},
		{[]string{"--source", dir, "--format", "github"}, ExitError, "::error::scorecard mail: no SMTP server: set SCORECARD_SMTP_HOST (and SCORECARD_SMTP_PORT, SCORECARD_SMTP_USERNAME, SCORECARD_SMTP_PASSWORD; see docs/publishing.md)\nscorecard mail failed: 1 error, 0 warnings\n"},
		{[]string{"--to", "board@example.org,not-an-address"}, ExitUsage, "scorecard mail: --to \"not-an-address\" is not an e-mail address such as board@example.org or \"Board\" <board@example.org>\n"},
		{[]string{"--paper", "a3"}, ExitUsage, "scorecard mail: --paper \"a3\" is not a4 or letter\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := Run(context.Background(), append([]string{"mail"}, tc.args...), &stdout, &stderr); code != tc.code || stderr.String() != tc.stderr || stdout.Len() > 0 {
			t.Errorf("mail %v: exit %d, stderr %q; want %d, %q", tc.args, code, stderr.String(), tc.code, tc.stderr)
		}
	}
}

func TestMailWrongPassword(t *testing.T) {
	chromium := needTools(t)
	dir, _, _ := starterSite(t)
	srv := mailtest.Start(t)
	for k, v := range srv.Env() {
		t.Setenv(k, v)
	}
	t.Setenv("SCORECARD_SMTP_PASSWORD", "Wr0ng-"+srv.Password)
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"mail", "--source", dir, "--chromium", chromium}, &stdout, &stderr)
	want := fmt.Sprintf("scorecard mail: sending through %s: dial failed: SMTP AUTH failed: 535 \"5.7.8 Authentication credentials invalid\"\nscorecard mail failed: 1 error, 0 warnings\n", srv)
	if code != ExitError || stderr.String() != want || stdout.Len() > 0 {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr.String(), want)
	}
	if strings.Contains(stderr.String(), srv.Password) {
		t.Error("the password was printed")
	}
	if n := len(srv.Messages(t)); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
}
