package ner

import (
	"math/rand"
	"testing"
)

// TestDecodeFindsBestSequence checks Viterbi against every valid BILOU
// sequence of short sentences with random scores.
func TestDecodeFindsBestSequence(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for trial := 0; trial < 40; trial++ {
		n := 1 + trial%4
		em := make([][nLabels]float32, n)
		for i := range em {
			for l := range em[i] {
				em[i][l] = float32(r.NormFloat64() * 3)
			}
		}
		var trans [nLabels + 1][nLabels]float32
		for a := range trans {
			for b := range trans[a] {
				trans[a][b] = float32(r.NormFloat64())
			}
		}
		got := decode(em, &trans)
		best, bestScore := []label(nil), float32(-1e30)
		seq := make([]label, n)
		var walk func(i int, prev label, s float32)
		walk = func(i int, prev label, s float32) {
			if i == n {
				if p, _ := prev.part(); p != 'B' && p != 'I' && s > bestScore {
					best, bestScore = append([]label(nil), seq...), s
				}
				return
			}
			for l := label(0); l < nLabels; l++ {
				if allowedAfter[prev][l] {
					seq[i] = l
					walk(i+1, l, s+em[i][l]+trans[prev][l])
				}
			}
		}
		walk(0, nLabels, 0)
		for i := range best {
			if got[i] != best[i] {
				t.Fatalf("trial %d: decode gave %v, best sequence is %v", trial, got, best)
			}
		}
	}
}
