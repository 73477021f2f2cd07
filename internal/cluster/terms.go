package cluster

import (
	"github.com/parallax-news/parallax/internal/words"
)

// Terms returns the stemmed content words of a text, in order: lower
// case, stopwords and one-letter words dropped, numbers kept as written.
func Terms(s string) []string {
	var out []string
	words.Each(s, func(w string, _, _ int) {
		switch {
		case len(w) < 2 || words.TopicStop[w]:
		case words.IsDigits(w):
			out = append(out, w)
		default:
			out = append(out, words.Stem(w))
		}
	})
	return out
}
