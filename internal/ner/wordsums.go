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
	lower, shape string
	dict         bool     // an ordinary dictionary word
	gaz          []string // its gazetteer classes as a one-word phrase
	continues    bool     // some longer gazetteer phrase starts with it
	shapeID      int32    // the shape's number (see shapeNumber), or -1
	// pairAfter and pairBefore are the word pair features' hashes so far
	// with this word first: the pair's second word completes them.
	pairAfter, pairBefore          fnv
	self, prev, next, prev2, next2 sums
}

// maxCachedWords bounds the shared cache of word information (about 800
// bytes a word): enough for the vocabulary that makes up most running
// text. The first words seen fill it and stay; rarer words are worked out
// afresh at each occurrence.
const maxCachedWords = 1 << 15

// maxCachedShapes bounds the cache of shape-triple sums.
const maxCachedShapes = 1 << 16

// wordCache is the packed tagger's cache of word sums, shared by all
// goroutines: entries never change once stored. It also holds the sums of
// the shape features of three neighbouring shapes, and of the few
// yes-or-no features, which take one of two values.
type wordCache struct {
	words            sync.Map // string → *wordInfo
	n                atomic.Int32
	shapes           sync.Map // three shape numbers (see shapeSums) → *sums
	nShapes          atomic.Int32
	shapeIDs         sync.Map // shape → int32
	nShapeIDs        atomic.Int32
	start, end       *wordInfo
	startTok, endTok token // the markers as tokens, with their information
	// capDict, docLower and docCapMid are the sums of those features'
	// two values.
	capDict, docLower, docCapMid [2]sums
	once                         sync.Once
}

// shapeBits bounds shape numbers, three of which make a cache key;
// maxShapes is how many shapes are numbered at most (junk text has
// endless shapes: beyond these, tokens take the uncached path).
const shapeBits, maxShapes = 21, 1 << 16

// shapeNumber numbers a shape for the shape-triple cache, or returns -1
// when too many shapes have been numbered already.
func (p *packedTagger) shapeNumber(shape string) int32 {
	if v, ok := p.cache.shapeIDs.Load(shape); ok {
		return v.(int32)
	}
	if p.cache.nShapeIDs.Load() >= maxShapes {
		return -1
	}
	id := p.cache.nShapeIDs.Add(1) - 1
	v, _ := p.cache.shapeIDs.LoadOrStore(shape, id)
	return v.(int32)
}

// shapeSums adds to s the shape features of a token and its neighbours,
// from the cache when it can.
func (p *packedTagger) shapeSums(s *sums, prev, t, next *token) {
	a, b, c := prev.info.shapeID, t.info.shapeID, next.info.shapeID
	if a < 0 || b < 0 || c < 0 {
		shapeFeatures(prev, t, next, p.adder(s))
		return
	}
	key := uint64(a)<<(2*shapeBits) | uint64(b)<<shapeBits | uint64(c)
	if v, ok := p.cache.shapes.Load(key); ok {
		s.add(v.(*sums))
		return
	}
	var ss sums
	shapeFeatures(prev, t, next, p.adder(&ss))
	if p.cache.nShapes.Load() < maxCachedShapes {
		if _, loaded := p.cache.shapes.LoadOrStore(key, &ss); !loaded {
			p.cache.nShapes.Add(1)
		}
	}
	s.add(&ss)
}

// cachedInfo returns a word's information from the shared cache, adding
// it while the cache has room; nil when the cache is full and lacks it.
func (p *packedTagger) cachedInfo(word string, lex Lexicon) *wordInfo {
	if v, ok := p.cache.words.Load(word); ok {
		return v.(*wordInfo)
	}
	if p.cache.n.Load() >= maxCachedWords {
		return nil
	}
	wi := new(wordInfo)
	p.computeInfo(wi, word, lex)
	if v, loaded := p.cache.words.LoadOrStore(word, wi); loaded {
		return v.(*wordInfo)
	}
	p.cache.n.Add(1)
	return wi
}

// maxKnownWords bounds each scratch's own map of words (see fillTokens).
const maxKnownWords = 1 << 15

// fillTokens makes dst the tokens of words, with their word information
// where it is cached. The scratch keeps a plain map of the words it has
// looked up in front of the shared cache (a sync.Map costs two or three
// times as much per look-up), rarer words included while it has room.
// A word cached nowhere gets its information in sentenceSums, in memory
// reused from sentence to sentence: a page of junk, all of whose words
// are new, must not cost a wordInfo per token.
func (p *packedTagger) fillTokens(sc *scratch, dst []token, words []string, lex Lexicon) {
	if sc.known == nil {
		sc.known = map[string]*wordInfo{}
	}
	for i, w := range words {
		wi := sc.known[w]
		if wi == nil {
			wi = p.cachedInfo(w, lex)
			if wi == nil && len(sc.known) < maxKnownWords {
				wi = new(wordInfo)
				p.computeInfo(wi, w, lex)
			}
			if wi != nil && len(sc.known) < maxKnownWords {
				sc.known[w] = wi
			}
		}
		if wi == nil {
			dst[i] = token{word: w, lower: strings.ToLower(w), shape: shape(w)}
			continue
		}
		dst[i] = token{word: w, lower: wi.lower, shape: wi.shape, info: wi}
	}
}

// markers returns the word information of the sentence start and end
// markers, working out the cache's fixed entries on first use.
func (p *packedTagger) markers() (start, end *wordInfo) {
	p.cache.once.Do(func() {
		p.cache.start, p.cache.end = new(wordInfo), new(wordInfo)
		p.computeTokenInfo(p.cache.start, &startToken, nil)
		p.computeTokenInfo(p.cache.end, &endToken, nil)
		p.cache.startTok, p.cache.endTok = startToken, endToken
		p.cache.startTok.info, p.cache.endTok.info = p.cache.start, p.cache.end
		for v := 0; v < 2; v++ {
			value := boolStr(v == 1)
			p.adder(&p.cache.capDict[v])(fCapDict.str(value))
			p.adder(&p.cache.docLower[v])(fDocLower.str(value))
			p.adder(&p.cache.docCapMid[v])(fDocCapMid.str(value))
		}
	})
	return p.cache.start, p.cache.end
}

// computeInfo works out a word's information into ws.
func (p *packedTagger) computeInfo(ws *wordInfo, word string, lex Lexicon) {
	t := &token{word: word, lower: strings.ToLower(word), shape: shape(word)}
	p.computeTokenInfo(ws, t, lex)
}

func (p *packedTagger) computeTokenInfo(ws *wordInfo, t *token, lex Lexicon) {
	*ws = wordInfo{lower: t.lower, shape: t.shape, shapeID: p.shapeNumber(t.shape),
		pairAfter: fPrevW.str(t.lower).byte('|'), pairBefore: fWNext.str(t.lower).byte('|')}
	if lex != nil {
		ws.dict, ws.gaz, ws.continues = lex.Word(t.lower), lex.Gazetteer(t.lower), lex.Continues(t.lower)
	}
	wordFeatures(t, p.adder(&ws.self))
	asPrevious(t, p.adder(&ws.prev))
	asNext(t, p.adder(&ws.next))
	asSecondPrevious(t, p.adder(&ws.prev2))
	asSecondNext(t, p.adder(&ws.next2))
	// The word's one-word gazetteer matches, which sentenceSums leaves
	// out of its gazetteer tags.
	for _, cl := range ws.gaz {
		g := gazTag{cl, 'U'}
		gazOwnFeatures(g, t, p.adder(&ws.self))
		gazBeforeFeature(g, p.adder(&ws.prev))
		gazAfterFeature(g, p.adder(&ws.next))
	}
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
	start, end := p.markers()
	ws[0], ws[n+3] = start, end
	ws[1], ws[n+2] = ws[0], ws[n+3]
	sc.arena = grow(sc.arena, n)
	borrowed := false
	for i := range sent {
		if sent[i].info == nil {
			// Cached nowhere: worked out here, for this sentence only.
			p.computeTokenInfo(&sc.arena[i], &sent[i], lex)
			sent[i].info, borrowed = &sc.arena[i], true
		}
		ws[i+2] = sent[i].info
	}
	if borrowed {
		defer func() {
			for i := range sent {
				if sent[i].info == &sc.arena[i] {
					sent[i].info = nil // the arena is the next sentence's
				}
			}
		}()
	}
	gaz := gazetteerTagsInto(&sc.gaz, sent, lex, false)
	caps := allCapsSentence(sent)
	for i := range sent {
		s := ws[i+2].self
		s.add(&ws[i+1].prev)
		s.add(&ws[i+3].next)
		s.add(&ws[i].prev2)
		s.add(&ws[i+4].next2)
		p.contextSums(&s, sent, i, caps, gaz, ctx, lex)
		out[i] = s
	}
}

// contextSums adds to s the weights of contextFeatures, the shape and
// yes-or-no ones from the cache.
func (p *packedTagger) contextSums(s *sums, sent []token, i int, caps bool, gaz [][]gazTag, doc *docContext, lex Lexicon) {
	add := p.adder(s)
	t := &sent[i]
	prev, next := p.tokenAt(sent, i-1), p.tokenAt(sent, i+1)
	// pairFeatures, from the hashes of the pairs' first words
	add(prev.info.pairAfter.str(t.lower))
	add(t.info.pairBefore.str(next.lower))
	p.shapeSums(s, prev, t, next)
	caseFeatures(sent, i, caps, add)
	capDict, docLower, docCapMid := flagFeatures(sent, i, caps, doc, lex)
	if capDict >= 0 {
		s.add(&p.cache.capDict[capDict])
	}
	if docLower >= 0 {
		s.add(&p.cache.docLower[docLower])
		s.add(&p.cache.docCapMid[docCapMid])
	}
	gazFeatures(sent, i, gaz, add)
}

// tokenAt is tokenAt with the markers' word information.
func (p *packedTagger) tokenAt(sent []token, i int) *token {
	if i >= 0 && i < len(sent) {
		return &sent[i]
	}
	p.markers()
	if i < 0 {
		return &p.cache.startTok
	}
	return &p.cache.endTok
}
