package cluster

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The rioters attacked a police station.", []string{"rioter", "attack", "polic", "station"}},
		{"A 5.6 quake in 2008", []string{"quak", "2008"}}, // one-character words dropped
		{"", nil},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A page of junk has endless distinct words; the stem cache must stop
// growing while stems stay right.
func TestStemCacheIsBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < maxStems+1000; i++ {
		fmt.Fprintf(&b, "%swalking ", letters(i))
	}
	terms := Terms(b.String())
	n := 0
	stems.Range(func(_, _ any) bool { n++; return true })
	if n > maxStems {
		t.Errorf("stem cache holds %d words, limit %d", n, maxStems)
	}
	if last := terms[len(terms)-1]; last != letters(maxStems+999)+"walk" {
		t.Errorf("stem of an uncached word = %q", last)
	}
}

// letters spells n in base 26 with the letters a–z.
func letters(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		if n /= 26; n == 0 {
			return s
		}
	}
}
