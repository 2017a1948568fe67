package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator"
	"github.com/scorecard-dev/scorecard/internal/cli/diagfmt"
)

// Text and annotations stop at maxPrinted and count the rest; JSON lists
// every diagnostic the build kept, and says how many it did not.
func TestPrintDiagnosticsLimits(t *testing.T) {
	rep := &generator.Report{WarningCount: 260}
	for i := range 250 {
		var d generator.Diagnostic
		d.Pos.File, d.Pos.Line, d.Severity, d.Msg = "data/a.csv", i+1, generator.SeverityWarning, "w"
		rep.Warnings = append(rep.Warnings, d)
	}
	var e generator.Diagnostic
	e.Pos.File, e.Pos.Line, e.Msg = "data/a.csv", 1, "e"
	err := &generator.Errors{List: []generator.Diagnostic{e}, Total: 3}
	for _, tc := range []struct {
		format      diagfmt.Format
		lines, last string
	}{
		{diagfmt.Text, "201", "... and 63 more"},
		{diagfmt.GitHub, "201", "... and 63 more"},
		{diagfmt.JSON, "253", `{"severity":"warning","message":"... and 10 more warnings","omitted":10}`},
	} {
		var b bytes.Buffer
		printDiagnostics(diagfmt.Printer{W: &b, Format: tc.format}, "site", rep, err)
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if got := fmt.Sprint(len(lines)); got != tc.lines || lines[len(lines)-1] != tc.last {
			t.Errorf("%v: %s lines ending %q; want %s ending %q", tc.format, got, lines[len(lines)-1], tc.lines, tc.last)
		}
		if tc.format == diagfmt.JSON && lines[len(lines)-2] != `{"severity":"error","message":"... and 2 more errors","omitted":2}` {
			t.Errorf("json: %q", lines[len(lines)-2])
		}
	}
}
