package sheet

import (
	"archive/zip"
	"bytes"
	"os"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/table"
)

// FuzzSheetXML replaces the worksheet of a workbook LibreOffice wrote with
// the fuzzer's bytes: whatever they are, Read ends without a panic, and
// every row it gives has a unit, a measure and a period and is positioned
// in the sheet.
func FuzzSheetXML(f *testing.F) {
	base, err := os.ReadFile("testdata/long.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c><c t="inlineStr"><is><t>measure</t></is></c><c t="inlineStr"><is><t>2026-01</t></is></c></row><row><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c s="1"><v>1.5</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="3"><c r="ZZZZZZZ3" t="e"><v>#N/A</v></c><c r="B3"><f>1/0</f></c></row><row r="0"/></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		wb := replacePart(t, base, "xl/worksheets/sheet1.xml", sheetXML)
		var dl diag.List
		Read(bytes.NewReader(wb), int64(len(wb)), "data/a.xlsx", Options{}, &dl, func(r *table.Row) {
			if r.Unit == "" || r.Measure == "" || r.Period == "" || r.Sheet == "" || r.Line < 1 {
				t.Fatalf("row %+v", r)
			}
		})
	})
}

// replacePart returns the zip archive b with the part name's content replaced.
func replacePart(t *testing.T, b []byte, name string, content []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			w.Write(content)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		w.Write(buf.Bytes())
	}
	zw.Close()
	return out.Bytes()
}
