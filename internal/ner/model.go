package ner

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/featmap"
)

// Model is a trained tagger: a weight per (feature, label) and a weight per
// label transition. Scores are sums of weights; Viterbi finds the best
// valid BILOU sequence.
type Model struct {
	index *featmap.Map[int32] // feature hash → row
	w     []float32           // rows of nLabels weights
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
func (m *Model) Features() int { return m.index.Len() }

// Tag finds the entities of a document given as sentences of tokens.
func (m *Model) Tag(doc [][]string) [][]Name {
	toks := make([][]token, len(doc))
	for i, s := range doc {
		toks[i] = newTokens(s)
	}
	return m.tagTokens(toks, newDocContext(toks), nil)
}

func (m *Model) tagTokens(toks [][]token, ctx *docContext, hints [][][]string) [][]Name {
	out := make([][]Name, len(toks))
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
func (t *Tagger) Tag(doc [][]string) [][]Name { return t.TagUntil(doc, nil) }

// TagUntil is Tag that gives up, returning nil, once stop (when not nil)
// reports true; it asks between sentences.
func (t *Tagger) TagUntil(doc [][]string, stop func() bool) [][]Name {
	if t.Second == nil {
		return t.First.Tag(doc)
	}
	p := t.packed()
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	// The document's tokens and their weight sums live in the scratch
	// buffers, reused from document to document.
	n := 0
	for _, s := range doc {
		n += len(s)
	}
	sc.tokens, sc.second = grow(sc.tokens, n), grow(sc.second, n)
	toks, second := make([][]token, len(doc)), make([][][nLabels]int32, len(doc))
	off := 0
	for i, s := range doc {
		if stop != nil && stop() {
			return nil
		}
		toks[i] = sc.tokens[off : off+len(s) : off+len(s)]
		second[i] = sc.second[off : off+len(s) : off+len(s)]
		p.fillTokens(sc, toks[i], s, t.First.lex)
		off += len(s)
	}
	ctx := sc.docContext(toks)
	// Both passes share the base features, looked up and summed once; the
	// second model's half of the sums waits for the document's hints.
	first := make([][]Name, len(toks))
	for i, s := range toks {
		if stop != nil && stop() {
			return nil
		}
		if len(s) > 0 {
			sc.sentSums = grow(sc.sentSums, len(s))
			ss := sc.sentSums
			p.sentenceSums(sc, ss, s, ctx, t.First.lex)
			first[i] = spans(sc.decode(p.firstEmissions(&sc.em, ss), &t.First.trans))
			for k := range ss {
				copy(second[i][k][:], ss[k][nLabels:])
			}
		}
	}
	hints := sc.documentHints(toks, first)
	out := make([][]Name, len(toks))
	for i, s := range toks {
		if len(s) == 0 {
			continue
		}
		if stop != nil && stop() {
			return nil
		}
		if !anyHint(hints[i]) || len(first[i]) == 0 && !hintsDisagree(s, first[i], hints[i]) {
			out[i] = first[i]
			continue
		}
		out[i] = spans(sc.decode(p.secondEmissions(&sc.em, second[i], s, hints[i]), &t.Second.trans))
	}
	return out
}

// hintTypes are the types a hint can name, in alphabetical order so that
// a tie between types goes to the first, as it always has.
var hintTypes = []string{LOC, MISC, "O", ORG, PER}

// hintTypeIndex maps a span type to its index in hintTypes.
var hintTypeIndex = map[string]int8{LOC: 0, MISC: 1, "O": 2, ORG: 3, PER: 4}

// The hint strings, made once.
var majHint, prevHint, anyTypeHint = hintStrings("maj:"), hintStrings("prev:"), hintStrings("any:")

func hintStrings(prefix string) []string {
	out := make([]string, len(hintTypes))
	for i, t := range hintTypes {
		out[i] = prefix + t
	}
	return out
}

// documentHints lists, for every token, the entity types the first pass
// gave other occurrences of the same word in the document, and the type of
// the nearest earlier occurrence.
func documentHints(toks [][]token, first [][]Name) [][][]string {
	return new(scratch).documentHints(toks, first)
}

// occurrence is one name-like token of a document.
type occurrence struct {
	word      int32 // which word (by lower case)
	sent, tok int32
	typ       int8 // index in hintTypes of what the first pass made it
}

// documentHints is documentHints using the scratch's buffers.
func (sc *scratch) documentHints(toks [][]token, first [][]Name) [][][]string {
	const typeO = 2
	if sc.wordIDs == nil {
		sc.wordIDs = map[string]int32{}
	}
	clear(sc.wordIDs)
	ids, occs := sc.wordIDs, sc.occs[:0]
	n := 0
	for si, s := range toks {
		n += len(s)
		sc.typ = grow(sc.typ, len(s))
		typ := sc.typ
		for k := range typ {
			typ[k] = typeO
		}
		for _, sp := range first[si] {
			for k := sp.Start; k < sp.End; k++ {
				typ[k] = hintTypeIndex[sp.Type]
			}
		}
		for ti, t := range s {
			if !isNameLike(t.word) {
				continue
			}
			id, ok := ids[t.lower]
			if !ok {
				id = int32(len(ids))
				ids[t.lower] = id
			}
			occs = append(occs, occurrence{id, int32(si), int32(ti), typ[ti]})
		}
	}
	sc.occs = occs
	// Group the occurrences by word, keeping document order within each.
	sc.starts = grow(sc.starts, len(ids)+1)
	starts := sc.starts
	clear(starts)
	totals := grow(sc.totals, len(ids))
	clear(totals)
	sc.totals = totals
	for _, o := range occs {
		starts[o.word+1]++
		totals[o.word][o.typ]++
	}
	for k := 1; k < len(starts); k++ {
		starts[k] += starts[k-1]
	}
	sc.grouped = grow(sc.grouped, len(occs))
	grouped, fill := sc.grouped, sc.fill[:0]
	fill = append(fill, starts[:len(ids)]...)
	for _, o := range occs {
		grouped[fill[o.word]] = o
		fill[o.word]++
	}
	sc.fill = fill
	// One row of hints per token, all in one buffer.
	sc.hintRows = grow(sc.hintRows, n)
	clear(sc.hintRows)
	out := make([][][]string, len(toks))
	off := 0
	for si, s := range toks {
		out[si] = sc.hintRows[off : off+len(s) : off+len(s)]
		off += len(s)
	}
	hints := func(counts [5]int32, prev int8) []string {
		best, types := 0, 0
		for ty, n := range counts {
			if n > counts[best] {
				best = ty
			}
			if n > 0 && ty != typeO {
				types |= 1 << ty
			}
		}
		return hintSet(best, prev, types)
	}
	for id := range totals {
		group := grouped[starts[id]:starts[id+1]]
		if len(group) < 2 {
			continue // no other occurrence to learn from
		}
		for j, o := range group {
			counts := totals[id]
			counts[o.typ]-- // the others only
			prev := int8(-1)
			if j > 0 {
				prev = group[j-1].typ
			}
			out[o.sent][o.tok] = hints(counts, prev)
		}
	}
	// A word that is not name-like here learns from the name-like
	// occurrences of its lower case ("new" from "New York").
	for si, s := range toks {
		for ti, t := range s {
			if isNameLike(t.word) {
				continue
			}
			id, ok := ids[t.lower]
			if !ok || starts[id+1]-starts[id] < 2 {
				continue
			}
			// The nearest name-like occurrence before this token: the
			// group is in document order, so a binary search finds it (a
			// scan made a long page quadratic: every "the" read every
			// "The").
			group := grouped[starts[id]:starts[id+1]]
			k := sort.Search(len(group), func(k int) bool {
				o := group[k]
				return int(o.sent) > si || int(o.sent) == si && int(o.tok) >= ti
			})
			prev := int8(-1)
			if k > 0 {
				prev = group[k-1].typ
			}
			out[si][ti] = hints(totals[id], prev)
		}
	}
	return out
}

// hintSets holds every set of hints a token can have, sorted, made once:
// a long document has hundreds of thousands of tokens and only these 480
// sets among them. The index is best type, previous type (+1, 0 for none)
// and the set of types seen (a bit each).
var (
	hintSets     [5 * 6 * 32][]string
	hintSetsOnce sync.Once
)

// hintSet returns the hints for a word whose other occurrences are mostly
// of type best, whose nearest earlier one has type prev (-1 for none), and
// which the other occurrences gave the types in the bit set types.
func hintSet(best int, prev int8, types int) []string {
	hintSetsOnce.Do(func() {
		for b := range 5 {
			for p := int8(-1); p < 5; p++ {
				for ts := 0; ts < 32; ts++ {
					h := []string{majHint[b]}
					if p >= 0 {
						h = append(h, prevHint[p])
					}
					for ty := range 5 {
						if ts&(1<<ty) != 0 {
							h = append(h, anyTypeHint[ty])
						}
					}
					sortStrings(h)
					hintSets[(b*6+int(p+1))*32+ts] = h[:len(h):len(h)]
				}
			}
		}
	})
	return hintSets[(best*6+int(prev+1))*32+types]
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
			row, ok := m.index.Get(f)
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
var predecessors = func() (m [nLabels][]uint8) {
	for b := 0; b < nLabels; b++ {
		for a := 0; a < nLabels; a++ {
			if allowedAfter[a][b] {
				m[b] = append(m[b], uint8(a))
			}
		}
	}
	return m
}()

// The allowed BILOU transitions have two shapes, which decode's inner loop
// is written for: a label that opens an entity or stands outside one (O,
// B, U) may follow any label that closes one (O, L, U), in closers; a
// label that continues an entity (I, L) follows only the B or I of its
// type, its two predecessors.
var closers, openers, continuers = func() (cl [9]uint8, op [9]uint8, co [8]uint8) {
	nop, nco := 0, 0
	for l := 0; l < nLabels; l++ {
		switch ps := predecessors[l]; len(ps) {
		case len(cl):
			if nop > 0 && string(ps) != string(cl[:]) {
				panic("ner: unexpected BILOU transitions")
			}
			copy(cl[:], ps)
			op[nop] = uint8(l)
			nop++
		case 2:
			co[nco] = uint8(l)
			nco++
		default:
			panic("ner: unexpected BILOU transitions")
		}
	}
	if nop != len(op) || nco != len(co) {
		panic("ner: unexpected BILOU transitions")
	}
	return
}()

// scratch holds the buffers one tagging call reuses from sentence to
// sentence, so that tagging a document allocates little.
type scratch struct {
	words  []*wordInfo
	known  map[string]*wordInfo // the words this scratch has looked up (see fillTokens)
	arena  []wordInfo           // the information of a sentence's words cached nowhere
	tokens []token
	// sentSums are a sentence's summed weights; second keeps the second
	// model's half for every token of the document.
	sentSums []sums
	second   [][nLabels]int32
	ctx      docContext
	gaz      [][]gazTag
	// documentHints' buffers
	wordIDs  map[string]int32
	occs     []occurrence
	grouped  []occurrence
	typ      []int8
	starts   []int32
	fill     []int32
	totals   [][5]int32
	hintRows [][]string
	em       [][nLabels]float32
	score    [][nLabels]float32
	back     [][nLabels]uint8
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
	if n > 1<<16 {
		return make([]T, n) // a long document: no room to spare
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
	// The transitions from closing labels into opening ones, transposed
	// so that each opening label's column is contiguous.
	var into [len(openers)][len(closers)]float32
	for j, l := range openers {
		for k, p := range closers {
			into[j][k] = trans[p][l]
		}
	}
	for i := 1; i < n; i++ {
		prev, cur, e, bk := &score[i-1], &score[i], &em[i], &back[i]
		var closing [len(closers)]float32
		for k, p := range closers {
			closing[k] = prev[p]
		}
		for j, l := range openers {
			col := &into[j]
			best, arg := closing[0]+col[0], 0
			for k := 1; k < len(closing); k++ {
				if s := closing[k] + col[k]; s > best {
					best, arg = s, k
				}
			}
			cur[l] = best + e[l]
			bk[l] = closers[arg]
		}
		for _, l := range continuers {
			b, in := predecessors[l][0], predecessors[l][1]
			sb, si := prev[b]+trans[b][l], prev[in]+trans[in][l]
			if si > sb {
				cur[l], bk[l] = si+e[l], in
			} else {
				cur[l], bk[l] = sb+e[l], b
			}
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
func hintsDisagree(sent []token, first []Name, hints [][]string) bool {
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
