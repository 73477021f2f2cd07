package extract

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/wire"
)

// Clean turns an ingested article into a Document. It never fails: an
// article whose text is all chrome yields a Document with an empty body.
func Clean(a *ingest.Article) Document {
	d, _ := CleanContext(context.Background(), a)
	return d
}

// CleanContext is Clean that gives up soon after ctx ends, returning
// ctx's error: cleaning a page of many megabytes takes a second.
func CleanContext(ctx context.Context, a *ingest.Article) (Document, error) {
	b := newBuilder(a)
	b.ctx = ctx
	var lines []line
	switch a.Format {
	case ingest.FormatHTML:
		lines = b.htmlLines()
		if b.extracted {
			return b.runGuarded(lines)
		}
	default:
		start := 0
		if loc := ingest.SeedHeader.FindStringIndex(a.Raw); loc != nil && a.Format == ingest.FormatSeed {
			start = loc[1]
			b.doc.Removed = append(b.doc.Removed, Removed{Kind: "header", Span: text.Span{Start: loc[0], End: loc[1], InRaw: true}, Text: a.Raw[loc[0]:loc[1]]})
			if !a.Published.IsZero() {
				b.doc.Published.Field = Field{Value: a.Published.String(), Span: text.Trim(a.Raw, text.Span{Start: loc[0], End: loc[1], InRaw: true})}
			}
		}
		lines = unwrap(splitLines(a.Raw, start))
	}
	if err := b.run(lines); err != nil {
		return Document{}, err
	}
	return b.doc, nil
}

func newBuilder(a *ingest.Article) *builder {
	b := &builder{a: a, raw: a.Raw, title: a.Title}
	if !a.Published.IsZero() {
		b.doc.Published = TimeField{Field: Field{Value: a.Published.String(), From: a.Container + " date"}, Moment: a.Published}
		b.ref = a.Published.UTC
	}
	if a.Fetched.After(time.Time{}) && b.ref.IsZero() {
		b.ref = a.Fetched
	}
	return b
}

// run applies the line rules: unglue, classify, find the zones, assemble.
// It returns the context's error when the context ends first.
func (b *builder) run(lines []line) error {
	lines = unglue(lines)
	for i := range lines {
		if i&63 == 0 && b.ctx.Err() != nil {
			return b.ctx.Err()
		}
		if lines[i].kind == kindBody {
			b.classify(&lines[i])
		}
	}
	if b.extracted {
		sandwiched(lines)
	}
	if b.trust {
		for i := range lines {
			if chromeKinds[lines[i].kind] {
				lines[i].kind = kindBody
			}
		}
	}
	b.zones(lines)
	b.assemble(lines)
	b.finishMetadata()
	return nil
}

// builder carries one article through cleaning.
type builder struct {
	ctx context.Context
	a   *ingest.Article
	raw string
	doc Document
	ref time.Time // a nearby date, for dates written without a year
	// keptText holds the body lines' text while tags are split against it.
	keptText []string
	// title is a headline the input gave outside the text lines (a JSON or
	// feed field, an HTML <h1> or og:title).
	title string
	// metaTitle is og:title or the JSON-LD headline, used when the page
	// has no <h1>.
	metaTitle string
	// htmlTitle is the page's <title>.
	htmlTitle string
	// description is the page's meta description, often its dek.
	description string
	// page is what the rules found in an HTML page's whole visible text,
	// the source of metadata the extracted body leaves out.
	page *Document
	// extracted marks lines that an extractor already chose as the body:
	// short lines near the top are content there, not page chrome.
	extracted bool
	// pageDek is the dek the whole page's reading found.
	pageDek string
	// trust keeps every line an extractor chose as the body that is not
	// metadata: the second run of a page the chrome rules would empty.
	trust bool
	// timeRank is how a time field was set: 1 by a declared publication
	// or modification time, 0 by some <time> element (see metaTime).
	timeRank map[*TimeField]int
	// shownTimes are the times of the page's <time datetime> elements,
	// in the zones they were written in.
	shownTimes []timex.Moment
	// markupAuthors are the names the page's markup declares as its
	// author (see bylines.go).
	markupAuthors []markupAuthor
	// shownDates are the dates the markup shows in prose (see
	// datemarkup.go).
	shownDates []timex.Moment
}

// unglue splits lines that scraping glued together: a language menu or a
// breadcrumb in front of the headline.
func unglue(in []line) []line {
	var out []line
	for _, l := range in {
		if caption, rest, ok := splitBracketCaption(l); ok {
			out = append(out, caption)
			l = rest
		}
		if i := languageMenuPrefix(l.text); i > 0 {
			menu, rest := l.cut(i)
			menu.kind = kindMenu
			out = append(out, menu)
			if rest.text == "" {
				continue
			}
			l = rest
		}
		i := gluedBreadcrumb(l.text)
		if i < 0 {
			i = separatedBreadcrumb(l.text)
		}
		if i > 0 {
			crumbs, rest := l.cut(i)
			crumbs.kind = kindBreadcrumb
			out = append(out, crumbs)
			if rest.text == "" {
				continue
			}
			l = rest
		}
		out = append(out, l)
	}
	return out
}

// splitBracketCaption splits a caption whose bracketed credit names an
// agency or says "File"/"Photo" from the paragraph it was glued to.
func splitBracketCaption(l line) (line, line, bool) {
	m := bracketCreditRe.FindStringSubmatchIndex(l.text)
	if m == nil {
		return l, l, false
	}
	credit := l.text[m[4]:m[5]]
	lower := strings.ToLower(credit)
	if len(wire.Find(credit)) == 0 && !strings.HasPrefix(lower, "file") && !strings.HasPrefix(lower, "photo") {
		return l, l, false
	}
	end := m[5] + 1 // past the closing bracket
	caption, rest := l.cut(end)
	caption.kind = kindCaption
	return caption, rest, true
}

// classify marks a line as chrome when a rule recognises it, recording
// what the chrome says.
func (b *builder) classify(l *line) {
	s := l.text
	if b.notice(l) {
		return
	}
	n := len(words(s))
	if n > 50 {
		// Running text: only a long syndication notice can hide here.
		if n <= 90 && isSyndication(s) {
			l.kind = kindSyndication
			b.doc.Syndication = Syndication{Field: Field{Value: s, Span: l.span}, Verbatim: verbatimRe.MatchString(s)}
		}
		return
	}
	switch {
	case isLanguageMenu(s):
		l.kind = kindMenu
	case isSyndication(s):
		l.kind = kindSyndication
		if b.doc.Syndication.Value == "" {
			b.doc.Syndication = Syndication{Field: Field{Value: s, Span: l.span}, Verbatim: verbatimRe.MatchString(s)}
		}
	case tagsRe.MatchString(s):
		l.kind = kindTags
		m := tagsRe.FindStringSubmatchIndex(s)
		b.addTags(*l, m[2], m[3])
	case n <= 40 && copyrightRe.MatchString(s):
		l.kind = kindCopyright
	case n <= 20 && strings.Contains(s, "©") && !isProse(s):
		l.kind = kindCaption // "installation views, photos © Studio, 2018"
	case b.caption(l):
	case n <= 30 && b.byline(l):
	case n <= 20 && b.timeLine(l):
	case timeOnlyRe.MatchString(s):
		l.kind = kindTime
	case adRe.MatchString(s):
		l.kind = kindAd
	case n <= 30 && teaserRe.MatchString(s):
		l.kind = kindTeaser
	case n <= 40 && promoRe.MatchString(s):
		l.kind = kindPromo
	case n <= 40 && (creditLineRe.MatchString(s) || contributedRe.MatchString(s) && n <= 30):
		l.kind = kindCredit
		b.agencyFrom(*l, 0, len(s))
	case sourceLineRe.MatchString(s):
		l.kind = kindCredit
		b.agencyFrom(*l, 0, len(s))
	case readingTimeRe.MatchString(s) || shortcodeRe.MatchString(s):
		l.kind = kindWidget
	case isNewsletterPrompt(s) || isContactLine(s):
		l.kind = kindPromo
	case representRe.MatchString(s):
		l.kind = kindCaption
	case isWidget(s):
		l.kind = kindWidget
	case n <= 4 && agencyOnly(s):
		l.kind = kindCredit
		b.agencyFrom(*l, 0, len(s))
	}
}

// sandwiched marks short lines that sit between two pieces of promotional
// chrome as chrome too: widgets come in clusters ("Pick Six Newsletter",
// a pitch, "Thanks for signing up!", "Sorry!", an error message), and a
// related-stories list alternates links with their one-line teasers.
func sandwiched(lines []line) {
	isChrome := func(k string) bool {
		return k == kindPromo || k == kindTeaser || k == kindWidget
	}
	for pass := 0; pass < 2; pass++ {
		for i := 1; i+1 < len(lines); i++ {
			l := &lines[i]
			if l.kind != kindBody || l.heading || len(words(l.text)) > 20 {
				continue
			}
			if isChrome(lines[i-1].kind) && isChrome(lines[i+1].kind) {
				l.kind = lines[i-1].kind
			}
		}
	}
}

// syndicationWords are the words every syndication notice pattern needs;
// a line without any of them is not tried against the costly pattern.
var syndicationWords = []string{"syndicat", "generated", "wire", "feed", "edit", "headline", "sourced"}

func isSyndication(s string) bool {
	if len(s) > 900 {
		return false
	}
	lower := strings.ToLower(s)
	for _, w := range syndicationWords {
		if strings.Contains(lower, w) {
			return syndicationRe.MatchString(s)
		}
	}
	return false
}

// agencyOnly reports whether a short line only names a wire agency:
// "(AP)", "— Reuters", "AFP".
func agencyOnly(s string) bool {
	_, ok := wire.Lookup(strings.Trim(s, " ()[]-–—.,=*"))
	return ok
}

// agencyFrom records the first agency named in l.text[i:j] as the copy's
// agency when none is known yet.
func (b *builder) agencyFrom(l line, i, j int) {
	if b.doc.Agency.Value != "" {
		return
	}
	seg := l.text[i:j]
	loc := wire.WordRe.FindStringIndex(seg)
	if loc == nil {
		return
	}
	ag := wire.ByName(seg[loc[0]:loc[1]])
	if ag == nil || ag.Photo || ag.Generic {
		return
	}
	b.doc.Agency = Field{Value: ag.Name, Span: l.sub(i+loc[0], i+loc[1])}
}

// caption recognises picture captions and credits.
func (b *builder) caption(l *line) bool {
	s := l.text
	if len(words(s)) > 60 {
		return false
	}
	if m := captionLabel.FindStringIndex(s); m != nil {
		l.kind = kindCaption
		rest := s[m[1]:]
		if cs, ce, ok := slashCredit(rest); ok {
			b.addPhoto(*l, m[1], m[1]+cs, m[1]+cs, m[1]+ce)
		} else {
			b.addPhoto(*l, m[1], len(s), -1, -1)
		}
		return true
	}
	for _, re := range []*regexp.Regexp{creditParenRe, creditLineLbl, pipeCreditRe, labelAtEndRe} {
		if re == creditParenRe && !strings.Contains(s, "(") || re == pipeCreditRe && !strings.Contains(s, "|") ||
			re == labelAtEndRe && !strings.Contains(s, ":") {
			continue // cheap tests first: these patterns need that character
		}
		if m := re.FindStringSubmatchIndex(s); m != nil {
			capStart, capEnd := 0, m[0]
			if m[0] == 0 {
				capStart, capEnd = m[1], len(s)
			}
			l.kind = kindCaption
			b.addPhoto(*l, capStart, capEnd, m[4], m[5])
			return true
		}
	}
	if cs, ce, ok := slashCredit(s); ok {
		l.kind = kindCaption
		b.addPhoto(*l, 0, cs, cs, ce)
		return true
	}
	return false
}

// slashCredit finds a credit such as "REUTERS/Luis Moreno/File Photo" or
// "Chandan Khanna/AFP via Getty Images" ending s: capitalised names joined
// by slashes, at least one of them an agency.
func slashCredit(s string) (int, int, bool) {
	if !strings.Contains(s, "/") {
		return 0, 0, false
	}
	m := slashCreditRe.FindStringSubmatchIndex(s)
	if m == nil || !strings.Contains(s[m[2]:m[3]], "/") {
		return 0, 0, false
	}
	for _, ag := range wire.Find(s[m[2]:m[3]]) {
		if ag != nil {
			return m[2], m[3], true
		}
	}
	return 0, 0, false
}

// addPhoto records a caption s[cs:ce] (may be empty) and credit s[rs:re].
func (b *builder) addPhoto(l line, cs, ce, rs, re int) {
	var p Photo
	if cs >= 0 && ce > cs {
		seg := strings.TrimSpace(strings.Trim(strings.TrimSpace(l.text[cs:ce]), "|-–—"))
		if seg != "" {
			i := cs + strings.Index(l.text[cs:ce], seg)
			p.Caption = Field{Value: seg, Span: l.sub(i, i+len(seg))}
		}
	}
	if rs >= 0 {
		credit := strings.TrimSpace(l.text[rs:re])
		i := rs + strings.Index(l.text[rs:re], credit)
		p.Credit = Field{Value: credit, Span: l.sub(i, i+len(credit))}
		if ags := wire.Find(credit); len(ags) > 0 {
			p.Agency = ags[len(ags)-1].Name
		} else if k := strings.LastIndexByte(credit, '/'); k >= 0 {
			p.Agency = strings.TrimSpace(credit[k+1:])
		}
	}
	if p.Caption.Value != "" || p.Credit.Value != "" {
		b.doc.Photos = append(b.doc.Photos, p)
	}
}

// byline recognises "By Name[, Agency] | Updated ..." and chrome lines
// that join a source name to a time: "World News Press Trust of India |
// Updated: …", "TOI City Desk / TIMESOFINDIA.COM / Updated: …".
func (b *builder) byline(l *line) bool {
	parts := splitParts(l.text)
	if len(parts) == 0 {
		return false
	}
	first := l.text[parts[0].start:parts[0].end]
	m := bylineStartRe.FindStringIndex(first)
	named := m != nil && nameLike(first[m[1]:])
	times := 0
	for _, p := range parts {
		seg := l.text[p.start:p.end]
		switch {
		case b.isTimePart(seg):
			times++
		case isWidget(seg):
		case len(words(seg)) > 8 || isProse(seg):
			return false
		case p != parts[0] && !nameLike(seg):
			return false
		}
	}
	if !named && (times == 0 || len(parts) < 2 || !nameLike(first)) {
		return false
	}
	l.kind = kindByline
	if named {
		b.addAuthors(*l, parts[0].start+m[1], parts[0].end)
	} else if !b.isTimePart(first) {
		b.addAuthors(*l, parts[0].start, parts[0].end)
	}
	for _, p := range parts {
		seg := l.text[p.start:p.end]
		if b.isTimePart(seg) {
			b.timeIn(*l, p.start, p.end)
		} else {
			b.agencyFrom(*l, p.start, p.end)
		}
	}
	return true
}

// addAuthors splits a byline value into names; agencies among them set
// the copy's agency.
func (b *builder) addAuthors(l line, i, j int) {
	seg := l.text[i:j]
	start := 0
	emit := func(end int) {
		name := strings.TrimSpace(seg[start:end])
		name = strings.Trim(name, ",;:")
		if name == "" {
			return
		}
		k := i + start + strings.Index(seg[start:end], name)
		f := Field{Value: name, Span: l.sub(k, k+len(name))}
		if ag, ok := wire.Lookup(name); ok && !ag.Photo {
			if b.doc.Agency.Value == "" {
				b.doc.Agency = Field{Value: ag.Name, Span: f.Span}
			}
		}
		b.doc.Authors = append(b.doc.Authors, f)
	}
	for k := 0; k < len(seg); {
		rest := seg[k:]
		switch {
		case strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, "&"):
			emit(k)
			k++
			start = k
		case strings.HasPrefix(rest, " and "):
			emit(k)
			k += 5
			start = k
		default:
			_, n := utf8.DecodeRuneInString(rest)
			k += n
		}
	}
	emit(len(seg))
}

// timeLine recognises "Published at : 01 Dec 2025 08:34 AM (IST)" and lines
// that hold only a date.
func (b *builder) timeLine(l *line) bool {
	if b.isTimePart(l.text) {
		l.kind = kindTime
		b.timeIn(*l, 0, len(l.text))
		return true
	}
	parts := splitParts(l.text)
	times := 0
	for _, p := range parts {
		switch seg := l.text[p.start:p.end]; {
		case b.isTimePart(seg):
			times++
		case !isWidget(seg):
			return false
		}
	}
	if times == 0 {
		return false
	}
	l.kind = kindTime
	for _, p := range parts {
		b.timeIn(*l, p.start, p.end)
	}
	return true
}

// isTimePart reports whether s is a date with at most a label and a few
// words around it.
func (b *builder) isTimePart(s string) bool {
	m, ok := timex.Find(s, timex.Options{Ref: b.ref})
	if !ok || m.Precision < timex.Day {
		return false
	}
	rest := s[:m.Start] + " " + s[m.End:]
	if loc := timeLabelRe.FindStringIndex(strings.TrimSpace(s[:m.Start])); loc != nil {
		rest = strings.TrimSpace(s[:m.Start])[loc[1]:] + " " + s[m.End:]
	}
	return len(words(rest)) <= 3 && !endsSentence(strings.TrimSpace(s))
}

// timeIn records the date in l.text[i:j] as published or updated time,
// according to its label.
func (b *builder) timeIn(l line, i, j int) {
	seg := l.text[i:j]
	m, ok := timex.Find(seg, timex.Options{Ref: b.ref})
	if !ok {
		return
	}
	label := strings.ToLower(seg[:m.Start])
	f := TimeField{Field: Field{Value: seg[m.Start:m.End], Span: l.sub(i+m.Start, i+m.End)}, Moment: m.Moment}
	if strings.Contains(label, "updated") || strings.Contains(label, "modified") || strings.Contains(label, "edited") {
		if b.doc.Updated.Moment.IsZero() || m.Precision > b.doc.Updated.Moment.Precision {
			b.doc.Updated = f
		}
		return
	}
	if b.doc.Published.Moment.IsZero() || m.Precision > b.doc.Published.Moment.Precision {
		b.doc.Published = f
	}
}

// addTags splits a tag list l.text[i:j] on its separators.
func (b *builder) addTags(l line, i, j int) {
	seg := l.text[i:j]
	start := 0
	for k := 0; k <= len(seg); k++ {
		if k == len(seg) || strings.ContainsRune(",;|·•#", rune(seg[k])) {
			tag := strings.TrimSpace(seg[start:k])
			if tag != "" {
				at := i + start + strings.Index(seg[start:k], tag)
				b.doc.Tags = append(b.doc.Tags, Field{Value: tag, Span: l.sub(at, at+len(tag))})
			}
			start = k + 1
		}
	}
}

// finishMetadata fills what the lines did not give: language, outlet
// agency from the dateline, the updated time as published when only an
// update was printed.
func (b *builder) finishMetadata() {
	b.doc.Authors = namesOnly(dedupeFields(b.doc.Authors))
	if b.doc.Agency.Value == "" {
		for _, a := range b.doc.Authors {
			if ag, ok := wire.Lookup(a.Value); ok && !ag.Photo && !ag.Generic {
				b.doc.Agency = Field{Value: ag.Name, Span: a.Span, From: a.From}
				break
			}
		}
	}
	if b.doc.Language == "" {
		b.doc.Language = b.a.Language
	}
	if b.doc.Language == "" && len(b.doc.Text) > 0 {
		b.doc.Language = detectLanguage(b.doc.Text)
	}
	if b.doc.Agency.Value == "" && b.doc.Dateline != nil && b.doc.Dateline.Agency.Value != "" {
		b.doc.Agency = b.doc.Dateline.Agency
	}
	if b.doc.Agency.Value == "" && b.doc.Syndication.Value != "" {
		for _, ag := range wire.Find(b.doc.Syndication.Value) {
			if !ag.Photo {
				b.doc.Agency = Field{Value: ag.Name, Span: b.doc.Syndication.Span}
				break
			}
		}
	}
	if b.doc.Published.Moment.Precision <= timex.Day && b.doc.Updated.Moment.Precision > timex.Day &&
		(b.doc.Published.Moment.IsZero() || b.doc.Published.Moment.Date() == b.doc.Updated.Moment.Date()) {
		// Only an update time was printed, on the scrape date: it is the
		// best-known publication time too.
		b.doc.Published = b.doc.Updated
	}
}

// firstUpper reports whether s starts with an upper-case letter.
func firstUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// clipUTF8 returns at most n bytes of s, cut at a character boundary.
func clipUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// dedupeFields drops repeated values (case-insensitive), keeping the first,
// or the one with a span when the first came from an attribute.
func dedupeFields(fs []Field) []Field {
	var out []Field
	seen := map[string]int{}
	for _, f := range fs {
		key := strings.ToLower(strings.TrimSpace(f.Value))
		if i, ok := seen[key]; ok {
			if out[i].From != "" && f.From == "" {
				out[i] = f
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, f)
	}
	return out
}
