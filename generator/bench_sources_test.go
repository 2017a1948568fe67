package generator

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/scorecard-dev/scorecard/generator/internal/diag"
	"github.com/scorecard-dev/scorecard/generator/internal/load"
)

// The workloads with their data in other sources (docs/performance.md):
// every data file of the generated site as a workbook of the same name
// (written with excelize's stream writer), or every row in one SQLite
// table read by a [[sources]] query. Cached beside the CSV site.
//
//	go test ./generator -run '^$' -bench 'Sources/M' -benchtime 3x
//	SCORECARD_BENCH_L=1 go test ./generator -run '^$' -bench 'BuildSources/L' -benchtime 1x -timeout 60m

const benchEnv = "SCORECARD_BENCH_WAREHOUSE"

// converted returns the workload's site with its data as kind ("xlsx" or
// "sqlite"), making it the first time; for sqlite it sets benchEnv.
func converted(b *testing.B, w workload, kind string) string {
	b.Helper()
	src := w.source(b)
	dir := filepath.Join(filepath.Dir(src), kind)
	site := filepath.Join(dir, "site")
	db := filepath.Join(dir, "warehouse.db")
	if kind == "sqlite" {
		b.Setenv(benchEnv, db)
	}
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
		return site
	}
	os.RemoveAll(dir)
	if err := os.CopyFS(site, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	var files []string
	filepath.WalkDir(filepath.Join(site, "data"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return err
	})
	var conn *sql.DB
	if kind == "sqlite" {
		var err error
		if conn, err = sql.Open("sqlite", db); err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.Exec("CREATE TABLE facts (unit TEXT, measure TEXT, period TEXT, actual REAL, target REAL)"); err != nil {
			b.Fatal(err)
		}
		cfg, _ := os.ReadFile(filepath.Join(site, "config.toml"))
		cfg = append(cfg, fmt.Sprintf("\n[[sources]]\nname = \"warehouse\"\ndriver = \"sqlite\"\ndsn_env = %q\nquery = \"SELECT unit, measure, period, actual, target FROM facts\"\n", benchEnv)...)
		if err := os.WriteFile(filepath.Join(site, "config.toml"), cfg, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range files {
		recs := readCSVFile(b, f)
		if kind == "xlsx" {
			writeWorkbook(b, strings.TrimSuffix(f, ".csv")+".xlsx", recs)
		} else {
			insertFacts(b, conn, recs)
		}
		os.Remove(f)
	}
	if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return site
}

func readCSVFile(b *testing.B, name string) [][]string {
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	return recs
}

// writeWorkbook writes the records as a sheet: numbers as numbers, the
// rest as text.
func writeWorkbook(b *testing.B, name string, recs [][]string) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	row := make([]any, len(recs[0]))
	for i, rec := range recs {
		for j, c := range rec {
			row[j] = c
			if i > 0 && j >= 3 && c != "" {
				var v float64
				fmt.Sscan(c, &v)
				row[j] = v
			} else if c == "" {
				row[j] = nil
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(name); err != nil {
		b.Fatal(err)
	}
}

func insertFacts(b *testing.B, conn *sql.DB, recs [][]string) {
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[h] = i
	}
	tx, err := conn.Begin()
	if err != nil {
		b.Fatal(err)
	}
	st, err := tx.Prepare("INSERT INTO facts VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		b.Fatal(err)
	}
	num := func(rec []string, col string) any {
		i, ok := idx[col]
		if !ok || rec[i] == "" {
			return nil
		}
		var v float64
		fmt.Sscan(rec[i], &v)
		return v
	}
	for _, rec := range recs[1:] {
		if _, err := st.Exec(rec[idx["unit"]], rec[idx["measure"]], rec[idx["period"]], num(rec, "actual"), num(rec, "target")); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkIngestSources reads every row of the workload from CSV, from
// workbooks and from SQLite, keeping nothing: rows per second of each.
func BenchmarkIngestSources(b *testing.B) {
	for _, w := range workloads[1:] {
		for _, kind := range []string{"csv", "xlsx", "sqlite"} {
			b.Run(w.name+"/"+kind, func(b *testing.B) {
				src := w.source(b)
				if kind != "csv" {
					src = converted(b, w, kind)
				}
				root, err := os.OpenRoot(src)
				if err != nil {
					b.Fatal(err)
				}
				defer root.Close()
				fsys := root.FS()
				var dl diag.List
				site := load.Load(fsys, &dl)
				rows := 0
				cpu := cpuTime()
				for b.Loop() {
					rows = 0
					var dl diag.List
					// The data rows of every file and source, as a build
					// reads them, and nothing else.
					for range load.ReadRows(fsys, site.CSVFiles, site.Workbooks(), &dl) {
						rows++
					}
					for range load.ReadSources(site.Sources(), os.Getenv, &dl) {
						rows++
					}
					if dl.HasErrors() {
						b.Fatal(dl.Err())
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				b.ReportMetric(float64(rows)*float64(b.N)/(cpuTime()-cpu), "rows/cpu-s")
			})
		}
	}
}

// BenchmarkBuildSources is BenchmarkBuild with the data from CSV files and
// from SQLite.
func BenchmarkBuildSources(b *testing.B) {
	for _, w := range workloads[1:] {
		for _, kind := range []string{"csv", "sqlite"} {
			b.Run(w.name+"/"+kind, func(b *testing.B) {
				src := w.source(b)
				if kind != "csv" {
					src = converted(b, w, kind)
				}
				dest := filepath.Join(b.TempDir(), "public")
				var rep *Report
				cpu := cpuTime()
				for b.Loop() {
					var err error
					if rep, err = Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(rep.Rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				b.ReportMetric((cpuTime()-cpu)/float64(b.N), "cpu-s/op")
			})
		}
	}
}
