package extract

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"github.com/parallax-news/parallax/internal/ingest"
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

// trafilaturaBody runs go-trafilatura on a parsed page (which it copies
// before changing).
func trafilaturaBody(doc *html.Node, u *url.URL) candidate {
	// Links are not kept: go-trafilatura reorders text around them.
	opts := trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil || res.ContentNode == nil {
		return candidate{name: "trafilatura"}
	}
	return candidate{name: "trafilatura", blocks: nodeBlocks(res.ContentNode)}
}

// readabilityBody runs readeck/go-readability on a parsed page, changing it.
func readabilityBody(doc *html.Node, u *url.URL) candidate {
	p := readability.NewParser()
	art, err := p.ParseAndMutate(doc, u)
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
	tag := elementAtom(n)
	switch n.Type {
	case html.TextNode:
		// Extractors trim their text nodes, so separate them, as
		// go-trafilatura's own text output does; fields collapse doubles.
		w.cur.WriteByte(' ')
		w.cur.WriteString(n.Data)
		if inLink {
			w.linkText += len(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode:
		switch tag {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Button, atom.Form, atom.Select:
			return
		case atom.Br:
			w.flush()
			return
		case atom.Td, atom.Th:
			// Cells of a row read as one line, separated by spaces.
			w.cur.WriteByte(' ')
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c, inLink)
			}
			w.cur.WriteByte(' ')
			return
		}
	}
	isBlock := n.Type == html.ElementNode && blockElements[tag]
	if isBlock {
		w.flush()
		w.tag = tag
	}
	link := inLink || tag == atom.A
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
		p := readability.NewParser()
		art, err := p.Parse(strings.NewReader(raw), u)
		if err != nil || art.Node == nil {
			return ""
		}
		var sb strings.Builder
		art.RenderText(&sb)
		return sb.String()
	}
	return ""
}

// BaselineMetadata returns the title, author and publication date that
// go-trafilatura reads from a page with its own defaults (dates by
// go-htmldate), for comparison with Parallax's.
func BaselineMetadata(raw, pageURL string) (title, author string, date time.Time) {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(strings.NewReader(raw), trafilatura.Options{OriginalURL: u, ExcludeComments: true})
	if err != nil || res == nil {
		return "", "", time.Time{}
	}
	return res.Metadata.Title, res.Metadata.Author, res.Metadata.Date
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
// separated by blank lines: the product's own cleaning, as `parallax
// extract` and ingest run it.
func ArticleBody(raw, pageURL string) string {
	a := ingest.Article{Raw: raw, URL: pageURL, Format: ingest.FormatHTML}
	d := Clean(&a)
	return d.Body()
}

// extractBlocks finds the article body's blocks. go-trafilatura's reading
// is the default; readability's replaces it when it holds trafilatura's
// text and much more besides — the sign that trafilatura stopped at an
// inner container and missed part of the article.
// The page tree is changed.
func extractBlocks(doc *html.Node, u *url.URL) []block {
	t := trafilaturaBody(doc, u)
	r := readabilityBody(doc, u)
	if prefersSecond(t, r) {
		return r.blocks
	}
	return t.blocks
}

// prefersSecond reports whether candidate b should replace a: b is at
// least half again as long, and holds most of a; or a is a scrap (a
// caption, a sidebar) beside a reading many times its length that is
// running text, not a list of links.
func prefersSecond(a, b candidate) bool {
	sa, sb := wordShingles(a.text()), wordShingles(b.text())
	if len(sb) < len(sa)*3/2 || len(sa) == 0 {
		return len(sa) == 0 && len(sb) > 0
	}
	if len(sa) < maxScrapShingles && len(sb) >= scrapRatio*len(sa) && linkShare(b.blocks) < maxLinkShare {
		return true
	}
	inside := 0
	for sh := range sa {
		if sb[sh] {
			inside++
		}
	}
	return inside*2 >= len(sa)
}

// scrapRatio is how many times longer than the first reading the second
// must be for the first to count as a scrap that missed the article.
const scrapRatio = 4

// maxScrapShingles bounds a scrap: a reading of fewer words than a short
// news item (a hundred) that a reading four times longer can replace.
const maxScrapShingles = 100

// maxLinkShare is the most of a reading's text that may sit in links for
// it to be running text rather than navigation or teasers.
const maxLinkShare = 0.25

// linkShare is the share of the blocks' characters inside links.
func linkShare(blocks []block) float64 {
	var linked, all float64
	for _, bl := range blocks {
		n := float64(len(bl.text))
		linked += bl.links * n
		all += n
	}
	if all == 0 {
		return 0
	}
	return linked / all
}

// wordShingles returns the set of 4-word shingles of s, lower-cased.
func wordShingles(s string) map[string]bool {
	ws := strings.Fields(wordsOnly(s))
	out := make(map[string]bool, len(ws))
	for i := 0; i+4 <= len(ws); i++ {
		out[strings.Join(ws[i:i+4], " ")] = true
	}
	return out
}

// elementAtom returns an element's tag. Extractors build elements by name
// without setting DataAtom, so look the name up when it is missing.
func elementAtom(n *html.Node) atom.Atom {
	if n.Type != html.ElementNode || n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
