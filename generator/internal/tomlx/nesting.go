package tomlx

import "bytes"

// MaxNesting bounds how deep arrays and inline tables nest in a TOML file. A
// scorecard nests two deep (a list of inline tables); the parsers' cost grows
// with the square of the depth, so a file of nothing but brackets could
// otherwise take minutes and gigabytes. Decode reports a file that nests
// deeper, and decodes nothing of it.
const MaxNesting = 16

// tooDeep returns the position of the first bracket or brace of src that
// nests deeper than MaxNesting, skipping strings and comments; 0, 0 if none.
func tooDeep(src []byte) (line, col int) {
	depth, line, start := 0, 1, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, start = line+1, i+1
		case '#':
			for i < len(src)-1 && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(src, i, &line, &start)
		case '[', '{':
			if depth++; depth > MaxNesting {
				return line, i - start + 1
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, 0
}

// skipString returns the index of the last byte of the TOML string that
// starts at src[i], counting the lines it spans.
func skipString(src []byte, i int, line, start *int) int {
	q := src[i]
	delim := []byte{q}
	if bytes.HasPrefix(src[i:], []byte{q, q, q}) {
		delim = []byte{q, q, q}
	}
	for j := i + len(delim); j < len(src); j++ {
		switch {
		case src[j] == '\\' && q == '"':
			if j++; j < len(src) && src[j] == '\n' { // a line-ending backslash
				*line, *start = *line+1, j+1
			}
		case src[j] == '\n':
			if len(delim) == 1 {
				return j - 1 // an unclosed string; the parser reports it
			}
			*line, *start = *line+1, j+1
		case bytes.HasPrefix(src[j:], delim):
			return j + len(delim) - 1
		}
	}
	return len(src) - 1
}
