package gen

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Stats is what the summary line reports.
type Stats struct {
	Units, Measures, Rows, Files int
}

// Generate writes the site for p into dir, which must not exist or be empty:
// the generator never overwrites anybody's files.
func Generate(dir string, p Params) (Stats, error) {
	if err := p.Check(); err != nil {
		return Stats{}, err
	}
	if err := prepareDir(dir); err != nil {
		return Stats{}, err
	}
	cal := newCalendar(p.Months)
	nodes := buildTree(p.Units, newRand(p.Seed, 0, streamTree))
	econ := buildEconomies(nodes, cal, p.Seed)
	d := newDesigner(p, nodes, econ)
	data := &dataWriter{dir: dir, nodes: nodes, cal: cal, econ: econ, seed: p.Seed, top: -2}

	st := Stats{Units: len(nodes), Measures: len(nodes) * p.Measures}
	if err := writeFile(filepath.Join(dir, "config.toml"), configTOML(p)); err != nil {
		return st, err
	}
	st.Files++
	for i := range nodes {
		u := d.design(i)
		path := filepath.Join(dir, "content", filepath.FromSlash(u.n.dir), "scorecard.toml")
		if err := writeFile(path, unitTOML(u)); err != nil {
			return st, err
		}
		st.Files++
		if err := data.unit(u); err != nil {
			return st, err
		}
	}
	if err := data.close(); err != nil {
		return st, err
	}
	st.Rows, st.Files = data.rows, st.Files+data.files
	return st, nil
}

// prepareDir creates dir, or accepts it when it is an empty folder.
func prepareDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: give a new or empty folder", dir)
	}
	return nil
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// csvHeader is the same in every file; red and stretch are left to
// scorecard.toml and amber_band.
const csvHeader = "unit,measure,period,actual,target\n"

// Files below data/: one per top-level branch of the cascade (the root's rows
// in org.csv), as a finance system exports by division, and the budget of
// the inner units' revenue in a file of its own, as a planning tool would.
const (
	actualsDir  = "actuals"
	targetsFile = "targets/revenue-budget.csv"
)

// dataWriter streams the CSV rows. Units come in pre-order, so each
// top-level branch's rows are contiguous and its file is opened once.
type dataWriter struct {
	dir     string
	nodes   []node
	cal     calendar
	econ    []economy
	seed    uint64
	top     int // branch of the open file; -2 before the first
	cur     *csvFile
	targets *csvFile
	rows    int
	files   int
	buf     []byte
}

type csvFile struct {
	f *os.File
	w *bufio.Writer
}

func (d *dataWriter) open(rel string) (*csvFile, error) {
	path := filepath.Join(d.dir, "data", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	d.files++
	c := &csvFile{f: f, w: bufio.NewWriterSize(f, 1<<20)}
	c.w.WriteString(csvHeader)
	return c, nil
}

func (c *csvFile) close() error {
	if c == nil {
		return nil
	}
	return errors.Join(c.w.Flush(), c.f.Close())
}

func (d *dataWriter) close() error {
	return errors.Join(d.cur.close(), d.targets.close())
}

// fileFor returns the actuals file of unit n's branch.
func (d *dataWriter) fileFor(n *node) (*bufio.Writer, error) {
	if n.top != d.top || d.cur == nil {
		if err := d.cur.close(); err != nil {
			return nil, err
		}
		name := n.id
		if n.top >= 0 {
			name = d.nodes[n.top].id
		}
		c, err := d.open(actualsDir + "/" + name + ".csv")
		if err != nil {
			return nil, err
		}
		d.cur, d.top = c, n.top
	}
	return d.cur.w, nil
}

func (d *dataWriter) budgetFile() (*bufio.Writer, error) {
	if d.targets == nil {
		c, err := d.open(targetsFile)
		if err != nil {
			return nil, err
		}
		d.targets = c
	}
	return d.targets.w, nil
}

// unit writes the rows of every measure of u that takes data: formulas and
// roll-ups get no actual (two sources of truth), only revenue's budget.
func (d *dataWriter) unit(u *unitDef) error {
	w, err := d.fileFor(u.n)
	if err != nil {
		return err
	}
	r := newRand(d.seed, u.index, streamData)
	e := &d.econ[u.index]
	for i := range u.measures {
		m := &u.measures[i]
		switch {
		case m.formula != "":
		case m.rollup != "" && m.id == revenueTemplate.id:
			bw, err := d.budgetFile()
			if err != nil {
				return err
			}
			d.revenue(bw, u.n.id, nil, e.targets)
		case m.rollup != "":
		case m.id == revenueTemplate.id:
			d.revenue(w, u.n.id, e.actuals, e.targets)
		default:
			d.measure(w, u.n.id, m, r)
		}
	}
	return nil
}

// revenue writes a leaf's revenue and budget, or an inner unit's budget
// alone (actuals == nil). Revenue has no gaps: one missing branch would
// make every total above it missing for that month.
func (d *dataWriter) revenue(w *bufio.Writer, unit string, actuals, targets []float64) {
	for t, p := range d.cal.months {
		a, hasA := 0.0, actuals != nil
		if hasA {
			a = actuals[t]
		}
		d.row(w, unit, revenueTemplate.id, p.lit, a, hasA, targets[t], true)
	}
}

// measure writes an ordinary measure's actuals (and budget, when its targets
// come by period). A gap is a blank cell where the row carries a target,
// else a row left out, as exports do both.
func (d *dataWriter) measure(w *bufio.Writer, unit string, m *measure, r *rand.Rand) {
	periods := d.cal.months
	if m.quarter {
		periods = d.cal.quarters
	}
	for _, p := range periods {
		v := round(m.s.value(p, r), m.t.valueDec)
		gap := m.gaps && r.Float64() < gapShare
		if gap && !m.csvTargets {
			continue
		}
		tg := 0.0
		if m.csvTargets {
			tg = round(m.targetOf(m.s.expected(p)), m.t.targetDec)
		}
		d.row(w, unit, m.id, p.lit, v, !gap, tg, m.csvTargets)
	}
}

func (d *dataWriter) row(w *bufio.Writer, unit, measure, lit string, actual float64, hasA bool, target float64, hasT bool) {
	b := d.buf[:0]
	b = append(b, unit...)
	b = append(b, ',')
	b = append(b, measure...)
	b = append(b, ',')
	b = append(b, lit...)
	b = append(b, ',')
	if hasA {
		b = strconv.AppendFloat(b, actual, 'f', -1, 64)
	}
	b = append(b, ',')
	if hasT {
		b = strconv.AppendFloat(b, target, 'f', -1, 64)
	}
	b = append(b, '\n')
	w.Write(b) // errors stick in the bufio.Writer and surface at Flush
	d.buf = b
	d.rows++
}

// Params are the knobs of one generated site.
type Params struct {
	Units    int    // units in the cascade, root included
	Measures int    // measures per unit
	Months   int    // months of actuals, ending at 2026-09
	Seed     uint64 // the whole site is a function of the seed
	// Review is how many review periods the site publishes ([review]
	// periods); 0 leaves the key out, for the default.
	Review int
}

// Limits keep a typo from filling the disk; the L workload is well inside them.
const (
	MaxUnits    = 100_000
	MaxMeasures = 500
	MaxMonths   = 600
	MinMeasures = 4 // one objective in each of the four perspectives needs a measure
	MaxReview   = 120
)

// Check reports the first parameter out of range.
func (p Params) Check() error {
	switch {
	case p.Units < 1 || p.Units > MaxUnits:
		return fmt.Errorf("-units %d: expected 1 to %d", p.Units, MaxUnits)
	case p.Measures < MinMeasures || p.Measures > MaxMeasures:
		return fmt.Errorf("-measures %d: expected %d to %d", p.Measures, MinMeasures, MaxMeasures)
	case p.Months < 1 || p.Months > MaxMonths:
		return fmt.Errorf("-months %d: expected 1 to %d", p.Months, MaxMonths)
	case p.Review < 0 || p.Review > MaxReview:
		return fmt.Errorf("-review %d: expected 1 to %d, or 0 for the default", p.Review, MaxReview)
	}
	return nil
}
