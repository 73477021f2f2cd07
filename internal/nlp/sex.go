package nlp

import (
	"strings"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/words"
)

// sex is what a text shows of a person's sex, for pronoun agreement: "he
// said" after "Nancy Pelosi … Chuck Schumer" is Schumer's even when
// Pelosi was named last.
type sex uint8

const (
	sexUnknown sex = iota
	sexMale
	sexFemale
)

// pronounSex is the sex a personal pronoun refers to (unknown for "they",
// "I", "it").
func pronounSex(pronoun string) sex {
	switch strings.ToLower(pronoun) {
	case "he", "him", "his", "himself":
		return sexMale
	case "she", "her", "hers", "herself":
		return sexFemale
	}
	return sexUnknown
}

// Words that show a person's sex: titles before the name, and nouns of
// the roles the text gives them.
var (
	maleWords = words.Set(`mr mr. sir king prince father brother son husband congressman spokesman chairman
businessman councilman grandfather uncle nephew boyfriend widower lord duke`)
	femaleWords = words.Set(`mrs mrs. ms ms. miss madam queen princess mother sister daughter wife congresswoman
spokeswoman chairwoman businesswoman councilwoman grandmother aunt niece girlfriend widow lady duchess first-lady`)
)

// personSex reads a person's sex from the text: a title written with one
// of their names ("Mrs. Clinton"), a role ("the congresswoman"), else
// their given name when it is one sex's only. Evidence both ways is no
// evidence.
func personSex(s string, a *Analysis, e *Entity, lex *lexicon.Lexicon) sex {
	var seen [3]bool
	for _, mi := range e.Mentions {
		m := &a.Mentions[mi]
		if m.Kind != "name" {
			continue
		}
		if w := wordBefore(s, m.Span.Start); w != "" {
			seen[sexOfWord(w)] = true
		}
		if first, _, ok := strings.Cut(strings.ToLower(m.Text), " "); ok {
			seen[sexOfWord(first)] = true
		}
	}
	for _, r := range e.Roles {
		for _, w := range strings.Fields(strings.ToLower(r.Text)) {
			seen[sexOfWord(w)] = true
		}
	}
	switch {
	case seen[sexMale] && seen[sexFemale]:
		return sexUnknown
	case seen[sexMale]:
		return sexMale
	case seen[sexFemale]:
		return sexFemale
	}
	if len(e.key) >= 2 && lex != nil {
		m, f := lex.Has(e.key[0], "per.male"), lex.Has(e.key[0], "per.female")
		switch {
		case m && !f:
			return sexMale
		case f && !m:
			return sexFemale
		}
	}
	return sexUnknown
}

func sexOfWord(w string) sex {
	switch {
	case maleWords[w]:
		return sexMale
	case femaleWords[w]:
		return sexFemale
	}
	return sexUnknown
}

// wordBefore returns the word just before pos, in lower case, if only
// spaces separate it from pos.
func wordBefore(s string, pos int) string {
	end := pos
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	if end == pos || end == 0 {
		return ""
	}
	start := end
	for start > 0 && s[start-1] != ' ' && s[start-1] != '\n' {
		start--
	}
	return strings.ToLower(s[start:end])
}
