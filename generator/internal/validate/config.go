package validate

import (
	"fmt"
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
	{ID: "financial", Name: "Financial", Weight: 1, Default: true},
	{ID: "customer", Name: "Customer", Weight: 1, Default: true},
	{ID: "internal", Name: "Internal Process", Weight: 1, Default: true},
	{ID: "learning", Name: "Learning & Growth", Weight: 1, Default: true},
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
		Title:       c.Title,
		Language:    or(c.Language, "en"),
		Theme:       or(c.Theme, "default"),
		Frequency:   period.Monthly,
		Calendar:    period.Calendar{FYStart: 1},
		Basis:       model.PeriodBasis,
		AmberBand:   0.10,
		MaxMeasures: DefaultMaxMeasures,
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
	if n := c.CriticalFew.MaxMeasures; n != nil {
		if *n < 0 {
			v.dl.Errorf(loc.Pos("critical_few.max_measures"), "max_measures %d is not a number of measures (0 turns the check off)", *n)
		} else {
			s.MaxMeasures = *n
		}
	}
	s.BaseURL = v.baseURL(loc, c.BaseURL, opts.BaseURL)
	s.Perspectives = v.perspectives(loc, c.Perspectives)
	s.Mail = v.mail(loc, c.Mail)
	v.workbooks(loc)
	v.sources(loc)
	s.ReviewPeriods = DefaultReviewPeriods
	if n := c.Review.Periods; n != nil {
		if *n < 1 || *n > MaxReviewPeriods {
			v.dl.Errorf(loc.Pos("review.periods"), "periods %d is not from 1 to %d: it counts the review periods a build publishes, the as-of period included (1 publishes the as-of period alone)", *n, MaxReviewPeriods)
		} else {
			s.ReviewPeriods = *n
		}
	}
	return s
}

// The review periods a build publishes, the as-of period included: by
// default it and the three before (a quarter of monthly reviews), at most
// the periods of the score history (compute.MaxHistory).
const (
	DefaultReviewPeriods = 4
	MaxReviewPeriods     = 120
)

func quarterAligned(fy int) bool { return (fy-1)%3 == 0 }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// baseURL checks base_url, or the --base-url flag that overrides it, and
// returns it escaped (as sitemaps require) with a trailing slash, ready for
// page paths to be appended.
func (v *validator) baseURL(loc *tomlx.Locator, fromConfig, flag string) string {
	raw, pos := fromConfig, loc.Pos("base_url")
	if flag != "" {
		raw, pos = flag, diag.Pos{File: "--base-url"}
	}
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		v.dl.Errorf(pos, "base_url %q is not an absolute http(s) URL such as https://example.org/scorecard/", raw)
		return ""
	case u.User != nil:
		v.dl.Errorf(pos, "base_url %q holds a user name or password, which every page would publish: give the site's public address, such as https://example.org/scorecard/", raw)
		return ""
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.HasSuffix(raw, "#"):
		v.dl.Errorf(pos, "base_url %q has a query or a fragment: page paths are added to it, so give the folder the site is published in, such as https://example.org/scorecard/", raw)
		return ""
	}
	if strings.Trim(u.Host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]%") != "" {
		v.dl.Errorf(pos, "base_url %q has a character no host name has in %q: give the site's public address, such as https://example.org/scorecard/", raw, u.Host)
		return ""
	}
	base := normalURL(u.String())
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// normalURL percent-encodes what html/template would in an href: the
// bytes that are neither unreserved nor reserved in RFC 3986, and ', ( and
// ), which url.URL leaves as they are. A page's canonical link and the
// sitemap then give the same address, and the base is written as it is
// wherever a page holds it.
func normalURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!#$&*+,/:;=?@[]%", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return b.String()
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

// Weights are relative: only their ratios matter. Bounding them keeps every
// weighted mean of scores exact to far more digits than a page shows: a sum
// of scores times weights stays finite, and no product of a score and a
// weight falls among the tiny numbers that hold fewer digits (below about
// 2.2e-308).
const (
	maxWeight = 1e6  // the largest weight
	minWeight = 1e-6 // the smallest weight other than 0
)

// weight checks an optional weight, which defaults to 1.
func (v *validator) weight(loc *tomlx.Locator, path string, w *float64) float64 {
	if w == nil {
		return 1
	}
	switch {
	case *w < 0 || math.IsNaN(*w):
		v.dl.Errorf(loc.Pos(path), "weight %v is negative: weights are 0 or more", *w)
	case *w > maxWeight:
		v.dl.Errorf(loc.Pos(path), "weight %v is above 1000000, the largest weight: weights are relative, so divide them all by the same number", *w)
	case *w > 0 && *w < minWeight:
		v.dl.Errorf(loc.Pos(path), "weight %v is below 0.000001, the smallest weight other than 0: weights are relative, so multiply them all by the same number", *w)
	default:
		return *w
	}
	return 0
}
