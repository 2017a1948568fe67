package render

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders commentary. Raw HTML in the source is dropped (goldmark's
// default; WithUnsafe is never set) and dangerous link schemes are emptied, so
// that what an author writes is text and links, never markup or script.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(html.WithXHTML()),
)

// Markdown renders src to HTML; nil for empty input.
func Markdown(src []byte) (template.HTML, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return "", nil
	}
	var b bytes.Buffer
	if err := markdown.Convert(src, &b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: goldmark output with raw HTML omitted
}
