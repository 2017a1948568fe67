package theme

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown renders commentary. Raw HTML in the source is dropped (goldmark's
// default; WithUnsafe is never set) and a link to a dangerous scheme
// (javascript:, vbscript:, data:, file:) is shown as its text alone, so that
// what an author writes is text and links, never markup or script.
// Images become links: an image would be loaded from wherever it points, and a
// page must load nothing from the network.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingsBelow{}, 100))),
	goldmark.WithRendererOptions(
		html.WithXHTML(),
		renderer.WithNodeRenderers(util.Prioritized(imageAsLink{}, 100), util.Prioritized(safeLinks{}, 100)),
	),
)

// headingsBelow moves the headings of commentary down, # to <h3>:
// commentary sits under a page's <h1> and the <h2> of its section, and an
// author's # would otherwise make a second <h1>. The board pack asks for
// another depth through the parser's context (depthKey). A heading deeper
// than <h6> stays <h6>.
type headingsBelow struct{}

// commentaryDepth is how many heading levels a page has above commentary.
const commentaryDepth = 2

// depthKey holds, in a parser.Context, how many levels to move headings
// down instead of commentaryDepth.
var depthKey = parser.NewContextKey()

func (headingsBelow) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	depth := commentaryDepth
	if d, ok := pc.Get(depthKey).(int); ok {
		depth = d
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+depth, 6)
		}
		return ast.WalkContinue, nil
	})
}

// imageAsLink renders ![alt](url) as a link to url with the alt text, or as
// the alt text alone when the URL is empty or dangerous.
type imageAsLink struct{}

func (imageAsLink) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		img := n.(*ast.Image)
		dest := img.Destination
		link := len(dest) > 0 && !html.IsDangerousURL(dest)
		if entering {
			if link {
				w.WriteString(`<a class="image-link" href="`)
				w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
				w.WriteString(`">`)
			}
			return ast.WalkContinue, nil // the children are the alt text
		}
		if link {
			w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	})
}

// safeLinks renders links as goldmark does, except that a link whose URL is
// empty or dangerous is its text alone. goldmark would keep the link with an
// empty href, which leads back to the page itself: a link that is not one.
type safeLinks struct{}

func (safeLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		l := n.(*ast.Link)
		dest := util.URLEscape(l.Destination, true)
		if len(dest) == 0 || html.IsDangerousURL(dest) {
			return ast.WalkContinue, nil // the children are the text
		}
		if !entering {
			w.WriteString("</a>")
			return ast.WalkContinue, nil
		}
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(dest))
		w.WriteByte('"')
		if l.Title != nil {
			w.WriteString(` title="`)
			html.DefaultWriter.Write(w, l.Title)
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindAutoLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		l := n.(*ast.AutoLink)
		url := util.URLEscape(l.URL(src), false)
		label := util.EscapeHTML(l.Label(src))
		if l.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
			url = append([]byte("mailto:"), url...)
		}
		if html.IsDangerousURL(url) {
			w.Write(label)
			return ast.WalkContinue, nil
		}
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(url))
		w.WriteString(`">`)
		w.Write(label)
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	})
}

// Markdown renders src to HTML; nil for empty input.
func Markdown(src []byte) (template.HTML, error) {
	return MarkdownUnder(src, 1+commentaryDepth)
}

// MarkdownUnder renders src as Markdown does, but with a level-one heading
// ("# Title") at level top (1 to 6) rather than below a page's two levels:
// the board pack's sections are one level less deep than a page's, and its
// bookmarks, made from its headings, nest the commentary under its section.
// The other headings keep their distance below it, down to <h6>.
func MarkdownUnder(src []byte, top int) (template.HTML, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return "", nil
	}
	ctx := parser.NewContext()
	ctx.Set(depthKey, min(max(top, 1), 6)-1)
	var b bytes.Buffer
	if err := markdown.Convert(src, &b, parser.WithContext(ctx)); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // goldmark's output, with raw HTML omitted
}
