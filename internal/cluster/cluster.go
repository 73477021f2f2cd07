// Package cluster groups articles into stories (real-world events) as they
// arrive: an online, single-pass clusterer in the spirit of Miranda et al.
// (2018). Each article is compared with the stories that share its rarer
// terms and names within a time window; several similarities (body, title,
// people, organisations, places, other names, nearest member, time
// distance) are combined by a logistic model learned on labelled data, and
// the article joins the most probable story or opens a new one.
package cluster

import (
	"math"
	"sort"
	"time"
)

// Doc is what clustering needs of an article: its time and its terms and
// names, already analysed. Terms are stemmed content words (see Terms);
// names are normalised keys (a person's surname, a place's gazetteer id).
type Doc struct {
	ID    string
	Time  time.Time // zero when unknown
	Title []string
	Body  []string
	// People, Orgs, Places and Other hold one key per mention.
	People, Orgs, Places, Other []string
	// Dates are the years and months the text names ("2008", "2008-12").
	Dates []string
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
	// Window is how far in time an article may be from a story's first
	// and last article and still join it (default 4 days).
	Window time.Duration
	// Horizon is how long a story stays in memory after its last article,
	// measured against the newest article seen (default 30 days).
	Horizon time.Duration
	// Candidates is how many stories are scored per article (default 8).
	Candidates int
}

// fields of an article's vectors.
const (
	fieldTitle = iota
	fieldBody
	fieldPeople
	fieldOrgs
	fieldPlaces
	fieldOther
	fieldDates
	nFields
)

// centroidLimit bounds a story centroid's terms per field.
const centroidLimit = 400

// member is a story member's vectors, cut to their heaviest terms.
type member [nFields]vec

// memberTerms is how many terms of each field a member keeps.
var memberTerms = [nFields]int{20, 60, 20, 20, 20, 20, 10}

// membersKept is how many of a story's latest articles are kept for the
// nearest-member similarity.
const membersKept = 6

// story is one story in memory.
type story struct {
	id          int
	first, last time.Time // zero when no article had a time
	size        int
	cent        [nFields]centroid
	members     []member // the latest members (their heaviest terms)
	indexed     map[uint32]bool
	evicted     bool
	parent      int // the story this one was merged into, or its own id
	// mains counts the members' main person and main organisation.
	mains [2]map[uint32]int
}

// docVecs is an article turned into weighted vectors.
type docVecs struct {
	time  time.Time
	v     [nFields]vec
	query []uint32 // the terms used to find candidate stories
	// nearBody is the body vector cut as members keep it.
	nearBody vec
	// main is the article's most mentioned person and organisation
	// (noTerm when it names none): what the article is about.
	main [2]uint32
}

const noTerm = ^uint32(0)

// Clusterer assigns articles to stories, one at a time. It is not safe for
// concurrent use.
type Clusterer struct {
	opt      Options
	vocab    [nFields]map[string]uint32 // per field (the title uses the body's)
	df       []int32                    // document frequency per term
	n        int                        // articles seen
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
func (c *Clusterer) Add(d Doc) Assignment {
	dv := c.vectors(d)
	best, bestP := -1, 0.0
	for _, si := range c.candidates(dv) {
		x := c.features(dv, c.stories[si])
		if p := c.opt.Model.Prob(x); p > bestP {
			best, bestP = si, p
		}
	}
	if best >= 0 && bestP >= c.opt.Model.Threshold {
		s := c.stories[best]
		c.join(s, dv)
		return Assignment{Story: c.mergeNear(s).id, Prob: bestP}
	}
	s := c.open(dv)
	return Assignment{Story: c.mergeNear(s).id, New: true}
}

// Restore puts an article back in the story it was assigned to in an
// earlier run: story is the number Add or Restore gave that story, or -1
// to open a new one. It returns the story's number. Restoring a stream in
// its original order rebuilds the clusterer's state.
func (c *Clusterer) Restore(d Doc, story int) int {
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
	for f := range dv.v {
		s.cent[f].add(dv.v[f], centroidLimit)
	}
	for k, m := range dv.main {
		if m != noTerm {
			if s.mains[k] == nil {
				s.mains[k] = map[uint32]int{}
			}
			s.mains[k][m]++
		}
	}
	var m member
	for f, v := range dv.v {
		m[f] = v.top(memberTerms[f])
	}
	s.members = append(s.members, m)
	if len(s.members) > membersKept {
		s.members = s.members[1:]
	}
	if !dv.time.IsZero() {
		if s.first.IsZero() || dv.time.Before(s.first) {
			s.first = dv.time
		}
		if s.last.IsZero() || dv.time.After(s.last) {
			s.last = dv.time
		}
		if dv.time.After(c.newest) {
			c.newest = dv.time
		}
	}
	for _, t := range dv.query {
		if !s.indexed[t] {
			s.indexed[t] = true
			c.postings[t] = append(c.postings[t], int32(s.id))
		}
	}
	c.sinceGC++
	if c.sinceGC >= 20000 {
		c.evict()
	}
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
	if t.IsZero() || s.first.IsZero() {
		return true
	}
	return !t.Before(s.first.Add(-c.opt.Window)) && !t.After(s.last.Add(c.opt.Window))
}

// evict frees the vectors of stories idle for longer than the horizon
// and drops them from the postings. Their numbers stay valid.
func (c *Clusterer) evict() {
	c.sinceGC = 0
	if c.newest.IsZero() {
		return
	}
	cut := c.newest.Add(-c.opt.Horizon)
	for _, s := range c.stories {
		if !s.evicted && !s.last.IsZero() && s.last.Before(cut) {
			s.evicted = true
			s.cent = [nFields]centroid{}
			s.members = nil
			s.indexed = nil
		}
	}
	for t, ps := range c.postings {
		kept := ps[:0]
		for _, si := range ps {
			if !c.stories[si].evicted {
				kept = append(kept, si)
			}
		}
		if len(kept) == 0 {
			delete(c.postings, t)
		} else {
			c.postings[t] = kept
		}
	}
}

// term interns a term of a field. Title and body share their terms, so
// that a title can be compared with a story's body.
func (c *Clusterer) term(field int, t string) uint32 {
	if field == fieldTitle {
		field = fieldBody
	}
	id, ok := c.vocab[field][t]
	if !ok {
		id = uint32(len(c.df))
		c.vocab[field][t] = id
		c.df = append(c.df, 0)
	}
	return id
}

// idf is the smoothed inverse document frequency of a term, from the
// articles seen so far.
func (c *Clusterer) idf(t uint32) float64 {
	return math.Log(float64(c.n+1)/float64(c.df[t]+1)) + 1
}

// queryTerms per article: its names and its heaviest body and title terms.
const queryBody, queryTitle, queryNames = 12, 6, 12

// vectors weighs an article's terms by log tf × idf, counting the article
// in the document frequencies first.
func (c *Clusterer) vectors(d Doc) *docVecs {
	lists := [nFields][]string{d.Title, d.Body, d.People, d.Orgs, d.Places, d.Other, d.Dates}
	var tfs [nFields]map[uint32]float32
	c.n++
	counted := map[uint32]bool{}
	for f, list := range lists {
		tfs[f] = map[uint32]float32{}
		for _, t := range list {
			tfs[f][c.term(f, t)]++
		}
		for t := range tfs[f] {
			if !counted[t] {
				counted[t] = true
				c.df[t]++
			}
		}
	}
	dv := &docVecs{time: d.Time, main: [2]uint32{mostMentioned(c, fieldPeople, d.People), mostMentioned(c, fieldOrgs, d.Orgs)}}
	for f := range tfs {
		for t, n := range tfs[f] {
			tfs[f][t] = float32((1 + math.Log(float64(n))) * c.idf(t))
		}
		dv.v[f] = newVec(tfs[f])
	}
	seen := map[uint32]bool{}
	addQuery := func(v vec, n int) {
		for _, e := range v.top(n) {
			if !seen[e.term] {
				seen[e.term] = true
				dv.query = append(dv.query, e.term)
			}
		}
	}
	dv.nearBody = dv.v[fieldBody].top(memberTerms[fieldBody])
	addQuery(dv.v[fieldBody], queryBody)
	addQuery(dv.v[fieldTitle], queryTitle)
	for _, f := range []int{fieldPeople, fieldOrgs, fieldPlaces, fieldOther} {
		addQuery(dv.v[f], queryNames)
	}
	return dv
}

// mostMentioned returns the key named most often (the first of equals),
// or noTerm.
func mostMentioned(c *Clusterer, field int, keys []string) uint32 {
	counts := map[string]int{}
	best, bestN := "", 0
	for _, k := range keys {
		counts[k]++
		if counts[k] > bestN {
			best, bestN = k, counts[k]
		}
	}
	if bestN == 0 {
		return noTerm
	}
	return c.term(field, best)
}
