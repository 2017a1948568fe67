package render

import (
	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/generator/internal/view"
)

// PackPath is where a build writes the board pack.
const PackPath = view.PackPath

// Pack renders the board pack.
func Pack(r *compute.Result, theme *theme.Theme) ([]byte, error) {
	if err := theme.Parse(); err != nil {
		return nil, err
	}
	if err := checkNumbers(r); err != nil {
		return nil, err
	}
	return runJob(packJob(view.NewBuilder(r, theme), newPager(theme), false, ""))
}

// packJob renders the board pack of b's period, of the units the site's
// [pack] (or scorecard pack's flags) cover, as a page of the site when
// sitePage is true (see view.Builder.Pack), linking pdf when not "".
func packJob(b *view.Builder, pr *pager, sitePage bool, pdf string) job {
	path := b.Prefix() + PackPath
	return job{path: path, make: func() ([]byte, error) {
		v, err := b.Pack(sitePage, b.Result().Site.Pack, pdf)
		if err != nil {
			return nil, err
		}
		return pr.execute("pack", "pack.html", path, v)
	}}
}
