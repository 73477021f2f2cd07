package extract

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipElements never hold article text.
var skipElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Iframe: true,
	atom.Button: true, atom.Select: true, atom.Head: true, atom.Menu: true, atom.Dialog: true,
}

// blockElements end a line of visible text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Figcaption: true,
	atom.Td: true, atom.Th: true, atom.Pre: true, atom.Dt: true, atom.Dd: true, atom.Address: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Main: true, atom.Br: true,
	atom.Tr: true, atom.Ul: true, atom.Ol: true, atom.Figure: true, atom.Table: true, atom.Hr: true,
}

// maxHTMLBytes bounds the markup the extractors see. go-trafilatura's
// time grows faster than linearly with text size (a 2 MB page of text takes
// seconds), while real article pages are far smaller (the extraction
// benchmark's largest is 1.5 MB); a longer page is read up to this point,
// which keeps its top, where the article is.
const maxHTMLBytes = 3 << 20

// htmlLines reads an HTML page: metadata from its head, metadata from its
// whole visible text (bylines, dates and credits often sit outside the
// article body), and the article body from the extractors, as lines for
// the same rules that clean scraped text.
func (b *builder) htmlLines() []line {
	raw := b.raw
	if len(raw) > maxHTMLBytes {
		raw = raw[:maxHTMLBytes]
		if i := strings.LastIndexByte(raw, '<'); i > 0 {
			raw = raw[:i] // do not cut inside a tag
		}
	}
	root, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		// The parser refuses markup nested more than 512 deep (thousands
		// of unclosed tags): read it again without the excess nesting.
		if root, err = html.Parse(strings.NewReader(limitNesting(raw, maxNesting))); err != nil {
			return nil
		}
	}
	b.readHead(root)
	w := &lineWalker{raw: b.raw}
	w.walk(root, false)
	w.flush()
	if b.title == "" {
		b.title = chooseTitle(w.h1s, b.metaTitle, b.htmlTitle)
	}
	page := &builder{ctx: b.ctx, a: b.a, raw: b.raw, title: b.title, ref: b.ref, description: b.description}
	_ = page.run(w.lines) // the outer run notices an ended context too
	b.page = &page.doc
	b.pageDek = page.doc.Dek.Value
	b.extracted = true
	u, _ := url.Parse(b.a.URL)
	blocks := resplit(extractBlocks(root, u), w.lines)
	if countLetters(blocks) < minArticleLetters {
		// A login form, an index page: no article here. Said, so that
		// --explain never shows a page losing its text in silence.
		var texts []string
		for _, bl := range blocks {
			texts = append(texts, bl.text)
		}
		if len(texts) > 0 {
			b.doc.Removed = append(b.doc.Removed, Removed{Kind: "too short",
				Text: fmt.Sprintf("the page's body has fewer than %d letters, too few for an article: %s", minArticleLetters, strings.Join(texts, " / "))})
		}
		return nil
	}
	return blockLines(blocks, b.raw, w.linked)
}

// gluedRe finds where an extractor ran two paragraphs together: the end
// of a sentence or word, then a capital, with no space between.
var gluedRe = regexp.MustCompile(`[\p{Ll}.!?"”’)][\p{Lu}“"]`)

// resplit undoes an extractor's gluing of paragraphs: a block whose text
// is several of the page's own lines run together (the text content of
// their parent, as go-trafilatura's fallback gives it) becomes those
// lines again. Only blocks with a glued seam are looked at.
func resplit(blocks []block, lines []line) []block {
	var out []block
	for _, bl := range blocks {
		if !gluedRe.MatchString(bl.text) {
			out = append(out, bl)
			continue
		}
		if parts, ok := gluedLines(bl.text, lines); ok {
			for _, p := range parts {
				out = append(out, block{text: p, tag: bl.tag, links: bl.links})
			}
			continue
		}
		out = append(out, bl)
	}
	return out
}

// gluedLines finds consecutive page lines that, run together, are text.
func gluedLines(s string, lines []line) ([]string, bool) {
	for i := range lines {
		first := strings.TrimSpace(lines[i].text)
		if first == "" || !strings.HasPrefix(s, first) {
			continue
		}
		parts, rest := []string{first}, s[len(first):]
		// The seams are glued, not spaced: text the extractor separated
		// is its own reading and stays as it is.
		for j := i + 1; j < len(lines) && rest != ""; j++ {
			next := strings.TrimSpace(lines[j].text)
			if next == "" || !strings.HasPrefix(rest, next) {
				break
			}
			parts, rest = append(parts, next), rest[len(next):]
		}
		if rest == "" && len(parts) > 1 {
			return parts, true
		}
	}
	return nil, false
}

// minArticleLetters is the fewest letters an extracted body must have to
// be an article rather than the leftovers of a page without one (letters,
// not words, so that Chinese and Japanese count alike).
const minArticleLetters = 100

func countLetters(blocks []block) int {
	n := 0
	for _, bl := range blocks {
		for _, r := range bl.text {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}

// blockLines turns extracted blocks into lines, locating each in the raw
// HTML when its text appears there verbatim.
// A block that the page shows as a link (or that is mostly links) is a
// related-story link or a promotion, not article text.
func blockLines(blocks []block, raw string, linked map[string]bool) []line {
	out := make([]line, 0, len(blocks))
	cursor := 0
	for i, bl := range blocks {
		l := line{text: bl.text, block: i, heading: isHeadingAtom(bl.tag)}
		if k := strings.Index(raw[cursor:], bl.text); k >= 0 {
			l.span = text.Span{Start: cursor + k, End: cursor + k + len(bl.text), InRaw: true}
			l.hasSpan = true
			cursor += k + len(bl.text)
		}
		if (bl.links > 0.7 || linked[bl.text]) && len(words(bl.text)) <= 25 {
			l.kind = kindTeaser // a block of links: related stories, tag lists
		}
		out = append(out, l)
	}
	return out
}

func isHeadingAtom(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

// mergePageMetadata fills what the body did not say from what the whole
// page said.
func (b *builder) mergePageMetadata() {
	p, d := b.page, &b.doc
	if d.Agency.Value == "" {
		d.Agency = p.Agency
	}
	if d.Published.Moment.Precision < p.Published.Moment.Precision {
		d.Published = p.Published
	}
	if d.Updated.Moment.Precision < p.Updated.Moment.Precision {
		d.Updated = p.Updated
	}
	if len(d.Photos) == 0 {
		d.Photos = p.Photos
	}
	if len(d.Tags) == 0 {
		d.Tags = p.Tags
	}
	if d.Syndication.Value == "" {
		d.Syndication = p.Syndication
	}
	if len(p.Authors) > 0 && (len(d.Authors) == 0 || d.Authors[0].From != "") {
		d.Authors = p.Authors // a visible byline, with its span, beats a meta tag
	}
	if d.Image.Value != "" && d.ImageCredit.Value == "" && len(d.Photos) > 0 {
		d.ImageCredit = d.Photos[0].Credit
	}
	markVisibleText(d)
}

// markVisibleText labels values read from an HTML page's visible text
// whose words are not found verbatim in the raw HTML (tags or entities
// interrupt them): they carry "from" instead of a span.
func markVisibleText(d *Document) {
	mark := func(f *Field) {
		if f.Value != "" && f.From == "" && f.Span.IsZero() {
			f.From = "html visible text"
		}
	}
	for _, f := range []*Field{&d.Agency, &d.Published.Field, &d.Updated.Field, &d.Syndication.Field, &d.ImageCredit, &d.Dek} {
		mark(f)
	}
	for i := range d.Authors {
		mark(&d.Authors[i])
	}
	for i := range d.Tags {
		mark(&d.Tags[i])
	}
	for i := range d.Photos {
		mark(&d.Photos[i].Caption)
		mark(&d.Photos[i].Credit)
	}
}

// lineWalker collects block-level text.
type lineWalker struct {
	raw      string
	cursor   int // where to search raw for the next line's text
	lines    []line
	cur      strings.Builder
	linkText int
	heading  bool
	h1       string
	h1s      []string
	inH1     bool
	block    int
	// linked holds the text of visible lines that are nearly all link
	// text: navigation, related stories, promotions.
	linked map[string]bool
}

func (w *lineWalker) walk(n *html.Node, inLink bool) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		w.cur.WriteString(t)
		if inLink {
			w.linkText += len(strings.TrimSpace(t))
		}
		if w.inH1 {
			w.h1 += t
		}
		return
	case html.ElementNode:
		if skipElements[n.DataAtom] || hiddenElement(n) {
			return
		}
	}
	isBlock := n.Type == html.ElementNode && blockElements[n.DataAtom]
	if isBlock {
		w.flush()
	}
	heading := n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || n.DataAtom == atom.H4 || n.DataAtom == atom.H5 || n.DataAtom == atom.H6
	if heading {
		w.heading = true
	}
	if n.DataAtom == atom.H1 {
		w.inH1, w.h1 = true, ""
	}
	link := inLink || n.DataAtom == atom.A
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, link)
	}
	if n.DataAtom == atom.H1 {
		w.inH1 = false
		if h := strings.Join(strings.Fields(w.h1), " "); h != "" {
			w.h1s = append(w.h1s, h)
		}
	}
	if isBlock {
		w.flush()
		if n.DataAtom == atom.P || heading || n.DataAtom == atom.Li {
			w.block++
		}
	}
}

// flush ends the current line.
func (w *lineWalker) flush() {
	t := strings.Join(strings.Fields(strings.ReplaceAll(w.cur.String(), "\u00ad", "")), " ")
	linkShare := 0.0
	if len(t) > 0 {
		linkShare = float64(w.linkText) / float64(len(strings.ReplaceAll(t, " ", "")))
	}
	w.cur.Reset()
	w.linkText = 0
	heading := w.heading
	w.heading = false
	if t == "" {
		return
	}
	l := line{text: t, block: w.block, heading: heading}
	if i := strings.Index(w.raw[w.cursor:], t); i >= 0 {
		l.span = text.Span{Start: w.cursor + i, End: w.cursor + i + len(t), InRaw: true}
		l.hasSpan = true
		w.cursor += i + len(t)
	}
	if linkShare > 0.8 && len(words(t)) <= 12 {
		l.kind = kindMenu
	}
	if linkShare > 0.7 {
		if w.linked == nil {
			w.linked = map[string]bool{}
		}
		w.linked[t] = true
	}
	w.lines = append(w.lines, l)
	w.block++
}

// chooseTitle picks the headline: the <h1> that best matches what the
// page calls itself in og:title or <title> (sites also use <h1> for their
// logo), else that meta title, else the first <h1>.
func chooseTitle(h1s []string, metaTitle, htmlTitle string) string {
	ref := metaTitle
	if ref == "" {
		ref = htmlTitle
	}
	if ref == "" {
		if len(h1s) > 0 {
			return h1s[0]
		}
		return ""
	}
	refWords := toSet(wordsOnly(ref))
	best, bestScore := "", 0.0
	for _, h := range h1s {
		ws := strings.Fields(wordsOnly(h))
		if len(ws) == 0 {
			continue
		}
		hit := 0
		for _, w := range ws {
			if refWords[w] {
				hit++
			}
		}
		if score := float64(hit) / float64(len(ws)); score > bestScore {
			best, bestScore = h, score
		}
	}
	if bestScore >= 0.6 {
		return best
	}
	return stripSiteName(ref)
}

// stripSiteName cuts a site name appended to a title: "Headline | Site",
// "Headline - Site".
func stripSiteName(t string) string {
	for _, sep := range []string{" | ", " - ", " — ", " – ", " :: "} {
		if i := strings.LastIndex(t, sep); i > len(t)/3 {
			t = t[:i]
		}
	}
	return strings.TrimSpace(t)
}

func hiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			return a.Val == "true"
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
		}
	}
	return false
}

// readHead reads metadata from meta tags and JSON-LD.
func (b *builder) readHead(root *html.Node) {
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			b.readAuthorMarkup(n)
			b.readDateMarkup(n)
			switch n.DataAtom {
			case atom.Meta:
				b.readMeta(n)
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && b.doc.Canonical.Value == "" {
					b.doc.Canonical = Field{Value: attr(n, "href"), From: "link[rel=canonical]"}
				}
			case atom.Script:
				if strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
					b.readJSONLD(n.FirstChild.Data)
				}
			case atom.Time:
				b.readTime(n)
			case atom.Title:
				if n.FirstChild != nil && b.htmlTitle == "" {
					b.htmlTitle = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Html:
				if lang := attr(n, "lang"); lang != "" && b.doc.Language == "" {
					b.doc.Language = strings.ToLower(strings.SplitN(lang, "-", 2)[0])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	b.useMarkupAuthors()
	b.onPageClock(&b.doc.Published)
	b.onPageClock(&b.doc.Updated)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func (b *builder) readMeta(n *html.Node) {
	key := strings.ToLower(attr(n, "property"))
	if key == "" {
		key = strings.ToLower(attr(n, "name"))
	}
	if key == "" {
		key = strings.ToLower(attr(n, "itemprop")) // schema.org microdata
	}
	val := attr(n, "content")
	if val == "" {
		return
	}
	from := "meta[" + key + "]"
	set := func(f *Field) {
		if f.Value == "" {
			*f = Field{Value: val, From: from}
		}
	}
	switch key {
	case "og:site_name", "application-name":
		set(&b.doc.SiteName)
	case "og:url":
		set(&b.doc.Canonical)
	case "og:image", "twitter:image":
		set(&b.doc.Image)
	case "article:section":
		set(&b.doc.Section)
	case "article:tag", "news_keywords", "keywords":
		if len(b.doc.Tags) == 0 || key == "article:tag" {
			for _, t := range strings.Split(val, ",") {
				if t = strings.TrimSpace(t); t != "" {
					b.doc.Tags = append(b.doc.Tags, Field{Value: t, From: from})
				}
			}
		}
	case "description", "og:description", "twitter:description":
		if b.description == "" {
			b.description = val
		}
	case "og:title", "twitter:title":
		if b.metaTitle == "" {
			b.metaTitle = val
		}
	case "author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "citation_author":
		if len(b.doc.Authors) == 0 && !strings.HasPrefix(val, "http") {
			for _, name := range bylineNames(val) {
				b.doc.Authors = append(b.doc.Authors, Field{Value: name, From: from})
			}
		}
	case "article:published_time", "article:published", "datepublished", "pubdate", "publishdate", "published", "date",
		"parsely-pub-date", "sailthru.date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
		"citation_publication_date", "og:published_time":
		b.metaTime(&b.doc.Published, val, from)
	case "article:modified_time", "datemodified", "og:updated_time", "lastmod":
		b.metaTime(&b.doc.Updated, val, from)
	}
}

// readTime reads a <time> element: a declared publication or
// modification time when microdata says so, else a time the page shows
// (kept for onPageClock), or a date written in prose in its datetime.
func (b *builder) readTime(n *html.Node) {
	dt := attr(n, "datetime")
	if dt == "" {
		return
	}
	f, from := &b.doc.Published, "time[datetime]"
	switch strings.ToLower(attr(n, "itemprop")) {
	case "datepublished":
		from = "time[itemprop=datePublished]"
	case "datemodified":
		f, from = &b.doc.Updated, "time[itemprop=dateModified]"
	}
	if m, ok := b.metaTime(f, dt, from); ok {
		b.shownTimes = append(b.shownTimes, m)
	} else {
		b.noteShownDate(dt, nodeText(n))
	}
}

// metaTime sets a time field from a machine-readable time. A time the
// page declares as its publication or modification time (a meta tag,
// JSON-LD, microdata) beats any other <time> element, which may be a
// related story's or a comment's; among times of one kind the more
// precise wins.
// It returns the time read, if val is one.
func (b *builder) metaTime(f *TimeField, val, from string) (timex.Moment, bool) {
	m, ok := parseMachineTime(val)
	if !ok {
		return m, false
	}
	rank := 1
	if from == "time[datetime]" {
		rank = 0
	}
	if b.timeRank == nil {
		b.timeRank = map[*TimeField]int{}
	}
	old, set := b.timeRank[f]
	if !f.Moment.IsZero() && set && (old > rank || old == rank && f.Moment.Precision >= m.Precision) {
		return m, true
	}
	b.timeRank[f] = rank
	*f = TimeField{Field: Field{Value: val, From: from}, Moment: m}
	return m, true
}

// onPageClock gives a declared time the zone of a time the page shows
// for the same moment: metadata written in UTC loses the day a reader
// sees ("2025-12-19T02:41Z" is the evening of the 18th in New York, as
// the page's own <time datetime="2025-12-18T21:46-05:00"> says).
func (b *builder) onPageClock(f *TimeField) {
	m := f.Moment
	if m.IsZero() || m.Precision <= timex.Day || (m.ZoneKnown && m.Offset != 0) {
		return
	}
	for _, t := range b.shownTimes {
		if !t.ZoneKnown || t.Offset == 0 || t.Precision <= timex.Day {
			continue
		}
		if d := t.UTC.Sub(m.UTC); d > -time.Hour && d < time.Hour {
			f.Moment.Offset, f.Moment.Zone, f.Moment.ZoneKnown = t.Offset, t.Zone, true
			return
		}
	}
}

func parseMachineTime(s string) (timex.Moment, bool) {
	m, ok := timex.Find(s, timex.Options{})
	if !ok || m.Start != 0 {
		return timex.Moment{}, false
	}
	return m.Moment, true
}

// readJSONLD reads schema.org NewsArticle-like objects.
func (b *builder) readJSONLD(data string) {
	var v any
	if json.Unmarshal([]byte(data), &v) != nil {
		return
	}
	objs := jsonLDObjects(v)
	byID := map[string]map[string]any{}
	for _, obj := range objs {
		if id, ok := obj["@id"].(string); ok {
			byID[id] = obj
		}
	}
	for _, obj := range objs {
		t, ok := creativeWork(obj["@type"])
		if !ok {
			continue
		}
		from := "json-ld " + t
		if s, ok := obj["headline"].(string); ok && b.metaTitle == "" {
			b.metaTitle = s
		}
		if s, ok := obj["datePublished"].(string); ok {
			b.metaTime(&b.doc.Published, s, from+".datePublished")
		}
		if s, ok := obj["dateModified"].(string); ok {
			b.metaTime(&b.doc.Updated, s, from+".dateModified")
		}
		if s, ok := obj["articleSection"].(string); ok && b.doc.Section.Value == "" {
			b.doc.Section = Field{Value: s, From: from + ".articleSection"}
		}
		for _, byline := range jsonLDNames(resolveIDs(obj["author"], byID)) {
			for _, name := range bylineNames(byline) {
				b.doc.Authors = append(b.doc.Authors, Field{Value: name, From: from + ".author"})
			}
		}
		if names := jsonLDNames(obj["publisher"]); len(names) > 0 && b.doc.SiteName.Value == "" {
			b.doc.SiteName = Field{Value: names[0], From: from + ".publisher"}
		}
	}
}

// creativeWork reports whether a JSON-LD @type (a name or a list of
// names) is a written work whose dates and authors are the page's: an
// article, a post, a report, a question. It returns the first such name.
func creativeWork(v any) (string, bool) {
	var names []string
	switch v := v.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				names = append(names, s)
			}
		}
	}
	for _, t := range names {
		if strings.Contains(t, "Article") || strings.HasSuffix(t, "Posting") || t == "Report" || t == "Question" || t == "QAPage" {
			return t, true
		}
	}
	return "", false
}

func jsonLDObjects(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		out := []map[string]any{v}
		if g, ok := v["@graph"]; ok {
			out = append(out, jsonLDObjects(g)...)
		}
		return out
	case []any:
		var out []map[string]any
		for _, x := range v {
			out = append(out, jsonLDObjects(x)...)
		}
		return out
	}
	return nil
}

// resolveIDs replaces JSON-LD references ({"@id": …} with nothing else)
// by the objects of the same document they point to: an article's author
// is often a Person elsewhere in the @graph.
func resolveIDs(v any, byID map[string]map[string]any) any {
	switch v := v.(type) {
	case map[string]any:
		if id, ok := v["@id"].(string); ok && v["name"] == nil {
			if obj, ok := byID[id]; ok {
				return obj
			}
		}
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = resolveIDs(x, byID)
		}
		return out
	}
	return v
}

func jsonLDNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, jsonLDNames(x)...)
		}
		return out
	}
	return nil
}
