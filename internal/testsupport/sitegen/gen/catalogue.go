package gen

// The catalogue of measures and objectives units are made of. Names, units and
// levels are those of a trading company so that generated pages read like a
// real scorecard and charts have believable scales.

// polarity of a measure.
type polarity int

const (
	higher polarity = iota
	lower
	band // "range" in scorecard.toml; range is a Go keyword
)

func (p polarity) String() string {
	return [...]string{"higher", "lower", "range"}[p]
}

// kind says how a measure's level is drawn and how its values are rounded.
type kind int

const (
	currency kind = iota // a share (lo–hi) of the unit's monthly revenue
	count                // lo–hi per typical leaf unit, scaled by unit size
	ratio                // a fraction in [0, 1], shown as a percentage
	scalar               // an absolute level (days, points, an index)
)

// Perspective indexes, bottom of the strategy map last as in config.toml.
const (
	financial = iota
	customer
	internal
	learning
	numPerspectives
)

var perspectiveIDs = [numPerspectives]string{"financial", "customer", "internal", "learning"}
var perspectiveNames = [numPerspectives]string{"Financial", "Customer", "Internal Process", "Learning & Growth"}

// ownerRoles name who owns an objective of each perspective.
var ownerRoles = [numPerspectives]string{"Finance Lead", "Customer Lead", "Operations Lead", "People Lead"}

// template is a measure as the catalogue describes it.
type template struct {
	id, name  string
	unit      string // display unit
	format    string
	pol       polarity
	kind      kind
	lo, hi    float64 // level range; for range polarity, the band
	tol       float64 // range polarity only: tolerance
	flow      bool    // months add up (sales, hours), as opposed to stocks and rates
	valueDec  int     // decimals of CSV actuals
	targetDec int     // decimals of targets and thresholds
}

func cur(id, name string, pol polarity, lo, hi float64, flow bool) template {
	return template{id: id, name: name, unit: "USD", format: "#,##0", pol: pol, kind: currency, lo: lo, hi: hi, flow: flow, valueDec: 2, targetDec: 0}
}

func cnt(id, name, unit string, pol polarity, lo, hi float64, flow bool) template {
	return template{id: id, name: name, unit: unit, format: "#,##0", pol: pol, kind: count, lo: lo, hi: hi, flow: flow}
}

func pct(id, name string, pol polarity, lo, hi float64) template {
	return template{id: id, name: name, format: "0.0%", pol: pol, kind: ratio, lo: lo, hi: hi, valueDec: 4, targetDec: 3}
}

func num(id, name, unit, format string, pol polarity, lo, hi float64, dec int) template {
	return template{id: id, name: name, unit: unit, format: format, pol: pol, kind: scalar, lo: lo, hi: hi, valueDec: dec, targetDec: dec}
}

func banded(id, name, unit, format string, lo, hi, tol float64, dec int) template {
	return template{id: id, name: name, unit: unit, format: format, pol: band, kind: scalar, lo: lo, hi: hi, tol: tol, valueDec: dec, targetDec: dec}
}

// revenueTemplate is the measure every unit has: leaves report it, the others
// roll it up with a sum, as a sales ledger consolidates.
var revenueTemplate = cur("revenue", "Revenue", higher, 1, 1, true)

// csatTemplate is the second measure every unit has (when units have six
// measures or more): rolled up as an average, to exercise the other roll-up.
var csatTemplate = pct("csat", "Customer satisfaction", higher, 0.78, 0.90)

// catalogue lists the ordinary measures of each perspective.
var catalogue = [numPerspectives][]template{
	financial: {
		cur("gross-profit", "Gross profit", higher, 0.30, 0.45, true),
		cur("operating-income", "Operating income", higher, 0.08, 0.15, true),
		cur("new-business-revenue", "New business revenue", higher, 0.08, 0.20, true),
		cur("recurring-revenue", "Recurring revenue", higher, 0.40, 0.60, true),
		cur("cash-balance", "Month-end cash balance", higher, 1.5, 3.0, false),
		pct("return-on-assets", "Return on assets", higher, 0.04, 0.12),
		pct("collection-rate", "Cash collection rate", higher, 0.92, 0.97),
		pct("price-realisation", "Price realisation", higher, 0.94, 0.98),
		cur("opex", "Operating expenses", lower, 0.20, 0.30, true),
		cur("cost-of-sales", "Cost of sales", lower, 0.50, 0.65, true),
		cur("bad-debt", "Bad debt written off", lower, 0.005, 0.02, true),
		cur("overdue-receivables", "Overdue receivables", lower, 0.10, 0.20, false),
		num("dso", "Days sales outstanding", "days", "#,##0.0", lower, 35, 60, 1),
		num("cost-per-order", "Cost per order", "USD", "#,##0.00", lower, 20, 60, 2),
		banded("working-capital-ratio", "Working capital ratio", "", "0.00", 1.2, 2.0, 0.2, 2),
		banded("forecast-bias", "Revenue forecast bias", "", "0.0%", 0.97, 1.03, 0.03, 4),
	},
	customer: {
		num("nps", "Net Promoter Score", "pts", "0.0", higher, 20, 60, 1),
		pct("customer-retention", "Customer retention", higher, 0.85, 0.94),
		cnt("new-customers", "New customers", "customers", higher, 20, 80, true),
		pct("repeat-purchase-rate", "Repeat purchase rate", higher, 0.30, 0.50),
		pct("share-of-wallet", "Share of wallet", higher, 0.15, 0.35),
		pct("market-share", "Market share", higher, 0.05, 0.25),
		cnt("active-customers", "Active customers", "customers", higher, 500, 2000, false),
		pct("on-time-delivery", "On-time delivery", higher, 0.90, 0.97),
		num("complaint-rate", "Complaints per 1,000 orders", "per 1,000", "#,##0.00", lower, 1, 4, 2),
		pct("churn-rate", "Customer churn", lower, 0.01, 0.04),
		num("response-time", "Median response time", "hours", "#,##0.0", lower, 4, 24, 1),
		pct("returns-rate", "Returns rate", lower, 0.02, 0.06),
		cnt("lost-deals", "Deals lost to competitors", "deals", lower, 5, 20, true),
		banded("price-index", "Price index against the market", "", "0.000", 0.98, 1.02, 0.02, 4),
		banded("delivery-lead-time", "Delivery lead time", "days", "0.0", 2, 4, 1, 1),
	},
	internal: {
		pct("perfect-order-rate", "Perfect order rate", higher, 0.90, 0.97),
		pct("first-pass-yield", "First-pass yield", higher, 0.85, 0.96),
		pct("process-automation", "Processes automated", higher, 0.30, 0.70),
		cnt("throughput", "Orders processed", "orders", higher, 1000, 5000, true),
		pct("supplier-on-time", "Supplier on-time delivery", higher, 0.88, 0.96),
		pct("forecast-accuracy", "Demand forecast accuracy", higher, 0.70, 0.90),
		pct("projects-on-schedule", "Projects on schedule", higher, 0.60, 0.90),
		pct("defect-rate", "Defect rate", lower, 0.005, 0.03),
		num("cycle-time", "Order cycle time", "days", "#,##0.0", lower, 3, 10, 1),
		cnt("order-backlog", "Order backlog", "orders", lower, 200, 800, false),
		num("unit-cost", "Cost per unit shipped", "USD", "#,##0.00", lower, 5, 20, 2),
		cnt("safety-incidents", "Safety incidents", "incidents", lower, 2, 6, true),
		cnt("rework-hours", "Rework hours", "hours", lower, 50, 300, true),
		banded("inventory-days", "Days of inventory", "days", "#,##0.0", 35, 45, 5, 1),
		banded("capacity-utilisation", "Capacity utilisation", "", "0.0%", 0.75, 0.85, 0.05, 4),
	},
	learning: {
		num("engagement-index", "Employee engagement index", "pts", "0.0", higher, 60, 80, 1),
		num("training-hours", "Training hours per employee", "hours", "0.0", higher, 3, 10, 1),
		pct("internal-promotion-rate", "Roles filled internally", higher, 0.20, 0.50),
		pct("skills-coverage", "Critical skills coverage", higher, 0.60, 0.90),
		cnt("ideas-implemented", "Improvement ideas implemented", "ideas", higher, 5, 30, true),
		cnt("certifications", "Certifications earned", "certifications", higher, 2, 15, true),
		pct("digital-adoption", "Digital tool adoption", higher, 0.40, 0.80),
		pct("talent-retention", "Retention of key talent", higher, 0.85, 0.94),
		pct("staff-turnover", "Staff turnover (annualised)", lower, 0.08, 0.20),
		pct("absence-rate", "Absence rate", lower, 0.02, 0.05),
		num("vacancy-days", "Days to fill a vacancy", "days", "#,##0.0", lower, 30, 60, 1),
		cnt("overtime-hours", "Overtime hours", "hours", lower, 100, 600, true),
		num("time-to-hire", "Time to hire", "days", "#,##0.0", lower, 25, 60, 1),
		banded("span-of-control", "Span of control", "reports", "0.0", 6, 10, 2, 1),
		banded("overtime-share", "Overtime share of hours", "", "0.0%", 0.02, 0.05, 0.02, 4),
	},
}

// qualifiers make more measures of one template (gross profit online, retail,
// ...) when a unit needs more measures than the catalogue has.
var qualifiers = []struct{ id, name string }{
	{"online", "Online"}, {"retail", "Retail"}, {"wholesale", "Wholesale"},
	{"export", "Export"}, {"services", "Services"}, {"key-accounts", "Key accounts"},
	{"smb", "SMB"}, {"public-sector", "Public sector"}, {"new-products", "New products"},
	{"core", "Core range"},
}

// objectiveTemplate is an objective as the catalogue describes it. Objective
// ids are verb phrases and measure ids nouns, so the two never collide.
type objectiveTemplate struct{ id, name string }

var objectiveCatalogue = [numPerspectives][]objectiveTemplate{
	financial: {
		{"grow-revenue", "Grow revenue profitably"}, {"improve-margins", "Improve margins"},
		{"control-costs", "Keep costs under control"}, {"strengthen-cash", "Strengthen the cash position"},
		{"diversify-income", "Diversify income"}, {"sweat-assets", "Get more from our assets"},
	},
	customer: {
		{"delight-customers", "Delight customers"}, {"win-new-customers", "Win new customers"},
		{"keep-key-accounts", "Keep our key accounts"}, {"build-brand-trust", "Build trust in the brand"},
		{"deliver-on-promises", "Deliver on our promises"}, {"price-competitively", "Price competitively"},
	},
	internal: {
		{"excel-operations", "Run lean, reliable operations"}, {"improve-quality", "Get it right first time"},
		{"shorten-cycle-times", "Shorten cycle times"}, {"digitise-processes", "Digitise our processes"},
		{"strengthen-supply-chain", "Strengthen the supply chain"}, {"operate-safely", "Operate safely"},
	},
	learning: {
		{"build-capability", "Build the skills we need"}, {"engage-our-people", "Engage our people"},
		{"develop-leaders", "Develop leaders"}, {"attract-talent", "Attract talent"},
		{"foster-innovation", "Foster innovation"}, {"improve-wellbeing", "Look after wellbeing"},
	},
}

// Unit names: a place and a word for the level of the cascade.
var places = []string{
	"Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Alpine", "Atlantic",
	"Pacific", "Baltic", "Nordic", "Iberian", "Adriatic", "Highland", "Lowland", "Metro",
	"Lisbon", "Madrid", "Lyon", "Milan", "Munich", "Vienna", "Prague", "Warsaw", "Oslo",
	"Dublin", "Leeds", "Glasgow", "Antwerp", "Rotterdam", "Zurich", "Porto", "Seville",
	"Toronto", "Boston", "Denver", "Austin", "Seattle", "Chicago", "Atlanta", "Phoenix",
	"Osaka", "Seoul", "Sydney", "Perth", "Auckland", "Singapore", "Mumbai", "Dubai", "Nairobi",
	"Lagos", "Santiago", "Lima", "Bogota", "Monterrey", "Calgary", "Halifax", "Tampa",
}

var levelWords = []string{"Group", "Division", "Region", "Area", "District", "Branch", "Team"}

// initiativeCatalogue lists initiatives with the perspective they mostly serve.
var initiativeCatalogue = []struct {
	id, name    string
	perspective int
}{
	{"crm-rollout", "CRM roll-out", customer},
	{"pricing-review", "Pricing review", financial},
	{"lean-programme", "Lean operations programme", internal},
	{"erp-upgrade", "ERP upgrade", internal},
	{"leadership-academy", "Leadership academy", learning},
	{"customer-portal", "Self-service customer portal", customer},
	{"warehouse-automation", "Warehouse automation", internal},
	{"wellbeing-programme", "Wellbeing programme", learning},
	{"working-capital-drive", "Working capital drive", financial},
	{"supplier-consolidation", "Supplier consolidation", internal},
}

var milestoneNames = []string{
	"Business case approved", "Vendor selected", "Pilot live", "Pilot reviewed",
	"Roll-out wave 1", "Roll-out wave 2", "Training complete", "Benefits review",
}
