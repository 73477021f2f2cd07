package synth

import (
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// Vocabulary is what a synthetic stream draws its articles from: content
// terms and entity keys with their frequencies, as counted in real
// articles (the development files).
type Vocabulary struct {
	Terms                Weighted
	People, Orgs, Places Weighted
	Other                Weighted
}

// Weighted is a list of items with counts, to draw from in proportion.
type Weighted struct {
	Items []string
	cum   []float64
}

// Count adds one occurrence of each item.
func Count(items []string) Weighted {
	counts := map[string]int{}
	for _, it := range items {
		counts[it]++
	}
	w := Weighted{}
	for it := range counts {
		w.Items = append(w.Items, it)
	}
	sort.Strings(w.Items)
	total := 0.0
	for _, it := range w.Items {
		total += float64(counts[it])
		w.cum = append(w.cum, total)
	}
	return w
}

func (w *Weighted) draw(r *rand.Rand) string {
	if len(w.Items) == 0 {
		return "x"
	}
	x := r.Float64() * w.cum[len(w.cum)-1]
	return w.Items[sort.SearchFloat64s(w.cum, x)]
}

// StreamArticle is a pre-analysed synthetic article: the fields the story
// clusterer reads, the words copy detection signs, and the truth.
type StreamArticle struct {
	ID     string
	Time   time.Time
	Title  []string
	Body   []string
	People []string
	Orgs   []string
	Places []string
	Other  []string
	Event  int    // the planted event
	CopyOf string // the article this one copies ("" for none)
}

// Text is the article's words as one string, for signing.
func (a *StreamArticle) Text() string { return strings.Join(a.Body, " ") }

// event is a planted real-world event.
type event struct {
	id                          int
	start                       time.Time
	terms                       []string
	people, orgs, places, other []string
	articles                    []*StreamArticle
}

// Stream generates articles in time order: events open at a steady rate
// over the period, each reported by a few to a few dozen articles over one
// to three days; a tenth of the articles are edited copies of an earlier
// report of their event.
type Stream struct {
	r      *rand.Rand
	v      *Vocabulary
	now    time.Time
	step   time.Duration
	active []*event
	next   int
	n      int
}

// NewStream returns a stream of about perDay articles a day.
func NewStream(v *Vocabulary, seed uint64, start time.Time, perDay int) *Stream {
	return &Stream{r: rand.New(rand.NewPCG(seed, seed^0xabcdef)), v: v, now: start, step: 24 * time.Hour / time.Duration(perDay)}
}

// Next returns the next article.
func (s *Stream) Next() *StreamArticle {
	s.now = s.now.Add(s.step)
	// Retire events older than three days; open new ones so that about
	// one article in six starts an event.
	kept := s.active[:0]
	for _, e := range s.active {
		if s.now.Sub(e.start) < 72*time.Hour {
			kept = append(kept, e)
		}
	}
	s.active = kept
	var e *event
	if len(s.active) == 0 || s.r.IntN(6) == 0 {
		e = s.newEvent()
		s.active = append(s.active, e)
	} else {
		// Recent events draw more coverage.
		e = s.active[len(s.active)-1-min(len(s.active)-1, int(s.r.ExpFloat64()*float64(len(s.active))/3))]
	}
	a := s.article(e)
	e.articles = append(e.articles, a)
	s.n++
	return a
}

func (s *Stream) newEvent() *event {
	e := &event{id: s.next, start: s.now}
	s.next++
	for i := 0; i < 60; i++ {
		e.terms = append(e.terms, s.v.Terms.draw(s.r))
	}
	for i := 0; i < 1+s.r.IntN(3); i++ {
		e.people = append(e.people, s.v.People.draw(s.r))
	}
	for i := 0; i < 1+s.r.IntN(2); i++ {
		e.orgs = append(e.orgs, s.v.Orgs.draw(s.r))
		e.places = append(e.places, s.v.Places.draw(s.r))
	}
	e.other = append(e.other, s.v.Other.draw(s.r))
	return e
}

func (s *Stream) article(e *event) *StreamArticle {
	a := &StreamArticle{ID: "syn-" + itoa(s.n), Time: s.now, Event: e.id}
	if len(e.articles) > 0 && s.r.IntN(10) == 0 {
		src := e.articles[s.r.IntN(len(e.articles))]
		a.CopyOf = src.ID
		a.Title = append([]string(nil), src.Title...)
		a.People, a.Orgs, a.Places, a.Other = src.People, src.Orgs, src.Places, src.Other
		for _, w := range src.Body {
			if s.r.IntN(20) != 0 { // 5% of words edited
				a.Body = append(a.Body, w)
			} else {
				a.Body = append(a.Body, s.v.Terms.draw(s.r))
			}
		}
		return a
	}
	pick := func(own []string, bg *Weighted, n int) []string {
		var out []string
		for i := 0; i < n; i++ {
			if s.r.IntN(4) == 0 {
				out = append(out, bg.draw(s.r))
			} else {
				out = append(out, own[s.r.IntN(len(own))])
			}
		}
		return out
	}
	for i := 0; i < 8; i++ {
		a.Title = append(a.Title, e.terms[s.r.IntN(len(e.terms))])
	}
	n := 150 + s.r.IntN(250)
	for i := 0; i < n; i++ {
		if s.r.IntN(5) == 0 {
			a.Body = append(a.Body, e.terms[s.r.IntN(len(e.terms))])
		} else {
			a.Body = append(a.Body, s.v.Terms.draw(s.r))
		}
	}
	a.People = pick(e.people, &s.v.People, 3+s.r.IntN(6))
	a.Orgs = pick(e.orgs, &s.v.Orgs, 1+s.r.IntN(3))
	a.Places = pick(e.places, &s.v.Places, 1+s.r.IntN(3))
	a.Other = pick(e.other, &s.v.Other, s.r.IntN(3))
	return a
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}
