package render

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
)

// ScoresPath is where the computed model is written, relative to the output root.
const ScoresPath = "data/scores.json"

// The shapes of scores.json. Field order is the order of the keys in the
// file, whose top level WriteScores writes: "title" and "period" (strings),
// "units" ([]unitEntry), "exceptions" (exceptionsEntry) and "sources"
// ([]sourceEntry).
type (
	sourceEntry struct {
		Kind   string  `json:"kind"`
		File   *string `json:"file"`
		Sheet  *string `json:"sheet"`
		Name   *string `json:"name"`
		Driver *string `json:"driver"`
		Rows   int     `json:"rows"`
	}
	unitEntry struct {
		ID           string             `json:"id"`
		Name         string             `json:"name"`
		Parent       *string            `json:"parent"`
		Score        num                `json:"score"`
		Status       string             `json:"status"`
		Perspectives []perspectiveEntry `json:"perspectives"`
		Initiatives  []initiativeEntry  `json:"initiatives"`
	}
	perspectiveEntry struct {
		ID         string           `json:"id"`
		Score      num              `json:"score"`
		Status     string           `json:"status"`
		Objectives []objectiveEntry `json:"objectives"`
	}
	objectiveEntry struct {
		ID          string         `json:"id"`
		Score       num            `json:"score"`
		Status      string         `json:"status"`
		DriverScore num            `json:"driver_score"`
		Outlook     string         `json:"outlook"`
		SupportedBy []string       `json:"supported_by"`
		Measures    []measureEntry `json:"measures"`
	}
	measureEntry struct {
		ID      string `json:"id"`
		Basis   string `json:"basis"`
		Period  string `json:"period"`
		Value   num    `json:"value"`
		Target  num    `json:"target"`
		Red     num    `json:"red"`
		Stretch num    `json:"stretch"`
		Score   num    `json:"score"`
		Status  string `json:"status"`
		Trend   string `json:"trend"`
		Stale   bool   `json:"stale"`
	}
)

// num is a number of scores.json: rounded to 4 decimals, null when missing.
type num model.Opt

// MarshalJSON implements json.Marshaler.
func (n num) MarshalJSON() ([]byte, error) {
	if !n.OK {
		return []byte("null"), nil
	}
	return []byte(FormatNumber(n.V)), nil
}

// FormatNumber rounds v to 4 decimals and formats it without exponent or
// trailing zeros, the way scores.json writes numbers.
func FormatNumber(v float64) string {
	if math.Abs(v) < 1e15 {
		v = math.Round(v*1e4) / 1e4
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// WriteScores writes data/scores.json to w a unit at a time: on the L
// workload the file is 20 MB a review period, and made whole it took
// five times that while it was encoded. The bytes are those of the whole
// file encoded at once by encoding/json, indented by two spaces.
func WriteScores(r *compute.Result, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	put := func(s string) { bw.WriteString(s) }
	enc := func(v any, prefix string) error {
		b, err := json.MarshalIndent(v, prefix, "  ")
		bw.Write(b)
		return err
	}
	put("{\n  \"title\": ")
	if err := enc(r.Site.Title, ""); err != nil {
		return err
	}
	put(",\n  \"period\": ")
	if err := enc(r.AsOf.String(), ""); err != nil {
		return err
	}
	put(",\n  \"units\": [")
	for i, u := range r.Site.Units {
		if i > 0 {
			put(",")
		}
		put("\n    ")
		if err := enc(unit(r, u), "    "); err != nil {
			return err
		}
	}
	if len(r.Site.Units) > 0 {
		put("\n  ")
	}
	put("],\n  \"exceptions\": ")
	if err := enc(exceptions(r), "  "); err != nil {
		return err
	}
	put(",\n  \"sources\": ")
	if err := enc(sources(r.Data), "  "); err != nil {
		return err
	}
	put("\n}\n")
	return bw.Flush()
}

// unit is u's entry in scores.json.
func unit(r *compute.Result, u *model.Unit) unitEntry {
	ur := r.Unit(u)
	ue := unitEntry{ID: u.ID, Name: u.Name, Score: num(ur.Score), Status: ur.Status.String(), Perspectives: []perspectiveEntry{}, Initiatives: []initiativeEntry{}}
	for _, in := range u.Initiatives {
		ue.Initiatives = append(ue.Initiatives, initiative(r, in))
	}
	if u.Parent != nil {
		ue.Parent = &u.Parent.ID
	}
	for _, pr := range ur.Perspectives {
		pe := perspectiveEntry{ID: pr.Perspective.ID, Score: num(pr.Score), Status: pr.Status.String(), Objectives: []objectiveEntry{}}
		for _, o := range pr.Objectives {
			pe.Objectives = append(pe.Objectives, objective(r, o))
		}
		ue.Perspectives = append(ue.Perspectives, pe)
	}
	return ue
}

func objective(r *compute.Result, o *model.Objective) objectiveEntry {
	or := r.Objective(o)
	oe := objectiveEntry{
		ID: o.ID, Score: num(or.Score), Status: or.Status.String(),
		DriverScore: num(or.DriverScore), Outlook: or.Outlook.String(),
		SupportedBy: []string{}, Measures: []measureEntry{},
	}
	for _, s := range o.SupportedBy {
		oe.SupportedBy = append(oe.SupportedBy, s.Key())
	}
	for _, m := range o.Measures {
		mr := r.Measure(m)
		oe.Measures = append(oe.Measures, measureEntry{
			ID: m.ID, Basis: mr.Basis.String(), Period: mr.Period.String(),
			Value: num(mr.Value), Target: num(mr.Target), Red: num(mr.Red), Stretch: num(mr.Stretch),
			Score: num(mr.Score), Status: mr.Status.String(), Trend: mr.Trend.String(), Stale: mr.Stale,
		})
	}
	return oe
}

// sources lists the places the data rows came from, in the order read.
func sources(d *model.Data) []sourceEntry {
	out := []sourceEntry{}
	for _, src := range d.Sources {
		e := sourceEntry{Kind: src.Kind.String(), Rows: src.Rows}
		switch src.Kind {
		case model.DatabaseSource:
			e.Name, e.Driver = &src.Name, &src.Driver
		case model.SheetSource:
			e.File, e.Sheet = &src.File, &src.Sheet
		default:
			e.File = &src.File
		}
		out = append(out, e)
	}
	return out
}
