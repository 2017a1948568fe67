package maplayout

// The dense fixture: one unit's strategy map with 24 objectives in the four
// perspectives of Kaplan and Norton, three strategic themes (Treacy and
// Wiersema's value disciplines) of eight objectives each, and 35 drives
// links: 26 from one perspective to the next, 6 across a perspective or
// more, 3 within a perspective; 29 within a theme and 6 between themes.
// The objectives are listed as an author might write them, perspective by
// perspective in no particular order, which is the naive order.

const (
	excellence = iota // operational excellence
	intimacy          // customer intimacy
	leadership        // product leadership
)

// denseObjectives are (id, lane, theme) in file order.
var denseObjectives = []struct {
	id         string
	lane, band int
}{
	{"share-of-wallet", 0, intimacy}, {"asset-use", 0, excellence}, {"margin", 0, leadership},
	{"cost-to-serve", 0, excellence}, {"new-revenue", 0, leadership}, {"revenue", 0, intimacy},
	{"loyalty", 1, intimacy}, {"price", 1, excellence}, {"first-to-market", 1, leadership},
	{"reliable-delivery", 1, excellence}, {"brand", 1, leadership}, {"solutions", 1, intimacy},
	{"lean-processes", 2, excellence}, {"crm", 2, intimacy}, {"research", 2, leadership},
	{"service", 2, intimacy}, {"suppliers", 2, excellence}, {"launches", 2, leadership},
	{"process-skills", 3, excellence}, {"customer-data", 3, intimacy}, {"talent", 3, leadership},
	{"automation", 3, excellence}, {"culture", 3, intimacy}, {"ideas", 3, leadership},
}

// denseLinks are cause → effect by id.
var denseLinks = [][2]string{
	// operational excellence
	{"process-skills", "lean-processes"}, {"automation", "lean-processes"}, {"automation", "suppliers"},
	{"lean-processes", "reliable-delivery"}, {"suppliers", "reliable-delivery"}, {"lean-processes", "price"},
	{"reliable-delivery", "cost-to-serve"}, {"suppliers", "cost-to-serve"}, {"lean-processes", "suppliers"},
	{"price", "asset-use"}, {"process-skills", "price"},
	// customer intimacy
	{"customer-data", "crm"}, {"culture", "service"}, {"customer-data", "loyalty"}, {"crm", "loyalty"},
	{"service", "solutions"}, {"crm", "solutions"}, {"loyalty", "revenue"}, {"solutions", "share-of-wallet"},
	{"culture", "revenue"}, {"share-of-wallet", "revenue"},
	// product leadership
	{"talent", "research"}, {"ideas", "launches"}, {"ideas", "first-to-market"}, {"research", "first-to-market"},
	{"launches", "brand"}, {"first-to-market", "new-revenue"}, {"brand", "margin"}, {"research", "launches"},
	// between themes
	{"reliable-delivery", "loyalty"}, {"price", "revenue"}, {"service", "reliable-delivery"},
	{"first-to-market", "revenue"}, {"brand", "loyalty"}, {"automation", "reliable-delivery"},
}

// testSpacing is the site's spacing (render's siteMap).
var testSpacing = Spacing{Left: 128, Top: 34, Margin: 12, BoxGap: 28, BandGap: 20, Track: 10,
	Clear: 14, PortGap: 18, Corner: 12, MinRow: 60}

// denseInput is the dense fixture with boxes of 172 × 64 and bands that
// need 190 pixels for their labels.
func denseInput() Input {
	in := Input{Lanes: 4, Bands: []Band{{MinW: 190}, {MinW: 190}, {MinW: 190}}, Spacing: testSpacing}
	index := map[string]int{}
	for i, o := range denseObjectives {
		index[o.id] = i
		in.Objectives = append(in.Objectives, Objective{Lane: o.lane, Band: o.band, W: 172, H: 64})
	}
	for _, l := range denseLinks {
		from, ok1 := index[l[0]]
		to, ok2 := index[l[1]]
		if !ok1 || !ok2 {
			panic("dense fixture: unknown id in " + l[0] + " → " + l[1])
		}
		in.Links = append(in.Links, Link{from, to})
	}
	return in
}
