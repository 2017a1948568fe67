package chart

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/compute"
	"github.com/scorecard-dev/scorecard/generator/internal/model"
	"github.com/scorecard-dev/scorecard/generator/internal/period"
)

// TestChartJSONLikeEncodingJSON checks the hand-written encoders of chart
// data against encoding/json, which wrote the same options before.
func TestChartJSONLikeEncodingJSON(t *testing.T) {
	vals := []any{nil, 0.0, math.Copysign(0, -1), 1.0, -1.5, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.2345e22, -3e-300,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.125, 1.0 / 3, 2.0 / 3 * 1e9,
		0.3, 0.3, 0.3, nil, 0.3, 0.0, math.Copysign(0, -1), math.Copysign(0, -1), 0.0, 1e-7, 1e-7}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		vals = append(vals, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(60)-30)))
	}
	want, err := json.Marshal(vals)
	if err != nil {
		t.Fatal(err)
	}
	opts := make([]model.Opt, len(vals))
	for i, v := range vals {
		if v != nil {
			opts[i] = model.Some(v.(float64))
		}
	}
	if got := appendJSONValues(nil, opts); string(got) != string(want) {
		t.Errorf("appendJSONValues:\n got %s\nwant %s", got, want)
	}
	// Every prefix of the array, as a past review period's chart takes it.
	arr := valuesArray(opts)
	for _, n := range []int{0, 1, 2, 7, 23, 24, 29, len(vals)} {
		want, _ := json.Marshal(vals[:n])
		if got := arr.prefix(nil, n); string(got) != string(want) {
			t.Errorf("the first %d values:\n got %s\nwant %s", n, got, want)
		}
	}
	strs := []string{"", "Sep 2026", "Q3 2026", `a "quoted" \ name`, "</script><!--", "a & b", "\u2028\u2029", "tab\there", "é", "\x7f", "bad \xff"}
	want, _ = json.Marshal(strs)
	if got := appendJSONStrings(nil, strs); string(got) != string(want) {
		t.Errorf("appendJSONStrings:\n got %s\nwant %s", got, want)
	}
}

// TestMembersEncode checks that an object of encoded members and extra
// members comes out as encoding/json writes the whole map.
func TestMembersEncode(t *testing.T) {
	m := map[string]any{"b": 1, "d": []any{"x", nil}, "a": map[string]any{"z": true, "y": "<"}}
	ms := encodeMembers(m)
	got := ms.encode(nil, member{"c", []byte(`[1,2]`)}, member{"0", []byte(`null`)}, member{"e", []byte(`{}`)})
	m["c"], m["0"], m["e"] = []int{1, 2}, nil, map[string]any{}
	want, _ := json.Marshal(m)
	if string(got) != string(want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := (members{}).encode(nil); string(got) != "{}" {
		t.Errorf("empty object: %s", got)
	}
}

// TestHistoriesArePrefixes: the history chart of a measure's first n
// periods, as a past review draws it from the as-of period's arrays, is
// the chart History draws of those n periods alone, for every n; the
// periods have gaps and thresholds that change and repeat, in a language
// written left to right and one written right to left.
func TestHistoriesArePrefixes(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		testHistoriesArePrefixes(t, testWords(t, lang))
	}
}

func testHistoriesArePrefixes(t *testing.T, words *Words) {
	for _, pol := range []model.Polarity{model.Higher, model.Lower, model.Range} {
		m := &model.Measure{ID: "m", Name: "M", Unit: &model.Unit{ID: "u"}, Polarity: pol, Band: model.Band{Low: 1, High: 2, Tolerance: 0.5}}
		var hist []compute.PeriodResult
		for i := range 14 {
			h := compute.PeriodResult{Actual: model.Some(float64(i) / 3)}
			if i%4 == 2 {
				h.Actual = model.Opt{}
			}
			if i != 5 {
				target := 10 + float64(i/3)
				h.Target, h.Red, h.Stretch = model.Some(target), model.Some(target-1), model.Some(target+1)
				if pol == model.Lower {
					h.Red, h.Stretch = h.Stretch, h.Red
				}
			}
			h.Period = period.Period{Freq: period.Monthly, N: 2026*12 + i}
			hist = append(hist, h)
		}
		all := NewHistories(m, hist, words)
		for n := 1; n <= len(hist); n++ {
			got, want := all.Chart(n), History(m, hist[:n], words)
			if got.Option != want.Option || got.ID != want.ID || got.Label != want.Label || got.Height != want.Height {
				t.Errorf("%v, first %d periods:\n got %s\nwant %s", pol, n, got.Option, want.Option)
			}
		}
	}
}
