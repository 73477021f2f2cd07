package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
)

// Sentence is a run of tokens ending at a sentence boundary.
type Sentence struct {
	Span   text.Span
	Tokens []Token
	// Paragraph is the index of the paragraph the sentence is in.
	Paragraph int
}

// sentenceStarters are words that after "U.S." or "Inc." show that the
// abbreviation also ended the sentence.
var sentenceStarters = Set(`the a an he she it they we i you this that these those his her its their our
but and so yet however meanwhile in on at after before when while as if although there here his`)

// strongStarters begin a sentence even after a single capital and a
// period, which is usually an initial.
var strongStarters = Set(`the he she it they we this these those but however meanwhile`)

// closers follow a sentence's final mark and belong to the sentence.
const closers = `"”’'»)]`

// Sentences splits a text into sentences, paragraph by paragraph (blank
// lines always end a sentence). A sentence ends at . ! ? or … (with any
// closing quotes or brackets after it), not at abbreviations, initials or
// decimal points, and not inside a quote before its closing mark when a
// speech tag follows ("…complicated," Rubio said).
func Sentences(s string) []Sentence { return SentencesUntil(s, nil) }

// SentencesUntil is Sentences that gives up, with what it has, once stop
// (when not nil) reports true; it asks once per paragraph.
func SentencesUntil(s string, stop func() bool) []Sentence {
	var out []Sentence
	para := 0
	start := 0
	for start < len(s) && (stop == nil || !stop()) {
		end := strings.Index(s[start:], "\n\n")
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		toks := Tokenize(s[start:end])
		for i := range toks {
			toks[i].Span = toks[i].Span.Shift(start)
		}
		for _, sent := range splitTokens(s, toks) {
			sent.Paragraph = para
			sent.Span = text.Span{Start: sent.Tokens[0].Span.Start, End: sent.Tokens[len(sent.Tokens)-1].Span.End}
			out = append(out, sent)
		}
		if len(toks) > 0 {
			para++
		}
		start = end + 2
	}
	return out
}

// splitTokens splits a paragraph's tokens (spans into s) into sentences.
func splitTokens(s string, toks []Token) []Sentence {
	var out []Sentence
	begin := 0
	// Straight quotes open and close across sentences, so their state is
	// kept over the whole paragraph.
	quotes := 0
	counted := 0
	for i := 0; i < len(toks); i++ {
		if i > begin && opensLine(s, toks, i) {
			// A line that opens a quotation starts a sentence, whatever
			// ended the line before: lists of quotes each credited on
			// its line ("…” ― Jane Doe⏎“…”).
			out = append(out, Sentence{Tokens: toks[begin:i]})
			begin = i
		}
		if !endsSentenceAt(toks, i) {
			continue
		}
		for ; counted <= i; counted++ {
			if toks[counted].Text == `"` {
				quotes++
			}
		}
		j := i + 1
		open := quotes%2 == 1
		for j < len(toks) && len(toks[j].Text) <= 3 && strings.ContainsAny(toks[j].Text, closers) && strings.Trim(toks[j].Text, closers) == "" {
			if toks[j].Text == `"` || toks[j].Text == "'" {
				// A straight quote closes the sentence only if one is open.
				if !open {
					break
				}
				open = false
			}
			j++
		}
		for ; counted < j; counted++ {
			if toks[counted].Text == `"` {
				quotes++
			}
		}
		if j < len(toks) && !startsSentence(toks[j]) {
			continue
		}
		out = append(out, Sentence{Tokens: toks[begin:j]})
		begin = j
		i = j - 1
	}
	if begin < len(toks) {
		out = append(out, Sentence{Tokens: toks[begin:]})
	}
	return out
}

// opensLine reports whether token i begins a line with an opening
// quotation mark.
func opensLine(s string, toks []Token, i int) bool {
	switch toks[i].Text {
	case "“", "‘", "«", "„", `"`:
	default:
		return false
	}
	return strings.Contains(s[toks[i-1].Span.End:toks[i].Span.Start], "\n")
}

// endsSentenceAt reports whether token i can end a sentence.
func endsSentenceAt(toks []Token, i int) bool {
	t := toks[i].Text
	switch t {
	case ".", "!", "?", "…", "...", "?!", "!?":
		return true
	}
	// An abbreviation that also ends the sentence: "…in the U.S. The…".
	if strings.HasSuffix(t, ".") && len(t) > 1 && i+1 < len(toks) {
		lower := strings.ToLower(strings.TrimSuffix(t, "."))
		if isTitle(lower) {
			return false // "Mr." never ends a sentence
		}
		if utf8.RuneCountInString(t) == 2 {
			// "J. Smith" is an initial; "on X. The" ends a sentence.
			return strongStarters[strings.ToLower(toks[i+1].Text)]
		}
		return sentenceStarters[strings.ToLower(toks[i+1].Text)]
	}
	return false
}

var titles = Set(`mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st rev hon pres`)

func isTitle(lower string) bool { return titles[lower] }

// startsSentence reports whether a token can begin a sentence: not a
// lower-case word (a speech tag: "…," he said) and not closing punctuation.
func startsSentence(t Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	if unicode.IsLower(r) {
		return false
	}
	return !strings.ContainsRune(",;:)]", r)
}
