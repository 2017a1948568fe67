// Package gen writes synthetic but valid scorecard sites: a cascade several
// levels deep with drives and supports links, formulas, roll-ups and gaps in
// the data. The same Params always give byte-identical files, so timings
// taken on two machines, or two commits, are timings of the same input.
package gen
