package ner

import (
	"testing"

	"github.com/parallax-news/parallax/internal/lexicon"
)

// hash is the reference definition of a feature hash: FNV-1a over the feature's name and value: stable across runs and
// machines, so that saved models match features computed later.
func hash(prefix, value string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(prefix); i++ {
		h ^= uint64(prefix[i])
		h *= prime
	}
	h ^= 0xff
	h *= prime
	for i := 0; i < len(value); i++ {
		h ^= uint64(value[i])
		h *= prime
	}
	return h
}

func TestIncrementalHashMatchesReference(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{{"w", "rubio", ""}, {"w-1w", "marco", "rubio"}, {"gz", "loc.city:U", ""}, {"p3", "kyï", ""}} {
		want := hash(tc.name, tc.a)
		got := named(tc.name).str(tc.a)
		if tc.b != "" {
			want = hash(tc.name, tc.a+"|"+tc.b)
			got = got.byte('|').str(tc.b)
		}
		if uint64(got) != want {
			t.Errorf("%s %q %q: incremental %x, reference %x", tc.name, tc.a, tc.b, got, want)
		}
	}
}

func TestShippedTaggerFindsEntities(t *testing.T) {
	tg, err := Default(lexicon.Default())
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		{"Ukrainian", "negotiator", "Rustem", "Umerov", "met", "Marco", "Rubio", "in", "Hallandale", "Beach", ",", "Florida", "."},
		{"Umerov", "later", "wrote", "on", "Facebook", "that", "the", "talks", "went", "well", "."},
	}
	got := map[string]string{}
	for si, spans := range tg.Tag(doc) {
		for _, sp := range spans {
			name := ""
			for k := sp.Start; k < sp.End; k++ {
				if name != "" {
					name += " "
				}
				name += doc[si][k]
			}
			got[name] = sp.Type
		}
	}
	want := map[string]string{"Rustem Umerov": "PER", "Marco Rubio": "PER", "Hallandale Beach": "LOC", "Florida": "LOC", "Umerov": "PER", "Ukrainian": "MISC"}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%s: got %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
}
