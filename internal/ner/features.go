package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lexicon answers the gazetteer and dictionary questions features ask.
// Package lexicon provides the shipped one; tests may pass a small one.
type Lexicon interface {
	// Gazetteer returns, for a lower-cased token sequence, the gazetteer
	// classes the whole sequence belongs to ("loc.country", "per.first"…).
	Gazetteer(phrase string) []string
	// Word reports whether a lower-cased word is an ordinary dictionary word.
	Word(w string) bool
	// MaxPhrase is the longest gazetteer entry, in tokens.
	MaxPhrase() int
	// Continues reports whether some longer entry starts with the phrase
	// and a space.
	Continues(phrase string) bool
}

// token is one token with what features need precomputed.
type token struct {
	word  string // as written
	lower string
	shape string
	info  *wordInfo // the word's cached information, when tagging with a packed tagger
}

// docContext holds what the whole document says about its words, for the
// non-local features: how a word is written elsewhere in the document.
type docContext struct {
	seen map[string]uint8 // per lower-case word, the spellings it appears in (seenLower…)
}

// The spellings docContext records.
const (
	seenLower  uint8 = 1 << iota // in lower case somewhere
	seenCapMid                   // capitalised, not sentence-initially, in a mixed-case sentence
)

func newDocContext(doc [][]token) *docContext {
	c := &docContext{seen: map[string]uint8{}}
	c.fill(doc)
	return c
}

// docContext returns the scratch's document context, emptied and filled
// from doc: its map keeps its memory from document to document.
func (sc *scratch) docContext(doc [][]token) *docContext {
	c := &sc.ctx
	if c.seen == nil {
		c.seen = map[string]uint8{}
	}
	clear(c.seen)
	c.fill(doc)
	return c
}

func (c *docContext) fill(doc [][]token) {
	for _, sent := range doc {
		caps := allCapsSentence(sent)
		for i, t := range sent {
			r, _ := utf8.DecodeRuneInString(t.word)
			switch {
			case unicode.IsLower(r):
				c.seen[t.lower] |= seenLower
			case unicode.IsUpper(r) && i > 0 && !caps && !isAllCaps(t.word):
				c.seen[t.lower] |= seenCapMid
			}
		}
	}
}

func allCapsSentence(sent []token) bool {
	letters, upper := 0, 0
	for _, t := range sent {
		for _, r := range t.word {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
	}
	return letters >= 4 && upper*10 >= letters*9
}

func isAllCaps(w string) bool {
	hasLetter := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			hasLetter = true
		}
	}
	return hasLetter
}

// shape maps a word to its pattern of character classes with runs
// collapsed: "Rubio" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d".
func shape(w string) string {
	var b strings.Builder
	var last rune = -1
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'l'
		default:
			c = r
		}
		if c != last || c != 'x' && c != 'X' && c != 'd' && c != 'l' {
			b.WriteRune(c)
		}
		last = c
		if b.Len() > 12 {
			break
		}
	}
	return b.String()
}

func newTokens(words []string) []token {
	out := make([]token, len(words))
	for i, w := range words {
		out[i] = token{word: w, lower: strings.ToLower(w), shape: shape(w)}
	}
	return out
}

// gazTag is one gazetteer match covering a token: the class and the
// token's part of the match (B, I, L or U).
type gazTag struct {
	class string
	part  byte
}

// gazetteerTags marks each token with the gazetteer matches covering it.
// A phrase is extended word by word only while some entry starts with it,
// so most tokens cost one look-up.
func gazetteerTags(sent []token, lex Lexicon) [][]gazTag {
	return gazetteerTagsInto(nil, sent, lex, true)
}

// gazetteerTagsInto is gazetteerTags reusing buf's memory when buf is
// not nil: the result is valid until buf is used again. Without units it
// leaves out one-word matches (the U parts), which depend on the word
// alone.
func gazetteerTagsInto(buf *[][]gazTag, sent []token, lex Lexicon, units bool) [][]gazTag {
	var out [][]gazTag
	if buf == nil {
		out = make([][]gazTag, len(sent))
	} else {
		*buf = grow(*buf, len(sent))
		out = *buf
		for i := range out {
			out[i] = out[i][:0]
		}
	}
	if lex == nil {
		return out
	}
	maxN := lex.MaxPhrase()
	var phrase []byte
	for i := range sent {
		phrase = phrase[:0]
		for n := 1; n <= maxN && i+n <= len(sent); n++ {
			if n > 1 {
				phrase = append(phrase, ' ')
			}
			phrase = append(phrase, sent[i+n-1].lower...)
			var classes []string
			var continues bool
			if n == 1 && sent[i].info != nil {
				classes, continues = sent[i].info.gaz, sent[i].info.continues
			} else {
				p := string(phrase)
				classes, continues = lex.Gazetteer(p), lex.Continues(p)
			}
			for _, cl := range classes {
				if n == 1 {
					if units {
						out[i] = append(out[i], gazTag{cl, 'U'})
					}
					continue
				}
				out[i] = append(out[i], gazTag{cl, 'B'})
				for k := 1; k < n-1; k++ {
					out[i+k] = append(out[i+k], gazTag{cl, 'I'})
				}
				out[i+n-1] = append(out[i+n-1], gazTag{cl, 'L'})
			}
			if !continues {
				break
			}
		}
	}
	return out
}

// fnv is an FNV-1a hash being built. Features hash their name, a 0xff
// separator and their value; building the hash piece by piece gives the
// same number as hash(name, value) without making the value string.
type fnv uint64

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

func (h fnv) str(s string) fnv {
	for i := 0; i < len(s); i++ {
		h ^= fnv(s[i])
		h *= fnvPrime
	}
	return h
}

func (h fnv) byte(c byte) fnv {
	h ^= fnv(c)
	h *= fnvPrime
	return h
}

// named starts the hash of a feature with the given name.
func named(name string) fnv { return fnv(fnvOffset).str(name).byte(0xff) }

// Feature names, hashed once.
var (
	fBias, fW, fWord, fShape               = named("b"), named("w"), named("W"), named("sh")
	fPrev, fNext, fPrev2, fNext2           = named("w-1"), named("w+1"), named("w-2"), named("w+2")
	fPrevW, fWNext                         = named("w-1w"), named("ww+1")
	fPrevSh, fNextSh, fPrevShSh, fShShNext = named("sh-1"), named("sh+1"), named("sh-1sh"), named("shsh+1")
	fShTri, fFirst, fCaps, fCapsW, fHyphen = named("sh-1shsh+1"), named("first"), named("caps"), named("capsw"), named("hy")
	fCapDict, fDocLower, fDocCapMid        = named("capdict"), named("doclower"), named("doccapmid")
	fGaz, fGazSh, fGazPrev, fGazNext       = named("gz"), named("gzsh"), named("gz-1"), named("gz+1")
	fHint, fHintSh                         = named("nl"), named("nlsh")
	fPrefix, fSuffix                       [6]fnv
	startToken                             = token{word: "<s>", lower: "<s>", shape: "<s>"}
	endToken                               = token{word: "</s>", lower: "</s>", shape: "</s>"}
)

func init() {
	for k := 1; k <= 5; k++ {
		fPrefix[k] = named("p" + string(rune('0'+k)))
		fSuffix[k] = named("s" + string(rune('0'+k)))
	}
}

// sentenceFeatures returns the feature hashes of every token of a sentence.
// hints, when not nil, holds per token what a first-pass tagger predicted
// for the same word elsewhere in the document.
func sentenceFeatures(sent []token, doc *docContext, lex Lexicon, hints [][]string) [][]uint64 {
	base := baseFeatures(sent, doc, lex)
	if hints != nil {
		addHints(base, sent, hints)
	}
	return base
}

// addHints appends the document-hint features to base features.
func addHints(feats [][]uint64, sent []token, hints [][]string) {
	for i, t := range sent {
		for _, h := range hints[i] {
			for _, f := range hintFeatures(h, t.shape) {
				feats[i] = append(feats[i], uint64(f))
			}
		}
	}
}

// hintFeatures are the two features of one document hint on a token of
// the given shape. Training and tagging both build them here, so that the
// second pass sees at tagging time the features it was trained on.
func hintFeatures(hint, shape string) [2]fnv {
	return [2]fnv{fHint.str(hint), fHintSh.str(hint).byte('|').str(shape)}
}

// baseFeatures returns the features of every token that do not depend on
// a first pass: the word, its shape and affixes, its neighbours, the
// gazetteer and the document's other spellings.
func baseFeatures(sent []token, doc *docContext, lex Lexicon) [][]uint64 {
	return baseFeaturesInto(nil, sent, doc, lex)
}

// baseFeaturesInto is baseFeatures writing into buf's memory when it is
// large enough: the result is valid until buf is used again.
func baseFeaturesInto(buf *[]uint64, sent []token, doc *docContext, lex Lexicon) [][]uint64 {
	gaz := gazetteerTags(sent, lex)
	caps := allCapsSentence(sent)
	out := make([][]uint64, len(sent))
	// One backing array for the whole sentence; hints may append past it.
	var backing []uint64
	if buf != nil && cap(*buf) >= len(sent)*48 {
		backing = (*buf)[:0]
	} else {
		backing = make([]uint64, 0, len(sent)*48)
		if buf != nil {
			*buf = backing
		}
	}
	for i := range sent {
		f := backing[len(backing):]
		add := func(h fnv) { f = append(f, uint64(h)) }
		wordFeatures(&sent[i], add)
		asPrevious(tokenAt(sent, i-1), add)
		asNext(tokenAt(sent, i+1), add)
		asSecondPrevious(tokenAt(sent, i-2), add)
		asSecondNext(tokenAt(sent, i+2), add)
		contextFeatures(sent, i, caps, gaz, doc, lex, add)
		backing = f[len(f):]
		out[i] = f[:len(f):len(f)]
	}
	return out
}

// tokenAt returns the i-th token of sent, or the start or end marker
// beyond its ends.
func tokenAt(sent []token, i int) *token {
	if i < 0 {
		return &startToken
	}
	if i >= len(sent) {
		return &endToken
	}
	return &sent[i]
}

// wordFeatures adds the features of a token that depend on its own word
// alone, not on where it stands. Tagging sums their weights once per
// word (see wordSums).
func wordFeatures(t *token, add func(fnv)) {
	add(fBias)
	add(fW.str(t.lower))
	add(fWord.str(t.word))
	add(fShape.str(t.shape))
	affixes(t.lower, add)
	if strings.IndexByte(t.word, '-') >= 0 {
		rest := t.lower
		for {
			part, after, found := strings.Cut(rest, "-")
			add(fHyphen.str(part))
			if !found {
				break
			}
			rest = after
		}
	}
}

// asPrevious, asNext, asSecondPrevious and asSecondNext add the features a
// word gives the token after it, before it, two after and two before.
func asPrevious(t *token, add func(fnv)) {
	add(fPrev.str(t.lower))
	add(fPrevSh.str(t.shape))
}

func asNext(t *token, add func(fnv)) {
	add(fNext.str(t.lower))
	add(fNextSh.str(t.shape))
}

func asSecondPrevious(t *token, add func(fnv)) { add(fPrev2.str(t.lower)) }

func asSecondNext(t *token, add func(fnv)) { add(fNext2.str(t.lower)) }

// contextFeatures adds the features of token i that depend on more than
// one word: word and shape pairs, the sentence's case, the document's
// other spellings and the gazetteer.
func contextFeatures(sent []token, i int, caps bool, gaz [][]gazTag, doc *docContext, lex Lexicon, add func(fnv)) {
	t := &sent[i]
	prev, next := tokenAt(sent, i-1), tokenAt(sent, i+1)
	pairFeatures(prev, t, next, add)
	shapeFeatures(prev, t, next, add)
	caseFeatures(sent, i, caps, add)
	capDict, docLower, docCapMid := flagFeatures(sent, i, caps, doc, lex)
	if capDict >= 0 {
		add(fCapDict.str(boolStr(capDict == 1)))
	}
	if docLower >= 0 {
		add(fDocLower.str(boolStr(docLower == 1)))
		add(fDocCapMid.str(boolStr(docCapMid == 1)))
	}
	gazFeatures(sent, i, gaz, add)
}

// pairFeatures adds the word pairs a token makes with its neighbours.
// (The packed tagger computes them in contextSums from hashes it keeps.)
func pairFeatures(prev, t, next *token, add func(fnv)) {
	add(fPrevW.str(prev.lower).byte('|').str(t.lower))
	add(fWNext.str(t.lower).byte('|').str(next.lower))
}

// shapeFeatures adds the shape pairs and triple of a token and its
// neighbours.
func shapeFeatures(prev, t, next *token, add func(fnv)) {
	add(fPrevShSh.str(prev.shape).byte('|').str(t.shape))
	add(fShShNext.str(t.shape).byte('|').str(next.shape))
	add(fShTri.str(prev.shape).byte('|').str(t.shape).byte('|').str(next.shape))
}

// caseFeatures adds what a token's place in the sentence and the
// sentence's case say: the shape of a first word, any word of an
// all-capitals sentence.
func caseFeatures(sent []token, i int, caps bool, add func(fnv)) {
	t := &sent[i]
	if i == 0 {
		add(fFirst.str(t.shape))
	}
	if caps {
		add(fCaps.str(t.shape))
		add(fCapsW.str(t.lower))
	}
}

// flagFeatures returns a capitalised token's yes-or-no features (-1 when
// a feature does not apply, else 0 or 1): a dictionary word capitalised
// where any word would be (sentence start, all capitals); the word seen
// in lower case elsewhere in the document; and capitalised mid-sentence.
func flagFeatures(sent []token, i int, caps bool, doc *docContext, lex Lexicon) (capDict, docLower, docCapMid int8) {
	t := &sent[i]
	capDict, docLower, docCapMid = -1, -1, -1
	r, _ := utf8.DecodeRuneInString(t.word)
	if !unicode.IsUpper(r) {
		return
	}
	if t.info != nil && t.info.dict || t.info == nil && lex != nil && lex.Word(t.lower) {
		capDict = bit(i == 0 || caps)
	}
	if doc != nil {
		seen := doc.seen[t.lower]
		docLower, docCapMid = bit(seen&seenLower != 0), bit(seen&seenCapMid != 0)
	}
	return
}

func bit(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

// gazFeatures adds the gazetteer matches covering a token and its
// neighbours.
func gazFeatures(sent []token, i int, gaz [][]gazTag, add func(fnv)) {
	t := &sent[i]
	for _, g := range gaz[i] {
		gazOwnFeatures(g, t, add)
	}
	if i > 0 {
		for _, g := range gaz[i-1] {
			gazBeforeFeature(g, add)
		}
	}
	if i+1 < len(sent) {
		for _, g := range gaz[i+1] {
			gazAfterFeature(g, add)
		}
	}
}

// gazOwnFeatures adds the features of a gazetteer match covering t;
// gazBeforeFeature and gazAfterFeature, those of one covering the token
// before and after.
func gazOwnFeatures(g gazTag, t *token, add func(fnv)) {
	add(fGaz.str(g.class).byte(':').byte(g.part))
	add(fGazSh.str(g.class).byte(':').byte(g.part).byte('|').str(t.shape))
}

func gazBeforeFeature(g gazTag, add func(fnv)) { add(fGazPrev.str(g.class).byte(':').byte(g.part)) }

func gazAfterFeature(g gazTag, add func(fnv)) { add(fGazNext.str(g.class).byte(':').byte(g.part)) }

// affixes adds the prefixes and suffixes of one to five letters of w.
func affixes(w string, add func(fnv)) {
	n := utf8.RuneCountInString(w)
	// Byte offsets of the first five rune boundaries and the last five.
	k, off := 0, 0
	for off < len(w) && k < 5 {
		_, size := utf8.DecodeRuneInString(w[off:])
		off += size
		k++
		add(fPrefix[k].str(w[:off]))
	}
	k, end := 0, len(w)
	for end > 0 && k < 5 && k < n {
		_, size := utf8.DecodeLastRuneInString(w[:end])
		end -= size
		k++
		add(fSuffix[k].str(w[end:]))
	}
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
