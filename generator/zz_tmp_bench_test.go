package generator

import (
	"os"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/theme"
	"github.com/scorecard-dev/scorecard/themes"
)

func BenchmarkTmpRender(b *testing.B) {
	root, _ := os.OpenRoot(os.Getenv("SITE"))
	fsys := root.FS()
	r := compileBench(b, fsys)
	th, _ := theme.New(fsys, r.Site.Theme, themes.Default())
	var out discard
	cpu := cpuTime()
	for b.Loop() {
		if _, err := render.Site(r, th, &out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu)/float64(b.N), "cpu-s")
}
