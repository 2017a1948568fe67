package dataset

import (
	"slices"
	"strconv"

	"github.com/scorecard-dev/scorecard/generator/internal/load"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// progressRow checks a row of an initiative's progress and places it among
// the initiative's reports, in period order.
func (d *dataChecker) progressRow(r *load.Row, um *unitMeasures) {
	dl := d.v.dl
	in := um.initiatives[r.Initiative]
	if in == nil {
		dl.Errorf(r.Pos(load.ColInitiative), "unit %q has no initiative %q%s", r.Unit, r.Initiative, hint(r.Initiative, um.initiativeIDs))
		return
	}
	p, err := period.Parse(r.Period)
	if err != nil {
		dl.Errorf(r.Pos(load.ColPeriod), "period %q: %v", r.Period, err)
		return
	}
	s := d.site
	if p.Freq != s.Frequency {
		dl.Errorf(r.Pos(load.ColPeriod), "period %q is %s, but initiatives report their progress for the site's periods, which are %s: expected %s", r.Period, p.Freq, s.Frequency, s.Frequency.Example())
		return
	}
	ok := true
	complete, spend := r.Progress[0], r.Progress[1]
	switch {
	case complete.OK && complete.V > 100:
		dl.Errorf(r.Pos(load.ColComplete), "complete %s is more than 100: it is the percent complete, from 0 to 100", num(complete.V))
		ok = false
	case complete.OK && complete.V < 0:
		dl.Errorf(r.Pos(load.ColComplete), "complete %s is negative: it is the percent complete, from 0 to 100", num(complete.V))
		ok = false
	}
	if spend.OK && spend.V < 0 {
		dl.Errorf(r.Pos(load.ColSpend), "spend %s is negative: it is the spend to date, 0 or more", num(spend.V))
		ok = false
	}
	reported, err := model.ParseReported(r.Status)
	if err != nil {
		dl.Errorf(r.Pos(load.ColStatus), "status %q %v", r.Status, err)
		ok = false
	}
	if !in.Start.IsZero() && s.Calendar.LastDay(p).Before(in.Start) {
		dl.Errorf(r.Pos(load.ColPeriod), "%s/%s %s: the period ends before the initiative starts (%s), so it has no progress to report", r.Unit, r.Initiative, r.Period, in.Start.Format("2006-01-02"))
		ok = false
	}
	if !ok {
		return
	}
	reports := d.data.Progress[in.Index]
	i, found := slices.BinarySearchFunc(reports, p, func(x model.Progress, p period.Period) int { return x.Period.N - p.N })
	row := model.Progress{Period: p, Complete: complete, Spend: spend, Reported: reported, Src: r.Pos(load.ColPeriod)}
	switch {
	case !found:
		d.data.Progress[in.Index] = slices.Insert(reports, i, row)
	case mergeProgress(&reports[i], row):
		// The percent complete in one table, the spend in another, as
		// measures' actuals and targets may be (the reports are this
		// data's own, never shared with the data it was made from).
		d.data.MergedRows++
		model.AddMerged(&d.data.MergedFrom.Initiatives, in.Index, r.Pos(load.ColPeriod))
	default:
		dl.Errorf(r.Pos(load.ColUnit), "duplicate row for %s/%s %s: the first is at %s", r.Unit, r.Initiative, r.Period, reports[i].Src)
		return
	}
	d.data.Rows++
	d.count(r)
}

// mergeProgress adds to pr, a period's report, the figures of row, a later
// row of the same period, and reports whether they could be merged: they
// cannot when row gives a figure pr has, or none at all.
func mergeProgress(pr *model.Progress, row model.Progress) bool {
	given := row.Complete.OK || row.Spend.OK || row.Reported != model.None
	if !given || (row.Complete.OK && pr.Complete.OK) || (row.Spend.OK && pr.Spend.OK) ||
		(row.Reported != model.None && pr.Reported != model.None) {
		return false
	}
	pr.Complete, pr.Spend = pr.Complete.Or(row.Complete), pr.Spend.Or(row.Spend)
	if pr.Reported == model.None {
		pr.Reported = row.Reported
	}
	return true
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
