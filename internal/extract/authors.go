package extract

import (
	"strings"
	"unicode"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/wire"
	stopwords "github.com/parallax-news/parallax/internal/words"
)

// namesOnly keeps the authors read from the visible text that can be
// names: a byline's shape also fits a role ("Senior Analyst"), a menu
// ("MY ACCOUNT") or a section heading ("Our Top Picks") that sits next to
// it on a page. An author the page declares in its metadata is kept
// whatever its words: companies sign their own posts ("Thrive Agency").
func namesOnly(fs []Field) []Field {
	out := fs[:0]
	for _, f := range fs {
		if f.From != "" || canBeName(f.Value) {
			out = append(out, f)
		}
	}
	return out
}

// canBeName reports whether an author value can name a person or an
// agency: a news agency (or a line naming one), or words of which at least one is a known given
// name or surname or no ordinary English word (a surname the lists lack,
// a user name). Ordinary words alone ("Business Planning", "Limited
// Time", "Staff") are not a name.
func canBeName(v string) bool {
	if _, ok := wire.Lookup(v); ok || len(wire.Find(v)) > 0 {
		return true
	}
	lex := lexicon.Default()
	ws := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for _, w := range ws {
		if lex.Has(w, "per") || !ordinaryWord(lex, w) {
			return true
		}
	}
	return false
}

// ordinaryWord reports whether w is an English word: a dictionary lemma,
// an inflection of one ("picks"), or a function word ("our").
func ordinaryWord(lex *lexicon.Lexicon, w string) bool {
	if lex.Word(w) || stopwords.TopicStop[w] {
		return true
	}
	for _, suffix := range []string{"s", "es", "ed", "ing"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && len(base) > 2 && lex.Word(base) {
			return true
		}
	}
	return false
}

// allNameWords reports whether every word of a bare line can be part of
// a name: a known given name or surname, or no ordinary English word. A
// line with no "By" before it is a byline only on that evidence; a
// heading in title case ("Best Residential Movers", "PDF Version") has
// ordinary words.
func allNameWords(v string) bool {
	lex := lexicon.Default()
	ws := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	for _, w := range ws {
		if !lex.Has(w, "per") && ordinaryWord(lex, w) {
			return false
		}
	}
	return len(ws) > 0
}
