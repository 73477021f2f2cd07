package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// Quote is an attributed statement: the words the article gives someone,
// how it gives them, and who says them.
type Quote struct {
	// Span is the attributed content: the quoted words (marks included)
	// of a direct quote, or the whole reported clause of a partial or
	// indirect one ("voter fraud “would be one hell of a way to lose.”").
	Span text.Span
	// Fragments are the pieces of an interrupted quote ("A," he said, "B."),
	// in order; one fragment otherwise.
	Fragments []text.Span
	// Kind is "direct" (the statement is a quotation), "partial" (quoted
	// words inside a reported clause) or "indirect" (reported speech).
	Kind string
	// Cue is the reporting verb or phrase ("said", "told", "according to").
	Cue text.Span
	// Speaker is the surface mention of the source nearest the cue ("he",
	// "the top US diplomat", "Rubio"); SpeakerHead is its head word.
	Speaker     text.Span
	SpeakerHead text.Span
	// Channel is where the words were said or written, when the text says
	// ("Facebook", "X", "a statement").
	Channel string
	// Pieces, when set, are the parts of a partial quote's Span that are
	// attributed content: the Span without a speech tag standing inside it
	// ("Oz is “smart as hell,” Steve Mosko wrote, and “full of it.”").
	Pieces []text.Span `json:",omitempty"`
}

// Content returns the attributed content as pieces in text order: the
// fragments of a direct quote, the pieces of a partial quote interrupted
// by its speech tag, else the whole span.
func (q Quote) Content() []text.Span {
	switch {
	case q.Kind == "direct":
		return q.Fragments
	case len(q.Pieces) > 0:
		return q.Pieces
	}
	return []text.Span{q.Span}
}

// Text returns the quoted words of the quote: its fragments' text
// without the quotation marks.
func (q Quote) Text(s string) string {
	var parts []string
	for _, f := range q.Fragments {
		parts = append(parts, strings.Trim(f.Of(s), " \"“”‘’«»„,"))
	}
	return strings.Join(parts, " … ")
}

// quoteMark classifies a token: +1 opens a quotation, -1 closes one, 2 is
// a straight double quote (direction from context), 0 is no mark.
func quoteMark(t string) int {
	switch t {
	case "“", "«", "„", "‹":
		return 1
	case "”", "»", "›":
		return -1
	case `"`:
		return 2
	}
	return 0
}

// interval is a quotation: from its opening mark to its closing mark
// (inclusive), as token indexes into the paragraph's token list.
type interval struct {
	open, close int // close == -1: unclosed at paragraph end
}

// findQuotations pairs quotation marks within one paragraph's tokens.
func findQuotations(toks []words.Token) []interval {
	var out []interval
	open := -1
	for i, t := range toks {
		m := quoteMark(t.Text)
		if m == -1 && open < 0 && gluedToNextWord(toks, i) {
			m = 1 // a closing mark typed for an opening one: ”Fear.
		}
		switch {
		case m == 1 || m == 2 && open < 0:
			if open >= 0 && m == 1 {
				// A new opening mark inside an open quote: the previous
				// one was never closed (a typo); end it here.
				out = append(out, interval{open, i - 1})
			}
			open = i
		case (m == -1 || m == 2) && open >= 0:
			out = append(out, interval{open, i})
			open = -1
		}
	}
	if open >= 0 && open < len(toks)-1 {
		out = append(out, interval{open, -1})
	}
	return out
}

// tellVerbs take a hearer before the statement ("told reporters that").
var tellVerbs = words.Set(`tell tells told telling ask asks asked asking inform informs informed assure
assures assured assuring remind reminds reminded warn warns warned urge urged advise advised`)

// IsCue reports whether tokens[i] starts a reporting cue, and how many
// tokens the cue has ("according to" has two).
func IsCue(toks []words.Token, i int) int {
	according := strings.EqualFold(toks[i].Text, "according") && i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, "to")
	if according {
		return 2
	}
	// Reporting verbs are lower case; "States" in "United States" is not one.
	if r, _ := utf8.DecodeRuneInString(toks[i].Text); unicode.IsUpper(r) {
		return 0
	}
	w := strings.ToLower(toks[i].Text)
	if !cueWords[w] {
		return 0
	}
	// After a determiner the word is a noun: "his home state", "the report",
	// "the peace plan".
	if i > 0 && nounDeterminers[strings.ToLower(toks[i-1].Text)] {
		return 0
	}
	// Past forms stay verbs: "a spokesman said".
	if i > 1 && !strings.HasSuffix(w, "ed") && !reportVerbs[w] && nounDeterminers[strings.ToLower(toks[i-2].Text)] && words.IsWord(toks[i-1].Text) && !words.StartsUpper(toks[i-1].Text) && !SpeakerGap[strings.ToLower(toks[i-1].Text)] {
		return 0
	}
	return 1
}

var nounDeterminers = words.Set(`the a an his her its their our my your this that these those home each every
no any another whose`)

// speechVerbs are the verbs of saying proper: a cue among them beats a
// nearer one of the wider list ("He says if people think the issues will
// be addressed by…").
var speechVerbs = words.Set(`say says said saying tell tells told telling write writes wrote writing add adds
added adding ask asks asked asking tweet tweets tweeted tweeting according continue continues continued
note notes noted noting explain explains explained explaining reply replies replied respond responds
responded stated declare declares declared insist insists insisted argue argues argued
claim claims claimed recall recalls recalled warn warns warned joke joked quip quipped`)

// gluedToNextWord reports whether token i touches the word after it and
// not the one before it: the position of an opening mark.
func gluedToNextWord(toks []words.Token, i int) bool {
	if i+1 >= len(toks) || toks[i].Span.End != toks[i+1].Span.Start || !words.IsWord(toks[i+1].Text) {
		return false
	}
	return i == 0 || toks[i-1].Span.End < toks[i].Span.Start
}
