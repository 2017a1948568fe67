package diag

import (
	"strconv"
	"strings"
)

func (p Pos) cell() string {
	var b strings.Builder
	if p.File == "" {
		b.WriteString("source ")
		b.WriteString(p.Sheet)
		if p.Line > 0 {
			b.WriteString(", row ")
			b.WriteString(strconv.Itoa(p.Line))
		}
		if p.Col > 0 {
			b.WriteString(", column ")
			b.WriteString(strconv.Itoa(p.Col))
		}
		return b.String()
	}
	b.WriteString(p.File)
	b.WriteByte(':')
	b.WriteString(SheetRef(p.Sheet))
	switch {
	case p.Line > 0 && p.Col > 0:
		b.WriteByte('!')
		b.WriteString(ColumnName(p.Col))
		b.WriteString(strconv.Itoa(p.Line))
	case p.Line > 0:
		b.WriteString("!")
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(":")
		b.WriteString(strconv.Itoa(p.Line))
	}
	return b.String()
}

// SheetRef writes a sheet's name as a spreadsheet formula does: as it is
// when it is letters, digits and underscores not starting with a digit,
// otherwise in single quotes with a quote inside doubled ('Q3 data'!C7).
func SheetRef(name string) string {
	plain := name != "" && !(name[0] >= '0' && name[0] <= '9')
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// ColumnName returns the letters of spreadsheet column n (1 = A, 27 = AA).
func ColumnName(n int) string {
	var buf [8]byte
	i := len(buf)
	for n > 0 && i > 0 {
		n--
		i--
		buf[i] = byte('A' + n%26)
		n /= 26
	}
	return string(buf[i:])
}
