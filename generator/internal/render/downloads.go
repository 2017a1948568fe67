package render

import (
	"bytes"
	"encoding/csv"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
)

// The CSV downloads: a unit's scorecard table, a measure's history and every
// measure value of the site. A unit's scorecard is written from typed rows
// with gocsv; the histories (millions of rows) are appended byte by byte as
// encoding/csv, which gocsv writes with, writes them (appendHistory); data
// files are read with encoding/csv, which gives positions.
//
// The history and the site-wide file have the columns of a data file, so
// that they can be put back in data/ as they are: the history of a measure
// fed back gives the same scores (a test holds this). Each file starts with
// a UTF-8 byte order mark, so that spreadsheets read it as UTF-8, and
// encoding/csv quotes a cell where needed; a text cell that a spreadsheet
// would run as a formula is neutralised (see csvText).

// SiteCSVPath is the site-wide CSV of every measure value.
const SiteCSVPath = view.SiteCSVPath

const bom = "\ufeff"

// csvText is a text cell of a download. A cell that starts with =, +, -, @,
// a tab or a carriage return is one a spreadsheet runs as a formula (CSV
// injection): it gets a leading apostrophe, as OWASP recommends, which the
// spreadsheet shows as text and does not run. Numbers are csvNum, never
// text, so -5 stays a number.
type csvText string

// MarshalCSV implements gocsv.TypeMarshaller.
func (t csvText) MarshalCSV() (string, error) {
	s := string(t)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s, nil
	}
	return s, nil
}

// csvNum is a number of a download: blank when missing, else exactly as
// held (the shortest decimal that reads back as the same float64).
type csvNum model.Opt

// MarshalCSV implements gocsv.TypeMarshaller.
func (n csvNum) MarshalCSV() (string, error) {
	if !n.OK {
		return "", nil
	}
	return strconv.FormatFloat(n.V, 'f', -1, 64), nil
}

// dataRow is a row of the data layout: a measure's value in one period.
type dataRow struct {
	Unit    string `csv:"unit"`
	Measure string `csv:"measure"`
	Period  string `csv:"period"`
	Actual  csvNum `csv:"actual"`
	Target  csvNum `csv:"target"`
	Red     csvNum `csv:"red"`
	Stretch csvNum `csv:"stretch"`
}

// scorecardRow is a measure in a unit's scorecard table.
type scorecardRow struct {
	Perspective    string  `csv:"perspective"`
	Objective      string  `csv:"objective"`
	ObjectiveName  csvText `csv:"objective_name"`
	ObjectiveScore csvNum  `csv:"objective_score"`
	Measure        string  `csv:"measure"`
	MeasureName    csvText `csv:"measure_name"`
	DisplayUnit    csvText `csv:"display_unit"`
	Basis          string  `csv:"basis"`
	Period         string  `csv:"period"`
	Value          csvNum  `csv:"value"`
	Target         csvNum  `csv:"target"`
	Red            csvNum  `csv:"red"`
	Stretch        csvNum  `csv:"stretch"`
	Score          csvNum  `csv:"score"`
	Status         string  `csv:"status"`
	Trend          string  `csv:"trend"`
	Stale          bool    `csv:"stale"`
}

func marshalCSV(rows any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(bom)
	if err := gocsv.Marshal(rows, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// historyRows are a measure's periods up to its current one, oldest first,
// as a data file would give them: the actual, and the thresholds the data
// files or scorecard.toml set (not the defaults derived from them). A range
// measure's band is in scorecard.toml only.
func historyRows(r *compute.Result, m *model.Measure, out []dataRow) []dataRow {
	for _, h := range r.History(m) {
		row := dataRow{Unit: m.Unit.ID, Measure: m.ID, Period: h.Period.String(), Actual: csvNum(h.Actual)}
		if m.Polarity != model.Range {
			pt := r.Data.Of(m).At(h.Period)
			row.Target, row.Red, row.Stretch = csvNum(pt.Target.Or(m.Target)), csvNum(pt.Red.Or(m.Red)), csvNum(pt.Stretch.Or(m.Stretch))
		}
		out = append(out, row)
	}
	return out
}

func measureCSV(r *compute.Result, m *model.Measure) ([]byte, error) {
	b := make([]byte, 0, len(bom)+len(dataHeaderLine)+48*r.Data.Of(m).Len()+256)
	b = append(append(b, bom...), dataHeaderLine...)
	if b, ok := appendHistory(b, r, m); ok {
		return b, nil
	}
	buf := bytes.NewBuffer(b[:len(bom)])
	cw := csv.NewWriter(buf)
	cw.Write(dataHeader)
	err := writeDataRows(cw, historyRows(r, m, nil))
	return buf.Bytes(), err
}

// appendHistory appends m's history rows to b as writeDataRows writes
// historyRows(r, m): each field as it is, since none of them needs quotes
// (ids, periods and numbers) — unless the unit's or the measure's id does,
// which validation refuses; then it appends nothing and returns false.
// Made row by row through encoding/csv, with a string for every period
// and number, the downloads were a sixth of the CPU of a build of
// XL's shape.
func appendHistory(b []byte, r *compute.Result, m *model.Measure) ([]byte, bool) {
	if !plainField(m.Unit.ID) || !plainField(m.ID) {
		return b, false
	}
	ser := r.Data.Of(m)
	for p, actual := range r.Actuals(m) {
		b = append(b, m.Unit.ID...)
		b = append(b, ',')
		b = append(b, m.ID...)
		b = append(b, ',')
		b = p.Append(b)
		b = append(b, ',')
		b = appendNum(b, actual)
		if m.Polarity != model.Range {
			pt := ser.At(p)
			b = appendNum(append(b, ','), pt.Target.Or(m.Target))
			b = appendNum(append(b, ','), pt.Red.Or(m.Red))
			b = appendNum(append(b, ','), pt.Stretch.Or(m.Stretch))
		} else {
			b = append(b, ",,,"...)
		}
		b = append(b, '\n')
	}
	return b, true
}

// appendNum appends what csvNum's MarshalCSV returns.
func appendNum(b []byte, n model.Opt) []byte {
	if !n.OK {
		return b
	}
	return strconv.AppendFloat(b, n.V, 'f', -1, 64)
}

// plainField reports whether encoding/csv writes s as it is, unquoted.
func plainField(s string) bool {
	if s == `\.` {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsSpace(r)
}

// writeSiteCSV writes every measure's history to w, a measure at a time:
// the 2.4 million rows of L are never all held, as values or as text.
func writeSiteCSV(r *compute.Result, w io.Writer) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	if _, err := io.WriteString(w, dataHeaderLine); err != nil {
		return err
	}
	var rows []dataRow
	var b []byte
	for _, u := range r.Site.Units {
		for _, m := range u.Measures {
			var ok bool
			if b, ok = appendHistory(b[:0], r, m); ok {
				if _, err := w.Write(b); err != nil {
					return err
				}
				continue
			}
			rows = historyRows(r, m, rows[:0])
			if err := writeDataRows(csv.NewWriter(w), rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// dataHeader is the header of the data layout, dataRow's csv tags.
var dataHeader = []string{"unit", "measure", "period", "actual", "target", "red", "stretch"}

// dataHeaderLine is dataHeader as encoding/csv writes it.
const dataHeaderLine = "unit,measure,period,actual,target,red,stretch\n"

// writeDataRows writes rows with w and flushes it: the bytes gocsv writes
// of them, with encoding/csv as well, without its reflection, which took
// a microsecond a row (the L workload writes 4.8 million).
func writeDataRows(w *csv.Writer, rows []dataRow) error {
	var rec [7]string
	for _, row := range rows {
		rec[0], rec[1], rec[2] = row.Unit, row.Measure, row.Period
		for i, n := range [4]csvNum{row.Actual, row.Target, row.Red, row.Stretch} {
			rec[3+i], _ = n.MarshalCSV()
		}
		if err := w.Write(rec[:]); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func unitCSV(r *compute.Result, u *model.Unit) ([]byte, error) {
	rows := []scorecardRow{}
	for _, pr := range r.Unit(u).Perspectives {
		for _, o := range pr.Objectives {
			or := r.Objective(o)
			for _, m := range o.Measures {
				mr := r.Measure(m)
				rows = append(rows, scorecardRow{
					Perspective: pr.Perspective.ID, Objective: o.ID, ObjectiveName: csvText(o.Name), ObjectiveScore: csvNum(or.Score),
					Measure: m.ID, MeasureName: csvText(m.Name), DisplayUnit: csvText(m.DisplayUnit),
					Basis: mr.Basis.String(), Period: mr.Period.String(),
					Value: csvNum(mr.Value), Target: csvNum(mr.Target), Red: csvNum(mr.Red), Stretch: csvNum(mr.Stretch),
					Score: csvNum(mr.Score), Status: mr.Status.String(), Trend: mr.Trend.String(), Stale: mr.Stale,
				})
			}
		}
	}
	return marshalCSV(rows)
}

// downloads are the jobs of the CSV files of the site: the site-wide file,
// and each unit's scorecard and its measures' histories in a fixed order;
// n of them in all.
type downloads struct {
	site job
	jobs iter.Seq[job]
	n    int
}

func downloadJobs(r *compute.Result) downloads {
	jobs := func(yield func(job) bool) {
		for _, u := range r.Site.Units {
			if !yield(job{path: view.UnitCSVPath(u), unit: u, make: func() ([]byte, error) { return unitCSV(r, u) }}) {
				return
			}
			for _, m := range u.Measures {
				if !yield(job{path: view.MeasureCSVPath(m), unit: u, make: func() ([]byte, error) { return measureCSV(r, m) }}) {
					return
				}
			}
		}
	}
	site := streamJob(SiteCSVPath, func(w io.Writer) error { return writeSiteCSV(r, w) })
	return downloads{site: site, jobs: jobs, n: len(r.Site.Units) + r.Site.Measures + 1}
}
