package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/wire"
)

// zones decides, among the lines no rule removed, which is the headline,
// which the dek, where the body starts and ends, and what trailing lines
// are tags or footer.
func (b *builder) zones(lines []line) {
	kept := keptIndexes(lines)
	if len(kept) == 0 {
		return
	}
	k := b.pickHeadline(lines, kept)
	// The body starts at the first prose line after the headline and dek.
	bodyStart := -1
	for _, i := range kept[k:] {
		if lines[i].kind == kindBody && (isProse(lines[i].text) || datelineAt(lines[i].text) != nil) {
			bodyStart = i
			break
		}
	}
	if bodyStart < 0 {
		// No line reads as prose (a very short article): the first
		// sentence, else the first line after the headline, starts it.
		for _, i := range kept[k:] {
			if lines[i].kind == kindBody && (endsSentence(lines[i].text) || bodyStart < 0) {
				bodyStart = i
				if endsSentence(lines[i].text) {
					break
				}
			}
		}
	}
	for _, i := range kept[k:] {
		if bodyStart >= 0 && i >= bodyStart || b.extracted {
			break
		}
		if lines[i].kind == kindBody && !isProse(lines[i].text) {
			// Labels and widgets between headline and body; a bare name
			// there is a byline ("Helen Carter", "Jonas Meyer in Lisbon"),
			// unless the page marks it as a heading ("Key Takeaways").
			lines[i].kind = kindHeader
			if name, ok := bareByline(lines[i].text); ok && !lines[i].heading {
				lines[i].kind = kindByline
				b.addAuthors(lines[i], 0, name)
			}
		}
	}
	if bodyStart < 0 || b.trust {
		return
	}
	b.footer(lines, bodyStart)
}

// pickHeadline marks the headline and dek among the first kept lines and
// returns the position in kept after them.
func (b *builder) pickHeadline(lines []line, kept []int) int {
	k := 0
	if given := strings.TrimSpace(b.title); given != "" {
		b.doc.Headline = Field{Value: given}
		// The headline may follow a short label or two ("Opinion").
		for j := 0; j < min(3, len(kept)); j++ {
			if sameText(lines[kept[j]].text, given) || b.extracted && isTitleVariant(lines[kept[j]].text, given) {
				for _, i := range kept[:j] {
					if !isProse(lines[i].text) {
						lines[i].kind = kindHeader
					}
				}
				lines[kept[j]].kind = kindHeadline
				k = j + 1
				break
			}
		}
		return b.pickDek(lines, kept, k)
	}
	// Skip one- and two-word labels above the headline ("World", "Live")
	// when a headline-like line follows.
	for k < len(kept)-1 && len(words(lines[kept[k]].text)) <= 2 && !endsSentence(lines[kept[k]].text) &&
		isHeadlineLike(lines[kept[k+1]].text) && len(words(lines[kept[k+1]].text)) > 2 {
		lines[kept[k]].kind = kindHeader
		k++
	}
	l := &lines[kept[k]]
	switch {
	case datelineAt(l.text) != nil:
		return k
	case isDekLike(l.text) || endsWithPeriod(l.text) && b.chromeFollows(lines, kept, k):
		l.kind = kindDek
		b.doc.Dek = Field{Value: l.text}
		return k + 1
	case isHeadlineLike(l.text):
		l.kind = kindHeadline
		b.doc.Headline = Field{Value: l.text}
		return b.pickDek(lines, kept, k+1)
	}
	return k
}

// pickDek marks the line after the headline as the dek when it reads as a
// standfirst: set apart from the body by chrome, or a sentence without a
// full stop, or followed by a dateline paragraph.
func (b *builder) pickDek(lines []line, kept []int, k int) int {
	if k >= len(kept) {
		return k
	}
	l := &lines[kept[k]]
	n := len(words(l.text))
	if l.kind != kindBody || datelineAt(l.text) != nil || n < 6 || n > 60 {
		return k
	}
	if b.extracted {
		// An extractor's body has no chrome left to judge by. A dek is
		// marked up as a heading that reads as a sentence, right after the
		// headline; a first paragraph is marked up like the paragraphs
		// after it, even when the page reuses it as its description.
		afterHeadline := k > 0 && lines[kept[k-1]].kind == kindHeadline
		if l.heading && (afterHeadline || k == 0 || b.pageDek != "" && sameText(l.text, b.pageDek)) {
			l.kind = kindDek
			b.doc.Dek = Field{Value: l.text}
			return k + 1
		}
		return k
	}
	nextIsDateline := k+1 < len(kept) && datelineAt(lines[kept[k+1]].text) != nil
	if b.chromeFollows(lines, kept, k) || nextIsDateline || b.isDescription(l.text) && !endsWithPeriod(l.text) || !endsWithPeriod(l.text) && titleCaseRatio(l.text) < 0.6 && n >= 8 {
		l.kind = kindDek
		b.doc.Dek = Field{Value: l.text}
		return k + 1
	}
	return k
}

// isTitleVariant reports whether s is the page title with a site name
// appended or cut ("Rubio says… | Daily News" vs "Rubio says…").
//
// A line that merely starts with the title and runs on (an extractor's
// one block of a whole listing page) is not the title: only a site name's
// few words may follow it.
func isTitleVariant(s, title string) bool {
	a, t := wordsOnly(s), wordsOnly(title)
	if len(a) < 10 {
		return false
	}
	return strings.HasPrefix(t, a) || strings.HasPrefix(a, t) && len(t) >= 10 && len(strings.Fields(a[len(t):])) <= maxSiteNameWords
}

// maxSiteNameWords is the most words a site name appended to a title has
// ("| The Daily News of the Upper Valley").
const maxSiteNameWords = 8

// isDescription reports whether s is the page's meta description (or
// starts it, or is started by it): sites put their dek there.
func (b *builder) isDescription(s string) bool {
	desc := strings.TrimSpace(b.description)
	if desc == "" || strings.HasSuffix(desc, "...") || strings.HasSuffix(desc, "…") {
		return false // a truncated description is an excerpt of the body, not a dek
	}
	d, t := wordsOnly(desc), wordsOnly(s)
	return len(t) >= 20 && (strings.HasPrefix(d, t) || strings.HasPrefix(t, d) && len(d) >= 40)
}

// chromeFollows reports whether header chrome (byline, time, caption,
// widget) sits between kept line k and the next kept line.
func (b *builder) chromeFollows(lines []line, kept []int, k int) bool {
	if k+1 >= len(kept) {
		return false
	}
	for i := kept[k] + 1; i < kept[k+1]; i++ {
		switch lines[i].kind {
		case kindByline, kindTime, kindCaption, kindWidget, kindPromo, kindAd:
			return true
		}
	}
	return false
}

// footer marks what follows the end of the article: after an end marker
// (syndication notice, copyright, tags, wire credits), lines that are not
// prose; and trailing title-case lines as tags.
func (b *builder) footer(lines []line, bodyStart int) {
	end := false
	for i := bodyStart; i < len(lines); i++ {
		switch lines[i].kind {
		case kindSyndication, kindCopyright, kindTags, kindCredit:
			end = true
		case kindTeaser:
			// A bare heading such as "Related topics" ends the article;
			// an inline "Also read: …" does not.
			if len(words(lines[i].text)) <= 6 && !strings.Contains(lines[i].text, ":") {
				end = true
			}
		case kindBody:
			if end && !isProse(lines[i].text) {
				lines[i].kind = kindFooter
			}
		}
	}
	b.keptText = nil
	for _, l := range lines[bodyStart:] {
		if l.kind == kindBody && isProse(l.text) {
			b.keptText = append(b.keptText, l.text)
		}
	}
	// Trailing non-prose lines after the last prose paragraph.
	last := -1
	for i := len(lines) - 1; i >= bodyStart; i-- {
		if lines[i].kind == kindBody && isProse(lines[i].text) {
			last = i
			break
		}
	}
	if last < 0 || b.extracted && !end {
		return // an extractor's body ends where the article ends
	}
	for i := last + 1; i < len(lines); i++ {
		l := &lines[i]
		if l.kind != kindBody && l.kind != kindFooter {
			continue
		}
		if isBareTagLine(l.text) && (end || i == lastKept(lines)) {
			l.kind = kindTags
			b.splitBareTags(*l)
		} else if l.kind == kindBody && len(words(l.text)) <= 6 {
			l.kind = kindFooter
		}
	}
}

// isBareTagLine: a short title-case line without digits or sentence
// punctuation, the shape of a tag list whose separators were lost.
func isBareTagLine(s string) bool {
	n := len(words(s))
	return n >= 1 && n <= 15 && !endsSentence(s) && !strings.ContainsAny(s, "0123456789@:") && titleCaseRatio(s) >= 0.8
}

func lastKept(lines []line) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].kind == kindBody || lines[i].kind == kindFooter {
			return i
		}
	}
	return -1
}

// splitBareTags splits a tag line without separators ("Ukraine United
// STates Marco Rubio") into tags: the longest runs of words that occur
// together in the body, and the runs between them.
func (b *builder) splitBareTags(l line) {
	if strings.ContainsAny(l.text, ",;|·•#") {
		b.addTags(l, 0, len(l.text))
		return
	}
	haystack := " " + wordsOnly(strings.Join(b.keptText, " ")) + " "
	ws := wordSpans(l.text)
	var pending []wordSpan
	flush := func() {
		if len(pending) > 0 {
			s, e := pending[0].start, pending[len(pending)-1].end
			b.doc.Tags = append(b.doc.Tags, Field{Value: l.text[s:e], Span: l.sub(s, e)})
			pending = nil
		}
	}
	for i := 0; i < len(ws); {
		best := 0
		for j := len(ws); j > i; j-- {
			phrase := wordsOnly(l.text[ws[i].start:ws[j-1].end])
			if strings.Contains(haystack, " "+phrase+" ") {
				best = j - i
				break
			}
		}
		if best == 0 {
			pending = append(pending, ws[i])
			i++
			continue
		}
		flush()
		s, e := ws[i].start, ws[i+best-1].end
		b.doc.Tags = append(b.doc.Tags, Field{Value: l.text[s:e], Span: l.sub(s, e)})
		i += best
	}
	flush()
}

// wordsOnly lower-cases s and keeps only its letters and digits, words
// separated by single spaces.
func wordsOnly(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

type wordSpan struct{ start, end int }

func wordSpans(s string) []wordSpan {
	var out []wordSpan
	start := -1
	for i, r := range s + " " {
		space := r == ' ' || r == '\t'
		if !space && start < 0 {
			start = i
		} else if space && start >= 0 {
			out = append(out, wordSpan{start, i})
			start = -1
		}
	}
	return out
}

// bareByline reports whether s is a name alone or a name "in Place", and
// where the name ends.
func bareByline(s string) (int, bool) {
	name := s
	if i := strings.Index(s, " in "); i > 0 {
		name = s[:i]
	}
	n := len(words(name))
	if n < 2 || n > 4 || !nameLike(name) || !firstUpper(name) || strings.ContainsAny(name, ",:;.") {
		return 0, false
	}
	for _, w := range words(name) {
		if !firstUpper(w) {
			return 0, false
		}
	}
	if !allNameWords(name) {
		return 0, false
	}
	return len(name), true
}

func anyLine(lines []line, s string) bool {
	for _, l := range lines {
		if sameText(l.text, s) {
			return true
		}
	}
	return false
}

func keptIndexes(lines []line) []int {
	var out []int
	for i, l := range lines {
		if l.kind == kindBody {
			out = append(out, i)
		}
	}
	return out
}

func isHeadlineLike(s string) bool {
	n := len(words(s))
	return n >= 1 && n <= 30 && !endsWithPeriod(s)
}

// isDekLike: a long sentence-case line, the shape of a standfirst rather
// than a headline.
func isDekLike(s string) bool {
	n := len(words(s))
	return n >= 16 && n <= 70 && titleCaseRatio(s) < 0.5
}

func endsWithPeriod(s string) bool {
	s = strings.TrimRight(s, ` "'”’)`)
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "...")
}

func sameText(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}

// assemble builds Text from the headline, dek and body lines, and records
// what was removed.
func (b *builder) assemble(lines []line) {
	var sb strings.Builder
	add := func(s string) text.Span {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		start := sb.Len()
		sb.WriteString(s)
		return text.Span{Start: start, End: sb.Len()}
	}
	if b.doc.Headline.Value != "" {
		b.doc.Headline.Span = add(b.doc.Headline.Value)
	}
	if b.doc.Dek.Value == "" && b.pageDek != "" && !anyLine(lines, b.pageDek) {
		// The page's dek sat outside the extracted body.
		b.doc.Dek = Field{Value: b.pageDek}
	}
	if b.doc.Dek.Value != "" {
		b.doc.Dek.Span = add(b.doc.Dek.Value)
	}
	prevBlock, prevText := -1, ""
	for _, l := range lines {
		switch l.kind {
		case kindBody:
		case kindHeadline, kindDek:
			continue
		default:
			r := Removed{Kind: l.kind, Text: l.text}
			if l.hasSpan {
				r.Span = l.span
			}
			b.doc.Removed = append(b.doc.Removed, r)
			continue
		}
		// Hard-wrapped plain text: a line continuing a sentence of the same
		// block joins the previous paragraph.
		if n := len(b.doc.Paragraphs); n > 0 && l.block == prevBlock && !l.heading && !endsSentence(prevText) && !firstUpper(l.text) {
			sb.WriteByte(' ')
			sb.WriteString(l.text)
			b.doc.Paragraphs[n-1].End = sb.Len()
		} else {
			b.doc.Paragraphs = append(b.doc.Paragraphs, add(l.text))
		}
		prevBlock, prevText = l.block, l.text
	}
	b.doc.Text = sb.String()
	if len(b.doc.Paragraphs) > 0 {
		b.findDateline(b.doc.Paragraphs[0])
	}
}

// Datelines: "Washington, Dec 1 (IANS)", "WASHINGTON (AP) —", "KYIV, Ukraine
// —", "NEW DELHI:", "London, Nov 30 (Reuters) -".
const (
	placeWord = `[A-Z][\p{L}.'’]*(?:-[\p{L}.'’]+)*`
	placeRe   = placeWord + `(?:\s` + placeWord + `){0,3}`
	monthDay  = `(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?)`
)

var (
	datelineAgencyRe = regexp.MustCompile(`^(` + placeRe + `(?:,\s*` + placeRe + `)?)(?:,?\s*(` + monthDay + `))?\s*\(([^()]{2,40})\)\s*(?:(?:--|[-–—:])\s*)?`)
	datelineCapsRe   = regexp.MustCompile(`^([A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s*` + placeRe + `)?)(?:,\s*(` + monthDay + `))?\s*[-–—:]\s+`)
	datelineDateRe   = regexp.MustCompile(`^(` + placeRe + `(?:,\s*` + placeRe + `)?),\s*(` + monthDay + `)\s*[-–—:]\s+`)
	// "Kathmandu: Flash floods…", as Indian and South Asian outlets write.
	datelineColonRe = regexp.MustCompile(`^(` + placeWord + `(?:\s` + placeWord + `){0,2}):\s+\p{Lu}`)
	// "Sept 30 (Reuters) - …": a wire dateline without a place.
	datelineNoPlaceRe = regexp.MustCompile(`^()(` + monthDay + `)\s*\(([^()]{2,40})\)\s*(?:--|[-–—:])?\s*`)
)

// notPlaces open lines with a colon without being datelines.
var notPlaces = toSet(`note posted published by date dateline time author written reported edited update updated editor watch read photo photos video also exclusive breaking opinion
analysis explained explainer live warning correction disclaimer source sources listen related q a summary
highlights key points context background why what how`)

// datelineAt returns the submatch indexes of a dateline opening s, or nil.
func datelineAt(s string) []int {
	for _, re := range []*regexp.Regexp{datelineAgencyRe, datelineNoPlaceRe} {
		if m := re.FindStringSubmatchIndex(s); m != nil {
			if _, ok := wire.Lookup(s[m[6]:m[7]]); ok {
				return m
			}
		}
	}
	if m := datelineCapsRe.FindStringSubmatchIndex(s); m != nil && len(strings.Trim(s[m[2]:m[3]], ".")) >= 3 {
		return append(m, -1, -1)
	}
	if m := datelineDateRe.FindStringSubmatchIndex(s); m != nil {
		return append(m, -1, -1)
	}
	if m := datelineColonRe.FindStringSubmatchIndex(s); m != nil && !notPlaces[strings.ToLower(s[m[2]:m[3]])] {
		// The match runs one letter into the sentence; end at the colon.
		end := strings.IndexByte(s, ':') + 1
		return []int{0, end, m[2], m[3], -1, -1, -1, -1}
	}
	return nil
}

// findDateline reads a dateline at the start of the first paragraph.
func (b *builder) findDateline(p text.Span) {
	para := b.doc.Text[p.Start:p.End]
	m := datelineAt(para)
	if m == nil {
		return
	}
	end := m[1]
	whole := strings.TrimRight(para[:end], " -–—:")
	d := &Dateline{Span: text.Span{Start: p.Start, End: p.Start + len(whole)}}
	if m[3] > m[2] {
		d.Place = Field{Value: para[m[2]:m[3]], Span: text.Span{Start: p.Start + m[2], End: p.Start + m[3]}}
	}
	if m[4] >= 0 {
		d.Date.Field = Field{Value: para[m[4]:m[5]], Span: text.Span{Start: p.Start + m[4], End: p.Start + m[5]}}
		if t, ok := timex.Find(para[m[4]:m[5]], timex.Options{Ref: b.ref}); ok {
			d.Date.Moment = t.Moment
		}
	}
	if len(m) > 7 && m[6] >= 0 {
		if ag, ok := wire.Lookup(para[m[6]:m[7]]); ok {
			d.Agency = Field{Value: ag.Name, Span: text.Span{Start: p.Start + m[6], End: p.Start + m[7]}}
		}
	}
	b.doc.Dateline = d
}
