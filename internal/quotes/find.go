package quotes

import (
	"sort"
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// paragraph is one paragraph's tokens, with each token's sentence and the
// paragraph's quotations.
type paragraph struct {
	toks   []words.Token
	sentOf []int // token → sentence index (global)
	first  map[int]int
	last   map[int]int
	quotes []interval // in order, none inside another
	inq    []bool     // token → inside one of the quotes
	// introduced is set when the paragraph's first quotation was taken as
	// introduced by the paragraph before.
	introduced bool
	lowers     []string // the tokens in lower case
	// shared is set while toks is the sentences' own token array (which
	// the paragraph must not change), not a copy.
	shared bool
}

func paragraphs(sents []words.Sentence) []*paragraph {
	var out []*paragraph
	var cur *paragraph
	for si, s := range sents {
		if cur == nil || s.Paragraph != sents[si-1].Paragraph {
			n := 0
			for _, t := range sents[si:] {
				if t.Paragraph != s.Paragraph {
					break
				}
				n += len(t.Tokens)
			}
			cur = &paragraph{first: map[int]int{}, last: map[int]int{}, sentOf: make([]int, 0, n)}
			// Sentences split from one paragraph share its token array;
			// the paragraph takes it whole rather than copying it.
			if cap(s.Tokens) >= n {
				cur.toks = s.Tokens[:0]
				cur.shared = true
			} else {
				cur.toks = make([]words.Token, 0, n)
			}
			out = append(out, cur)
		}
		cur.first[si] = len(cur.toks)
		if cur.shared && len(s.Tokens) > 0 && len(cur.toks) < cap(cur.toks) && &cur.toks[:len(cur.toks)+1][len(cur.toks)] == &s.Tokens[0] {
			cur.toks = cur.toks[:len(cur.toks)+len(s.Tokens)]
		} else {
			if cur.shared {
				// Not contiguous after all: copy what is shared so far.
				cur.toks, cur.shared = append(make([]words.Token, 0, cap(cur.toks)), cur.toks...), false
			}
			cur.toks = append(cur.toks, s.Tokens...)
		}
		for range s.Tokens {
			cur.sentOf = append(cur.sentOf, si)
		}
		cur.last[si] = len(cur.toks) - 1
	}
	for _, p := range out {
		p.quotes = findQuotations(p.toks)
		p.inq = make([]bool, len(p.toks))
		for _, q := range p.quotes {
			for k := q.open; k <= p.closeOf(q); k++ {
				p.inq[k] = true
			}
		}
		p.lowers = make([]string, len(p.toks))
		for k, t := range p.toks {
			p.lowers[k] = strings.ToLower(t.Text)
		}
	}
	return out
}

// isCliticAt reports whether token k is a clitic split from the word
// before it ("'s" of "Friday's", "n't").
func (p *paragraph) isCliticAt(k int) bool {
	if k == 0 || p.toks[k-1].Span.End != p.toks[k].Span.Start {
		return false
	}
	for _, c := range words.Clitics {
		if strings.EqualFold(p.toks[k].Text, c) {
			return true
		}
	}
	return false
}

// lower returns token k in lower case.
func (p *paragraph) lower(k int) string { return p.lowers[k] }

// Find finds the quotes of a text split into sentences: direct
// quotes (interrupted and multi-sentence ones joined), and partial quotes
// — quoted words inside a reported clause — each with its cue and the
// speaker mention next to the cue.
func Find(s string, sents []words.Sentence) []Quote {
	return FindWith(s, sents, DefaultModel())
}

// FindWith is Find with the given quote model (nil: the
// rules alone), for training and cross-validation.
func FindWith(s string, sents []words.Sentence, model *Model) []Quote {
	return FindUntil(s, sents, model, nil)
}

// FindUntil is FindWith that gives up, with what it has, once stop
// (when not nil) reports true; it asks once per paragraph.
func FindUntil(s string, sents []words.Sentence, model *Model, stop func() bool) []Quote {
	var out []Quote
	var prev *paragraph
	for _, p := range paragraphs(sents) {
		if stop != nil && stop() {
			break
		}
		if q, ok := p.introducedQuote(prev); ok {
			out = append(out, q)
		} else if n := len(out); n > 0 && prev != nil && prev.endsOpen() && len(p.quotes) > 0 && p.quotes[0].open == 0 && out[n-1].Span.End >= prev.toks[len(prev.toks)-1].Span.Start {
			// A quotation running over paragraphs: the convention leaves it
			// unclosed at each paragraph's end and reopens it at the next.
			out[n-1].Fragments = append(out[n-1].Fragments, p.fragmentSpan(p.quotes[0]))
			out[n-1].Span.End = p.fragmentSpan(p.quotes[0]).End
			p.introduced = true
		}
		found := p.findQuotes(model)
		found = append(found, p.indirectQuotes(found)...)
		sortQuotes(found)
		out = append(out, found...)
		prev = p
	}
	return out
}

// endsOpen reports whether the paragraph's last quotation is left open.
func (p *paragraph) endsOpen() bool {
	return len(p.quotes) > 0 && p.quotes[len(p.quotes)-1].close < 0
}

// introducedQuote reads a paragraph that opens with a bare quotation
// after a paragraph ending in a speech tag and a colon ("The New York
// Times reports:" / "He said:"): the quotation is what the tag introduces.
func (p *paragraph) introducedQuote(prev *paragraph) (Quote, bool) {
	if prev == nil || len(p.quotes) == 0 || p.quotes[0].open != 0 || len(prev.toks) < 2 {
		return Quote{}, false
	}
	last := len(prev.toks) - 1
	if prev.toks[last].Text != ":" || prev.inQuote(last) {
		return Quote{}, false
	}
	first := prev.first[prev.sentOf[last]]
	cue := prev.nearestCue(first, last+1, last)
	if cue < 0 {
		return Quote{}, false
	}
	q := Quote{Kind: "direct", Fragments: []text.Span{p.fragmentSpan(p.quotes[0])}}
	q.Span = q.Fragments[0]
	prev.setCue(&q, cue)
	p.introduced = true
	return q, true
}

func (p *paragraph) closeOf(q interval) int {
	if q.close < 0 {
		return len(p.toks) - 1
	}
	return q.close
}

// unit is a run of whole sentences that quotations hold together: a quote
// spanning sentences, or a quote and the speech tag that follows it in
// the next sentence ("Why now?" she asked.).
type unit struct{ a, b int } // token range, inclusive

func (p *paragraph) units() []unit {
	var out []unit
	for i := 0; i < len(p.toks); {
		si := p.sentOf[i]
		u := unit{p.first[si], p.last[si]}
		// The quotations opening in the unit, as it grows: one opened
		// before it closed before it too (the unit before took it in).
		next := sort.Search(len(p.quotes), func(j int) bool { return p.quotes[j].open >= u.a })
		for {
			grown := false
			for ; next < len(p.quotes) && p.quotes[next].open <= u.b; next++ {
				if q := p.quotes[next]; p.closeOf(q) > u.b {
					u.b = p.last[p.sentOf[p.closeOf(q)]]
					grown = true
				}
			}
			// A quotation closing the unit, then a bare speech tag.
			if !grown && u.b+1 < len(p.toks) && p.endsWithQuote(u) && p.isSpeechTag(p.sentOf[u.b+1]) {
				u.b = p.last[p.sentOf[u.b+1]]
				grown = true
			}
			if !grown {
				break
			}
		}
		out = append(out, p.splitAtCredits(u)...)
		i = u.b + 1
	}
	return out
}

// splitAtCredits cuts a unit after each dash credit ("…” ― Jorge Falcon
// “…”): each credited quotation is its own statement.
func (p *paragraph) splitAtCredits(u unit) []unit {
	var out []unit
	a := u.a
	for k := u.a; k <= u.b; k++ {
		if !p.isDashCredit(k) {
			continue
		}
		end := k + 1
		for end+1 <= u.b && end-k < 6 && !p.inQuote(end+1) && words.IsWord(p.toks[end+1].Text) && words.StartsUpper(p.toks[end+1].Text) {
			end++
		}
		if end+1 <= u.b && (p.toks[end+1].Text == "." || p.toks[end+1].Text == ",") {
			end++
		}
		if end < u.b {
			out = append(out, unit{a, end})
			a = end + 1
		}
	}
	return append(out, unit{a, u.b})
}

func (p *paragraph) endsWithQuote(u unit) bool {
	for k := u.b; k >= u.a && k >= u.b-2; k-- {
		if m := quoteMark(p.toks[k].Text); m == -1 || m == 2 {
			return p.inQuote(k)
		}
	}
	return false
}

func (p *paragraph) inQuote(k int) bool { return k >= 0 && k < len(p.inq) && p.inq[k] }

// isSpeechTag reports whether sentence si is only a speech tag: a cue,
// its speaker, short adjuncts, no quotation.
func (p *paragraph) isSpeechTag(si int) bool {
	a, b := p.first[si], p.last[si]
	if b-a > 14 {
		return false
	}
	for k := a; k <= b; k++ {
		if p.inQuote(k) || strings.EqualFold(p.toks[k].Text, "that") {
			return false
		}
	}
	cue := p.nearestCue(a, b+1, a)
	return cue >= 0 && cue-a <= 4
}

// quotesIn returns the quotations opening inside the unit.
func (p *paragraph) quotesIn(u unit) []interval {
	var out []interval
	for j := sort.Search(len(p.quotes), func(j int) bool { return p.quotes[j].open >= u.a }); j < len(p.quotes) && p.quotes[j].open <= u.b; j++ {
		out = append(out, p.quotes[j])
	}
	return out
}

func (p *paragraph) findQuotes(model *Model) []Quote {
	var out []Quote
	// prev is the index in out of the last quote the previous unit made.
	prev := -1
	for _, u := range p.units() {
		qs := p.quotesIn(u)
		if len(qs) == 0 {
			prev = -1
			continue
		}
		if p.introduced && u.a == 0 && allEmpty(p.framePieces(u, qs)) {
			continue
		}
		if allEmpty(p.framePieces(u, qs)) {
			// A quotation standing alone continues the statement quoted
			// just before it: the same quote when that was a quotation,
			// else a quotation of the same speaker ("…are “not meeting
			// the demand,” says Paul Rieckhoff. “We often compare…”").
			switch {
			case prev >= 0 && out[prev].Kind == "direct":
				q := &out[prev]
				q.Fragments = append(q.Fragments, p.fragments(qs)...)
				q.Span.End = q.Fragments[len(q.Fragments)-1].End
			case prev >= 0 && out[prev].Kind == "partial" && out[prev].Speaker.Len() > 0:
				q := p.directQuote(qs, -1)
				q.Cue, q.Speaker, q.SpeakerHead = out[prev].Cue, out[prev].Speaker, out[prev].SpeakerHead
				out = append(out, q)
				prev = len(out) - 1
			}
			continue
		}
		// The unit's last direct quote, else its last partial one.
		prev = -1
		for _, q := range p.quotesOfUnit(u, qs, model) {
			out = append(out, q)
			if q.Kind == "direct" || q.Kind == "partial" && (prev < 0 || out[prev].Kind == "partial") {
				prev = len(out) - 1
			}
		}
	}
	return out
}

// quotesOfUnit reads the attributions of one unit: the rules' reading,
// refined by the model when there is one. Quotations the chosen content
// leaves out ("X called it “A” and encouraged Y to “B”") are read again as
// a unit of their own.
func (p *paragraph) quotesOfUnit(u unit, qs []interval, model *Model) []Quote {
	rule, kind := p.ruleQuote(u, qs)
	if model == nil {
		if rule == nil {
			return nil
		}
		return []Quote{*rule}
	}
	ui := p.unitInfo(u, qs, rule, kind)
	ruleCue := -1
	if rule != nil && rule.Cue.Len() > 0 {
		ruleCue = p.tokenAt(rule.Cue.Start)
	}
	ok, start, end := model.decide(ui)
	if !ok {
		return nil
	}
	q := p.modelQuote(ui, start, end, ruleCue)
	cue := -1
	if q.Cue.Len() > 0 {
		cue = p.tokenAt(q.Cue.Start)
	}
	// The rules name the speaker when they can; the model fills in.
	if k := model.pickSpeaker(ui, start, end, cue, ui.ruleHead()); k >= 0 && q.Speaker.Len() == 0 {
		if a, b := p.mentionAround(k); p.plausibleSpeaker(a, b) {
			q.Speaker = text.Span{Start: p.toks[a].Span.Start, End: p.toks[b].Span.End}
			q.SpeakerHead = p.toks[k].Span
		}
	}
	out := append(p.quoteBefore(u, start, model), q)
	if end < u.b {
		rest := unit{end + 1, u.b}
		if rqs := p.quotesIn(rest); len(rqs) > 0 && !allEmpty(p.framePieces(rest, rqs)) {
			out = append(out, p.quotesOfUnit(rest, rqs, model)...)
		}
	}
	return out
}

// fragments returns the spans of quotations (nil for none).
func (p *paragraph) fragments(qs []interval) []text.Span {
	var out []text.Span
	for _, iv := range qs {
		out = append(out, p.fragmentSpan(iv))
	}
	return out
}

// quoteBefore returns the quote a unit opens with when the content the
// model chose starts after it and a verb of saying lies between them:
// "“A,” the mayor said, adding that “B”" quotes A directly. A quotation
// in the middle of a sentence before the content is more often a title
// or a scare quote ("told “Good Morning America” that…"), left alone.
func (p *paragraph) quoteBefore(u unit, start int, model *Model) []Quote {
	if start <= u.a {
		return nil
	}
	first := p.quotesIn(unit{u.a, u.a})
	if len(first) == 0 || first[0].close < 0 || first[0].close >= start || p.firstSpeechVerb(first[0].close+1, start) < 0 {
		return nil
	}
	before := unit{u.a, start - 1}
	var bqs []interval
	for _, bq := range p.quotesIn(before) {
		if bq.close >= 0 && bq.close < start {
			bqs = append(bqs, bq)
		}
	}
	var out []Quote
	for _, q := range p.quotesOfUnit(before, bqs, model) {
		if q.Kind == "direct" {
			out = append(out, q)
		}
	}
	return out
}

// ruleQuote is the rules' reading of a unit: a direct quote when only
// speech tags surround the quotations, else a partial quote if a cue is
// near, else nothing (scare quotes, titles).
func (p *paragraph) ruleQuote(u unit, qs []interval) (*Quote, string) {
	pieces := p.framePieces(u, qs)
	if p.speechTagsOnly(pieces) {
		cue := -1
		for i, pc := range pieces {
			// The cue nearest the quotation: at the end of a tag before
			// it, at the start of a tag after it.
			near := pc.b
			if i > 0 {
				near = pc.a
			}
			if c := p.nearestCue(pc.a, pc.b, near); c >= 0 {
				cue = c
				break
			}
		}
		q := p.directQuote(qs, cue)
		return &q, "direct"
	}
	if q, ok := p.partialQuote(u, qs); ok {
		return &q, "partial"
	}
	return nil, "none"
}

// modelQuote builds the quote the model chose: the quotations alone when
// the content is them and the speech tags between them, else the content
// span as a partial quote.
// The rules' cue, when they found one, names the speaker; the model only
// moves the boundaries.
func (p *paragraph) modelQuote(ui *unitInfo, start, end, ruleCue int) Quote {
	var inRange []interval
	for _, q := range ui.qs {
		if q.open >= start && p.closeOf(q) <= end {
			inRange = append(inRange, q)
		}
	}
	cue := -1
	if len(inRange) > 0 && start == inRange[0].open && end == p.closeOf(inRange[len(inRange)-1]) {
		pieces := p.framePieces(unit{start, end}, inRange)
		if len(inRange) == 1 || p.speechTagsOnly(pieces) || allEmpty(pieces) {
			cue = ruleCue
			if cue < 0 {
				cue = p.nearestCue(ui.u.a, ui.u.b+1, start)
			}
			return p.directQuote(inRange, cue)
		}
	}
	// Its quotations are those the content holds: one after it is a
	// statement of its own, read with the rest of the unit.
	var held []interval
	for _, iv := range ui.qs {
		if iv.open <= end && p.closeOf(iv) >= start {
			held = append(held, iv)
		}
	}
	q := Quote{Kind: "partial", Span: text.Span{Start: p.toks[start].Span.Start, End: p.toks[end].Span.End}, Fragments: p.fragments(held)}
	cue = ruleCue
	if cue < 0 {
		cue = p.nearestCue(ui.u.a, start, start)
	}
	if cue < 0 {
		cue = p.nearestCue(end+1, ui.u.b+1, end)
	}
	if cue < 0 {
		cue = p.nearestCue(ui.u.a, ui.u.b+1, start)
	}
	if cue >= 0 {
		p.setCue(&q, cue)
		q.Pieces = p.piecesAroundTag(ui.qs, start, end, cue)
	}
	return q
}

// piecesAroundTag splits a partial quote's content [start, end] at the
// speech tag inside it: when the cue stands between two of its quotations,
// the words between them are the tag, not content. Nil when there is no
// such tag.
func (p *paragraph) piecesAroundTag(qs []interval, start, end, cue int) []text.Span {
	for i := 0; i+1 < len(qs); i++ {
		closeAt, openAt := p.closeOf(qs[i]), qs[i+1].open
		if closeAt < start || openAt > end || cue <= closeAt || cue >= openAt {
			continue
		}
		// A conjunction after the tag carries the content on ("…," he
		// said, but "…"): it belongs to the second piece.
		from := openAt
		for from-1 > cue && resumingWords[p.lower(from-1)] {
			from--
		}
		return []text.Span{
			{Start: p.toks[start].Span.Start, End: p.toks[closeAt].Span.End},
			{Start: p.toks[from].Span.Start, End: p.toks[end].Span.End},
		}
	}
	return nil
}

// resumingWords continue a quoted statement after its speech tag.
var resumingWords = words.Set(`but and or yet so then because although though while`)

// piece is a stretch of a unit outside its quotations: before the first,
// between two, or after the last. [a, b) in tokens.
type piece struct{ a, b int }

func (p *paragraph) framePieces(u unit, qs []interval) []piece {
	var out []piece
	at := u.a
	for _, q := range qs {
		out = append(out, piece{at, q.open})
		at = p.closeOf(q) + 1
	}
	out = append(out, piece{at, u.b + 1})
	return out
}

func allEmpty(ps []piece) bool {
	for _, pc := range ps {
		for _, k := range pc.tokens() {
			_ = k
			return false
		}
	}
	return true
}

func (pc piece) tokens() []int {
	var out []int
	for k := pc.a; k < pc.b; k++ {
		out = append(out, k)
	}
	return out
}

// speechTagsOnly reports whether every piece outside the quotations is
// empty, bare punctuation, or a speech tag — and at least one is a tag.
func (p *paragraph) speechTagsOnly(ps []piece) bool {
	tags := 0
	for i, pc := range ps {
		n := 0
		for k := pc.a; k < pc.b; k++ {
			if words.IsWord(p.toks[k].Text) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		if !p.isTag(pc, i == 0, i == len(ps)-1) {
			return false
		}
		tags++
	}
	return tags > 0
}

// isTag reports whether a piece is a speech tag: it has a cue, no "that",
// at most 30 tokens; before a quotation it ends with ":" or "," ; after
// one it starts with its speaker or cue, not with more of a clause.
func (p *paragraph) isTag(pc piece, first, last bool) bool {
	if pc.b-pc.a > 30 {
		return false
	}
	cue := p.nearestCue(pc.a, pc.b, pc.a)
	if cue < 0 {
		return false
	}
	for k := pc.a; k < pc.b; k++ {
		if strings.EqualFold(p.toks[k].Text, "that") && k > cue {
			return false
		}
	}
	if !last {
		end := p.toks[pc.b-1].Text
		if end != ":" && end != "," && end != "—" && end != "-" {
			return false
		}
	}
	if !first {
		// "…,” Rubio told reporters" or "…,” said Hester" — the cue comes
		// within the first few words, after the quote's own punctuation.
		k := pc.a
		for k < pc.b && !words.IsWord(p.toks[k].Text) {
			k++
		}
		if cue-k > 8 {
			return false
		}
	}
	return true
}

// nearestCue returns the cue token in [a, b) closest to token near, a
// verb of saying proper before any other, or -1.
func (p *paragraph) nearestCue(a, b, near int) int {
	best, bestD := -1, 1<<30
	for k := a; k < b; k++ {
		if p.isDashCredit(k) {
			return k // "…” ― Pamela Padilla": the dash is the cue
		}
		if p.inQuote(k) || IsCue(p.toks, k) == 0 {
			continue
		}
		d := k - near
		if d < 0 {
			d = -d
		}
		if !speechVerbs[p.lower(k)] {
			d += 1000
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 && b-a >= 2 && b-a <= 4 && p.toks[b-1].Text == ":" && !p.inQuote(b-1) && p.isName(a, b-1) {
		return b - 1 // transcripts: "PENCE: Well, look…"
	}
	return best
}

// isDashCredit reports whether token k is a dash right after a closing
// quotation mark and before a capitalised name: the credit line of a
// quote in a vox-pop list.
func (p *paragraph) isDashCredit(k int) bool {
	switch p.toks[k].Text {
	case "―", "—", "–", "-", "--":
	default:
		return false
	}
	if k == 0 || k+1 >= len(p.toks) || !p.inQuote(k-1) || p.inQuote(k) {
		return false
	}
	return words.StartsUpper(p.toks[k+1].Text)
}

// firstSpeechVerb returns the first verb of saying proper in [a, b)
// outside quotations, or -1.
func (p *paragraph) firstSpeechVerb(a, b int) int {
	for k := a; k < b; k++ {
		if !p.inQuote(k) && IsCue(p.toks, k) > 0 && speechVerbs[p.lower(k)] {
			return k
		}
	}
	return -1
}

// isName reports whether tokens [a, b) are capitalised words, a speaker's
// name in a transcript.
func (p *paragraph) isName(a, b int) bool {
	for k := a; k < b; k++ {
		t := p.toks[k].Text
		if t == `"` || t == "“" {
			continue
		}
		if r := []rune(t); len(r) == 0 || !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}

func (p *paragraph) fragmentSpan(q interval) text.Span {
	return text.Span{Start: p.toks[q.open].Span.Start, End: p.toks[p.closeOf(q)].Span.End}
}

func (p *paragraph) directQuote(qs []interval, cue int) Quote {
	q := Quote{Kind: "direct", Fragments: p.fragments(qs)}
	q.Span = text.Span{Start: q.Fragments[0].Start, End: q.Fragments[len(q.Fragments)-1].End}
	if cue >= 0 {
		p.setCue(&q, cue)
	}
	return q
}

// prepositions open adjuncts between a cue and its "that" clause.
var adjunctStarts = words.Set(`in on at during after before to with through via from for earlier later last this
yesterday today tonight monday tuesday wednesday thursday friday saturday sunday`)

// partialQuote builds the reported clause holding the quoted words: from
// the word after the cue to the end of the sentence when the cue comes
// first; from the sentence start to the last quotation before the cue
// when the speech tag follows.
func (p *paragraph) partialQuote(u unit, qs []interval) (Quote, bool) {
	q := Quote{Kind: "partial", Fragments: p.fragments(qs)}
	// The main clause's verb of saying: the first one before the quote.
	cue := p.firstSpeechVerb(u.a, qs[0].open)
	if cue < 0 {
		cue = p.nearestCue(u.a, qs[0].open, qs[0].open)
	}
	last := qs[len(qs)-1]
	// "…, according to X" names the source more surely than a verb.
	if acc := p.nearestCue(p.closeOf(last)+1, u.b+1, p.closeOf(last)); acc >= 0 && strings.EqualFold(p.toks[acc].Text, "according") {
		cue = -1
	}
	var start, end int
	if cue >= 0 {
		start = p.contentStart(cue, qs[0].open)
		end = u.b
		if end > start && (p.toks[end].Text == "." || p.toks[end].Text == ";" || p.toks[end].Text == ":") && !p.inQuote(end) {
			end--
		}
	} else {
		cue = p.nearestCue(p.closeOf(last)+1, u.b+1, p.closeOf(last))
		if cue < 0 {
			return Quote{}, false
		}
		start, end = u.a, p.closeOf(last)
	}
	if start > end {
		return Quote{}, false
	}
	q.Span = text.Span{Start: p.toks[start].Span.Start, End: p.toks[end].Span.End}
	p.setCue(&q, cue)
	return q, true
}

// contentStart returns where the reported clause after a cue starts: past
// the cue, a hearer ("told reporters"), adjuncts ("in a statement on
// Friday") and punctuation, at "that" when adjuncts lead to it.
func (p *paragraph) contentStart(cue, quoteOpen int) int {
	k := cue + max(1, IsCue(p.toks, cue))
	if tellVerbs[p.lower(cue)] {
		// The hearer: a short noun phrase.
		j := k
		for j < quoteOpen && j-k < 5 && words.IsWord(p.toks[j].Text) && !strings.EqualFold(p.toks[j].Text, "that") && !adjunctStarts[p.lower(j)] {
			j++
		}
		if j < quoteOpen && (strings.EqualFold(p.toks[j].Text, "that") || adjunctStarts[p.lower(j)] || p.toks[j].Text == ",") {
			k = j
		}
	}
	if k < quoteOpen && adjunctStarts[p.lower(k)] {
		for j := k; j < quoteOpen; j++ {
			if strings.EqualFold(p.toks[j].Text, "that") {
				k = j
				break
			}
		}
	}
	for k < quoteOpen && (p.toks[k].Text == "," || p.toks[k].Text == ":" || p.toks[k].Text == "—") {
		k++
	}
	return k
}

// setCue records the cue and finds the speaker mention next to it.
func (p *paragraph) setCue(q *Quote, cue int) {
	n := max(1, IsCue(p.toks, cue))
	q.Cue = text.Span{Start: p.toks[cue].Span.Start, End: p.toks[cue+n-1].Span.End}
	if a, b, ok := p.speakerNP(cue, n); ok {
		a = p.trimFocus(a, b)
		if sp := (text.Span{Start: p.toks[a].Span.Start, End: p.toks[b].Span.End}); q.Kind == "partial" && sp.Overlaps(q.Span) && len(q.Fragments) > 0 && sp.End <= q.Fragments[0].Start {
			// A name inside the content before its quotation ("called
			// Mr. Obama's remarks "a wake-up call"") is talked about, not
			// speaking; a speech tag between quotations is the speaker.
			return
		}
		q.Speaker = text.Span{Start: p.toks[a].Span.Start, End: p.toks[b].Span.End}
		q.SpeakerHead = p.toks[b].Span
	}
}

// mentionAround returns the mention a speaker head token belongs to: a
// pronoun alone, a run of capitalised words, or a noun phrase ending at k.
func (p *paragraph) mentionAround(k int) (int, int) {
	if words.Pronouns[p.lower(k)] {
		return k, k
	}
	if determiners[p.lower(k)] {
		// "The commission says": the phrase runs on from its determiner.
		b := k
		for b+1 < len(p.toks) && b-k < 5 && !p.inQuote(b+1) && words.IsWord(p.toks[b+1].Text) && !NPStop[p.lower(b+1)] && IsCue(p.toks, b+1) == 0 {
			b++
		}
		return k, b
	}
	capital := func(i int) bool {
		return i >= 0 && i < len(p.toks) && !p.inQuote(i) && p.sentOf[i] == p.sentOf[k] &&
			(words.StartsUpper(p.toks[i].Text) && words.IsWord(p.toks[i].Text) || p.toks[i].Text == "'s" || p.toks[i].Text == "’s")
	}
	if words.StartsUpper(p.toks[k].Text) {
		a, b := k, k
		for capital(a - 1) {
			a--
		}
		for capital(b+1) && p.toks[b+1].Text != "'s" && p.toks[b+1].Text != "’s" {
			b++
		}
		return a, b
	}
	a := k
	for a-1 >= 0 && a-1 >= k-5 && !p.inQuote(a-1) && p.sentOf[a-1] == p.sentOf[k] && words.IsWord(p.toks[a-1].Text) && !NPStop[p.lower(a-1)] && IsCue(p.toks, a-1) == 0 {
		a--
	}
	return a, k
}
