package nlp

import (
	"strings"

	"github.com/parallax-news/parallax/internal/text"
)

// speakerIndex answers what resolving quote speakers asks of an analysis
// — the mentions inside a span, the last person before a position, the
// person holding a role — without reading every mention and role for
// each quote: a long page has thousands of quotes and tens of thousands
// of mentions.
type speakerIndex struct {
	a        *Analysis
	mentions *text.Index
	sents    *text.Index // made when a pronoun needs it
	// people are the person mentions that have an entity, by start
	// (list order among equal starts).
	people []int
	// roles maps a role in lower case, and each of its endings after a
	// space, to the first entity that holds it (made when a description
	// needs it).
	roles map[string]int
}

func newSpeakerIndex(a *Analysis) *speakerIndex {
	x := &speakerIndex{a: a}
	x.mentions = text.NewIndex(text.SpansOf(a.Mentions, func(m *Mention) text.Span { return m.Span }))
	x.people = peopleByStart(a.Mentions)
	return x
}

// indexRoles fills roles, the first time a description needs them.
func (x *speakerIndex) indexRoles() {
	x.roles = map[string]int{}
	for _, e := range x.a.Entities {
		for _, r := range e.Roles {
			rl := strings.ToLower(r.Text)
			x.addRole(rl, e.ID)
			for k := 0; k < len(rl); k++ {
				if rl[k] == ' ' {
					x.addRole(rl[k+1:], e.ID)
				}
			}
		}
	}
}

func (x *speakerIndex) addRole(key string, entity int) {
	if _, ok := x.roles[key]; !ok {
		x.roles[key] = entity
	}
}

// entityByRole finds the person whose role a bare description names
// ("Secretary of State says…" before the name appears): the role is the
// description, or ends with it.
func (x *speakerIndex) entityByRole(desc string) int {
	d := strings.TrimPrefix(strings.ToLower(desc), "the ")
	if d == "" {
		return -1
	}
	if x.roles == nil {
		x.indexRoles()
	}
	if e, ok := x.roles[d]; ok {
		return e
	}
	return -1
}

// resolvePronoun returns the person a pronoun at byte offset pos most
// likely refers to: the last person named or described before it.
func (x *speakerIndex) resolvePronoun(pos int, quoted []text.Span) int {
	ms, sents := x.a.Mentions, x.a.Sentences
	// The sentence holding the pronoun, then the ones before it: the
	// first person each names is its subject, which a pronoun most often
	// continues ("Mr. Christie took a swipe at rivals like Ted Cruz. … he
	// said" is Christie).
	if x.sents == nil {
		x.sents = text.NewIndex(sents)
	}
	cur := -1
	x.sents.Overlapping(text.Span{Start: pos, End: pos + 1}, func(i int) {
		if cur < 0 {
			cur = i
		}
	})
	if cur < 0 {
		cur = len(sents) - 1
	}
	for i := cur; i >= 0 && i >= cur-3; i-- {
		found := -1
		x.mentions.Within(sents[i], func(k int) {
			m := &ms[k]
			if found < 0 && m.Type == "PER" && m.Entity >= 0 && m.Span.End <= pos && !spansOverlap(m.Span, quoted) {
				found = m.Entity // a name inside the quote itself is talked about, not speaking
			}
		})
		if found >= 0 {
			return found
		}
	}
	// Further back: the nearest person named, the first listed of those
	// starting at the same place.
	i := lastMention(ms, x.people, pos+1, func(m *Mention) bool { return m.Span.End <= pos })
	if i < 0 {
		return -1
	}
	return ms[i].Entity
}
