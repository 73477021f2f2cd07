package words

import (
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
)

// stems caches the stems of words seen, up to maxStems words: the
// vocabulary of news is small, but a page of junk or years of feeds would
// otherwise grow the cache without end.
var (
	stems  sync.Map // word → stem
	nStems atomic.Int32
)

const maxStems = 1 << 17

// Stem returns the Snowball (Porter 2) stem of a lower-case word.
func Stem(w string) string {
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
