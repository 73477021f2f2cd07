package cluster

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// stopwords are left out of the term vectors: they say nothing about
// which event an article reports.
var stopwords = toSet(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should so
some such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours yourself
yourselves said says say told according mr mrs ms dr one two new would also s t re ve ll d m don didn
doesn isn wasn aren weren won wouldn couldn shouldn hasn haven hadn per via upon amid among`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// stems caches the stems of words seen, up to maxStems words: the
// vocabulary of news is small, but a page of junk or years of feeds would
// otherwise grow the cache without end.
var (
	stems  sync.Map // word → stem
	nStems atomic.Int32
)

const maxStems = 1 << 17

// stem returns the Snowball (Porter 2) stem of a lower-case word.
func stem(w string) string {
	if s, ok := stems.Load(w); ok {
		return s.(string)
	}
	s := english.Stem(w, false)
	if nStems.Load() < maxStems {
		if _, loaded := stems.LoadOrStore(w, s); !loaded {
			nStems.Add(1)
		}
	}
	return s
}

// Terms returns the stemmed content words of a text, in order: lower
// case, stopwords and one-letter words dropped, numbers kept as written.
func Terms(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(s[start:end])
		start = -1
		if len(w) < 2 || stopwords[w] {
			return
		}
		if isDigits(w) {
			out = append(out, w)
			return
		}
		out = append(out, stem(w))
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}
