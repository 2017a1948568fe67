package model

import (
	"fmt"
	"math"
	"strings"
)

// Polarity says which direction of a measure is good.
type Polarity uint8

// The polarities.
const (
	Higher Polarity = iota + 1
	Lower
	Range
)

var polarityNames = []string{"", "higher", "lower", "range"}

func (p Polarity) String() string { return polarityNames[p] }

// ParsePolarity parses higher, lower or range.
func ParsePolarity(s string) (Polarity, error) {
	for i, n := range polarityNames[1:] {
		if s == n {
			return Polarity(i + 1), nil
		}
	}
	return 0, fmt.Errorf("%q is not one of higher | lower | range", s)
}

// Basis says whether a measure is scored on its period value or year to date.
type Basis uint8

// The bases.
const (
	PeriodBasis Basis = iota + 1
	YTDBasis
)

func (b Basis) String() string {
	if b == YTDBasis {
		return "ytd"
	}
	return "period"
}

// ParseBasis parses period or ytd.
func ParseBasis(s string) (Basis, error) {
	switch s {
	case "period":
		return PeriodBasis, nil
	case "ytd":
		return YTDBasis, nil
	}
	return 0, fmt.Errorf("%q is not one of period | ytd", s)
}

// Aggregation combines several values into one.
type Aggregation uint8

// The aggregations. AggNone is the zero value: not set.
const (
	AggNone Aggregation = iota
	Sum
	Average
	Last
	Min
	Max
)

var aggregationNames = []string{"", "sum", "average", "last", "min", "max"}

func (a Aggregation) String() string { return aggregationNames[a] }

// ParseAggregation parses sum, average, last, min or max.
func ParseAggregation(s string) (Aggregation, error) {
	for i, n := range aggregationNames[1:] {
		if s == n {
			return Aggregation(i + 1), nil
		}
	}
	return 0, fmt.Errorf("%q is not one of sum | average | last | min | max", s)
}

// Combine applies a to vs, which must not be empty. Every aggregation of
// finite numbers is finite but a sum beyond ±1.8e308, which the caller checks
// for.
func (a Aggregation) Combine(vs []float64) float64 {
	r := vs[0]
	switch a {
	case Sum:
		r = sum(vs)
	case Average:
		r = sum(vs) / float64(len(vs))
		if math.IsInf(r, 0) {
			// The total overflowed but a mean of finite numbers cannot: add
			// up the shares instead (only then, so that every other mean
			// keeps its last bit).
			r = 0
			for _, v := range vs {
				r += v / float64(len(vs))
			}
		}
	case Last:
		r = vs[len(vs)-1]
	case Min:
		for _, v := range vs[1:] {
			r = min(r, v)
		}
	case Max:
		for _, v := range vs[1:] {
			r = max(r, v)
		}
	}
	return r
}

// sum adds up vs. A running total may overflow on the way and come back
// (1.7e308 + 1.7e308 − 1.7e308): then the halves, which are exact, are added
// instead.
func sum(vs []float64) float64 {
	r := vs[0]
	for _, v := range vs[1:] {
		r += v
	}
	if !math.IsInf(r, 0) {
		return r
	}
	h := 0.0
	for _, v := range vs {
		h += v / 2
	}
	return h * 2
}

// Status is the traffic light of a measure, objective, perspective or unit.
type Status uint8

// The statuses. None is grey: no value or no target.
const (
	None Status = iota
	Red
	Amber
	Green
)

var statusNames = []string{"none", "red", "amber", "green"}

func (s Status) String() string { return statusNames[s] }

var statusIcons = []string{"○", "■", "▲", "●"}

// Icon is the status's shape, which tells it apart without colour: a
// circle for green, a triangle for amber, a square for red, a ring for no
// data.
func (s Status) Icon() string { return statusIcons[s] }

// Trend compares a measure's latest actual with the one before, read through its
// polarity.
type Trend uint8

// The trends.
const (
	NoTrend Trend = iota
	Improving
	Worsening
	Flat
)

var trendNames = []string{"none", "improving", "worsening", "flat"}

func (t Trend) String() string { return trendNames[t] }

// Outlook is what an objective's drivers say about it.
type Outlook uint8

// The outlooks.
const (
	Steady Outlook = iota
	AtRisk
)

func (o Outlook) String() string {
	if o == AtRisk {
		return "at-risk"
	}
	return "steady"
}

// Kind says whether a measure leads or lags: a leading indicator moves
// first and drives the results, a lagging one confirms them.
type Kind uint8

// The kinds. NoKind is a measure that does not say.
const (
	NoKind Kind = iota
	Leading
	Lagging
)

var kindNames = []string{"", "leading", "lagging"}

func (k Kind) String() string { return kindNames[k] }

// ParseKind parses leading or lagging.
func ParseKind(s string) (Kind, error) {
	for i, n := range kindNames[1:] {
		if s == n {
			return Kind(i + 1), nil
		}
	}
	return NoKind, fmt.Errorf("%q is not a kind (expected leading or lagging)", s)
}

// reportedNames are an initiative owner's status, by Status, as the data
// files say it (pages say it in their language's words).
var reportedNames = []string{"", "off-track", "at-risk", "on-track"}

// ReportedName is the status an initiative's owner reports as written in
// data files and scores.json: on-track, at-risk, off-track, or "" for none.
func (s Status) ReportedName() string { return reportedNames[s] }

// ParseReported reads an owner's status: on-track, at-risk or off-track,
// in any case, with a space or a hyphen ("On track" is what a spreadsheet
// holds). Blank is None.
func ParseReported(s string) (Status, error) {
	if s == "" {
		return None, nil
	}
	norm := strings.ToLower(strings.ReplaceAll(s, " ", "-"))
	for i, n := range reportedNames[1:] {
		if norm == n {
			return Status(i + 1), nil
		}
	}
	return None, fmt.Errorf("is not one of on-track | at-risk | off-track")
}
