package compare

import (
	"strings"

	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// quoteRef is one quote of one article.
type quoteRef struct {
	art   int
	q     *nlp.QuoteInfo
	words []string // lower-cased words, for matching
	shown []string // words as written, for the diff
}

// sameUtteranceShare is the least share of the shorter wording's words,
// in order, that two quotes must share to be one utterance.
const sameUtteranceShare = 0.6

// sameUtterance reports whether two wordings quote the same words: most
// of the shorter one's words in order, and a stretch of them word for
// word (five words, or half the shorter quote) — so that two quotes that
// merely share "a lot of … to be" stay apart.
func sameUtterance(a, b []string) bool {
	if lcsShare(a, b) < sameUtteranceShare {
		return false
	}
	run := commonRun(a, b)
	return run >= 5 || 2*run >= min(len(a), len(b)) && min(len(a), len(b)) >= minGroupedWords
}

// minGroupedWords: shorter quotations ("lied", "many times") are scare
// quotes, grouped only by a five-word run.
const minGroupedWords = 4

// quoteGroups groups the direct and partial quotes of all articles into
// utterances — the same words, allowing for edits, whoever they are
// given to — with each wording diffed against the first. Indirect quotes
// by the same speaker that share the words are linked as paraphrases.
func (b *builder) quoteGroups() []QuoteGroup {
	var refs []*quoteRef
	var indirect []*quoteRef
	for i, a := range b.arts {
		for k := range a.Analysis.Quotes {
			q := &a.Analysis.Quotes[k]
			r := &quoteRef{art: i, q: q, shown: strings.Fields(q.Words)}
			for _, w := range r.shown {
				r.words = append(r.words, normWord(w))
			}
			if q.Kind == "indirect" {
				indirect = append(indirect, r)
			} else {
				refs = append(refs, r)
			}
		}
	}
	var groups [][]*quoteRef
	for _, r := range refs {
		placed := false
		for gi, g := range groups {
			if g[0].art == r.art || hasArt(g, r.art) {
				continue
			}
			if sameUtterance(g[0].words, r.words) {
				groups[gi] = append(groups[gi], r)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []*quoteRef{r})
		}
	}
	out := []QuoteGroup{}
	for _, g := range groups {
		out = append(out, b.quoteGroup(g, indirect))
	}
	return out
}

func hasArt(g []*quoteRef, art int) bool {
	for _, r := range g {
		if r.art == art {
			return true
		}
	}
	return false
}

// quoteGroup writes one utterance.
func (b *builder) quoteGroup(g []*quoteRef, indirect []*quoteRef) QuoteGroup {
	qg := QuoteGroup{Spans: []text.Citation{}}
	outlets := map[string]bool{}
	for k, r := range g {
		w := Wording{Outlet: b.arts[r.art].Outlet, Speaker: r.q.SpeakerName, SpeakerConfidence: r.q.SpeakerConfidence,
			Words: r.q.Words, Kind: r.q.Kind, Spans: []text.Citation{}}
		for _, f := range r.q.Fragments {
			w.Spans = append(w.Spans, b.cite(r.art, f))
		}
		if k > 0 {
			w.Diff, w.Partial = excerptDiff(wordDiff(g[0].shown, r.shown))
		}
		if qg.Speaker == "" {
			qg.Speaker = r.q.SpeakerName
		}
		outlets[w.Outlet] = true
		qg.Spans = append(qg.Spans, w.Spans...)
		qg.Wordings = append(qg.Wordings, w)
	}
	qg.OneOutlet = len(outlets) == 1
	for _, r := range indirect {
		if hasArt(g, r.art) || r.q.SpeakerName == "" || !samePerson(r.q.SpeakerName, qg.Speaker) {
			continue
		}
		if overlapShare(g[0].words, r.words) >= 0.3 {
			c := b.cited(r.art, r.q.Span)
			qg.Paraphrase = append(qg.Paraphrase, c)
			qg.Spans = append(qg.Spans, c.Spans...)
		}
	}
	return qg
}

func normWord(w string) string { return diff.Norm(w) }

// lcsShare is the share of the shorter list's words the two share in
// order.
func lcsShare(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(diff.Common(a, b)) / float64(min(len(a), len(b)))
}

// overlapShare is the share of a's content words that b has.
func overlapShare(a, b []string) float64 {
	in := map[string]bool{}
	for _, w := range b {
		in[w] = true
	}
	n, k := 0, 0
	for _, w := range a {
		if words.ClaimStop[w] || w == "" {
			continue
		}
		n++
		if in[w] {
			k++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// wordDiff diffs two wordings word by word.
func wordDiff(a, b []string) []diff.Part { return diff.Words(a, b) }

// excerptDiff drops the first wording's words before and after the part
// the other wording quotes: an outlet quoting one sentence of a longer
// quote omits the rest, it does not change it. It reports whether it
// dropped anything.
func excerptDiff(d []diff.Part) ([]diff.Part, bool) {
	partial := false
	if len(d) > 1 && d[0].Op == "-" {
		d, partial = d[1:], true
	}
	if n := len(d); n > 1 && d[n-1].Op == "-" {
		d, partial = d[:n-1], true
	}
	return d, partial
}
