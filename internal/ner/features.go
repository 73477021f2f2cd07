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
}

// hash is FNV-1a over the feature's name and value: stable across runs and
// machines, so that saved models match features computed later.
func hash(prefix, value string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(prefix); i++ {
		h ^= uint64(prefix[i])
		h *= prime
	}
	h ^= 0xff
	h *= prime
	for i := 0; i < len(value); i++ {
		h ^= uint64(value[i])
		h *= prime
	}
	return h
}

// token is one token with what features need precomputed.
type token struct {
	word  string // as written
	lower string
	shape string
}

// docContext holds what the whole document says about its words, for the
// non-local features: how a word is written elsewhere in the document.
type docContext struct {
	lowerSeen  map[string]bool // the word appears in lower case somewhere
	capMidSeen map[string]bool // it appears capitalised, not sentence-initially, in a mixed-case sentence
}

func newDocContext(doc [][]token) *docContext {
	c := &docContext{lowerSeen: map[string]bool{}, capMidSeen: map[string]bool{}}
	for _, sent := range doc {
		caps := allCapsSentence(sent)
		for i, t := range sent {
			r, _ := utf8.DecodeRuneInString(t.word)
			switch {
			case unicode.IsLower(r):
				c.lowerSeen[t.lower] = true
			case unicode.IsUpper(r) && i > 0 && !caps && !isAllCaps(t.word):
				c.capMidSeen[t.lower] = true
			}
		}
	}
	return c
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

// gazetteerTags marks each token with the gazetteer matches covering it,
// as "class:B|I|L|U" strings, longest match first.
func gazetteerTags(sent []token, lex Lexicon) [][]string {
	out := make([][]string, len(sent))
	if lex == nil {
		return out
	}
	maxN := lex.MaxPhrase()
	for i := range sent {
		for n := min(maxN, len(sent)-i); n >= 1; n-- {
			parts := make([]string, n)
			for k := 0; k < n; k++ {
				parts[k] = sent[i+k].lower
			}
			classes := lex.Gazetteer(strings.Join(parts, " "))
			for _, cl := range classes {
				if n == 1 {
					out[i] = append(out[i], cl+":U")
					continue
				}
				out[i] = append(out[i], cl+":B")
				for k := 1; k < n-1; k++ {
					out[i+k] = append(out[i+k], cl+":I")
				}
				out[i+n-1] = append(out[i+n-1], cl+":L")
			}
		}
	}
	return out
}

// sentenceFeatures returns the feature hashes of every token of a sentence.
// hints, when not nil, holds per token what a first-pass tagger predicted
// for the same word elsewhere in the document.
func sentenceFeatures(sent []token, doc *docContext, lex Lexicon, hints [][]string) [][]uint64 {
	gaz := gazetteerTags(sent, lex)
	caps := allCapsSentence(sent)
	out := make([][]uint64, len(sent))
	at := func(i int) token {
		if i < 0 {
			return token{word: "<s>", lower: "<s>", shape: "<s>"}
		}
		if i >= len(sent) {
			return token{word: "</s>", lower: "</s>", shape: "</s>"}
		}
		return sent[i]
	}
	for i, t := range sent {
		f := make([]uint64, 0, 64)
		add := func(p, v string) { f = append(f, hash(p, v)) }
		add("b", "")
		add("w", t.lower)
		add("W", t.word)
		add("sh", t.shape)
		add("w-1", at(i-1).lower)
		add("w+1", at(i+1).lower)
		add("w-2", at(i-2).lower)
		add("w+2", at(i+2).lower)
		add("w-1w", at(i-1).lower+"|"+t.lower)
		add("ww+1", t.lower+"|"+at(i+1).lower)
		add("sh-1", at(i-1).shape)
		add("sh+1", at(i+1).shape)
		add("sh-1sh", at(i-1).shape+"|"+t.shape)
		add("shsh+1", t.shape+"|"+at(i+1).shape)
		add("sh-1shsh+1", at(i-1).shape+"|"+t.shape+"|"+at(i+1).shape)
		rs := []rune(t.lower)
		for k := 1; k <= 5 && k <= len(rs); k++ {
			add("p"+string(rune('0'+k)), string(rs[:k]))
			add("s"+string(rune('0'+k)), string(rs[len(rs)-k:]))
		}
		if i == 0 {
			add("first", t.shape)
		}
		if caps {
			add("caps", t.shape)
			add("capsw", t.lower)
		}
		if strings.ContainsRune(t.word, '-') {
			for _, part := range strings.Split(t.lower, "-") {
				add("hy", part)
			}
		}
		r, _ := utf8.DecodeRuneInString(t.word)
		upper := unicode.IsUpper(r)
		if lex != nil && upper && lex.Word(t.lower) {
			add("capdict", boolStr(i == 0 || caps))
		}
		if upper && doc != nil {
			add("doclower", boolStr(doc.lowerSeen[t.lower]))
			add("doccapmid", boolStr(doc.capMidSeen[t.lower]))
		}
		for _, g := range gaz[i] {
			add("gz", g)
			add("gzsh", g+"|"+t.shape)
		}
		for _, g := range gaz[max(0, i-1)] {
			if i > 0 {
				add("gz-1", g)
			}
		}
		for _, g := range gaz[min(len(sent)-1, i+1)] {
			if i+1 < len(sent) {
				add("gz+1", g)
			}
		}
		if hints != nil {
			for _, h := range hints[i] {
				add("nl", h)
				add("nlsh", h+"|"+t.shape)
			}
		}
		out[i] = f
	}
	return out
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
