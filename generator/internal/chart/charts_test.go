package chart

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/model"
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
