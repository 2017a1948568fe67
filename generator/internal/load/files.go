// Package load reads a site's source files — config.toml, content/**/scorecard.toml,
// data/**/*.csv and Markdown — into raw structures with positions. It checks syntax
// and types; what the values mean is checked by package validate, which reads
// nothing itself. It also says which files a build reads (Input, Skipped).
package load

import (
	"iter"
	"time"

	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// The `max` tags bound the characters of the text that pages show: 200 for
// a name, an owner, a title or a display unit, which head pages, fill table
// rows and label the strategy map, and are repeated on every page that shows
// them (a 5 MB name made 227 MB of pages); 1,000 for a mission, a sentence
// or two, a measure's description or its source; 4,000 for a unit's vision
// and strategy, a few paragraphs of Markdown each; 2,048 for base_url, as
// long as browsers take in practice.
// docs/format.md lists them.

// Config is config.toml as written.
type Config struct {
	Title           string        `toml:"title" max:"200"`
	BaseURL         string        `toml:"base_url" max:"2048"`
	Language        string        `toml:"language"`
	Theme           string        `toml:"theme"`
	Period          string        `toml:"period"`
	Frequency       string        `toml:"frequency"`
	FiscalYearStart *int          `toml:"fiscal_year_start"`
	Scoring         Scoring       `toml:"scoring"`
	CriticalFew     CriticalFew   `toml:"critical_few"`
	Perspectives    []Perspective `toml:"perspectives"`
	Mail            Mail          `toml:"mail"`
	Workbooks       []Workbook    `toml:"workbooks"`
	Sources         []Source      `toml:"sources"`
	Review          Review        `toml:"review"`
	Pack            PackScope     `toml:"pack"`
}

// PackScope is the [pack] table of config.toml: what the board pack covers.
type PackScope struct {
	Unit  string `toml:"unit"`
	Depth *int   `toml:"depth"`
}

// Workbook is one [[workbooks]] entry: which sheets of a workbook in data/
// to read.
type Workbook struct {
	File   string   `toml:"file"`
	Sheets []string `toml:"sheets"`
}

// Source is one [[sources]] entry: a database query that gives data rows.
// The connection string is never in the file: DSNEnv names the environment
// variable that holds it.
type Source struct {
	Name    string   `toml:"name"`
	Driver  string   `toml:"driver"`
	Query   string   `toml:"query"`
	DSNEnv  string   `toml:"dsn_env"`
	Timeout *float64 `toml:"timeout"`
}

// Review is the [review] table of config.toml: how many review periods a
// build publishes.
type Review struct {
	Periods *int `toml:"periods"`
}

// Mail is the [mail] table of config.toml: whom `scorecard mail` sends the
// board pack to.
type Mail struct {
	From string   `toml:"from"`
	To   []string `toml:"to"`
	Cc   []string `toml:"cc"`
}

// CriticalFew is the [critical_few] table of config.toml: the bounds of a
// scorecard that keeps to the measures that matter.
type CriticalFew struct {
	MaxMeasures *int `toml:"max_measures"`
}

// Scoring is the [scoring] table of config.toml.
type Scoring struct {
	Basis     string   `toml:"basis"`
	AmberBand *float64 `toml:"amber_band"`
}

// Perspective is one [[perspectives]] entry.
type Perspective struct {
	ID     string   `toml:"id"`
	Name   string   `toml:"name" max:"200"`
	Weight *float64 `toml:"weight"`
}

// Scorecard is a unit's scorecard.toml as written.
type Scorecard struct {
	ID          string       `toml:"id"`
	Name        string       `toml:"name" max:"200"`
	Owner       string       `toml:"owner" max:"200"`
	Mission     string       `toml:"mission" max:"1000"`
	Vision      string       `toml:"vision" max:"4000"`
	Strategy    string       `toml:"strategy" max:"4000"`
	Objectives  []Objective  `toml:"objectives"`
	Initiatives []Initiative `toml:"initiatives"`
}

// Objective is one [[objectives]] entry.
type Objective struct {
	ID          string    `toml:"id"`
	Perspective string    `toml:"perspective"`
	Name        string    `toml:"name" max:"200"`
	Owner       string    `toml:"owner" max:"200"`
	Theme       *string   `toml:"theme" max:"200"`
	Weight      *float64  `toml:"weight"`
	Drives      []string  `toml:"drives"`
	Supports    []string  `toml:"supports"`
	Measures    []Measure `toml:"measures"`
}

// Measure is one [[objectives.measures]] entry.
type Measure struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name" max:"200"`
	Description string   `toml:"description" max:"1000"`
	Source      string   `toml:"source" max:"1000"`
	Owner       string   `toml:"owner" max:"200"`
	Kind        string   `toml:"kind"`
	Unit        string   `toml:"unit" max:"200"`
	Format      string   `toml:"format"`
	Polarity    string   `toml:"polarity"`
	Frequency   string   `toml:"frequency"`
	Aggregation string   `toml:"aggregation"`
	Basis       string   `toml:"basis"`
	Target      *float64 `toml:"target"`
	Red         *float64 `toml:"red"`
	Stretch     *float64 `toml:"stretch"`
	TargetLow   *float64 `toml:"target_low"`
	TargetHigh  *float64 `toml:"target_high"`
	Tolerance   *float64 `toml:"tolerance"`
	Formula     string   `toml:"formula"`
	Rollup      string   `toml:"rollup"`
	Weight      *float64 `toml:"weight"`
}

// Initiative is one [[initiatives]] entry.
type Initiative struct {
	ID         string      `toml:"id"`
	Name       string      `toml:"name" max:"200"`
	Owner      string      `toml:"owner" max:"200"`
	Objectives []string    `toml:"objectives"`
	Start      *time.Time  `toml:"start"`
	End        *time.Time  `toml:"end"`
	Budget     *float64    `toml:"budget"`
	Schedule   string      `toml:"schedule"`
	Milestones []Milestone `toml:"milestones"`
}

// Milestone is one [[initiatives.milestones]] entry.
type Milestone struct {
	Name     string     `toml:"name" max:"200"`
	Due      *time.Time `toml:"due"`
	Done     Done       `toml:"done"`
	Progress *float64   `toml:"progress"`
}

// Done is a milestone's done: true, false, or the date it was done.
type Done struct {
	Done bool
	On   *time.Time // when done is a date
}

// DecodeTOMLValue implements tomlx.ValueDecoder.
func (d *Done) DecodeTOMLValue(data any) (string, bool) {
	if b, ok := data.(bool); ok {
		*d = Done{Done: b}
		return "", true
	}
	if t, ok := tomlx.LocalDate(data); ok {
		*d = Done{Done: true, On: &t}
		return "", true
	}
	return "true, false or the date it was done, such as 2026-04-28 (not quoted)", false
}

// UnitFile is a scorecard.toml and where it sits in the content tree.
type UnitFile struct {
	Dir       string // slash path from the source root: "content", "content/sales"
	File      string // Dir + "/scorecard.toml"
	ParentDir string // Dir of the nearest ancestor with a scorecard.toml; "" for the root
	Card      Scorecard
	Loc       *tomlx.Locator
	Narrative []byte     // index.md, nil when absent
	Notes     []NoteFile // notes/<period>.md and notes/<period>/<id>.md, by path
	// The folder's listing held no index.md, or no notes, in any case:
	// neither is looked for.
	noNarrative, noNotes bool
}

// NoteFile is one commentary file of a unit. Period and ID are as named by the
// file; validate checks them.
type NoteFile struct {
	File   string // slash path from the source root
	Period string // "2026-09"
	ID     string // objective or measure id; "" for the unit's own note
	Text   []byte
}

// Site is everything load read, before validation.
type Site struct {
	Config    Config
	ConfigLoc *tomlx.Locator
	Units     []*UnitFile // sorted by Dir, so a parent comes before its children
	CSVFiles  []string    // the data files, data/**/*.csv and data/**/*.xlsx, sorted
	// Rows yields the rows of the data files, in the order of CSVFiles,
	// then those of the database sources, in config order, read as they
	// are asked for: the data of a large site is never held whole, only
	// what validation makes of it. Their problems go to the list Load was
	// given.
	Rows iter.Seq[*Row]
}
