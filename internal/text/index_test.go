package text

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// The index must find what a scan finds, in the same order, for
// lists in order of start (the fast path) and not (the scan).
func TestIndexFindsWhatAScanFinds(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for trial := 0; trial < 200; trial++ {
		spans := make([]Span, r.Intn(40))
		for i := range spans {
			start := r.Intn(500)
			spans[i] = Span{Start: start, End: start + r.Intn(60)}
		}
		if trial%2 == 0 {
			sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		}
		x := NewIndex(spans)
		for probe := 0; probe < 50; probe++ {
			start := r.Intn(520)
			sp := Span{Start: start, End: start + r.Intn(80)}
			var in, over, wantIn, wantOver []int
			x.Within(sp, func(i int) { in = append(in, i) })
			x.Overlapping(sp, func(i int) { over = append(over, i) })
			for i, s := range spans {
				if sp.Contains(s) {
					wantIn = append(wantIn, i)
				}
				if sp.Overlaps(s) {
					wantOver = append(wantOver, i)
				}
			}
			if !slices.Equal(in, wantIn) || !slices.Equal(over, wantOver) {
				t.Fatalf("spans %v, probe %v: within %v (scan %v), overlapping %v (scan %v)", spans, sp, in, wantIn, over, wantOver)
			}
		}
	}
}
