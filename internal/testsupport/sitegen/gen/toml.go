package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// The TOML is written by hand rather than marshalled: the layout (comments,
// indented measures, keys in the documented order) is what a person would
// write, and it is byte-stable without depending on an encoder's choices.

func configTOML(p Params) []byte {
	var w tomlWriter
	w.comment("A synthetic site written by internal/sitegen: %d units, %d measures each, %d months of data.", p.Units, p.Measures, p.Months)
	w.str("title", "Synthetic Holdings Scorecard")
	w.str("language", "en")
	w.str("period", "")
	w.str("frequency", "monthly")
	w.num("fiscal_year_start", 1)
	w.line("")
	w.line("[scoring]")
	w.str("basis", "period")
	w.num("amber_band", 0.10)
	for i := range numPerspectives {
		w.line("")
		w.line("[[perspectives]]")
		w.str("id", perspectiveIDs[i])
		w.str("name", perspectiveNames[i])
		w.num("weight", 1)
	}
	if p.Review > 0 {
		w.line("")
		w.line("[review]")
		w.num("periods", float64(p.Review))
	}
	return []byte(w.b.String())
}

func unitTOML(u *unitDef) []byte {
	var w tomlWriter
	if u.n.parent < 0 {
		w.str("id", u.n.id)
	}
	w.str("name", u.name)
	w.str("owner", u.owner)
	if u.mission != "" {
		w.str("mission", u.mission)
	}
	for _, o := range u.objectives {
		w.objective(u, &o)
	}
	for _, in := range u.initiatives {
		w.initiative(&in)
	}
	return []byte(w.b.String())
}

func (w *tomlWriter) objective(u *unitDef, o *objective) {
	w.line("")
	w.line("[[objectives]]")
	w.str("id", o.id)
	w.str("perspective", perspectiveIDs[o.persp])
	w.str("name", o.name)
	w.str("owner", o.owner)
	if o.weight != 0 {
		w.num("weight", o.weight)
	}
	if len(o.drives) > 0 {
		w.strs("drives", o.drives)
	}
	if len(o.supports) > 0 {
		w.strs("supports", o.supports)
	}
	for _, i := range o.measures {
		w.measure(&u.measures[i])
	}
}

func (w *tomlWriter) measure(m *measure) {
	w.indent = "  "
	defer func() { w.indent = "" }()
	w.line("")
	w.line("[[objectives.measures]]")
	w.str("id", m.id)
	w.str("name", m.name)
	if m.t.unit != "" {
		w.str("unit", m.t.unit)
	}
	w.str("format", m.t.format)
	w.str("polarity", m.pol.String())
	if m.quarter {
		w.str("frequency", "quarterly")
	} else {
		w.str("frequency", "monthly")
	}
	if m.agg != "" {
		w.str("aggregation", m.agg)
	}
	if m.ytd {
		w.str("basis", "ytd")
	}
	w.thresholds(m)
	if m.formula != "" {
		w.str("formula", m.formula)
	}
	if m.rollup != "" {
		w.str("rollup", m.rollup)
	}
	if m.weight != 0 {
		w.num("weight", m.weight)
	}
}

func (w *tomlWriter) thresholds(m *measure) {
	if m.pol == band {
		w.num("target_low", m.t.lo)
		w.num("target_high", m.t.hi)
		w.num("tolerance", m.t.tol)
		return
	}
	if m.csvTargets {
		w.comment("targets by month come from data/")
		return
	}
	if m.hasTarget {
		w.num("target", m.target)
	}
	if m.hasRed {
		w.num("red", m.red)
	}
	if m.hasStr {
		w.num("stretch", m.stretch)
	}
}

func (w *tomlWriter) initiative(in *initiative) {
	w.line("")
	w.line("[[initiatives]]")
	w.str("id", in.id)
	w.str("name", in.name)
	w.str("owner", in.owner)
	w.strs("objectives", in.objectives)
	w.raw("start", in.start) // TOML local dates are unquoted
	w.raw("end", in.end)
	w.num("budget", in.budget)
	w.indent = "  "
	for _, ms := range in.milestones {
		w.line("")
		w.line("[[initiatives.milestones]]")
		w.str("name", ms.name)
		w.raw("due", ms.due)
		w.raw("done", strconv.FormatBool(ms.done))
	}
	w.indent = ""
}

type tomlWriter struct {
	b      strings.Builder
	indent string
}

func (w *tomlWriter) line(s string) {
	if s != "" {
		w.b.WriteString(w.indent)
	}
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *tomlWriter) comment(format string, args ...any) {
	w.line("# " + fmt.Sprintf(format, args...))
}

func (w *tomlWriter) raw(key, value string) { w.line(key + " = " + value) }

func (w *tomlWriter) str(key, value string) { w.raw(key, quote(value)) }

func (w *tomlWriter) num(key string, v float64) { w.raw(key, formatNumber(v)) }

func (w *tomlWriter) strs(key string, values []string) {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	w.raw(key, "["+strings.Join(q, ", ")+"]")
}

// quote writes a TOML basic string. Go's %q is not TOML: it may emit \x..
// escapes, which TOML does not have.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u`)
			b.WriteString(strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// formatNumber writes a plain decimal (never an exponent, which CSV cells
// must not have and people do not write), as short as it can be.
func formatNumber(v float64) string {
	return string(strconv.AppendFloat(nil, v, 'f', -1, 64))
}
