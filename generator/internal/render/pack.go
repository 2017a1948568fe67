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
	return runJob(packJob(view.NewBuilder(r, theme), newPager(theme), false))
}

// packJob renders the board pack, as a page of the site when sitePage is
// true (see view.Builder.Pack).
func packJob(b *view.Builder, pr *pager, sitePage bool) job {
	path := b.Prefix() + PackPath
	return job{path: path, make: func() ([]byte, error) {
		v, err := b.Pack(sitePage)
		if err != nil {
			return nil, err
		}
		return pr.execute("pack", "pack.html", path, v)
	}}
}
