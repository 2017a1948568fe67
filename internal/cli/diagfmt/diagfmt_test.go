package diagfmt

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
)

func diagnostic(file string, line, col int, sev bool, msg string) generator.Diagnostic {
	var d generator.Diagnostic
	d.Pos.File, d.Pos.Line, d.Pos.Col, d.Msg = file, line, col, msg
	if sev {
		d.Severity = generator.SeverityWarning
	}
	return d
}

func TestGitHubAnnotations(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    generator.Diagnostic
		want string
	}{
		{"error", diagnostic("data/a.csv", 4, 20, false, `actual "1,234" is not a plain number`),
			`::error file=data/a.csv,line=4,col=20::actual "1,234" is not a plain number`},
		{"warning", diagnostic("content/notes/x.md", 0, 0, true, "commentary file is left out"),
			`::warning file=content/notes/x.md::commentary file is left out`},
		{"no column", diagnostic("data/a.csv", 3, 0, false, "m"), `::error file=data/a.csv,line=3::m`},
		{"no position", diagnostic("", 0, 0, false, "no actual values found"), `::error::no actual values found`},
		// A newline would end the command, and the next line could be a
		// command of its own: it stays on one line, escaped.
		{"newline in the message", diagnostic("data/a.csv", 2, 1, false, "bad \"x\nhttps\r\n::error file=README.md::pwned\""),
			`::error file=data/a.csv,line=2,col=1::bad "x%0Ahttps%0D%0A::error file=README.md::pwned"`},
		// "%" would otherwise be read as the start of an escape.
		{"percent in the message", diagnostic("data/a.csv", 2, 1, false, "100% and %0A and %25"),
			`::error file=data/a.csv,line=2,col=1::100%25 and %250A and %2525`},
		// "::" in a message is text: the command ends at the first "::".
		{"colons in the message", diagnostic("data/a.csv", 2, 1, false, "a::b :: ::warning::c"),
			`::error file=data/a.csv,line=2,col=1::a::b :: ::warning::c`},
		// In a property, "," and ":" would end the value and start another
		// property or the message.
		{"hostile file name", diagnostic("data/a,line=1::x:%\n.csv", 7, 2, true, "m"),
			`::warning file=data/a%2Cline=1%3A%3Ax%3A%25%0A.csv,line=7,col=2::m`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			Printer{W: &b, Format: GitHub}.Diagnostic(tc.d)
			if got := b.String(); got != tc.want+"\n" {
				t.Errorf("got  %q\nwant %q", got, tc.want+"\n")
			}
			if strings.Count(b.String(), "\n") != 1 {
				t.Errorf("%q is not one line", b.String())
			}
		})
	}
}

func TestGitHubErrorWithoutPosition(t *testing.T) {
	var b bytes.Buffer
	p := Printer{W: &b, Format: GitHub}
	p.Error("scorecard build: destination public\n::error::x 100%")
	p.Summary("scorecard build failed: 1 error, 0 warnings")
	want := "::error::scorecard build: destination public%0A::error::x 100%25\nscorecard build failed: 1 error, 0 warnings\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestJSONLines(t *testing.T) {
	var b bytes.Buffer
	p := Printer{W: &b, Format: JSON}
	p.Diagnostic(diagnostic("data/a.csv", 4, 20, false, "actual \"1,234\"\nis <not> a number & 100%"))
	p.Diagnostic(diagnostic("content/notes/x.md", 0, 0, true, "left out"))
	p.Error("scorecard build: destination public is not empty")
	p.Omitted("error", 3)
	p.Omitted("warning", 0)
	p.Summary("scorecard build failed: 5 errors, 1 warning")
	want := `{"severity":"error","file":"data/a.csv","line":4,"col":20,"message":"actual \"1,234\"\nis <not> a number & 100%"}
{"severity":"warning","file":"content/notes/x.md","message":"left out"}
{"severity":"error","message":"scorecard build: destination public is not empty"}
{"severity":"error","message":"... and 3 more errors","omitted":3}
`
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	// Every line is one object that a JSON reader takes back unchanged.
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Errorf("%s: %v", line, err)
		}
	}
	var first record
	json.Unmarshal([]byte(strings.SplitN(b.String(), "\n", 2)[0]), &first)
	if first.Message != "actual \"1,234\"\nis <not> a number & 100%" {
		t.Errorf("message read back as %q", first.Message)
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	p := Printer{W: &b}
	p.Diagnostic(diagnostic("data/a.csv", 4, 20, false, "m"))
	p.Diagnostic(diagnostic("data/a.csv", 5, 1, true, "w"))
	p.Error("scorecard build: e")
	p.Summary("scorecard build failed: 2 errors, 1 warning")
	want := "data/a.csv:4:20: m\ndata/a.csv:5:1: warning: w\nscorecard build: e\nscorecard build failed: 2 errors, 1 warning\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Format{"": Text, "text": Text, "github": GitHub, "json": JSON} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := Parse("GitHub"); err == nil || err.Error() != `--format "GitHub" is not text, github or json` {
		t.Errorf("Parse(GitHub): %v", err)
	}
}

// TestWorkbookAndDatabasePositions: a workbook's cell is annotated on the
// file with the cell in the message (its rows are not lines), and listed in
// JSON with its sheet and cell; a database row has no file.
func TestWorkbookAndDatabasePositions(t *testing.T) {
	cell := generator.Diagnostic{Pos: generator.Pos{File: "data/k.xlsx", Sheet: "Q3 data", Line: 7, Col: 3}, Msg: "actual is blank"}
	row := generator.Diagnostic{Pos: generator.Pos{Sheet: "warehouse", Line: 12, Col: 4}, Msg: "unit is NULL (or blank)"}
	for _, c := range []struct {
		f    Format
		want string
	}{
		{Text, "data/k.xlsx:'Q3 data'!C7: actual is blank\nsource warehouse, row 12, column 4: unit is NULL (or blank)\n"},
		{GitHub, "::error file=data/k.xlsx::'Q3 data'!C7: actual is blank\n::error::source warehouse, row 12, column 4: unit is NULL (or blank)\n"},
		{JSON, `{"severity":"error","file":"data/k.xlsx","sheet":"Q3 data","cell":"C7","line":7,"col":3,"message":"actual is blank"}` + "\n" +
			`{"severity":"error","source":"warehouse","line":12,"col":4,"message":"unit is NULL (or blank)"}` + "\n"},
	} {
		var b strings.Builder
		p := Printer{W: &b, Format: c.f}
		p.Diagnostic(cell)
		p.Diagnostic(row)
		if b.String() != c.want {
			t.Errorf("%v:\n%s\nwant:\n%s", c.f, b.String(), c.want)
		}
	}
}
