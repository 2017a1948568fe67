package validate

import (
	"math"
	"net/url"
	"regexp"
	"strings"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
	"github.com/scorecard-dev/scorecard/generator/internal/tomlx"
)

// defaultPerspectives are the four of Kaplan and Norton, top of the map first.
var defaultPerspectives = []model.Perspective{
	{ID: "financial", Name: "Financial", Weight: 1},
	{ID: "customer", Name: "Customer", Weight: 1},
	{ID: "internal", Name: "Internal Process", Weight: 1},
	{ID: "learning", Name: "Learning & Growth", Weight: 1},
}

var languagePattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// config checks config.toml and returns the site with its settings.
func (v *validator) config(opts Options) *model.Site {
	c := &v.src.Config
	loc := v.src.ConfigLoc
	if loc == nil {
		loc = tomlx.Locate(load.ConfigFile, "")
	}
	s := &model.Site{
		Title:     c.Title,
		Language:  or(c.Language, "en"),
		Theme:     or(c.Theme, "default"),
		Frequency: period.Monthly,
		Calendar:  period.Calendar{FYStart: 1},
		Basis:     model.PeriodBasis,
		AmberBand: 0.10,
	}
	if !languagePattern.MatchString(s.Language) {
		v.dl.Errorf(loc.Pos("language"), "language %q is not a language tag such as en or en-GB", s.Language)
	}
	if !ValidID(s.Theme) {
		v.dl.Errorf(loc.Pos("theme"), "theme %q is not a valid theme name: %s", s.Theme, idRule)
	}
	if c.Frequency != "" {
		f, err := period.ParseFreq(c.Frequency)
		if err != nil {
			v.dl.Errorf(loc.Pos("frequency"), "%v", err)
		}
		s.Frequency = f
	}
	if c.FiscalYearStart != nil {
		fy := *c.FiscalYearStart
		if fy < 1 || fy > 12 {
			v.dl.Errorf(loc.Pos("fiscal_year_start"), "fiscal_year_start %d is not a month (1 to 12)", fy)
		} else {
			s.Calendar.FYStart = fy
		}
	}
	if s.Frequency == period.Quarterly && !quarterAligned(s.Calendar.FYStart) {
		v.dl.Errorf(loc.Pos("fiscal_year_start"), "fiscal_year_start %d does not start a calendar quarter: a quarterly site needs 1, 4, 7 or 10", s.Calendar.FYStart)
	}
	if c.Scoring.Basis != "" {
		b, err := model.ParseBasis(c.Scoring.Basis)
		if err != nil {
			v.dl.Errorf(loc.Pos("scoring.basis"), "basis %v", err)
		}
		s.Basis = b
	}
	if c.Scoring.AmberBand != nil {
		b := *c.Scoring.AmberBand
		if b < 0 || b > 1 {
			v.dl.Errorf(loc.Pos("scoring.amber_band"), "amber_band %v is not a fraction between 0 and 1 (0.10 means 10%% of the target)", b)
		} else {
			s.AmberBand = b
		}
	}
	s.BaseURL = v.baseURL(loc, c.BaseURL, opts.BaseURL)
	s.Perspectives = v.perspectives(loc, c.Perspectives)
	s.Mail = v.mail(loc, c.Mail)
	return s
}

func quarterAligned(fy int) bool { return (fy-1)%3 == 0 }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// baseURL checks base_url, or the --base-url flag that overrides it, and gives it
// a trailing slash.
func (v *validator) baseURL(loc *tomlx.Locator, fromConfig, flag string) string {
	raw, pos := fromConfig, loc.Pos("base_url")
	if flag != "" {
		raw, pos = flag, diag.Pos{File: "--base-url"}
	}
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.dl.Errorf(pos, "base_url %q is not an absolute http(s) URL such as https://example.org/scorecard/", raw)
		return ""
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw
}

func (v *validator) perspectives(loc *tomlx.Locator, in []load.Perspective) []*model.Perspective {
	var out []*model.Perspective
	if len(in) == 0 {
		for i, p := range defaultPerspectives {
			p.Index = i
			out = append(out, &p)
		}
		return out
	}
	seen := map[string]bool{}
	for i, p := range in {
		path := at("perspectives[%d]", i)
		if !v.id(loc, path+".id", p.ID, "perspective") {
			continue
		}
		if seen[p.ID] {
			v.dl.Errorf(loc.Pos(path+".id"), "perspective %q is defined twice", p.ID)
			continue
		}
		seen[p.ID] = true
		w := v.weight(loc, path+".weight", p.Weight)
		out = append(out, &model.Perspective{ID: p.ID, Name: or(p.Name, p.ID), Weight: w, Index: len(out)})
	}
	return out
}

// weight checks an optional weight, which defaults to 1.
func (v *validator) weight(loc *tomlx.Locator, path string, w *float64) float64 {
	if w == nil {
		return 1
	}
	if *w < 0 || math.IsInf(*w, 0) {
		v.dl.Errorf(loc.Pos(path), "weight %v is negative: weights are 0 or more", *w)
		return 0
	}
	return *w
}

// asOf sets the as-of period: --period, else config's period, else the latest
// site period whose end is the end of some actual's period or later.
func (v *validator) asOf(s *model.Site, opts Options) {
	raw, pos := v.src.Config.Period, v.src.ConfigLoc.Pos("period")
	if opts.Period != "" {
		raw, pos = opts.Period, diag.Pos{File: "--period"}
	}
	if raw != "" {
		p, err := period.Parse(raw)
		switch {
		case err != nil:
			v.dl.Errorf(pos, "period %q: %v", raw, err)
		case p.Freq != s.Frequency:
			v.dl.Errorf(pos, "period %q is not a period of the site's frequency (%s): expected %s", raw, s.Frequency, s.Frequency.Example())
		default:
			s.AsOf = p
			v.span(s, pos)
		}
		return
	}
	latest := -1
	for _, u := range s.Units {
		for _, m := range u.Measures {
			for i, pt := range m.Data.Points {
				if pt.Actual.OK {
					latest = max(latest, s.Calendar.End(m.Data.First.Add(i)))
				}
			}
		}
	}
	if latest < 0 {
		v.dl.Errorf(diag.Pos{File: load.DataDir}, "no actual values found, so there is no latest period to report on: add data, or set period in config.toml or --period")
		return
	}
	s.AsOf = s.Calendar.Containing(s.Frequency, latest)
	v.span(s, diag.Pos{})
}

// span checks that the site's data and its as-of period lie within
// MaxSpanYears: every measure is computed from its first period to the as-of
// period, so a year typo in either would cost time for every empty year.
// pos is where the as-of period was given; zero when it is the latest data.
func (v *validator) span(s *model.Site, pos diag.Pos) {
	first, last := -1, -1
	var firstSrc, lastSrc diag.Pos
	for _, u := range s.Units {
		for _, m := range u.Measures {
			if len(m.Data.Points) == 0 {
				continue
			}
			if start := s.Calendar.Start(m.Data.First); first < 0 || start < first {
				first, firstSrc = start, m.Data.Points[0].Src
			}
			if end := s.Calendar.End(m.Data.Last()); end > last {
				last, lastSrc = end, m.Data.Points[len(m.Data.Points)-1].Src
			}
		}
	}
	asOf := s.Calendar.End(s.AsOf)
	if first < 0 || asOf-first < MaxSpanYears*12 {
		return
	}
	earliest := s.Calendar.Containing(s.Frequency, first)
	if pos.File != "" {
		v.dl.Errorf(pos, "period %q is more than %d years after the earliest data (%s, at %s): is the year a typo?", s.AsOf, MaxSpanYears, earliest, firstSrc)
		return
	}
	v.dl.Errorf(lastSrc, "the data spans more than %d years, from %s (at %s) to %s here: is a year a typo?", MaxSpanYears, earliest, firstSrc, s.Calendar.Containing(s.Frequency, last))
}
