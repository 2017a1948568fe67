// Package model holds the validated site — units, objectives and measures
// (Site), and apart from them what the data files say of the measures
// (Data) — that compute scores and render publishes. Values here are plain:
// tests build them by hand. Neither changes once validated: new data is a
// new Data beside the same Site.
package model

import (
	"slices"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/formula"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// Site is a validated site.
type Site struct {
	Title     string
	BaseURL   string
	Language  string
	Theme     string
	Frequency period.Freq
	Calendar  period.Calendar
	Basis     Basis
	AmberBand float64
	// MaxMeasures is how many measures a unit may have before a build
	// warns that it has lost the critical few; 0 checks nothing.
	MaxMeasures int

	Mail Mail // the board pack's recipients, from [mail]

	// ReviewPeriods is how many review periods a build publishes: the as-of
	// period and the ReviewPeriods-1 site periods before it.
	ReviewPeriods int

	// Pack is what the board pack covers, from [pack].
	Pack PackScope

	Perspectives []*Perspective
	Units        []*Unit // pre-order: a parent before its children, siblings by id
	Measures     int     // number of measures in all units
	Initiatives  int     // number of initiatives in all units
}

// Root returns the root unit.
func (s *Site) Root() *Unit { return s.Units[0] }

// PackScope is what part of the organisation a board pack covers: a unit
// and the units below it to a depth.
type PackScope struct {
	Unit  *Unit // nil: the root
	Depth int   // levels below Unit; AutoDepth: as deep as the pack's bound allows
}

// AutoDepth is the depth of a PackScope that the pack's size bound decides.
const AutoDepth = -1

// Mail is who sends the board pack and who receives it: addresses as
// net/mail formats them, checked.
type Mail struct {
	From   string
	To, Cc []string
}

// Perspective is one perspective of the strategy map, in config order.
type Perspective struct {
	ID     string
	Name   string
	Weight float64
	Index  int
	// Default is true for the four perspectives a site has when config.toml
	// names none: pages name them in the site's language.
	Default bool
}

// Unit is one organisation unit.
type Unit struct {
	ID       string
	Name     string
	Owner    string
	Mission  string
	Vision   []byte // Markdown; nil when not set
	Strategy []byte // Markdown; nil when not set
	Dir      string // content folder, slash-separated from the source root
	File     string // its scorecard.toml
	Parent   *Unit
	Children []*Unit // by id
	Depth    int     // 0 for the root
	Index    int     // position in Site.Units

	Objectives  []*Objective // file order
	Measures    []*Measure   // file order: by objective, then by measure
	Initiatives []*Initiative

	Narrative []byte // Markdown of index.md; nil when absent
	Notes     []Note // commentary, by file path
}

// Note is a commentary file: on the unit for a period, or on one of its
// objectives or measures (at most one of Objective and Measure is set).
type Note struct {
	Period    period.Period
	Objective *Objective
	Measure   *Measure
	File      string
	Text      []byte // Markdown
}

// Note returns the commentary of period p on the unit (both nil), an objective
// or a measure, or nil.
func (u *Unit) Note(p period.Period, o *Objective, m *Measure) *Note {
	for i := range u.Notes {
		n := &u.Notes[i]
		if n.Period == p && n.Objective == o && n.Measure == m {
			return n
		}
	}
	return nil
}

// Objective is one strategic objective of a unit.
type Objective struct {
	ID          string
	Name        string
	Owner       string
	Perspective *Perspective
	Theme       string // the strategic theme it belongs to; "" for none
	Weight      float64
	Unit        *Unit
	Index       int // position among all objectives of the site, for score tables
	Pos         diag.Pos

	Measures    []*Measure
	Drives      []*Objective // effects: objectives of the same unit this one causes
	DrivenBy    []*Objective // causes, in the order of their unit's objectives
	Supports    []*Objective // objectives of ancestors this one contributes to
	SupportedBy []*Objective // objectives of descendants that support this one, pre-order
}

// NoLeadingMeasure reports whether o drives other objectives but has no
// leading measure, in a unit that says which of its measures lead: nothing
// on the cause moves before the results it is meant to drive.
func NoLeadingMeasure(o *Objective) bool {
	if len(o.Drives) == 0 || !o.Unit.HasKinds() {
		return false
	}
	for _, m := range o.Measures {
		if m.Kind == Leading {
			return false
		}
	}
	return true
}

// HasKinds reports whether any measure of u says whether it leads or lags.
func (u *Unit) HasKinds() bool {
	for _, m := range u.Measures {
		if m.Kind != NoKind {
			return true
		}
	}
	return false
}

// Key returns "unit-id/objective-id", the objective's site-wide name.
func (o *Objective) Key() string { return o.Unit.ID + "/" + o.ID }

// Measure is one measure of an objective.
type Measure struct {
	ID          string
	Name        string
	Description string // what it measures, in a sentence or two
	Source      string // where its numbers come from
	Owner       string // who answers for it; "" for its objective's owner
	Kind        Kind
	DisplayUnit string
	Format      number.Format
	Polarity    Polarity
	Freq        period.Freq
	Aggregation Aggregation // AggNone when not set
	Basis       Basis

	// Constants from scorecard.toml; CSV values for a period take precedence.
	Target, Red, Stretch Opt
	// Band of a range measure.
	Band Band

	Formula    *formula.Expr
	Inputs     []*Measure // the formula's inputs, in Formula.Refs() order
	Rollup     Aggregation
	RollupFrom []*Measure // same id in direct child units, in child order

	Weight    float64
	Objective *Objective
	Unit      *Unit
	Index     int // position among all measures of the site
	Pos       diag.Pos
	// Where the keys that ask for arithmetic are, for the errors of a result
	// that cannot be represented: the formula's opening quote, the rollup
	// and aggregation keys. Zero when the key is absent.
	FormulaPos, RollupPos, AggregationPos diag.Pos
}

// Computed reports whether the measure's actuals come from a formula or a roll-up.
func (m *Measure) Computed() bool { return m.Formula != nil || m.Rollup != AggNone }

// Band is the target band of a range measure.
type Band struct {
	Low, High, Tolerance float64
}

// Initiative is a project that serves objectives of its unit.
type Initiative struct {
	ID         string
	Name       string
	Owner      string
	Objectives []*Objective
	Start, End time.Time // zero when not set
	Budget     Opt
	Schedule   Schedule
	Milestones []Milestone // in file order
	Unit       *Unit
	Index      int // position among all initiatives of the site
	Pos        diag.Pos
}

// Key returns "unit-id/initiative-id", the initiative's site-wide name.
func (in *Initiative) Key() string { return in.Unit.ID + "/" + in.ID }

// Milestone is a dated step of an initiative.
type Milestone struct {
	Name string
	Due  time.Time
	Done bool
	// DoneOn is the day it was done, when the scorecard says (done = a
	// date); zero for done = true, and for a milestone not done.
	DoneOn time.Time
	// Progress is the percent complete expected once the milestone is due,
	// for the stepwise schedule: given, or 100·k/n for the k-th of n
	// milestones by due date.
	Progress float64
}

// Schedule is how an initiative's expected progress grows.
type Schedule uint8

// The schedules: Linear from 0 % at the start to 100 % at the end, or
// stepwise at each milestone's due date.
const (
	Linear Schedule = iota
	Stepwise
)

func (s Schedule) String() string {
	if s == Stepwise {
		return "milestones"
	}
	return "linear"
}

// Opt is a number that may be missing.
type Opt struct {
	V  float64
	OK bool
}

// Some returns a present Opt.
func Some(v float64) Opt { return Opt{V: v, OK: true} }

// Or returns o when it is present, else def: a period's value from a data
// file over the measure's constant.
func (o Opt) Or(def Opt) Opt {
	if o.OK {
		return o
	}
	return def
}

// Data is what the data files say of a site's measures and initiatives, and
// the as-of period they are reported as of, which depends on the measures.
type Data struct {
	Series   []Series      // by Measure.Index
	Progress [][]Progress  // by Initiative.Index, each in period order
	Rows     int           // data rows read
	AsOf     period.Period // the as-of period P, of the site's frequency
	// Sources are the data files, sheets and database sources read that
	// gave rows: the files in path order (a workbook's sheets in its
	// order), then the database sources in config order.
	Sources []Source
	// MergedRows counts the rows that gave values to a period that another
	// row had given other values to (actuals and targets in two tables).
	MergedRows int
	// MergedFrom names, by Measure.Index and by Initiative.Index, the
	// tables of those rows: a point or a report keeps the position of its
	// period's first row only. Nil when no row was merged.
	MergedFrom struct{ Measures, Initiatives map[int][]SourceKey }
}

// SourceKey names the table a row came from, as its position does: a file
// and a sheet of a workbook, or a database source's name as the sheet.
type SourceKey struct{ File, Sheet string }

// AddMerged notes that a row at pos was merged into a period of entry i of
// m (a measure's or an initiative's index).
func AddMerged(m *map[int][]SourceKey, i int, pos diag.Pos) {
	k := SourceKey{pos.File, pos.Sheet}
	if *m == nil {
		*m = map[int][]SourceKey{}
	}
	if !slices.Contains((*m)[i], k) {
		(*m)[i] = append((*m)[i], k)
	}
}

// SourceKind tells data files from sheets and databases.
type SourceKind uint8

// The kinds of sources.
const (
	CSVSource SourceKind = iota
	SheetSource
	DatabaseSource
)

func (k SourceKind) String() string {
	return [...]string{"csv", "xlsx", "database"}[k]
}

// Source is one place data rows came from.
type Source struct {
	Kind   SourceKind
	File   string // a CSV file or a workbook, slash-separated from the source root
	Sheet  string // a workbook's sheet
	Name   string // a database source's name
	Driver string // a database source's driver
	Rows   int    // rows read from it into the site
}

// Key is what the positions of the source's rows have: File and Sheet.
func (s Source) Key() (file, sheet string) {
	if s.Kind == DatabaseSource {
		return "", s.Name
	}
	return s.File, s.Sheet
}

// NewData is empty data for site.
func NewData(site *Site) *Data {
	return &Data{Series: make([]Series, site.Measures), Progress: make([][]Progress, site.Initiatives)}
}

// ProgressOf returns the progress reports of in, in period order.
func (d *Data) ProgressOf(in *Initiative) []Progress { return d.Progress[in.Index] }

// Progress is what a data row reports of an initiative for one period of
// the site's frequency: its percent complete and its spend to date, both
// as of the period's end, and the status its owner gives it.
type Progress struct {
	Period   period.Period
	Complete Opt    // percent, 0 to 100
	Spend    Opt    // to date, in the budget's currency
	Reported Status // the owner's word: green on track, amber at risk, red off track; None when not given
	Src      diag.Pos
}

// Of returns the series of m.
func (d *Data) Of(m *Measure) *Series { return &d.Series[m.Index] }
