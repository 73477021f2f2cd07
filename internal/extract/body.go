package extract

import (
	"bytes"
	"net/url"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// block is one paragraph-level piece of an extracted body.
type block struct {
	text string
	tag  atom.Atom // p, h2, li, blockquote, figcaption, pre, td, …
	// links is the share of the block's characters inside links.
	links float64
}

// candidate is one extractor's reading of a page's body.
type candidate struct {
	name   string
	blocks []block
}

func (c candidate) text() string {
	parts := make([]string, len(c.blocks))
	for i, b := range c.blocks {
		parts[i] = b.text
	}
	return strings.Join(parts, "\n\n")
}

// trafilaturaBody runs go-trafilatura on the page.
func trafilaturaBody(raw string, u *url.URL, fallback bool) candidate {
	doc, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return candidate{name: "trafilatura"}
	}
	opts := trafilatura.Options{OriginalURL: u, EnableFallback: fallback, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil || res.ContentNode == nil {
		return candidate{name: "trafilatura"}
	}
	return candidate{name: "trafilatura", blocks: nodeBlocks(res.ContentNode)}
}

// readabilityBody runs readeck/go-readability on the page.
func readabilityBody(raw string, u *url.URL) candidate {
	p := readability.NewParser()
	art, err := p.Parse(strings.NewReader(raw), u)
	if err != nil || art.Node == nil {
		return candidate{name: "readability"}
	}
	return candidate{name: "readability", blocks: nodeBlocks(art.Node)}
}

// nodeBlocks turns an extracted DOM subtree into paragraph blocks: every
// block-level element ends a paragraph, <br> inside a paragraph too.
func nodeBlocks(root *html.Node) []block {
	w := &blockWalker{}
	w.walk(root, false)
	w.flush()
	return w.out
}

type blockWalker struct {
	out      []block
	cur      bytes.Buffer
	linkText int
	tag      atom.Atom
}

func (w *blockWalker) walk(n *html.Node, inLink bool) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		if inLink {
			w.linkText += len(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button, atom.Form, atom.Select:
			return
		case atom.Br:
			w.flush()
			return
		}
	}
	isBlock := n.Type == html.ElementNode && (blockElements[n.DataAtom] || n.Data == "head" && false)
	if isBlock {
		w.flush()
		w.tag = n.DataAtom
	}
	link := inLink || n.DataAtom == atom.A
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, link)
	}
	if isBlock {
		w.flush()
	}
}

func (w *blockWalker) flush() {
	t := strings.Join(strings.Fields(strings.ReplaceAll(w.cur.String(), "\u00ad", "")), " ")
	links := 0.0
	if n := len(strings.ReplaceAll(t, " ", "")); n > 0 {
		links = float64(w.linkText) / float64(n)
	}
	w.cur.Reset()
	w.linkText = 0
	if t != "" {
		w.out = append(w.out, block{text: t, tag: w.tag, links: links})
	}
}

// Baselines names the reference extractors the eval command can run next
// to Parallax's own: plain go-trafilatura (with and without its fallback)
// and readeck/go-readability.
var Baselines = []string{"trafilatura", "trafilatura-fallback", "readability"}

// BaselineBody returns the body text a reference extractor finds.
func BaselineBody(raw, pageURL, name string) string {
	u, _ := url.Parse(pageURL)
	switch name {
	case "trafilatura":
		return plainText(raw, u, false)
	case "trafilatura-fallback":
		return plainText(raw, u, true)
	case "readability":
		return readabilityBody(raw, u).text()
	}
	return ""
}

// plainText is go-trafilatura's own text output, as published benchmarks
// use it.
func plainText(raw string, u *url.URL, fallback bool) string {
	opts := trafilatura.Options{OriginalURL: u, EnableFallback: fallback, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled}
	res, err := trafilatura.Extract(strings.NewReader(raw), opts)
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}

// ArticleBody returns the article body of an HTML page as paragraphs
// separated by blank lines.
func ArticleBody(raw, pageURL string) string {
	u, _ := url.Parse(pageURL)
	return trafilaturaBody(raw, u, false).text()
}
