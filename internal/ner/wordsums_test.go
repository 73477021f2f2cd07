package ner

import (
	"strings"
	"testing"
)

// TestSentenceSumsMatchFeatures checks that the per-word shortcut gives
// every token exactly the weights its full feature list gives it, for
// words seen before and new ones, at sentence edges and in the middle.
func TestSentenceSumsMatchFeatures(t *testing.T) {
	tg, err := Default(testLexicon)
	if err != nil {
		t.Fatal(err)
	}
	p := tg.packed()
	sentences := []string{
		"Marco Rubio met Rustem Umerov in Hallandale Beach , Florida , on Sunday .",
		"The U.S.-brokered talks lasted roughly four hours , Umerov wrote .",
		"NEW YORK ( Reuters ) - Shares rose 2 % .",
		"Rubio",
		"Zyxqv-Wobbleton said \" no \" .",
	}
	for _, line := range sentences {
		words := strings.Fields(line)
		toks := make([]token, len(words))
		p.fillTokens(new(scratch), toks, words, tg.First.lex)
		// Every other word as if cached nowhere: worked out in the arena.
		for i := 1; i < len(toks); i += 2 {
			toks[i] = token{word: toks[i].word, lower: toks[i].lower, shape: toks[i].shape}
		}
		ctx := newDocContext([][]token{toks})
		got := make([]sums, len(toks))
		p.sentenceSums(new(scratch), got, toks, ctx, tg.First.lex)
		for i := 1; i < len(toks); i += 2 {
			if toks[i].info != nil {
				t.Errorf("%q token %d keeps the arena's information after its sentence", line, i)
			}
		}
		plain := newTokens(words)
		feats := baseFeatures(plain, newDocContext([][]token{plain}), tg.First.lex)
		for i, fs := range feats {
			var want sums
			for _, f := range fs {
				if e, ok := p.index.Get(f); ok {
					p.addEntry(&want, e)
				}
			}
			if got[i] != want {
				t.Errorf("%q token %d %q: sums differ from its features'", line, i, words[i])
			}
		}
	}
}
