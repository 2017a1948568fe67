package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// BenchmarkUpdateM measures Session.Update on the M workload (100 units, 30
// measures, 36 months) after one actual changed: the latest value of a
// measure of a unit deep in the cascade, in the largest data file, halved
// and restored in turn, so that every update has a change that moves its
// status and rolls up. ns/op is Update, after which the changed pages are
// served; the board pack, which Finish writes afterwards, is reported apart
// (pack-ms/op), as are the pages rendered and files written per update,
// the milliseconds of each stage, and the CPU time of Update
// (update-cpu-ms/op: the process's, user and system), which on a shared
// machine says more than the wall clock.
func BenchmarkUpdateM(b *testing.B) {
	source := b.TempDir()
	if _, err := gen.Generate(source, gen.Params{Units: 100, Measures: 30, Months: 36, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	file, line, alt := lastActual(b, source)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	changed := bytes.Replace(orig, []byte(line), []byte(alt), 1)
	s := NewSession(Options{Source: source})
	if _, err := s.Build(context.Background(), filepath.Join(b.TempDir(), "site")); err != nil {
		b.Fatal(err)
	}
	stages := map[string]time.Duration{}
	var order []string
	var t0 time.Time
	lap := func(stage string) {
		if !slices.Contains(order, stage) {
			order = append(order, stage)
		}
		stages[stage] += time.Since(t0)
		t0 = time.Now()
	}
	var rendered, written int
	var pack time.Duration
	var cpu float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		data := changed
		if i%2 == 1 {
			data = orig
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 = time.Now()
		c0 := cpuTime()
		_, up, err := s.update(context.Background(), nil, lap)
		if err != nil {
			b.Fatal(err)
		}
		stages["write"] += time.Since(t0)
		cpu += cpuTime() - c0
		b.StopTimer()
		t1 := time.Now()
		later, err := s.Finish(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		pack += time.Since(t1)
		b.StartTimer()
		rendered += len(up.Rendered)
		written += len(up.Written) + len(later)
	}
	n := float64(b.N)
	b.ReportMetric(float64(rendered)/n, "rendered/op")
	b.ReportMetric(float64(written)/n, "written/op")
	for _, st := range append(order, "write") {
		b.ReportMetric(float64(stages[st].Microseconds())/1000/n, st+"-ms/op")
	}
	b.ReportMetric(float64(pack.Microseconds())/1000/n, "pack-ms/op")
	b.ReportMetric(cpu*1000/n, "update-cpu-ms/op")
}

// lastActual finds, in the largest data file of source, the last row with an
// actual, and returns the file, the row, and the row with its actual halved.
func lastActual(b *testing.B, source string) (file, line, alt string) {
	files, _ := filepath.Glob(filepath.Join(source, "data", "actuals", "*.csv"))
	var size int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > size {
			file, size = f, fi.Size()
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for i := len(lines) - 1; i > 0; i-- {
		cells := strings.Split(lines[i], ",")
		if len(cells) > 3 && cells[3] != "" {
			var v float64
			if _, err := fmtSscan(cells[3], &v); err != nil {
				continue
			}
			cells[3] = formatHalf(v)
			return file, lines[i] + "\n", strings.Join(cells, ",") + "\n"
		}
	}
	b.Fatal("no actual found")
	return
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }
func formatHalf(v float64) string                { return strconv.FormatFloat(v/2, 'f', 2, 64) }
