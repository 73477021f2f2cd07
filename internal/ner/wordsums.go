package ner

import (
	"strings"
	"sync"
	"sync/atomic"
)

// sums is a token's summed weights: the first model's labels, then the
// second's.
type sums [2 * nLabels]int32

// wordInfo holds what tagging needs to know about one word that depends
// on the word alone: its lower case and shape, its dictionary and
// single-word gazetteer entries, and the summed weights of its own
// features (the word, its shape, affixes…) and of those it gives the
// tokens one and two places before and after it. Half of a token's
// features are of this kind, and ordinary words recur from article to
// article, so tagging works them out once per word instead of hashing and
// looking them up at every occurrence.
type wordInfo struct {
	lower, shape                   string
	dict                           bool     // an ordinary dictionary word
	gaz                            []string // its gazetteer classes as a one-word phrase
	continues                      bool     // some longer gazetteer phrase starts with it
	self, prev, next, prev2, next2 sums
}

// maxCachedWords bounds the shared cache of word sums (about 700 bytes
// each): enough for the vocabulary that makes up most running text, while
// rare words are summed afresh each time.
const maxCachedWords = 1 << 15

// wordCache is the packed tagger's cache of word sums, shared by all
// goroutines: entries never change once stored.
type wordCache struct {
	words      sync.Map // string → *wordInfo
	n          atomic.Int32
	start, end *wordInfo
	once       sync.Once
}

// infoOf returns what tagging needs to know about a word.
func (p *packedTagger) infoOf(word string, lex Lexicon) *wordInfo {
	if v, ok := p.cache.words.Load(word); ok {
		return v.(*wordInfo)
	}
	t := token{word: word, lower: strings.ToLower(word), shape: shape(word)}
	wi := p.computeInfo(&t, lex)
	if p.cache.n.Load() < maxCachedWords {
		if v, loaded := p.cache.words.LoadOrStore(word, wi); loaded {
			return v.(*wordInfo)
		}
		p.cache.n.Add(1)
	}
	return wi
}

// fillTokens makes dst the tokens of words, with their word information.
func (p *packedTagger) fillTokens(dst []token, words []string, lex Lexicon) {
	for i, w := range words {
		wi := p.infoOf(w, lex)
		dst[i] = token{word: w, lower: wi.lower, shape: wi.shape, info: wi}
	}
}

// newTokens is newTokens with each token's word information.
func (p *packedTagger) newTokens(words []string, lex Lexicon) []token {
	out := make([]token, len(words))
	p.fillTokens(out, words, lex)
	return out
}

// markers returns the sums of the sentence start and end markers.
func (p *packedTagger) markers() (start, end *wordInfo) {
	p.cache.once.Do(func() {
		p.cache.start, p.cache.end = p.computeInfo(&startToken, nil), p.computeInfo(&endToken, nil)
	})
	return p.cache.start, p.cache.end
}

func (p *packedTagger) computeInfo(t *token, lex Lexicon) *wordInfo {
	ws := &wordInfo{lower: t.lower, shape: t.shape}
	if lex != nil {
		ws.dict, ws.gaz, ws.continues = lex.Word(t.lower), lex.Gazetteer(t.lower), lex.Continues(t.lower)
	}
	wordFeatures(t, p.adder(&ws.self))
	asPrevious(t, p.adder(&ws.prev))
	asNext(t, p.adder(&ws.next))
	asSecondPrevious(t, p.adder(&ws.prev2))
	asSecondNext(t, p.adder(&ws.next2))
	return ws
}

// adder returns a function that adds a feature's weights to s.
func (p *packedTagger) adder(s *sums) func(fnv) {
	return func(h fnv) {
		if e, ok := p.index.Get(uint64(h)); ok {
			p.addEntry(s, e)
		}
	}
}

func (p *packedTagger) addEntry(s *sums, e int32) {
	ws := p.w[int(e)*2*nLabels:][:2*nLabels]
	for l := range s {
		s[l] += int32(ws[l])
	}
}

func (s *sums) add(o *sums) {
	for l := range s {
		s[l] += o[l]
	}
}

// sentenceSums sets out to the summed weights of both models for every
// token of a sentence, from its words' cached sums and its other features.
func (p *packedTagger) sentenceSums(sc *scratch, out []sums, sent []token, ctx *docContext, lex Lexicon) {
	n := len(sent)
	sc.words = grow(sc.words, n+4)
	ws := sc.words
	ws[0], ws[n+3] = p.markers()
	ws[1], ws[n+2] = ws[0], ws[n+3]
	for i := range sent {
		ws[i+2] = sent[i].info
	}
	gaz := gazetteerTagsInto(&sc.gaz, sent, lex)
	caps := allCapsSentence(sent)
	for i := range sent {
		s := ws[i+2].self
		s.add(&ws[i+1].prev)
		s.add(&ws[i+3].next)
		s.add(&ws[i].prev2)
		s.add(&ws[i+4].next2)
		contextFeatures(sent, i, caps, gaz, ctx, lex, p.adder(&s))
		out[i] = s
	}
}
