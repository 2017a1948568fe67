package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scorecard-dev/scorecard/internal/testsupport/sitegen/gen"
)

// BenchmarkServeEditM measures, on the M workload (100 units, 30 measures,
// 36 months), the time from writing a data file with one actual changed to
// the changed measure page being served with the new value: the watcher's
// event, its debounce (Options.Debounce, 100ms by default, included), the
// in-place update and the request. The actual alternates between its value
// and half of it. ms/edit is the median of the runs.
func BenchmarkServeEditM(b *testing.B) {
	source := b.TempDir()
	if _, err := gen.Generate(source, gen.Params{Units: 100, Measures: 30, Months: 36, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(source, "data", "actuals", "u0018.csv")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// The last row: the latest actual of a measure deep in the cascade.
	lines := strings.Split(strings.TrimSuffix(string(orig), "\n"), "\n")
	last := strings.Split(lines[len(lines)-1], ",")
	v, err := strconv.ParseFloat(last[3], 64)
	if err != nil {
		b.Fatal(err)
	}
	page := "units/" + last[0] + "/measures/" + last[1] + ".html"
	half := append([]string(nil), last...)
	half[3] = strconv.FormatFloat(v/2, 'f', 2, 64)
	changed := bytes.Replace(orig, []byte(strings.Join(last, ",")+"\n"), []byte(strings.Join(half, ",")+"\n"), 1)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := Start(ctx, Options{Source: source, tempDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		cancel()
		srv.Wait()
	}()
	get := func() string {
		resp, err := http.Get(srv.URL() + page)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return string(body)
	}
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		before, gen := get(), srv.cur.Load().gen
		data := changed
		if i%2 == 1 {
			data = orig
		}
		start := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for get() == before {
			if time.Since(start) > 30*time.Second {
				b.Fatal("the edit was not served within 30s")
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		// Let the update end and the board pack be written before the
		// next edit, as a person would between two saves.
		for srv.cur.Load().gen == gen {
			time.Sleep(time.Millisecond)
		}
		for _, wait := range srv.cur.Load().pending {
			<-wait
		}
	}
	b.Log(took)
	b.ReportMetric(float64(median(took).Microseconds())/1000, "ms/edit")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}
