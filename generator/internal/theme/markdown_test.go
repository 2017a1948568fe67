package theme

import (
	"strings"
	"testing"
)

func TestMarkdownIsTextAndLinks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** and _em_", "<p><strong>bold</strong> and <em>em</em></p>"},
		{"<script>alert(1)</script>", "<!-- raw HTML omitted -->"},
		{"a <b onclick=\"x()\">b</b>", "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>"},
		{"[x](javascript:alert(1))", `<p>x</p>`},
		{"[x **y**](JaVaScRiPt:alert(1))", `<p>x <strong>y</strong></p>`},
		{"[x](vbscript:msgbox)", `<p>x</p>`},
		{"[x](data:text/html,<b>)", `<p>x</p>`},
		{"[x]()", `<p>x</p>`},
		{"<javascript:alert(1)>", `<p>javascript:alert(1)</p>`},
		{"[report](https://example.org/r?a=1&b=2)", `<p><a href="https://example.org/r?a=1&amp;b=2">report</a></p>`},
		{`[report](https://example.org/r "The \"Q3\" <report>")`, `<p><a href="https://example.org/r" title="The &quot;Q3&quot; &lt;report&gt;">report</a></p>`},
		{"[next](../sales/index.html#q3)", `<p><a href="../sales/index.html#q3">next</a></p>`},
		{"<https://example.org/a?b=1&c=2> and a@example.org", `<p><a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a> and <a href="mailto:a@example.org">a@example.org</a></p>`},
		{"![chart](https://example.org/c.png)", `<p><a class="image-link" href="https://example.org/c.png">chart</a></p>`},
		{"![pixel](data:image/svg+xml;base64,PHN2Zz4=)", `<p>pixel</p>`},
		{"| a | b |\n|---|--:|\n| 1 | 2 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>"},
		// Commentary sits under the page's <h1> and its section's <h2>.
		{"# Summary\n## Detail\n#### Deep\n###### Deepest", "<h3>Summary</h3>\n<h4>Detail</h4>\n<h6>Deep</h6>\n<h6>Deepest</h6>"},
		{"Summary\n=======", "<h3>Summary</h3>"},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := Markdown([]byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != tc.want {
			t.Errorf("Markdown(%q)\n got: %q\nwant: %q", tc.in, strings.TrimSpace(string(got)), tc.want)
		}
	}
}

// TestMarkdownUnder: commentary's headings start at the level asked for:
// 3 on a page (as Markdown), 2 in a section of the board pack, 4 under an
// exception's heading there; the others keep their distance below it, down
// to <h6> (##### stays an <h6> in the pack).
func TestMarkdownUnder(t *testing.T) {
	for top, want := range map[int]string{
		3: "<h3>A</h3>\n<h4>B</h4>\n<h6>E</h6>\n<p>text</p>\n",
		2: "<h2>A</h2>\n<h3>B</h3>\n<h6>E</h6>\n<p>text</p>\n",
		4: "<h4>A</h4>\n<h5>B</h5>\n<h6>E</h6>\n<p>text</p>\n",
	} {
		got, err := MarkdownUnder([]byte("# A\n\n## B\n\n##### E\n\ntext\n"), top)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("top %d: got %q; want %q", top, got, want)
		}
	}
}
