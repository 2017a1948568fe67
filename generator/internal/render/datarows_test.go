package render

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/gocarina/gocsv"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// TestDataRowsAsGocsvWritesThem: the history rows written field by field
// are the bytes gocsv made of the same typed rows, header included, for
// no rows, for missing values, negative and long numbers, and a text that
// needs quotes.
func TestDataRowsAsGocsvWritesThem(t *testing.T) {
	for _, rows := range [][]dataRow{
		{},
		{
			{Unit: "org", Measure: "revenue", Period: "2026-01", Actual: csvNum(model.Some(1234567.125)), Target: csvNum(model.Some(-0.5))},
			{Unit: "org", Measure: "revenue", Period: "2026-02", Red: csvNum(model.Some(1e21)), Stretch: csvNum(model.Some(0.1))},
			{Unit: "a,b", Measure: `q"t`, Period: "2026-Q1"},
		},
	} {
		var want, got bytes.Buffer
		if err := gocsv.Marshal(rows, &want); err != nil {
			t.Fatal(err)
		}
		cw := csv.NewWriter(&got)
		cw.Write(dataHeader)
		if err := writeDataRows(cw, rows); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d rows:\n%q\nwant (gocsv)\n%q", len(rows), got.String(), want.String())
		}
	}
}
