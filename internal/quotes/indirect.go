package quotes

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// reportVerbs are the reporting verbs that introduce reported speech. The
// cue list is wider (it holds verbs such as "called" or "backed" that
// attribute only next to a quotation); these carry speech on their own.
var reportVerbs = words.Set(`said says told tells added adds stated states announced announces noted notes
claimed claims warned warns explained explains insisted insists argued argues stressed stresses
confirmed confirms denied denies reported reports wrote writes declared declares emphasized emphasised
acknowledged acknowledges admitted admits suggested suggests predicted predicts asserted asserts
contended contends maintained maintains revealed reveals disclosed indicated indicates alleged alleges
promised promises vowed vows pledged pledges assured assures reiterated reiterates replied posted
tweeted`)

// vagueObject words after a speech verb make it report nothing: "said this
// during…", "said so on…".
var vagueObject = words.Set(`this so it nothing something much little`)

var prepositions = words.Set(`during on in at to after before while when with about for from by of`)

// minReportedTokens is the shortest reported clause taken as speech: "he
// said so" reports nothing worth keeping.
const minReportedTokens = 4

// indirectQuotes finds reported speech in the paragraph's sentences that
// hold no quotation and no quote already found: "Rubio said that work …
// will continue", "Work will continue, Rubio said.", "According to the
// report, the talks …".
func (p *paragraph) indirectQuotes(found []Quote) []Quote {
	var out []Quote
	for si, a := range p.first {
		b := p.last[si]
		if p.hasQuotation(a, b) || overlapsAny(found, p.toks[a].Span.Start, p.toks[b].Span.End) {
			continue
		}
		if q, ok := p.indirectIn(a, b); ok {
			out = append(out, q)
		}
	}
	return out
}

// sortQuotes orders quotes by where they start.
func sortQuotes(qs []Quote) {
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].Span.Start < qs[j].Span.Start })
}

// indirectIn reads one sentence, tokens [a, b].
func (p *paragraph) indirectIn(a, b int) (Quote, bool) {
	end := b
	for end > a && !words.IsWord(p.toks[end].Text) {
		end-- // the full stop is not part of what was said
	}
	// "According to X, clause."
	if strings.EqualFold(p.toks[a].Text, "according") && a+1 <= b && strings.EqualFold(p.toks[a+1].Text, "to") {
		for k := a + 2; k < end; k++ {
			if p.toks[k].Text == "," {
				return p.reported(a, 2, k+1, end)
			}
		}
		return Quote{}, false
	}
	// "Clause, Rubio said." / "Clause, said the official." / "Clause, he
	// wrote, adding that clause."
	for k := a + minReportedTokens; k < end; k++ {
		if p.toks[k].Text != "," {
			continue
		}
		tagEnd := k + 1
		for tagEnd < end && p.toks[tagEnd+1].Text != "," && tagEnd-k < 8 {
			tagEnd++
		}
		cue := p.speechVerbIn(k+1, tagEnd)
		if cue < 0 || tagEnd-k >= 8 {
			continue
		}
		q, ok := p.reported(cue, 1, a, k-1)
		if ok && tagEnd < end {
			if rest := p.afterParticiple(tagEnd+2, end); rest >= 0 && end-rest+1 >= minReportedTokens {
				more := text.Span{Start: p.toks[rest].Span.Start, End: p.toks[end].Span.End}
				q.Fragments = append(q.Fragments, more)
				q.Span.End = more.End
			}
		}
		return q, ok
	}
	// "Rubio said (that) clause." The cue must come early: a subject, a
	// verb, then the clause; "said this during…" reports no clause.
	for k := a + 1; k <= end && k-a <= 25; k++ {
		if !reportVerbs[p.lower(k)] || p.toks[k-1].Text == "," {
			continue
		}
		start := k + 1
		w := p.lower(k)
		if w == "told" || w == "tells" || w == "assured" || w == "assures" {
			start = p.skipObject(start, end)
		}
		start = p.skipAdjuncts(start, end)
		if start <= end && p.toks[start].Text == "," {
			start++
		}
		if start < len(p.toks) && strings.EqualFold(p.toks[start].Text, "that") {
			start++
		}
		if start+1 <= end && vagueObject[p.lower(start)] {
			if next := p.toks[start+1].Text; !words.IsWord(next) || prepositions[strings.ToLower(next)] {
				return Quote{}, false
			}
		}
		return p.reported(k, 1, start, end)
	}
	return Quote{}, false
}

// reported builds an indirect quote with content [ca, cb] and the cue at
// token cue (n tokens long), if the content is long enough and a speaker
// is found.
func (p *paragraph) reported(cue, n, ca, cb int) (Quote, bool) {
	if cb-ca+1 < minReportedTokens || ca < 0 || cb >= len(p.toks) {
		return Quote{}, false
	}
	q := Quote{Kind: "indirect"}
	q.Span = text.Span{Start: p.toks[ca].Span.Start, End: p.toks[cb].Span.End}
	q.Fragments = []text.Span{q.Span}
	q.Cue = text.Span{Start: p.toks[cue].Span.Start, End: p.toks[cue+n-1].Span.End}
	sa, sb, ok := p.speakerNP(cue, n)
	if !ok || sa >= ca && sa <= cb {
		return Quote{}, false
	}
	q.Speaker = text.Span{Start: p.toks[sa].Span.Start, End: p.toks[sb].Span.End}
	q.SpeakerHead = p.toks[sb].Span
	return q, true
}

// speechVerbIn returns the speech verb in a short speech tag [a, b], or -1.
func (p *paragraph) speechVerbIn(a, b int) int {
	for k := a; k <= b; k++ {
		if reportVerbs[p.lower(k)] {
			return k
		}
	}
	return -1
}

// skipObject skips the addressee of "told": "told reporters", "told the
// BBC", "told him".
func (p *paragraph) skipObject(k, end int) int {
	if k > end {
		return k
	}
	w := p.lower(k)
	if w == "that" {
		return k
	}
	for first := k; k <= end && k-first <= 6; {
		w = p.lower(k)
		if w == "that" || w == "," || !words.IsWord(p.toks[k].Text) {
			break
		}
		if !determiners[w] && !words.StartsUpper(p.toks[k].Text) && k+1 <= end && !words.StartsUpper(p.toks[k+1].Text) {
			return k + 1 // a one-word object: "reporters", "him"
		}
		k++
	}
	return k
}

// skipAdjuncts skips a comma-fenced or short time adjunct after the cue:
// "said on Sunday that", "said, however, that".
func (p *paragraph) skipAdjuncts(k, end int) int {
	if k <= end && p.toks[k].Text == "," {
		for j := k + 1; j <= end && j-k <= 5; j++ {
			if p.toks[j].Text == "," {
				return j + 1
			}
		}
	}
	if k+1 <= end && strings.EqualFold(p.toks[k].Text, "on") {
		for j := k + 1; j <= end && j-k <= 3; j++ {
			if strings.EqualFold(p.toks[j].Text, "that") {
				return j
			}
		}
	}
	return k
}

// hasQuotation reports whether tokens [a, b] hold a quotation mark.
func (p *paragraph) hasQuotation(a, b int) bool {
	for k := a; k <= b; k++ {
		if quoteMark(p.toks[k].Text) != 0 || p.inQuote(k) {
			return true
		}
	}
	return false
}

func overlapsAny(qs []Quote, start, end int) bool {
	for _, q := range qs {
		if q.Span.Start < end && start < q.Span.End {
			return true
		}
	}
	return false
}

// afterParticiple returns where the clause after "adding that", "noting
// that", "saying" starts at token k, or -1 when no such participle is there.
func (p *paragraph) afterParticiple(k, end int) int {
	if k > end {
		return -1
	}
	w := p.lower(k)
	if !strings.HasSuffix(w, "ing") || !cueWords[w] {
		return -1
	}
	k++
	if k <= end && strings.EqualFold(p.toks[k].Text, "that") {
		k++
	}
	return k
}
