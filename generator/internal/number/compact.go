package number

import "math"

// scales are the steps of Compact, largest first.
var scales = []struct {
	size   float64
	suffix string
}{{1e12, "tn"}, {1e9, "bn"}, {1e6, "m"}, {1e3, "k"}}

// symbols are the currencies whose code, as a measure's display unit, is
// written as a symbol before a compact number.
var symbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

// Compact formats v for a headline tile or the board pack, where a number
// must fit a narrow box: from 1,000 up, scaled to thousands (k), millions
// (m), billions (bn) or trillions (tn) with one decimal (88,996,008 →
// 89.0m; 1,234 → 1.2k); below that, as f formats it. Percentages are not
// scaled. unit, the measure's display unit, follows the number ("1.2k
// orders"), but a currency code with a symbol precedes it as the symbol
// ("$89.0m" for USD). A missing value is "–".
func Compact(v float64, ok bool, f Format, unit string) string {
	if !ok || !Finite(v) {
		return "–"
	}
	var b []byte
	sym, isSym := symbols[unit]
	if v < 0 && isSym {
		b = append(b, '-')
		v = -v
	}
	if isSym {
		b = append(b, sym...)
	}
	b = appendCompact(b, v, f)
	if unit != "" && !isSym {
		b = append(b, ' ')
		b = append(b, unit...)
	}
	return string(b)
}

func appendCompact(b []byte, v float64, f Format) []byte {
	if f.Percent {
		return f.Append(b, v)
	}
	one := Format{MinDec: 1, MaxDec: 1, Grouping: true}
	for i, s := range scales {
		if math.Abs(v) < s.size {
			continue
		}
		x := v / s.size
		// 999,960 is 1,000.0k to one decimal: the next scale up says it as 1.0m.
		if i > 0 && math.Abs(math.Round(x*10)/10) >= 1000 {
			x = v / scales[i-1].size
			return append(one.Append(b, x), scales[i-1].suffix...)
		}
		return append(one.Append(b, x), s.suffix...)
	}
	// Below 1,000: as the measure's format, but 999.96 shown as "1,000"
	// by it stays as it is: still short.
	return f.Append(b, v)
}
