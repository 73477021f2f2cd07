// Package words holds what several stages need of words: splitting text
// into plain words (Each) or into tokens and sentences (Tokenize,
// Sentences), the stopword lists each purpose leaves out, and the Snowball
// stemmer. Clustering, copy detection, quote finding, the analysis and the
// report's fact alignment read text the same way through it.
package words

import (
	"strings"
	"unicode"
)

// Each calls fn with every word of s — a run of letters and digits — in
// lower case, with its byte span.
func Each(s string, fn func(w string, start, end int)) {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(strings.ToLower(s[start:i]), start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(strings.ToLower(s[start:]), start, len(s))
	}
}

// Set makes a set of the space-separated words of s.
func Set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// IsDigits reports whether w is all ASCII digits.
func IsDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
