package dataset

import (
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/validate"
)

// rows places every data row in the series of its measure. The measures
// are indexed while the first rows are read: on L, indexing its 40,000
// took 6 ms, with the data files' readers not yet started.
func (v *checker) rows(s *model.Site, data *model.Data) {
	ready := make(chan *dataChecker, 1)
	go func() { ready <- newDataChecker(v, s, data) }()
	var d *dataChecker
	for r := range v.src.Rows {
		if d == nil {
			d = <-ready
		}
		d.row(r)
	}
	if d == nil {
		<-ready
	}
}

// newDataChecker indexes the measures of s by unit and id, for the rows
// it places in data.
func newDataChecker(v *checker, s *model.Site, data *model.Data) *dataChecker {
	d := &dataChecker{v: v, site: s, data: data, units: map[string]*unitMeasures{}}
	for _, u := range s.Units {
		um := &unitMeasures{unit: u, byID: map[string]*model.Measure{}, initiatives: map[string]*model.Initiative{}}
		for _, m := range u.Measures {
			um.byID[m.ID] = m
			um.ids = append(um.ids, m.ID)
		}
		for _, in := range u.Initiatives {
			um.initiatives[in.ID] = in
			um.initiativeIDs = append(um.initiativeIDs, in.ID)
		}
		d.units[u.ID] = um
		d.unitIDs = append(d.unitIDs, u.ID)
	}
	return d
}

type unitMeasures struct {
	unit          *model.Unit
	byID          map[string]*model.Measure
	ids           []string
	initiatives   map[string]*model.Initiative
	initiativeIDs []string
}

type dataChecker struct {
	v       *checker
	site    *model.Site
	data    *model.Data
	units   map[string]*unitMeasures
	unitIDs []string
	lastLen [period.Annual + 1]int // by frequency, of the series a row was last placed in
	// The unit and measure of the row before, which most rows share.
	lastUnit    *unitMeasures
	lastMeasure *model.Measure
}

// unit returns the measures of the unit id, nil for an unknown unit.
func (d *dataChecker) unit(id string) *unitMeasures {
	if um := d.lastUnit; um != nil && um.unit.ID == id {
		return um
	}
	um := d.units[id]
	if um != nil {
		d.lastUnit, d.lastMeasure = um, nil
	}
	return um
}

// measure returns the measure id of um, which d.unit returned last, nil
// for an unknown measure.
func (d *dataChecker) measure(um *unitMeasures, id string) *model.Measure {
	if m := d.lastMeasure; m != nil && m.ID == id {
		return m
	}
	m := um.byID[id]
	if m != nil {
		d.lastMeasure = m
	}
	return m
}

var valueCols = [4]int{load.ColActual, load.ColTarget, load.ColRed, load.ColStretch}

func (d *dataChecker) row(r *load.Row) {
	dl := d.v.dl
	um := d.unit(r.Unit)
	if um == nil {
		dl.Errorf(r.Pos(load.ColUnit), "unknown unit %q%s", r.Unit, hint(r.Unit, d.unitIDs))
		return
	}
	if r.Initiative != "" {
		d.progressRow(r, um)
		return
	}
	m := d.measure(um, r.Measure)
	if m == nil {
		dl.Errorf(r.Pos(load.ColMeasure), "unit %q has no measure %q%s", r.Unit, r.Measure, hint(r.Measure, um.ids))
		return
	}
	p, err := period.Parse(r.Period)
	if err != nil {
		dl.Errorf(r.Pos(load.ColPeriod), "period %q: %v", r.Period, err)
		return
	}
	if p.Freq != m.Freq {
		dl.Errorf(r.Pos(load.ColPeriod), "period %q is %s, but measure %q is %s: expected %s", r.Period, p.Freq, m.ID, m.Freq, m.Freq.Example())
		return
	}
	// Rows may share a period when they give different values (actuals in
	// one table, targets in another); the values are merged, and checked
	// together. Most rows are the first of their period: the point before
	// is made only when a row gave one.
	s := d.data.Of(m)
	had := s.FromRow(p)
	var prev model.Point
	vals := r.Values
	if had {
		prev = s.At(p)
		old := [4]model.Opt{prev.Actual, prev.Target, prev.Red, prev.Stretch}
		overlap := !vals[0].OK && !vals[1].OK && !vals[2].OK && !vals[3].OK
		for i, v := range vals {
			if old[i].OK {
				overlap = overlap || v.OK
				vals[i] = old[i]
			}
		}
		if overlap {
			dl.Errorf(r.Pos(load.ColUnit), "duplicate row for %s/%s %s: the first is at %s", r.Unit, r.Measure, r.Period, prev.Src)
			return
		}
	}
	if !d.cellsAllowed(r, m, vals) || !d.withinSpan(r, m, p) {
		return
	}
	if s.Len() == 0 {
		// A measure's rows most often come one after another, and the
		// measures of a frequency span much the same periods: room for as
		// many points as the series placed into last saves growing the
		// new one a point at a time.
		s.Reserve(d.lastLen[m.Freq])
	}
	if !had {
		// The period cell: messages about the row are most often about its period.
		at := r.Pos(load.ColPeriod)
		s.SetRow(p, vals, model.SourceKey{File: at.File, Sheet: at.Sheet}, at.Line, at.Col)
	} else {
		d.data.MergedRows++
		model.AddMerged(&d.data.MergedFrom.Measures, m.Index, r.Pos(load.ColPeriod))
		s.Set(p, model.Point{Actual: vals[0], Target: vals[1], Red: vals[2], Stretch: vals[3], Src: prev.Src})
	}
	d.lastLen[m.Freq] = s.Len()
	d.data.Rows++
	d.count(r)
}

// count counts row r, placed in the data, against the source it came from:
// a CSV file, a sheet of a workbook, a database source.
func (d *dataChecker) count(r *load.Row) {
	ss := d.data.Sources
	if n := len(ss); n > 0 {
		if f, s := ss[n-1].Key(); f == r.File && s == r.Sheet {
			ss[n-1].Rows++
			return
		}
	}
	src := model.Source{Kind: model.CSVSource, File: r.File, Rows: 1}
	switch {
	case r.File == "":
		src = model.Source{Kind: model.DatabaseSource, Name: r.Sheet, Rows: 1}
		for _, c := range d.v.src.Config.Sources {
			if c.Name == r.Sheet {
				src.Driver = c.Driver
			}
		}
	case load.IsWorkbook(r.File):
		src.Kind, src.Sheet = model.SheetSource, r.Sheet
	}
	d.data.Sources = append(ss, src)
}

// MaxSpanYears bounds the years a measure's data may span. A series is kept
// densely, period by period, so a typo in a year (1026 for 2026) would
// otherwise cost memory and time for a thousand empty years.
const MaxSpanYears = 100

// withinSpan reports whether period p keeps m's data within MaxSpanYears.
func (d *dataChecker) withinSpan(r *load.Row, m *model.Measure, p period.Period) bool {
	s := d.data.Of(m)
	if s.Len() == 0 {
		return true
	}
	first, last := s.First, s.Last()
	if p.N >= first.N && p.N <= last.N {
		return true
	}
	if max(last.N, p.N)-min(first.N, p.N) < MaxSpanYears*m.Freq.PerYear() {
		return true
	}
	other := first
	if p.N < first.N {
		other = last
	}
	d.v.dl.Errorf(r.Pos(load.ColPeriod), "period %q is more than %d years from %s, which %s/%s also has data for (at %s): is the year a typo?", r.Period, MaxSpanYears, other, r.Unit, r.Measure, s.At(other).Src)
	return false
}

// cellsAllowed checks the values a row gives against what its measure
// accepts; vals are the row's values merged with those of earlier rows of
// the same period.
func (d *dataChecker) cellsAllowed(r *load.Row, m *model.Measure, vals [4]model.Opt) bool {
	dl := d.v.dl
	ok := true
	if r.Values[0].OK && m.Computed() {
		source := "its formula"
		if m.Formula == nil {
			source = "a roll-up of its child units"
		}
		dl.Errorf(r.Pos(load.ColActual), "measure %q of unit %q is computed from %s, so a data file cannot also give its actual (two sources of truth)", m.ID, r.Unit, source)
		ok = false
	}
	if m.Polarity == model.Range {
		for i, name := range []string{"target", "red", "stretch"} {
			if r.Values[i+1].OK {
				dl.Errorf(r.Pos(valueCols[i+1]), "measure %q has range polarity: its band comes from scorecard.toml (target_low, target_high, tolerance), not from a %s column", m.ID, name)
				ok = false
			}
		}
		return ok
	}
	if !vals[1].OK && !vals[2].OK && !vals[3].OK {
		return ok // the constants alone were checked with the definition
	}
	red, target, stretch := vals[2].Or(m.Red), vals[1].Or(m.Target), vals[3].Or(m.Stretch)
	msg, key := validate.ThresholdOrder(m.Polarity, red, target, stretch)
	if msg == "" {
		msg, key = compute.ScaleProblem(m.Polarity, d.site.AmberBand, compute.Thresholds{Target: target, Red: red, Stretch: stretch})
	}
	if msg != "" {
		// Point at the blamed cell when the row has it, else at a cell the row
		// does have, since the row is what made the combination wrong.
		col := map[string]int{"target": load.ColTarget, "red": load.ColRed, "stretch": load.ColStretch}[key]
		for _, c := range []int{col, load.ColTarget, load.ColRed, load.ColStretch} {
			if r.Values[c-load.ColActual].OK {
				col = c
				break
			}
		}
		dl.Errorf(r.Pos(col), "%s/%s %s: %s", r.Unit, r.Measure, r.Period, msg)
		ok = false
	}
	return ok
}

func hint(s string, known []string) string {
	if k := diag.Suggest(s, known); k != "" {
		return " (did you mean " + strconv.Quote(k) + "?)"
	}
	return ""
}
