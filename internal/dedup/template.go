package dedup

import "math"

// Template text — a site's boilerplate lines, a sentence form a desk
// fills in the same way every day — is shared by a large share of all
// articles, and sharing it is no sign of copying. The index counts, over
// the articles it holds, how many have each MinHash value and each pair
// of consecutive content words; a value or pair that at least
// templateShare of them (and templateMin of them) have is template, and
// is left out when two articles are compared. A wire story republished
// by fifty outlets in a collection of thousands stays well under the
// share: it is copying, not template.
const (
	templateShare = 0.01
	templateMin   = 50
)

// sketch is a count-min sketch: approximate counts in fixed memory, never
// below the true count. Counts go down again when articles leave the
// index.
type sketch struct {
	cells [sketchRows][]uint32
}

const (
	sketchRows = 2
	sketchBits = 21 // 2M cells a row: 16 MiB for both sketches
)

func newSketch() *sketch {
	var s sketch
	for r := range s.cells {
		s.cells[r] = make([]uint32, 1<<sketchBits)
	}
	return &s
}

func (s *sketch) cell(r int, key uint64) *uint32 {
	h := key*0x9e3779b97f4a7c15 + uint64(r)*0xbf58476d1ce4e5b9
	h ^= h >> 29
	return &s.cells[r][h>>(64-sketchBits)]
}

func (s *sketch) add(key uint64, delta int) {
	for r := range s.cells {
		c := s.cell(r, key)
		*c = uint32(int64(*c) + int64(delta))
	}
}

func (s *sketch) count(key uint64) uint32 {
	if s.cells[0] == nil {
		return 0 // nothing counted yet
	}
	n := uint32(math.MaxUint32)
	for r := range s.cells {
		n = min(n, *s.cell(r, key))
	}
	return n
}

// templates tracks what the indexed articles share.
type templates struct {
	mins, pairs *sketch
	live        int
}

// emptyTemplates stands for an index that holds nothing yet.
var emptyTemplates = &templates{mins: &sketch{}, pairs: &sketch{}}

func newTemplates() *templates {
	return &templates{mins: newSketch(), pairs: newSketch()}
}

func minKey(slot int, v uint32) uint64 { return uint64(slot)<<32 | uint64(v) }

func pairKey(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// count adds (delta 1) or removes (-1) an article's values and pairs.
func (t *templates) count(sig *Signature, delta int) {
	if sig.Shingle == 0 {
		return
	}
	t.live += delta
	for i, v := range sig.Mins {
		t.mins.add(minKey(i, v), delta)
	}
	seen := make(map[uint64]bool, len(sig.Words))
	for i := 0; i+1 < len(sig.Words); i++ {
		k := pairKey(sig.Words[i], sig.Words[i+1])
		if !seen[k] {
			seen[k] = true
			t.pairs.add(k, delta)
		}
	}
}

// threshold is the count at which a value or pair is template.
func (t *templates) threshold() uint32 {
	return uint32(max(templateMin, math.Ceil(templateShare*float64(t.live))))
}

// slots marks the MinHash values of a signature that are template.
func (t *templates) slots(sig *Signature) (tmpl [SignatureSize]bool, kept int) {
	limit := t.threshold()
	for i, v := range sig.Mins {
		tmpl[i] = t.mins.count(minKey(i, v)) >= limit
		if !tmpl[i] {
			kept++
		}
	}
	return tmpl, kept
}

// containment estimates, from the values of a that are not template
// (tmpl, kept: from slots), the share of a's word pairs that b also has
// and the share of b's that a has, as Containment does.
func containment(a, b *Signature, tmpl *[SignatureSize]bool, kept int) (aInB, bInA float64) {
	if a.Shingle == 0 || b.Shingle == 0 || kept == 0 {
		return 0, 0
	}
	same := 0
	for i := range a.Mins {
		if a.Mins[i] == b.Mins[i] && !tmpl[i] {
			same++
		}
	}
	j := float64(same) / float64(kept)
	inter := j * float64(a.Shingle+b.Shingle) / (1 + j)
	return math.Min(1, inter/float64(a.Shingle)), math.Min(1, inter/float64(b.Shingle))
}

// skips marks a text's template words: those every pair of which, with
// the word before and the word after, is template. It returns nil when
// there are none, and the number of words not marked.
func (t *templates) skips(words []uint32) ([]bool, int) {
	if len(words) < 2 {
		return nil, len(words)
	}
	limit := t.threshold()
	common := make([]bool, len(words)-1) // common[i]: the pair (i, i+1)
	anyCommon := false
	for i := range common {
		common[i] = t.pairs.count(pairKey(words[i], words[i+1])) >= limit
		anyCommon = anyCommon || common[i]
	}
	if !anyCommon {
		return nil, len(words)
	}
	skip := make([]bool, len(words))
	kept := 0
	for i := range words {
		before := i == 0 || common[i-1]
		after := i == len(words)-1 || common[i]
		skip[i] = before && after
		if !skip[i] {
			kept++
		}
	}
	return skip, kept
}
