package render

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// For the tests of package render_test, which can compile sites.
var (
	MeasureCSV    = measureCSV
	WriteSiteCSV  = writeSiteCSV
	AppendHistory = appendHistory
)

// HistoryHeader is the start of a history download: the byte order mark
// and the header as encoding/csv writes it.
func HistoryHeader() string {
	var b bytes.Buffer
	b.WriteString(bom)
	cw := csv.NewWriter(&b)
	cw.Write(dataHeader)
	cw.Flush()
	return b.String()
}

// HistoryRows are m's history rows as writeDataRows writes historyRows,
// the bytes gocsv makes of them (TestDataRowsAsGocsvWritesThem).
func HistoryRows(r *compute.Result, m *model.Measure) string {
	var b strings.Builder
	if err := writeDataRows(csv.NewWriter(&b), historyRows(r, m, nil)); err != nil {
		panic(err)
	}
	return b.String()
}

// HistoryCSV is a measure's download made of HistoryHeader and HistoryRows.
func HistoryCSV(r *compute.Result, m *model.Measure) string {
	return HistoryHeader() + HistoryRows(r, m)
}
