package ner

import (
	"math/rand"
	"testing"
)

func BenchmarkZZDecode(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	em := make([][nLabels]float32, 30)
	for i := range em {
		for l := range em[i] {
			em[i][l] = float32(r.NormFloat64() * 5)
		}
	}
	var trans [nLabels + 1][nLabels]float32
	for a := range trans {
		for l := range trans[a] {
			trans[a][l] = float32(r.NormFloat64())
		}
	}
	sc := new(scratch)
	for i := 0; i < b.N; i++ {
		sc.decode(em, &trans)
	}
}
