// Package diagfmt prints a build's diagnostics for a reader: as text for a
// person, as GitHub Actions workflow commands that mark the line in a pull
// request, or as JSON lines for other tools.
package diagfmt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator"
)

// Format is how diagnostics are written.
type Format uint8

const (
	// Text is "path:line:col: message", one a line, for a person.
	Text Format = iota
	// GitHub is a workflow command per diagnostic ("::error file=…::message"),
	// which GitHub Actions shows as an annotation on the line.
	GitHub
	// JSON is one JSON object a line, and nothing else on the stream.
	JSON
)

// Names lists the formats as the --format flag takes them.
const Names = "text, github or json"

// Parse returns the format named s.
func Parse(s string) (Format, error) {
	switch s {
	case "text", "":
		return Text, nil
	case "github":
		return GitHub, nil
	case "json":
		return JSON, nil
	}
	return Text, fmt.Errorf("--format %q is not %s", s, Names)
}

// String returns the name Parse takes.
func (f Format) String() string {
	return [...]string{"text", "github", "json"}[f]
}

// Set and the String above make a Format a flag.Value.
func (f *Format) Set(s string) error {
	v, err := Parse(s)
	if err != nil {
		return fmt.Errorf("not %s", Names)
	}
	*f = v
	return nil
}

// Printer writes diagnostics and the lines around them in one format.
type Printer struct {
	W      io.Writer
	Format Format
}

// Diagnostic writes d, whose file is already as the reader should see it.
func (p Printer) Diagnostic(d generator.Diagnostic) {
	switch p.Format {
	case GitHub:
		fmt.Fprintln(p.W, workflowCommand(d))
	case JSON:
		rec := record{Severity: severity(d), File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg}
		switch {
		case d.Pos.Sheet != "" && d.Pos.File == "": // a row of a database source
			rec.Source = d.Pos.Sheet
		case d.Pos.Sheet != "": // a cell of a workbook: line and col are its row and column
			rec.Sheet = d.Pos.Sheet
			if d.Pos.Line > 0 && d.Pos.Col > 0 {
				ref := cellRef(d.Pos)
				rec.Cell = ref[strings.LastIndexByte(ref, '!')+1:]
			}
		}
		p.json(rec)
	default:
		fmt.Fprintln(p.W, d.String())
	}
}

// Error writes a problem that has no position in the input, such as a
// destination that cannot be written.
func (p Printer) Error(msg string) {
	switch p.Format {
	case GitHub:
		fmt.Fprintf(p.W, "::error::%s\n", escapeData(msg))
	case JSON:
		p.json(record{Severity: "error", Message: msg})
	default:
		fmt.Fprintln(p.W, msg)
	}
}

// Omitted says that n diagnostics of severity sev ("error" or "warning")
// were found but are not listed.
func (p Printer) Omitted(sev string, n int) {
	if n <= 0 {
		return
	}
	msg := fmt.Sprintf("... and %d more %s", n, plural(n, sev))
	if p.Format == JSON {
		p.json(record{Severity: sev, Message: msg, Omitted: n})
		return
	}
	fmt.Fprintln(p.W, msg)
}

// Summary writes the closing line of a failed command. In JSON it writes
// nothing: the stream holds only diagnostics, and the exit status says the
// rest.
func (p Printer) Summary(line string) {
	if p.Format != JSON {
		fmt.Fprintln(p.W, line)
	}
}

// record is one line of the JSON format. Position fields are left out when
// unknown.
type record struct {
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Sheet    string `json:"sheet,omitempty"`  // a workbook's
	Cell     string `json:"cell,omitempty"`   // in the sheet: C7
	Source   string `json:"source,omitempty"` // a database source's name
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Message  string `json:"message"`
	Omitted  int    `json:"omitted,omitempty"`
}

func (p Printer) json(r record) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the reader is a program, not a page
	if err := enc.Encode(r); err != nil {
		panic(err) // a record of strings and ints always encodes
	}
	p.W.Write(b.Bytes())
}

func severity(d generator.Diagnostic) string {
	if d.Severity == generator.SeverityWarning {
		return "warning"
	}
	return "error"
}

// cellRef is a workbook cell's or a database row's position without its
// file: Sheet1!C7, or "source warehouse, row 12, column 4".
func cellRef(p generator.Pos) string {
	file := p.File
	p.File = ""
	if file == "" {
		return p.String()
	}
	p.File = "."
	return strings.TrimPrefix(p.String(), ".:")
}

// workflowCommand formats d as GitHub's ::error or ::warning command. The
// file, line and column are properties, escaped so that nothing in them can
// end the property list or the command; the message is escaped so that it
// stays on one line, where no text can start another command.
func workflowCommand(d generator.Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(severity(d))
	var props []string
	msg := d.Msg
	if d.Pos.Sheet != "" {
		// A workbook's rows and a query's are not lines of a file: the
		// annotation names the file (a workbook) and the message the cell.
		msg = cellRef(d.Pos) + ": " + msg
		if d.Pos.File != "" {
			props = append(props, "file="+escapeProperty(d.Pos.File))
		}
	} else if d.Pos.File != "" {
		props = append(props, "file="+escapeProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, "col="+strconv.Itoa(d.Pos.Col))
			}
		}
	}
	if len(props) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	return b.String()
}

// escapeData escapes a command's message as GitHub's toolkit does: "%", CR
// and LF become %25, %0D and %0A.
func escapeData(s string) string {
	return dataEscaper.Replace(s)
}

// escapeProperty escapes a property value: as a message, and ":" and ","
// too, which end a property.
func escapeProperty(s string) string {
	return propertyEscaper.Replace(s)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
