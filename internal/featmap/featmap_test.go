package featmap

import (
	"math/rand"
	"testing"
)

// TestAgainstGoMap sets, overwrites and looks up random keys (and key 0)
// and checks every answer against a Go map, across several growths.
func TestAgainstGoMap(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var m Map[int32]
	want := map[uint64]int32{}
	keys := []uint64{0}
	for i := 0; i < 5000; i++ {
		keys = append(keys, r.Uint64()%20000) // repeats overwrite
	}
	for i, k := range keys {
		m.Set(k, int32(i))
		want[k] = int32(i)
	}
	if m.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", m.Len(), len(want))
	}
	for k := uint64(0); k < 20000; k++ {
		v, ok := m.Get(k)
		w, wok := want[k]
		if ok != wok || v != w {
			t.Fatalf("Get(%d) = %d, %v; want %d, %v", k, v, ok, w, wok)
		}
	}
	n := 0
	m.Each(func(h uint64, v int32) {
		if want[h] != v {
			t.Errorf("Each gave %d → %d, want %d", h, v, want[h])
		}
		n++
	})
	if n != len(want) {
		t.Errorf("Each visited %d keys, want %d", n, len(want))
	}
}

func TestEmpty(t *testing.T) {
	var m Map[float32]
	if _, ok := m.Get(42); ok {
		t.Error("empty map has key 42")
	}
	if New[float32](100).Len() != 0 {
		t.Error("new map is not empty")
	}
}
