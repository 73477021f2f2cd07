package extract

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bylines the markup declares. A page marks its author in its structure
// more often than in a meta tag: schema.org microdata (itemprop="author"),
// a link with rel="author", an element whose class names the author or
// the byline. Reading the markup rather than the words works in any
// language; the names found still have to look like names.

// markupAuthor is a name the markup gives and how sure the markup is.
type markupAuthor struct {
	name, from string
	rank       int // 2 microdata, 1 rel="author", 0 a class name
}

// maxBylineWords bounds an element's text read as a byline: an author
// box holding a biography is not a byline.
const maxBylineWords = 8

// readAuthorMarkup notes the author an element declares, if any.
func (b *builder) readAuthorMarkup(n *xhtml.Node) {
	switch {
	case strings.EqualFold(attr(n, "itemprop"), "author") && n.DataAtom != atom.Meta:
		if name := itemName(n); name != "" {
			b.markupAuthors = append(b.markupAuthors, markupAuthor{name, "itemprop=author", 2})
		}
	case n.DataAtom == atom.A && hasToken(attr(n, "rel"), "author"):
		b.markupAuthors = append(b.markupAuthors, markupAuthor{nodeText(n), "a[rel=author]", 1})
	case authorClass(attr(n, "class")):
		b.markupAuthors = append(b.markupAuthors, markupAuthor{nodeText(n), "class=author", 0})
	}
}

// useMarkupAuthors gives the document the surest names the markup
// declares, when no meta tag or JSON-LD named an author.
func (b *builder) useMarkupAuthors() {
	if len(b.doc.Authors) > 0 {
		return
	}
	best := -1
	var names []Field
	seen := map[string]bool{}
	for _, c := range b.markupAuthors {
		if c.rank < best {
			continue
		}
		for _, name := range bylineNames(cutAtTime(c.name)) {
			if !canBeName(name) || seen[strings.ToLower(name)] {
				continue
			}
			if c.rank > best {
				best, names, seen = c.rank, nil, map[string]bool{}
			}
			seen[strings.ToLower(name)] = true
			names = append(names, Field{Value: name, From: c.from})
		}
	}
	if len(names) > 3 {
		names = names[:3] // a list of every post's author, not a byline
	}
	b.doc.Authors = names
}

// itemName is the name of a microdata item: its itemprop="name" part,
// or its content attribute, or its text.
func itemName(n *xhtml.Node) string {
	var found string
	var visit func(*xhtml.Node)
	visit = func(c *xhtml.Node) {
		if found != "" {
			return
		}
		if c.Type == xhtml.ElementNode && strings.EqualFold(attr(c, "itemprop"), "name") {
			if v := attr(c, "content"); v != "" {
				found = v
			} else {
				found = nodeText(c)
			}
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			visit(k)
		}
	}
	visit(n)
	if found == "" {
		found = attr(n, "content")
	}
	if found == "" {
		found = nodeText(n)
	}
	return found
}

// nodeText is an element's text, its white space collapsed, or "" when it
// is longer than a byline.
func nodeText(n *xhtml.Node) string {
	var b strings.Builder
	var visit func(*xhtml.Node)
	visit = func(c *xhtml.Node) {
		if b.Len() > 300 {
			return
		}
		switch {
		case c.Type == xhtml.TextNode:
			b.WriteString(c.Data)
			b.WriteByte(' ')
		case c.Type == xhtml.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style):
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			visit(k)
		}
	}
	visit(n)
	s := strings.Join(strings.Fields(b.String()), " ")
	if len(strings.Fields(s)) > maxBylineWords {
		return ""
	}
	return s
}

// authorClassRe matches a class name that names an element as the
// author or byline ("author", "post-author", "byline__name",
// "c-author-name"), not one that only sits beside it ("author-bio",
// "author-avatar").
var authorClassRe = regexp.MustCompile(`^(?:[a-z]+[-_]+)*(?:author|byline|writer)(?:[-_]+(?:name|link|title))?$`)

func authorClass(class string) bool {
	for _, t := range strings.Fields(strings.ToLower(class)) {
		if authorClassRe.MatchString(t) {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(strings.ToLower(list)) {
		if t == token {
			return true
		}
	}
	return false
}

// credentialRe matches what follows a name in a byline: degrees and
// titles ("MS", "RD", "PhD", "M.D.").
var credentialRe = regexp.MustCompile(`^(?:[A-Z][A-Za-z]?\.?){1,4}$|^(?i:ph\.?d\.?|m\.?d\.?|jr\.?|sr\.?|esq\.?)$`)

// bylineNames splits a byline into the names it lists ("By Jane Doe and
// John Roe", "Jane Doe & John Roe", "Dylan Bailey, MS, RD"), dropping the
// "By", credentials, and entities a JSON string left escaped.
func bylineNames(s string) []string {
	s = html.UnescapeString(strings.TrimSpace(s))
	s = bylineStartRe.ReplaceAllString(s, "")
	var out []string
	for i, part := range strings.FieldsFunc(strings.ReplaceAll(s, " and ", ","), func(r rune) bool {
		return r == ',' || r == ';' || r == '|' || r == '&' || r == '•' || r == '·'
	}) {
		name := strings.TrimFunc(part, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '.' })
		// A credential follows a name; first, "WRAL" is the name.
		if name == "" || i > 0 && credentialRe.MatchString(name) || utf8.RuneCountInString(name) > 60 {
			continue
		}
		out = append(out, name)
	}
	return out
}

// timeStartRe finds where a time glued to a name in a byline element
// starts: a word that starts with a digit, or a month's name before one
// ("Luke Kim December 17", "Dr. Vahid Osman - Mar 27", "galitsyn » 11.
// Sep 2024"). A user name with digits in it ("paulb203") is a name.
var timeStartRe = regexp.MustCompile(`(?i)(?:^|\s)(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?\d`)

// cutAtTime keeps what comes before a time in a byline element's text,
// without the separators and words that led to it ("on", "»", "-").
func cutAtTime(s string) string {
	if loc := timeStartRe.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.TrimRight(s, " \t-–—|»·•,:")
	for _, w := range []string{" on", " at", " posted", " updated", " published"} {
		if len(s) > len(w) && strings.EqualFold(s[len(s)-len(w):], w) {
			s = strings.TrimRight(s[:len(s)-len(w)], " \t-–—|»·•,:")
		}
	}
	return s
}
