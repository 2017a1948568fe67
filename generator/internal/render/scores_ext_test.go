package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/scorecard-dev/scorecard/generator/internal/render"
	"github.com/scorecard-dev/scorecard/generator/internal/testsupport/sitetest"
)

// TestScoresStreamIsIndentedAsEncodingJSON: scores.json, written a unit at
// a time, is byte for byte what encoding/json makes of the whole file with
// two spaces of indent, on a site of two units with initiatives, a
// missing value and a name full of what JSON escapes.
func TestScoresStreamIsIndentedAsEncodingJSON(t *testing.T) {
	r := sitetest.MustCompile(t, `
-- config.toml --
title = "<Org> & \"friends\""
-- content/scorecard.toml --
name = "Org <script>"
[[objectives]]
id = "grow"
perspective = "financial"
name = "Grow"
  [[objectives.measures]]
  id = "revenue"
  name = "Revenue"
  polarity = "higher"
  target = 100
  [[objectives.measures]]
  id = "cost"
  name = "Cost"
  polarity = "lower"
  target = 50
[[initiatives]]
id = "crm"
name = "CRM"
objectives = ["grow"]
start = 2026-01-01
end = 2026-12-31
  [[initiatives.milestones]]
  name = "Pilot"
  due = 2026-03-31
-- content/sales/scorecard.toml --
name = "Sales ünit"
[[objectives]]
id = "sell"
perspective = "customer"
name = "Sell"
supports = ["grow"]
  [[objectives.measures]]
  id = "orders"
  name = "Orders"
  polarity = "higher"
  target = 10
-- data/a.csv --
unit,measure,period,actual
org,revenue,2026-08,90
org,revenue,2026-09,95.123456
sales,orders,2026-09,12
`)
	var out bytes.Buffer
	if err := render.WriteScores(r, &out); err != nil {
		t.Fatal(err)
	}
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, out.Bytes()); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.Bytes())
	}
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if out.String() != want.String() {
		t.Errorf("scores.json is not indented as encoding/json indents it:\n%s\nwant\n%s", out.Bytes(), want.Bytes())
	}
	for _, s := range []string{`"title": "\u003cOrg\u003e \u0026 \"friends\""`, `"name": "Sales ünit"`, `"parent": "org"`, `"value": 95.1235`, `"value": null`, `"units": [` + "\n    {", `"milestones": [` + "\n" + strings.Repeat(" ", 12) + "{"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("scores.json has no %s", s)
		}
	}
}
