package nlp

import (
	"slices"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// mentionIndex finds a document's name mentions by sentence, and the
// people mentioned before a position, without reading every mention: a
// long page has tens of thousands, and scanning them for each word made
// a 1 MB page take seconds.
type mentionIndex struct {
	mentions []Mention
	bySent   [][]int // each sentence's mentions, in slice order
	// people are the person mentions that have an entity, ordered by
	// start (slice order among equal starts); byEntity holds each
	// entity's share of them in the same order.
	people   []int
	byEntity map[int][]int
	// roleWords maps a role word of a person's roles to the people who
	// hold it, each once (see indexRoles).
	roleWords map[string][]int
	ents      []*Entity
}

// newMentionIndex indexes mentions whose types are settled.
func newMentionIndex(mentions []Mention, ents []*Entity, nSents int) *mentionIndex {
	x := &mentionIndex{mentions: mentions, ents: ents, bySent: make([][]int, nSents), byEntity: map[int][]int{}}
	// One array holds every sentence's list: count, then fill.
	counts := make([]int, nSents+1)
	for _, m := range mentions {
		counts[m.sent+1]++
	}
	for k := 1; k <= nSents; k++ {
		counts[k] += counts[k-1]
	}
	flat := make([]int, len(mentions))
	for si := range x.bySent {
		x.bySent[si] = flat[counts[si]:counts[si]:counts[si+1]]
	}
	for i, m := range mentions {
		x.bySent[m.sent] = append(x.bySent[m.sent], i)
	}
	x.people = peopleByStart(mentions)
	for _, i := range x.people {
		e := mentions[i].Entity
		x.byEntity[e] = append(x.byEntity[e], i)
	}
	return x
}

// indexRoles records the words of each person's roles (the roles must
// be read by then), the first time a description asks: only role words
// ("secretary", "envoy") head a description, so only they are kept.
func (x *mentionIndex) indexRoles() {
	x.roleWords = map[string][]int{}
	for _, e := range x.ents {
		if len(x.byEntity[e.ID]) == 0 {
			continue
		}
		for _, r := range e.Roles {
			if r.Past {
				continue
			}
			for _, w := range roleWordsOf(r.Text) {
				if !roleWords[w] {
					continue
				}
				// once per entity: its id is the list's last if already there
				if ids := x.roleWords[w]; len(ids) == 0 || ids[len(ids)-1] != e.ID {
					x.roleWords[w] = append(ids, e.ID)
				}
			}
		}
	}
}

// roleWordsOf splits a role into the lower-case words a description's
// head is matched against.
func roleWordsOf(role string) []string {
	return strings.FieldsFunc(strings.ToLower(role), func(r rune) bool { return r == ' ' || r == ',' || r == '\'' || r == '’' })
}

// inMention reports whether a span of sentence si lies inside one of its
// mentions; with person set, inside a person's.
func (x *mentionIndex) inMention(si int, sp text.Span, person bool) bool {
	for _, i := range x.bySent[si] {
		m := &x.mentions[i]
		if m.Span.Contains(sp) && (!person || m.Type == "PER") {
			return true
		}
	}
	return false
}

// personNamedAt returns the entity of the first person's name in
// sentence si that starts at byte start, or -1.
func (x *mentionIndex) personNamedAt(si, start int) int {
	for _, i := range x.bySent[si] {
		if m := &x.mentions[i]; m.Kind == "name" && m.Type == "PER" && m.Span.Start == start {
			return m.Entity
		}
	}
	return -1
}

// lastBefore returns, of the mentions listed in ms (ordered by start),
// the one with the greatest start before pos — the first listed among
// equal starts — or -1.
func (x *mentionIndex) lastBefore(ms []int, pos int) int {
	return lastMention(x.mentions, ms, pos, nil)
}

// lastMention returns, of the mentions listed in ms (indexes into
// mentions, ordered by start), the one with the greatest start before pos
// that ok accepts (any when ok is nil) — the first listed among equal
// starts — or -1.
func lastMention(mentions []Mention, ms []int, pos int, ok func(*Mention) bool) int {
	k := sort.Search(len(ms), func(k int) bool { return mentions[ms[k]].Span.Start >= pos })
	best := -1
	for k--; k >= 0; k-- {
		m := &mentions[ms[k]]
		if best >= 0 && m.Span.Start < mentions[ms[best]].Span.Start {
			break
		}
		if ok == nil || ok(m) {
			best = k
		}
	}
	if best < 0 {
		return -1
	}
	return ms[best]
}

// peopleByStart lists the person mentions that have an entity, ordered by
// start (list order among equal starts).
func peopleByStart(mentions []Mention) []int {
	var people []int
	for i, m := range mentions {
		if m.Type == "PER" && m.Entity >= 0 {
			people = append(people, i)
		}
	}
	slices.SortStableFunc(people, func(a, b int) int { return mentions[a].Span.Start - mentions[b].Span.Start })
	return people
}

// lastPerson returns the person mention with the greatest start before
// pos, or -1.
func (x *mentionIndex) lastPerson(pos int) int { return x.lastBefore(x.people, pos) }

// lastWithRole returns the entity of the person mentioned last before pos
// whose roles hold the role word head, or -1.
func (x *mentionIndex) lastWithRole(head string, pos int) int {
	if x.roleWords == nil {
		x.indexRoles()
	}
	best, bestAt := -1, -1
	for _, e := range x.roleWords[head] {
		i := x.lastBefore(x.byEntity[e], pos)
		if i >= 0 && (best < 0 || x.mentions[i].Span.Start > x.mentions[bestAt].Span.Start ||
			x.mentions[i].Span.Start == x.mentions[bestAt].Span.Start && i < bestAt) {
			best, bestAt = e, i
		}
	}
	return best
}
