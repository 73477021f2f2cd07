package compare

import (
	"fmt"
	"math/rand"
	"testing"
)

// Two facts of equal score are ordered by where they come from; a score
// that changed in its last bits from run to run (a sum taken in map
// order) flipped them.
func TestSimilarityIsTheSameEveryRun(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	words := make([]string, 300)
	weights := map[string]float64{}
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
		weights[words[i]] = r.Float64()
	}
	// build makes a sentence of the given words, filling its maps in a
	// different order each time.
	build := func(ws []string) *sentence {
		ws = append([]string(nil), ws...)
		r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		s := &sentence{terms: map[string]float64{}, ents: map[string]float64{}}
		for _, w := range ws {
			s.terms[w] = weights[w]
			s.ents["e"+w] = weights[w] / 10
		}
		s.termKeys, s.entKeys = sortedKeys(s.terms), sortedKeys(s.ents)
		return s
	}
	first := similarity(build(words[:200]), build(words[100:]))
	for run := 1; run < 50; run++ {
		if got := similarity(build(words[:200]), build(words[100:])); got != first {
			t.Fatalf("run %d: similarity %.17g, first run %.17g", run, got, first)
		}
	}
}
