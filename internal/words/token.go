package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// Token is a word or punctuation mark and its place in the text.
type Token struct {
	Text string
	Span text.Span
}

// abbreviations keep their period: titles, months, places, company words.
var abbreviations = Set(`mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st jr sr mt ft rev hon
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
inc corp co ltd plc llc bros dept univ assn est approx vs etc no nos vol pp fig al ave blvd rd
u.s u.k u.n e.u d.c a.m p.m i.e e.g ph.d b.c a.d calif fla ill mass mich minn penn tenn tex va wash wis
ariz ark colo conn del ga ind kan ky la md miss mo mont neb nev okla ore pa wyo`)

// Clitics split off the end of a word, as CoNLL and the Penn Treebank do.
var Clitics = []string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}

const openPunct = `"“‘'«([{‹„`
const closePunct = `"”’'»)]}›,;:!?…`

// Tokenize splits text into tokens: words (with abbreviation periods,
// hyphens, apostrophes and number punctuation inside), Clitics such as
// 's and n't, and punctuation marks.
func Tokenize(s string) []Token {
	out := make([]Token, 0, len(s)/5+1) // news English: about five bytes a token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) {
				break
			}
			j += n2
		}
		if isASCIIAlnum(s[i:j]) {
			out = append(out, tok(s, i, j)) // a plain word: nothing to split
		} else {
			out = splitChunk(s, i, j, out)
		}
		i = j
	}
	return out
}

// isDash reports whether r is a dash that stands apart from the words
// around it: em, en, and the horizontal bar that credits a quotation
// ("…” ― Jane Doe").
func isDash(r rune) bool { return r == '—' || r == '–' || r == '―' }

// splitChunk splits one white-space-free chunk s[a:b] into tokens.
func splitChunk(s string, a, b int, out []Token) []Token {
	var tailBuf [4]Token // trailing marks are few: keep them off the heap
	tail := tailBuf[:0]
	// Leading punctuation.
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:b])
		if !strings.ContainsRune(openPunct, r) && !isDash(r) && r != '”' && r != '»' && !(r == '-' && strings.HasPrefix(s[a:b], "--")) {
			break
		}
		if r == '-' {
			n = 2
		}
		out = append(out, tok(s, a, a+n))
		a += n
	}
	// Trailing punctuation, kept in reverse.
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		word := s[a : b-n]
		switch {
		case strings.ContainsRune(closePunct, r) && !(r == '\'' || r == '’') || isDash(r):
		case r == '\'' || r == '’':
			// A closing single quote, unless it ends a plural possessive
			// ("states'") or a clitic is handled below.
			if !strings.ContainsRune("sS", lastRune(word)) || quoteOpenedIn(s[a:b]) {
				break
			}
			goto done
		case r == '.':
			w := strings.ToLower(word)
			if isAbbrev(w, word) || strings.HasSuffix(word, ".") {
				goto done
			}
		default:
			goto done
		}
		tail = append(tail, tok(s, b-n, b))
		b -= n
	}
done:
	// Dashes inside a chunk ("word—word") separate words.
	for _, d := range []string{"—", "–", "―", "--"} {
		if k := strings.Index(s[a:b], d); k > 0 && k+len(d) < b-a {
			out = splitChunk(s, a, a+k, out)
			out = append(out, tok(s, a+k, a+k+len(d)))
			out = splitChunk(s, a+k+len(d), b, out)
			a = b
			break
		}
	}
	if a < b {
		out = splitClitic(out, s, a, b)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func quoteOpenedIn(chunk string) bool {
	return strings.HasPrefix(chunk, "'") || strings.HasPrefix(chunk, "‘")
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// splitClitic appends the word s[a:b] to out, its clitic ("n't", "'s")
// as a token of its own.
func splitClitic(out []Token, s string, a, b int) []Token {
	for _, c := range Clitics {
		if b-a > len(c) && strings.EqualFold(s[b-len(c):b], c) {
			k := b - len(c)
			return append(out, tok(s, a, k), tok(s, k, b))
		}
	}
	return append(out, tok(s, a, b))
}

// isAbbrev reports whether word+"." is an abbreviation: a known one, an
// initial ("J."), or letters with inner periods ("U.S", "a.m").
func isAbbrev(lower, word string) bool {
	if abbreviations[lower] {
		return true
	}
	if n := utf8.RuneCountInString(word); n == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true
	}
	if strings.Contains(word, ".") {
		for _, part := range strings.Split(word, ".") {
			if utf8.RuneCountInString(part) > 2 {
				return false
			}
		}
		return true
	}
	return false
}

// isASCIIAlnum reports whether w is only ASCII letters and digits.
func isASCIIAlnum(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func tok(s string, a, b int) Token {
	return Token{Text: s[a:b], Span: text.Span{Start: a, End: b}}
}

// IsWord reports whether a token is a word: it starts with a letter or a
// digit.
func IsWord(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// StartsUpper reports whether s starts with a capital (or a non-ASCII
// letter that has no lower-case form apart).
func StartsUpper(s string) bool {
	for _, r := range s {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToUpper(string(r)) == string(r)
	}
	return false
}

// Pronouns are the personal pronouns that can stand for a speaker.
var Pronouns = Set(`he she they i we it you`)
