package dedup

import "github.com/parallax-news/parallax/internal/text"

// Passage is a stretch of text two articles share: its span in each.
type Passage struct {
	A, B text.Span
}

// minPassageWords is the shortest shared run reported as a passage: a
// shared phrase of a few words is a coincidence or a name.
const minPassageWords = 8

// Passages returns the passages of a that b also has, in a's order, and
// the share of a's content words they cover. It matches runs of content
// words in the same order in both texts.
func Passages(a, b string) ([]Passage, float64) {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return nil, 0
	}
	ha, hb := shingleHashes(wa), shingleHashes(wb)
	at := map[uint64][]int{}
	for j, h := range hb {
		at[h] = append(at[h], j)
	}
	var out []Passage
	covered := 0
	for i := 0; i < len(ha); {
		best, bestLen := -1, 0
		for _, j := range at[ha[i]] {
			n := 0
			for i+n < len(ha) && j+n < len(hb) && ha[i+n] == hb[j+n] {
				n++
			}
			if n > bestLen {
				best, bestLen = j, n
			}
		}
		if best < 0 {
			i++
			continue
		}
		// bestLen shingles cover bestLen+1 words.
		if bestLen+1 >= minPassageWords {
			out = append(out, Passage{
				A: text.Span{Start: wa[i].start, End: wa[i+bestLen].end},
				B: text.Span{Start: wb[best].start, End: wb[best+bestLen].end},
			})
			covered += bestLen + 1
		}
		i += bestLen + 1
	}
	return out, float64(covered) / float64(len(wa))
}
