package nlp

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
	"golang.org/x/text/unicode/norm"
)

// Mention is one reference to an entity: a name, a description ("the top
// US diplomat") or a pronoun.
type Mention struct {
	Span   text.Span `json:"span"`
	Text   string    `json:"text"`
	Type   string    `json:"type"` // PER, ORG, LOC, MISC
	Kind   string    `json:"kind"` // name, nominal, pronoun
	Entity int       `json:"entity"`
	// sentence index, for resolution
	sent int
	// tok is the index of the mention's first token in its sentence.
	tok int
	// surePerson is set when the text shows the name is a person's: a
	// personal title, or a given name before the surname.
	surePerson bool
}

// Role is a title or function the text gives an entity: "US Secretary of
// State", "secretary of Ukraine's National Security and Defence Council",
// "heads the Ukrainian negotiating team".
type Role struct {
	Text string    `json:"text"`
	Span text.Span `json:"span"`
	// Past marks a role held before ("former President", "ex-minister"):
	// it does not answer to "the president".
	Past bool `json:"past,omitempty"`
}

// Entity is one person, organisation, place or other named thing, with
// every mention the text makes of it.
type Entity struct {
	ID       int      `json:"id"`
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Mentions []int    `json:"mentions"`
	Roles    []Role   `json:"roles,omitempty"`
	Place    *Place   `json:"place,omitempty"`
	key      []string // lower-cased name tokens, titles dropped
}

// honorifics are dropped when matching names.
var honorifics = words.Set(`mr mr. mrs mrs. ms ms. dr dr. sir prof prof. sen sen. rep rep. gov gov. gen gen. president
secretary minister senator governor mayor judge`)

// surnameParticles begin surnames of several words.
var surnameParticles = words.Set(`de del della di da van von der le la du dos das bin ibn al el st st. mac`)

// roleWords are the nouns of titles and functions.
var roleWords = words.Set(`secretary minister president vice envoy senator sen governor gov mayor chief head leader director
spokesperson spokesman spokeswoman adviser advisor ambassador chairman chairwoman chair ceo official officials diplomat
negotiator commander general judge prosecutor attorney lawmaker congressman congresswoman representative rep speaker
premier chancellor king queen prince princess pope foreign defence defense deputy special presidential candidate nominee
founder owner executive analyst economist expert professor researcher scientist reporter correspondent editor son-in-law
son daughter wife husband brother sister father mother aide strategist manager coach player captain activist lawyer
member chairperson administrator commissioner inspector officer police sheriff council council's delegation`)

// genericRoles are descriptions any earlier person may bear.
var genericRoles = words.Set(`official diplomat envoy leader spokesperson spokesman spokeswoman minister negotiator
representative aide politician lawmaker executive`)

// nameTokens returns the matching key of a name: lower-cased tokens
// without honorifics, possessive endings and accents ("de León" and a
// page's "de Léon" are one person).
func nameTokens(name string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if honorifics[w] || w == "" {
			continue
		}
		out = append(out, foldAccents(w))
	}
	return out
}

// foldAccents removes the marks from accented letters.
func foldAccents(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		ascii = ascii && w[i] < utf8.RuneSelf
	}
	if ascii {
		return w
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameReferent reports whether a new name mention refers to an existing
// entity: equal keys, a surname alone, an acronym of the full name.
func sameReferent(e *Entity, typ string, key []string, raw string) bool {
	if len(key) == 0 || len(e.key) == 0 {
		return false
	}
	if e.Type != typ && !(e.Type == "ORG" || typ == "ORG") && !(e.Type == "LOC" && typ == "MISC" || e.Type == "MISC" && typ == "LOC") {
		return false
	}
	if e.Type == "ORG" && typ == "PER" || e.Type == "PER" && typ == "ORG" {
		// A surname alone the tagger took for a company ("Trump warns")
		// is the person of that surname.
		short, long := key, e.key
		if len(short) > len(long) {
			short, long = long, short
		}
		if len(short) == 1 && len(long) > 1 && short[0] == long[len(long)-1] {
			return true
		}
	}
	if strings.Join(e.key, " ") == strings.Join(key, " ") {
		return true
	}
	if typ == "PER" && e.Type == "PER" {
		// "Rubio" after "Marco Rubio"; "Marco Rubio" after "Rubio".
		short, long := key, e.key
		if len(short) > len(long) {
			short, long = long, short
		}
		if len(short) == 1 {
			return short[0] == long[len(long)-1] || short[0] == long[0] && len(long) == 2
		}
		// A surname of several words: "de León" after "Kevin de León".
		return len(short) < len(long) && slices.Equal(short, long[len(long)-len(short):]) && surnameParticles[short[0]]
	}
	if isAcronym(raw) {
		var initials strings.Builder
		for _, w := range e.key {
			if w != "of" && w != "the" && w != "and" {
				initials.WriteByte(w[0])
			}
		}
		return strings.EqualFold(strings.ReplaceAll(raw, ".", ""), initials.String())
	}
	return false
}

func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
