package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// CopyDoc is an article of a generated copy-detection set: an original
// text or a copy made from one, with, for each word, the position of the
// original word it reproduces unchanged (-1 for words the copy changed or
// added).
type CopyDoc struct {
	ID     string
	Text   string
	Family int // the original it derives from (its own index for originals)
	Copy   bool
	origin []int
}

// CopyOptions bound the edits a copy receives.
type CopyOptions struct {
	CopiesPerOriginal int     // 0..n copies each (default 3)
	MaxDeleted        float64 // share of paragraphs deleted (default 0.4)
	MaxAdded          float64 // share of text added from other articles (default 0.3)
	MinEdits          float64 // share of words replaced (default 0.05)
	MaxEdits          float64 // (default 0.3)
}

// MakeCopies builds a copy-detection set from real texts: every other text
// is an original; most get copies with paragraphs deleted, paragraphs added
// (taken from the texts that are not originals, so that no original is
// copied into another family), the headline changed and a share of words
// replaced. The same texts and seed give the same set.
func MakeCopies(texts []string, seed uint64, opt CopyOptions) []CopyDoc {
	if opt.CopiesPerOriginal == 0 {
		opt.CopiesPerOriginal = 3
	}
	if opt.MaxDeleted == 0 {
		opt.MaxDeleted = 0.4
	}
	if opt.MaxAdded == 0 {
		opt.MaxAdded = 0.3
	}
	if opt.MinEdits == 0 {
		opt.MinEdits = 0.05
	}
	if opt.MaxEdits == 0 {
		opt.MaxEdits = 0.3
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	var vocab []string
	for _, t := range texts {
		vocab = append(vocab, strings.Fields(t)...)
	}
	var originals, fillers []string
	for i, t := range texts {
		if i%2 == 0 || len(texts) < 2 {
			originals = append(originals, t)
		} else {
			fillers = append(fillers, t)
		}
	}
	if len(fillers) == 0 {
		fillers = originals
	}
	var out []CopyDoc
	for i, t := range originals {
		orig := CopyDoc{ID: fmt.Sprintf("orig-%04d", i), Text: t, Family: i}
		n := 0
		for range strings.Fields(t) {
			orig.origin = append(orig.origin, n)
			n++
		}
		out = append(out, orig)
		for k := 0; k < r.IntN(opt.CopiesPerOriginal+1); k++ {
			c := makeCopy(r, t, fillers[r.IntN(len(fillers))], vocab, opt)
			c.ID, c.Family, c.Copy = fmt.Sprintf("copy-%04d-%d", i, k), i, true
			out = append(out, c)
		}
	}
	// Copies arrive mixed with the originals, not right after them.
	r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

// makeCopy edits one text.
func makeCopy(r *rand.Rand, text, other string, vocab []string, opt CopyOptions) CopyDoc {
	type w struct {
		s      string
		origin int
	}
	var paras [][]w
	pos := 0
	for _, p := range strings.Split(text, "\n\n") {
		var ws []w
		for _, f := range strings.Fields(p) {
			ws = append(ws, w{f, pos})
			pos++
		}
		if len(ws) > 0 {
			paras = append(paras, ws)
		}
	}
	// A new headline: the first paragraph's words replaced.
	if len(paras) > 1 && r.IntN(2) == 0 {
		for k := range paras[0] {
			paras[0][k] = w{vocab[r.IntN(len(vocab))], -1}
		}
	}
	// Delete paragraphs (never all).
	if len(paras) > 2 {
		del := int(float64(len(paras)) * opt.MaxDeleted * r.Float64())
		for ; del > 0 && len(paras) > 1; del-- {
			k := r.IntN(len(paras))
			paras = append(paras[:k], paras[k+1:]...)
		}
	}
	// Replace words.
	rate := opt.MinEdits + (opt.MaxEdits-opt.MinEdits)*r.Float64()
	total := 0
	for _, p := range paras {
		for k := range p {
			if r.Float64() < rate {
				p[k] = w{vocab[r.IntN(len(vocab))], -1}
			}
		}
		total += len(p)
	}
	// Add paragraphs from another article.
	added := int(float64(total) * opt.MaxAdded * r.Float64())
	extra := strings.Fields(other)
	for added > 0 && len(extra) > 0 {
		n := min(added, 20+r.IntN(40), len(extra))
		start := r.IntN(len(extra) - n + 1)
		var p []w
		for _, f := range extra[start : start+n] {
			p = append(p, w{f, -1})
		}
		k := r.IntN(len(paras) + 1)
		paras = append(paras[:k], append([][]w{p}, paras[k:]...)...)
		added -= n
	}
	var c CopyDoc
	var ps []string
	for _, p := range paras {
		var ss []string
		for _, x := range p {
			ss = append(ss, x.s)
			c.origin = append(c.origin, x.origin)
		}
		ps = append(ps, strings.Join(ss, " "))
	}
	c.Text = strings.Join(ps, "\n\n")
	return c
}

// Shared returns the share of a's words that b reproduces unchanged from
// their common original (0 for articles of different families).
func Shared(a, b *CopyDoc) float64 {
	if a.Family != b.Family || len(a.origin) == 0 {
		return 0
	}
	inB := map[int]bool{}
	for _, o := range b.origin {
		if o >= 0 {
			inB[o] = true
		}
	}
	n := 0
	for _, o := range a.origin {
		if o >= 0 && inB[o] {
			n++
		}
	}
	return float64(n) / float64(len(a.origin))
}
