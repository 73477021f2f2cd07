package nlp

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
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
	// lex knows which given names are whose; sexes caches what the
	// text shows of each person's sex.
	lex   *lexicon.Lexicon
	sexes map[int]sex
}

func newSpeakerIndex(a *Analysis, lex *lexicon.Lexicon) *speakerIndex {
	x := &speakerIndex{a: a, lex: lex, sexes: map[int]sex{}}
	x.mentions = text.NewIndex(text.SpansOf(a.Mentions, func(m *Mention) text.Span { return m.Span }))
	x.people = peopleByStart(a.Mentions)
	return x
}

// indexRoles fills roles, the first time a description needs them. A
// role held once ("former President Barack Obama") does not answer to
// the bare description ("the president"), and of several holders the one
// the text names most is meant.
func (x *speakerIndex) indexRoles() {
	x.roles = map[string]int{}
	for _, e := range x.a.Entities {
		for _, r := range e.Roles {
			if r.Past {
				continue // "former President Barack Obama" is not "the president"
			}
			rl := strings.ToLower(r.Text)
			x.addRole(rl, e.ID)
			for k := 0; k < len(rl); k++ {
				if rl[k] == ' ' && !pastRole[rl[:k]] && !strings.HasSuffix(rl[:k], " former") {
					x.addRole(rl[k+1:], e.ID)
				}
			}
		}
	}
}

func (x *speakerIndex) addRole(key string, entity int) {
	if held, ok := x.roles[key]; !ok || len(x.a.Entities[entity].Mentions) > len(x.a.Entities[held].Mentions) {
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

// apposition returns the person named right after a description that
// ends at pos, set off by a comma ("his attorney, Alan Futerfas, said"),
// or -1.
func (x *speakerIndex) apposition(s string, pos int) int {
	if !strings.HasPrefix(s[pos:], ",") {
		return -1
	}
	at := pos + 1
	for at < len(s) && s[at] == ' ' {
		at++
	}
	found := -1
	x.mentions.Overlapping(text.Span{Start: at, End: at + 1}, func(mi int) {
		if m := &x.a.Mentions[mi]; found < 0 && m.Span.Start == at && m.Type == "PER" && m.Kind == "name" && m.Entity >= 0 {
			found = m.Entity
		}
	})
	return found
}

// resolvePronoun returns the person a pronoun at byte offset pos most
// likely refers to: the last person named or described before it; for
// "it" and "they", the organisation. Names inside quoted text are talked
// about, not speaking, and a name that modifies a noun ("the Obama
// administration") or owns it ("Trump's lawyer") is not the subject.
func (x *speakerIndex) resolvePronoun(s, pronoun string, pos int, quoted []text.Span) int {
	if groupPronouns[strings.ToLower(pronoun)] {
		return x.resolveGroup(pos, quoted)
	}
	ms := x.a.Mentions
	want := pronounSex(pronoun)
	agrees := func(m *Mention) bool { return want == sexUnknown || x.sexOf(s, m.Entity) != 3-want }
	// The sentence holding the pronoun, then the ones before it: the
	// first person each names is its subject, which a pronoun most often
	// continues ("Mr. Christie took a swipe at rivals like Ted Cruz. … he
	// said" is Christie). A "he" is never a woman named.
	if e := x.subjectNear(s, pos, want, quoted, func(m *Mention) bool {
		return m.Type == "PER" && nameRole(s, m.Span) == "" && agrees(m)
	}); e >= 0 {
		return e
	}
	// Further back: the nearest person named, the first listed of those
	// starting at the same place.
	i := lastMention(ms, x.people, pos+1, func(m *Mention) bool { return m.Span.End <= pos && agrees(m) })
	if i < 0 {
		return -1
	}
	return ms[i].Entity
}

// sexOf returns what the text shows of a person's sex, read once.
func (x *speakerIndex) sexOf(s string, entity int) sex {
	if entity < 0 {
		return sexUnknown
	}
	g, ok := x.sexes[entity]
	if !ok {
		g = personSex(s, x.a, x.a.Entities[entity], x.lex)
		x.sexes[entity] = g
	}
	return g
}

// groupPronouns refer to an organisation or a group, not a person.
var groupPronouns = words.Set(`it they`)

// resolveGroup returns the organisation a group pronoun at pos refers to:
// the first one named, outside quotations, in its sentence or the three
// before; -1 when none is.
func (x *speakerIndex) resolveGroup(pos int, quoted []text.Span) int {
	return x.firstNear(pos, quoted, func(m *Mention) bool { return m.Type == "ORG" })
}

// firstNear returns the entity of the first mention ok accepts, outside
// the quoted spans and before pos, in the sentence holding pos or else
// in one of the three before it; -1 when there is none.
func (x *speakerIndex) firstNear(pos int, quoted []text.Span, ok func(*Mention) bool) int {
	return x.subjectNear("", pos, sexUnknown, quoted, ok)
}

// subjectNear is firstNear for a personal pronoun of a known sex (with
// sexUnknown it is firstNear). A sentence before the
// pronoun's own that opens with the same pronoun as its subject ("He
// later praised Hillary Clinton …") is about the same person as the
// pronoun, not about the people it names: it is passed over, and the
// search goes on before it without counting it.
func (x *speakerIndex) subjectNear(s string, pos int, want sex, quoted []text.Span, ok func(*Mention) bool) int {
	ms, sents := x.a.Mentions, x.a.Sentences
	cur := x.sentenceAt(pos)
	for i, looked := cur, 0; i >= 0 && looked <= 3; i-- {
		if i < cur && want != sexUnknown && opensWithPronoun(s, sents[i], want) {
			continue
		}
		found := -1
		x.mentions.Within(sents[i], func(k int) {
			m := &ms[k]
			if found < 0 && m.Entity >= 0 && m.Span.End <= pos && !spansOverlap(m.Span, quoted) && ok(m) {
				found = m.Entity
			}
		})
		if found >= 0 {
			return found
		}
		looked++
	}
	return -1
}

// opensWithPronoun reports whether a sentence's subject is a pronoun of
// the given sex: its first word, or its second after a conjunction or a
// sentence adverb ("And he …", "Later, she …").
func opensWithPronoun(s string, sent text.Span, want sex) bool {
	ws := strings.FieldsFunc(sent.Of(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for k := 0; k < len(ws) && k < 2; k++ {
		if pronounSex(ws[k]) == want && (ws[k] == "he" || ws[k] == "He" || ws[k] == "she" || ws[k] == "She") {
			return true
		}
		if !sentenceOpeners[strings.ToLower(ws[k])] {
			return false
		}
	}
	return false
}

// sentenceOpeners may come before a sentence's subject.
var sentenceOpeners = words.Set(`and but so then later also still yet meanwhile instead now earlier afterward afterwards`)

// sentenceAt is the index of the sentence holding pos (the last when none
// does).
func (x *speakerIndex) sentenceAt(pos int) int {
	if x.sents == nil {
		x.sents = text.NewIndex(x.a.Sentences)
	}
	cur := -1
	x.sents.Overlapping(text.Span{Start: pos, End: pos + 1}, func(i int) {
		if cur < 0 {
			cur = i
		}
	})
	if cur < 0 {
		cur = len(x.a.Sentences) - 1
	}
	return cur
}

// nameRole says how a name stands in its phrase: "possessive" when it
// owns what follows ("Trump's lawyer"), "modifier" when it qualifies the
// noun after it ("the Obama administration"), "" when it names its own
// referent.
func nameRole(s string, name text.Span) string {
	if name.End >= len(s) {
		return ""
	}
	rest := s[name.End:min(len(s), name.End+40)]
	switch {
	case strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s"):
		return "possessive"
	case strings.HasPrefix(rest, " "):
		next := strings.FieldsFunc(rest[1:], func(r rune) bool { return !unicode.IsLetter(r) })
		if len(next) > 0 && (modifiedNouns[next[0]] || roleWords[next[0]]) {
			return "modifier"
		}
		// "Pence press secretary Alyssa Farah": a lower-case word, then
		// the role.
		if len(next) > 1 && next[0] == strings.ToLower(next[0]) && roleWords[next[1]] {
			return "modifier"
		}
	}
	return ""
}

// modifiedNouns are nouns a name qualifies ("the Obama administration",
// "the Clinton campaign"); titles and roles ("Obama campaign manager")
// are roleWords.
var modifiedNouns = words.Set(`administration campaign camp team family government allies supporters aides advisers staff
era presidency foundation organization organisation people loyalists backers voters base cabinet white`)
