package words

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestEach(t *testing.T) {
	var got []string
	Each("Kyiv's “peace” plan: 28 points—Ünïcode.", func(w string, start, end int) {
		got = append(got, fmt.Sprintf("%s@%d:%d", w, start, end))
	})
	want := []string{"kyiv@0:4", "s@5:6", "peace@10:15", "plan@19:23", "28@25:27", "points@28:34", "ünïcode@37:46"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// A page of junk has endless distinct words; the stem cache must stop
// growing while stems stay right.
func TestStemCacheIsBounded(t *testing.T) {
	var last string
	for i := 0; i < maxStems+1000; i++ {
		last = Stem(letters(i) + "walking")
	}
	n := 0
	stems.Range(func(_, _ any) bool { n++; return true })
	if n > maxStems {
		t.Errorf("stem cache holds %d words, limit %d", n, maxStems)
	}
	if last != letters(maxStems+999)+"walk" {
		t.Errorf("stem of an uncached word = %q", last)
	}
	if !strings.HasSuffix(Stem("walking"), "walk") {
		t.Error("walking")
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
