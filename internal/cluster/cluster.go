// Package cluster groups articles into stories (real-world events) as they
// arrive: an online, single-pass clusterer in the spirit of Miranda et al.
// (2018). Each article is compared with the stories that share its rarer
// terms and names within a time window. A logistic model learned on
// labelled data weighs how alike they are (one TF-IDF vector of words and
// names), how close in time, how much of what the headline names the
// story never named, and how far the article falls below the likeness of
// the story's own members to each other; the article joins the most
// probable story or opens a new one. An article that belongs to two
// stories merges them, and a story that grows absorbs another whose
// centroid has come to agree with its own (the merge pass).
package cluster

import (
	"math"
	"sort"
	"time"

	"github.com/parallax-news/parallax/internal/window"
)

// Profile is what clustering needs of an article: its time and its terms and
// names, already analysed. Terms are stemmed content words (see Terms);
// names are normalised keys (a person's surname, a place's gazetteer id).
type Profile struct {
	ID    string
	Time  time.Time // zero when unknown
	Title []string
	Body  []string
	// People, Orgs, Places and Other hold one key per mention.
	People, Orgs, Places, Other []string
}

// Assignment is the clusterer's decision for one article.
type Assignment struct {
	Story int     // the story's number, in order of creation
	New   bool    // the article opened the story
	Prob  float64 // the model's probability that the article belongs to the story it joined (0 when new)
}

// Options tune a Clusterer. Zero values take the defaults.
type Options struct {
	Model Model
	// Window is how far in time an article may be from the first and last
	// of a story's recent articles and still join it (default 4 days).
	Window time.Duration
	// Horizon is how long a story stays in memory after its last article,
	// measured against the newest article seen (default 30 days).
	Horizon time.Duration
	// Candidates is how many stories are scored per article (default 8).
	Candidates int
}

// fields of an article's vectors.
const (
	// fieldAll is the article's words and names together, a name
	// weighing namesWeight times a word: how alike two reports are.
	fieldAll = iota
	// fieldHead holds the names the headline gives: who and where the
	// story is about, which look-alike events do not share.
	fieldHead
	nFields
)

// namesWeight is how much more a name counts than a word.
const namesWeight = 3

// Vocabularies: words and each kind of name are kept apart, so that the
// word "turkey" and the country Turkey are different terms.
const (
	vocabWords = iota
	vocabPeople
	vocabOrgs
	vocabPlaces
	vocabOther
	vocabHead
	nVocabs
)

// recentKept is how many of a story's latest articles its centroid is
// made of. A story compared by all it ever held drifts: its centroid turns
// generic and its span long, and it draws in every report of anything.
const recentKept = 10

// memberTerms is how many of each member's heaviest terms per field the
// centroid holds.
var memberTerms = [nFields]int{100, 10}

// queryTerms is how many of an article's heaviest terms look up the
// stories it may join.
const queryTerms = 40

// story is one story in memory.
type story struct {
	id   int
	last time.Time // its latest article's time (zero when none had one): when it may be evicted
	size int
	// recent are the latest members (by arrival), cent their sum and
	// pairSum the sum of their likenesses to each other.
	recent  []member
	cent    [nFields]centroid
	pairSum float64
	// first and lastRecent are the first and last times of the recent
	// members (see span).
	first, lastRecent time.Time
	indexed           map[uint32]bool
	evicted           bool
	parent            int // the story this one was merged into, or its own id
}

// member is one of a story's recent articles: its heaviest terms and its
// time.
type member struct {
	v    [nFields]vec
	time time.Time
}

// span returns the first and last times of the story's recent members
// (zero when none had a time).
func (s *story) span() (first, last time.Time) { return s.first, s.lastRecent }

// setSpan finds the first and last times of the story's recent members.
// It runs when they change, not each time a candidate is compared.
func (s *story) setSpan() {
	s.first, s.lastRecent = time.Time{}, time.Time{}
	for _, m := range s.recent {
		if m.time.IsZero() {
			continue
		}
		if s.first.IsZero() || m.time.Before(s.first) {
			s.first = m.time
		}
		if s.lastRecent.IsZero() || m.time.After(s.lastRecent) {
			s.lastRecent = m.time
		}
	}
}

// remember adds a member to the story's recent ones, dropping the oldest
// beyond recentKept, and keeps the centroid their sum.
func (s *story) remember(m member) {
	for _, o := range s.recent {
		s.pairSum += dotUnit(m.v[fieldAll], o.v[fieldAll])
	}
	s.recent = append(s.recent, m)
	for f := range m.v {
		s.cent[f].add(m.v[f], 1)
	}
	if len(s.recent) > recentKept {
		old := s.recent[0]
		s.recent = s.recent[1:]
		for _, o := range s.recent {
			s.pairSum -= dotUnit(old.v[fieldAll], o.v[fieldAll])
		}
		for f := range old.v {
			s.cent[f].add(old.v[f], -1)
		}
	}
	s.setSpan()
}

// docVecs is an article turned into weighted vectors.
type docVecs struct {
	time  time.Time
	v     [nFields]vec
	query []uint32 // the terms used to find candidate stories
}

// Clusterer assigns articles to stories, one at a time. It is not safe for
// concurrent use.
type Clusterer struct {
	opt      Options
	vocab    [nVocabs]map[string]uint32
	df       []int32 // document frequency per term
	n        int     // articles seen
	stories  []*story
	postings map[uint32][]int32 // term → stories indexed under it
	newest   time.Time
	sinceGC  int
	// score and touched are candidates' scratch space, reused per article.
	score   []float64
	touched []int
}

// New returns an empty clusterer.
func New(opt Options) *Clusterer {
	if opt.Window == 0 {
		opt.Window = 4 * 24 * time.Hour
	}
	if opt.Horizon == 0 {
		opt.Horizon = 30 * 24 * time.Hour
	}
	if opt.Candidates == 0 {
		opt.Candidates = 8
	}
	if opt.Model.Weights == nil {
		opt.Model = DefaultModel()
	}
	c := &Clusterer{opt: opt, postings: map[uint32][]int32{}}
	for f := range c.vocab {
		c.vocab[f] = map[string]uint32{}
	}
	return c
}

// Stories returns how many stories have been opened.
func (c *Clusterer) Stories() int { return len(c.stories) }

// Add assigns an article to a story, opening one if none is likely enough.
func (c *Clusterer) Add(d Profile) Assignment { return c.add(c.vectors(d)) }

// add assigns an article already turned into vectors.
func (c *Clusterer) add(dv *docVecs) Assignment {
	best, bestP := -1, 0.0
	var bridged []int
	cands := c.candidates(dv)
	for _, si := range cands {
		p := c.opt.Model.Prob(c.features(dv, c.stories[si]))
		if p > bestP {
			best, bestP = si, p
		}
		if b := c.opt.Model.BridgeThreshold; b > 0 && p >= b {
			bridged = append(bridged, si)
		}
	}
	if best < 0 || bestP < c.opt.Model.JoinThreshold(c.dated(dv, c.stories[best])) {
		return Assignment{Story: c.open(dv).id, New: true}
	}
	s := c.stories[best]
	c.join(s, dv)
	// An article that belongs to two stories shows they are one: a single
	// pass splits an event whose first reports share little.
	for _, si := range bridged {
		if t := c.stories[si]; t != s && !t.evicted {
			s = c.merge(s, t)
		}
	}
	s = c.mergePass(s, cands)
	return Assignment{Story: s.id, Prob: bestP}
}

// dated reports whether an article and a story both have times.
func (c *Clusterer) dated(dv *docVecs, s *story) bool {
	first, _ := s.span()
	return !dv.time.IsZero() && !first.IsZero()
}

// Restore puts an article back in the story it was assigned to in an
// earlier run: story is the number Add or Restore gave that story, or -1
// to open a new one. It returns the story's number. Restoring a stream in
// its original order rebuilds the clusterer's state.
func (c *Clusterer) Restore(d Profile, story int) int {
	dv := c.vectors(d)
	if story < 0 || story >= len(c.stories) {
		return c.open(dv).id
	}
	s := c.stories[c.Root(story)]
	c.join(s, dv)
	return s.id
}

// Root returns the story a story number now belongs to: itself, or the
// story it was merged into.
func (c *Clusterer) Root(id int) int {
	for c.stories[id].parent != id {
		id = c.stories[id].parent
	}
	return id
}

// open starts a story with one article.
func (c *Clusterer) open(dv *docVecs) *story {
	s := &story{id: len(c.stories), indexed: map[uint32]bool{}, parent: len(c.stories)}
	c.stories = append(c.stories, s)
	c.join(s, dv)
	return s
}

// join adds an article to a story and indexes the story under its terms.
func (c *Clusterer) join(s *story, dv *docVecs) {
	s.size++
	m := member{time: dv.time}
	for f := range dv.v {
		m.v[f] = dv.v[f].top(memberTerms[f])
	}
	s.remember(m)
	if !dv.time.IsZero() {
		if s.last.IsZero() || dv.time.After(s.last) {
			s.last = dv.time
		}
		if dv.time.After(c.newest) {
			c.newest = dv.time
		}
	}
	c.index(s, dv.query)
	c.sinceGC++
	if c.sinceGC >= 20000 {
		c.evict()
	}
}

// index lists story s under terms it is not listed under yet.
func (c *Clusterer) index(s *story, terms []uint32) {
	for _, t := range terms {
		if !s.indexed[t] {
			s.indexed[t] = true
			c.postings[t] = append(c.postings[t], int32(s.id))
		}
	}
}

// merge folds the smaller of two stories into the larger and returns the
// larger.
func (c *Clusterer) merge(a, b *story) *story {
	if b.size > a.size || b.size == a.size && b.id < a.id {
		a, b = b, a
	}
	a.size += b.size
	// The merged story's recent members: both stories', latest last.
	ms := append(append([]member(nil), a.recent...), b.recent...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].time.Before(ms[j].time) })
	a.recent, a.cent, a.pairSum = nil, [nFields]centroid{}, 0
	for _, m := range ms {
		a.remember(m)
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
	for t := range b.indexed {
		c.index(a, []uint32{t})
	}
	b.parent = a.id
	b.evicted = true
	b.cent, b.recent = [nFields]centroid{}, nil
	b.indexed = nil
	return a
}

// maxPostings bounds the stories read per query term: the latest ones.
const maxPostings = 150

// candidates returns the stories most worth scoring: those sharing the
// article's query terms, weighted by rarity, within the time window.
func (c *Clusterer) candidates(dv *docVecs) []int {
	if len(c.score) < len(c.stories) {
		c.score = append(c.score, make([]float64, len(c.stories)-len(c.score))...)
	}
	touched := c.touched[:0]
	for _, t := range dv.query {
		ps := c.postings[t]
		idf := c.idf(t)
		for k := len(ps) - 1; k >= 0 && k >= len(ps)-maxPostings; k-- {
			si := ps[k]
			switch {
			case c.score[si] > 0:
				c.score[si] += idf
			case c.score[si] == 0:
				s := c.stories[si]
				if s.evicted || !c.inWindow(s, dv.time) {
					c.score[si] = -1 // ruled out for this article
				} else {
					c.score[si] = idf
				}
				touched = append(touched, int(si))
			}
		}
	}
	ids := make([]int, 0, len(touched))
	for _, si := range touched {
		if c.score[si] > 0 {
			ids = append(ids, si)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := c.score[ids[i]], c.score[ids[j]]
		return a > b || a == b && ids[i] < ids[j]
	})
	if len(ids) > c.opt.Candidates {
		ids = ids[:c.opt.Candidates]
	}
	for _, si := range touched {
		c.score[si] = 0
	}
	c.touched = touched
	return ids
}

// inWindow reports whether an article at t may join story s.
func (c *Clusterer) inWindow(s *story, t time.Time) bool {
	first, last := s.span()
	if t.IsZero() || first.IsZero() {
		return true
	}
	return !t.Before(first.Add(-c.opt.Window)) && !t.After(last.Add(c.opt.Window))
}

// evict frees the vectors of stories idle for longer than the horizon
// and drops them from the postings. Their numbers stay valid.
func (c *Clusterer) evict() {
	c.sinceGC = 0
	for _, s := range c.stories {
		if !s.evicted && window.Expired(s.last, c.newest, c.opt.Horizon) {
			s.evicted = true
			s.cent, s.recent = [nFields]centroid{}, nil
			s.indexed = nil
		}
	}
	window.Prune(c.postings, func(si int32) bool { return c.stories[si].evicted })
}

// term interns a term of a vocabulary.
func (c *Clusterer) term(vocab int, t string) uint32 {
	id, ok := c.vocab[vocab][t]
	if !ok {
		id = uint32(len(c.df))
		c.vocab[vocab][t] = id
		c.df = append(c.df, 0)
	}
	return id
}

// idf is the smoothed inverse document frequency of a term, from the
// articles seen so far.
func (c *Clusterer) idf(t uint32) float64 {
	return math.Log(float64(c.n+1)/float64(c.df[t]+1)) + 1
}

// vectors weighs an article's terms by log tf × idf, counting the article
// in the document frequencies first. Title words are body words too (the
// body holds the title): a headline states the event most plainly.
func (c *Clusterer) vectors(d Profile) *docVecs {
	c.n++
	sources := []struct {
		vocab int
		terms []string
		w     float32
	}{
		{vocabWords, d.Title, 1}, {vocabWords, d.Body, 1},
		{vocabPeople, d.People, namesWeight}, {vocabOrgs, d.Orgs, namesWeight},
		{vocabPlaces, d.Places, namesWeight}, {vocabOther, d.Other, namesWeight},
	}
	tf := map[uint32]float32{}
	weight := map[uint32]float32{}
	for _, src := range sources {
		for _, t := range src.terms {
			id := c.term(src.vocab, t)
			tf[id]++
			weight[id] = src.w
		}
	}
	head := map[uint32]float32{}
	for _, t := range headlineNames(d) {
		head[c.term(vocabHead, t)] = 1
	}
	for id := range tf {
		c.df[id]++
	}
	for id := range head {
		c.df[id]++
	}
	for id, n := range tf {
		tf[id] = weight[id] * float32((1+math.Log(float64(n)))*c.idf(id))
	}
	for id := range head {
		head[id] = float32(c.idf(id))
	}
	dv := &docVecs{time: d.Time}
	dv.v[fieldAll], dv.v[fieldHead] = newVec(tf), newVec(head)
	for _, e := range dv.v[fieldAll].top(queryTerms) {
		dv.query = append(dv.query, e.term)
	}
	return dv
}

// headlineNames returns the names (people, organisations, places, other)
// whose every word is in the title, each once, marked by kind.
func headlineNames(d Profile) []string {
	if len(d.Title) == 0 {
		return nil
	}
	title := map[string]bool{}
	for _, t := range d.Title {
		title[t] = true
	}
	var out []string
	seen := map[string]bool{}
	for k, keys := range [][]string{d.People, d.Orgs, d.Places, d.Other} {
		for _, key := range keys {
			id := string("polx"[k]) + ":" + key
			if seen[id] {
				continue
			}
			seen[id] = true
			words := Terms(key)
			all := len(words) > 0
			for _, w := range words {
				all = all && title[w]
			}
			if all {
				out = append(out, id)
			}
		}
	}
	return out
}
