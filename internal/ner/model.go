package ner

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Model is a trained tagger: a weight per (feature, label) and a weight per
// label transition. Scores are sums of weights; Viterbi finds the best
// valid BILOU sequence.
type Model struct {
	index *featureIndex // feature hash → row
	w     []float32     // rows of nLabels weights
	trans [nLabels + 1][nLabels]float32
	lex   Lexicon
	// scale is the int16 scale the weights were saved with (0 if the
	// model was trained in this process).
	scale float64
}

// SetLexicon sets the gazetteer and dictionary features ask (the same one
// the model was trained with).
func (m *Model) SetLexicon(lex Lexicon) { m.lex = lex }

// Features counts the model's features.
func (m *Model) Features() int { return m.index.len() }

// Tag finds the entities of a document given as sentences of tokens.
func (m *Model) Tag(doc [][]string) [][]Span {
	toks := make([][]token, len(doc))
	for i, s := range doc {
		toks[i] = newTokens(s)
	}
	return m.tagTokens(toks, newDocContext(toks), nil)
}

func (m *Model) tagTokens(toks [][]token, ctx *docContext, hints [][][]string) [][]Span {
	out := make([][]Span, len(toks))
	for i, s := range toks {
		if len(s) == 0 {
			continue
		}
		var h [][]string
		if hints != nil {
			h = hints[i]
		}
		out[i] = spans(m.viterbi(sentenceFeatures(s, ctx, m.lex, h)))
	}
	return out
}

// Tagger runs two models: the first tags the document on local evidence;
// the second sees, for each word, what the first said about the same word
// elsewhere in the document ("Rubio" is a person everywhere if "Marco
// Rubio" is one somewhere).
type Tagger struct {
	First, Second *Model
}

// Tag finds the entities of a document given as sentences of tokens.
func (t *Tagger) Tag(doc [][]string) [][]Span {
	toks := make([][]token, len(doc))
	for i, s := range doc {
		toks[i] = newTokens(s)
	}
	ctx := newDocContext(toks)
	if t.Second == nil {
		return t.First.tagTokens(toks, ctx, nil)
	}
	p := t.packed()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	// Both passes share the base features, looked up and summed once.
	second := make([][][nLabels]int32, len(toks))
	first := make([][]Span, len(toks))
	for i, s := range toks {
		if len(s) > 0 {
			var em [][nLabels]float32
			em, second[i] = p.emissionsBoth(&sc.em, p.lookup(baseFeaturesInto(&sc.feats, s, ctx, t.First.lex)))
			first[i] = spans(sc.decode(em, &t.First.trans))
		}
	}
	hints := documentHints(toks, first)
	out := make([][]Span, len(toks))
	hint := make([][]uint64, 0, 64)
	for i, s := range toks {
		if len(s) == 0 {
			continue
		}
		if !anyHint(hints[i]) || len(first[i]) == 0 && !hintsDisagree(s, first[i], hints[i]) {
			out[i] = first[i]
			continue
		}
		hint = hint[:0]
		for range s {
			hint = append(hint, nil)
		}
		addHints(hint, s, hints[i])
		out[i] = spans(sc.decode(p.secondEmissions(&sc.em, second[i], p.lookup(hint)), &t.Second.trans))
	}
	return out
}

// documentHints lists, for every token, the entity types the first pass
// gave other occurrences of the same word in the document, and the type of
// the nearest earlier occurrence.
func documentHints(toks [][]token, first [][]Span) [][][]string {
	type occ struct{ sent, tok int }
	typeOf := map[occ]string{}
	seen := map[string][]occ{}
	for si, s := range toks {
		for _, sp := range first[si] {
			for k := sp.Start; k < sp.End; k++ {
				typeOf[occ{si, k}] = sp.Type
			}
		}
		for ti, t := range s {
			if isNameLike(t.word) {
				seen[t.lower] = append(seen[t.lower], occ{si, ti})
			}
		}
	}
	out := make([][][]string, len(toks))
	for si, s := range toks {
		out[si] = make([][]string, len(s))
		for ti, t := range s {
			if len(seen[t.lower]) < 2 {
				continue // no other occurrence to learn from
			}
			counts := map[string]int{}
			prev := ""
			for _, o := range seen[t.lower] {
				if o.sent == si && o.tok == ti {
					continue
				}
				ty := typeOf[o]
				if ty == "" {
					ty = "O"
				}
				counts[ty]++
				if o.sent < si || o.sent == si && o.tok < ti {
					prev = ty
				}
			}
			best, bestN := "", 0
			for ty, n := range counts {
				if n > bestN || n == bestN && ty < best {
					best, bestN = ty, n
				}
			}
			var h []string
			if best != "" {
				h = append(h, "maj:"+best)
			}
			if prev != "" {
				h = append(h, "prev:"+prev)
			}
			for ty := range counts {
				if ty != "O" {
					h = append(h, "any:"+ty)
				}
			}
			sortStrings(h)
			out[si][ti] = h
		}
	}
	return out
}

func isNameLike(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// emissions returns the per-token label scores.
func (m *Model) emissions(feats [][]uint64) [][nLabels]float32 {
	em := make([][nLabels]float32, len(feats))
	for i, fs := range feats {
		for _, f := range fs {
			row, ok := m.index.get(f)
			if !ok {
				continue
			}
			ws := m.w[int(row)*nLabels : int(row+1)*nLabels]
			for l := range ws {
				em[i][l] += ws[l]
			}
		}
	}
	return em
}

// viterbi returns the best label sequence under the model.
func (m *Model) viterbi(feats [][]uint64) []label {
	return decode(m.emissions(feats), &m.trans)
}

// allowedAfter[a][b] caches allowed(a, b).
var allowedAfter = func() (m [nLabels + 1][nLabels]bool) {
	for a := range m {
		for b := range m[a] {
			m[a][b] = allowed(label(a), label(b))
		}
	}
	return m
}()

// predecessors[b] lists the labels b may follow.
var predecessors = func() (m [nLabels][]int) {
	for b := 0; b < nLabels; b++ {
		for a := 0; a < nLabels; a++ {
			if allowedAfter[a][b] {
				m[b] = append(m[b], a)
			}
		}
	}
	return m
}()

// scratch holds the buffers one tagging call reuses from sentence to
// sentence, so that tagging a document allocates little.
type scratch struct {
	feats []uint64
	em    [][nLabels]float32
	score [][nLabels]float32
	back  [][nLabels]uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func decode(em [][nLabels]float32, trans *[nLabels + 1][nLabels]float32) []label {
	return new(scratch).decode(em, trans)
}

// grow returns s resized to n, reusing its memory when it can.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/2)
}

// decode is Viterbi over the allowed BILOU transitions.
func (sc *scratch) decode(em [][nLabels]float32, trans *[nLabels + 1][nLabels]float32) []label {
	n := len(em)
	if n == 0 {
		return nil
	}
	const neg = -1e30
	sc.score, sc.back = grow(sc.score, n), grow(sc.back, n)
	score, back := sc.score, sc.back
	for l := 0; l < nLabels; l++ {
		score[0][l] = neg
		if allowedAfter[nLabels][l] {
			score[0][l] = em[0][l] + trans[nLabels][l]
		}
	}
	for i := 1; i < n; i++ {
		for l := 0; l < nLabels; l++ {
			best, arg := float32(neg), 0
			for _, p := range predecessors[l] {
				if score[i-1][p] <= neg/2 {
					continue
				}
				if s := score[i-1][p] + trans[p][l]; s > best {
					best, arg = s, p
				}
			}
			score[i][l] = best + em[i][l]
			back[i][l] = uint8(arg)
		}
	}
	// The last label must close any open entity.
	best, arg := float32(neg), 0
	for l := 0; l < nLabels; l++ {
		p, _ := label(l).part()
		if p == 'B' || p == 'I' {
			continue
		}
		if score[n-1][l] > best {
			best, arg = score[n-1][l], l
		}
	}
	out := make([]label, n)
	out[n-1] = label(arg)
	for i := n - 1; i > 0; i-- {
		out[i-1] = label(back[i][out[i]])
	}
	return out
}

// hintsDisagree reports whether the document says something about a word
// of the sentence that the first pass did not: another type for it
// elsewhere. Only then can the second pass, which reads those hints,
// change the sentence's labels; otherwise it is skipped.
func hintsDisagree(sent []token, first []Span, hints [][]string) bool {
	typ := make([]string, len(sent))
	for _, sp := range first {
		for k := sp.Start; k < sp.End; k++ {
			typ[k] = sp.Type
		}
	}
	for k, hs := range hints {
		own := typ[k]
		if own == "" {
			own = "O"
		}
		for _, h := range hs {
			if _, ty, _ := strings.Cut(h, ":"); ty != own {
				return true
			}
		}
	}
	return false
}

func anyHint(h [][]string) bool {
	for _, x := range h {
		if len(x) > 0 {
			return true
		}
	}
	return false
}
