package render

import (
	"fmt"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/number"
	"github.com/scorecard-dev/scorecard/generator/internal/parallel"
)

// checkNumbers refuses a result holding a number that is not finite, before
// any page is made of it. compute reports every such result as an error at
// the input that caused it, so none reaches here from a build; this keeps a
// fault in that promise an error that names the number, rather than a panic
// in a chart's JSON or "NaN" on a page.
func checkNumbers(r *compute.Result) error {
	// Every period of every measure, on every CPU: on one, the other CPUs
	// waited for it at the start of the render (10 ms on M). The error is
	// the first measure's, in their order, as one loop would find it.
	errs := make([]error, len(r.Measures))
	parallel.For(len(r.Measures), func(i int) { errs[i] = checkMeasure(r, &r.Measures[i]) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for i := range r.Objectives {
		or := &r.Objectives[i]
		o := or.Objective
		what := fmt.Sprintf("objective %q of unit %q", o.ID, o.Unit.ID)
		if err := checkOpts(what, or.Score, or.DriverScore); err != nil {
			return err
		}
		if err := checkOpts(what+": score history", or.History...); err != nil {
			return err
		}
		for _, l := range or.Effects {
			if !number.Finite(l.R) {
				return fmt.Errorf("%s: the link evidence %v is not a number a page can show", what, l.R)
			}
		}
	}
	for i := range r.Initiatives {
		ir := &r.Initiatives[i]
		what := fmt.Sprintf("initiative %q of unit %q", ir.Initiative.ID, ir.Initiative.Unit.ID)
		if err := checkOpts(what, ir.Complete, ir.Expected, ir.Score, ir.Spend, ir.Spent, ir.Initiative.Budget); err != nil {
			return err
		}
		for _, pt := range ir.History {
			if err := checkOpts(what+" in "+pt.Period.String(), pt.Complete, pt.Expected, pt.Spend); err != nil {
				return err
			}
		}
	}
	for i := range r.Units {
		ur := &r.Units[i]
		what := fmt.Sprintf("unit %q", ur.Unit.ID)
		if err := checkOpts(what, ur.Score); err != nil {
			return err
		}
		for _, pr := range ur.Perspectives {
			if err := checkOpts(what+", perspective "+pr.Perspective.ID, pr.Score); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkMeasure(r *compute.Result, mr *compute.MeasureResult) error {
	m := mr.Measure
	// What a message names is made only for a message: the check runs over
	// every period of every measure before each render, serve's included.
	what := func() string { return fmt.Sprintf("measure %q of unit %q", m.ID, m.Unit.ID) }
	if !number.Finite(m.Band.Low) || !number.Finite(m.Band.High) || !number.Finite(m.Band.Tolerance) || !number.Finite(m.Weight) {
		return fmt.Errorf("%s: its definition holds a number that is not finite", what())
	}
	if v, bad := notFinite(mr.Value, mr.Target, mr.Red, mr.Stretch, mr.Score); bad {
		return notShown(what(), v)
	}
	for h := range r.EachHistory(m) {
		if v, bad := notFinite(h.Actual, h.Target, h.Red, h.Stretch, h.Score); bad {
			return notShown(what()+" in "+h.Period.String(), v)
		}
	}
	return nil
}

func checkOpts(what string, vs ...model.Opt) error {
	if v, bad := notFinite(vs...); bad {
		return notShown(what, v)
	}
	return nil
}

// notFinite returns the first of vs that holds a number that is not
// finite.
func notFinite(vs ...model.Opt) (float64, bool) {
	for _, v := range vs {
		if v.OK && !number.Finite(v.V) {
			return v.V, true
		}
	}
	return 0, false
}

func notShown(what string, v float64) error {
	return fmt.Errorf("%s: %v is not a number a page can show", what, v)
}
