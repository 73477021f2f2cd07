package quotes

import (
	"strings"
	"testing"

	"path/filepath"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/words"
)

// findQuote finds the quote whose content holds want.
func findQuote(t *testing.T, s, want string) *Quote {
	t.Helper()
	for _, q := range Find(s, words.Sentences(s)) {
		if strings.Contains(q.Span.Of(s), want) {
			return &q
		}
	}
	t.Fatalf("no quote holds %q in %q", want, s)
	return nil
}

func TestQuoteSpeakers(t *testing.T) {
	tests := []struct {
		name, in, quote, speaker string
	}{
		{"adverb between subject and verb",
			`Anna Berg, the head of the port authority, bluntly told the council that "the harbour cannot take another storm like this one."`,
			"cannot take another storm", "Anna Berg"},
		{"possessive before a noun cue",
			`The fact-checkers looked at Mayor Olsen's claim that there were "more than a thousand new flats" built last year.`,
			"more than a thousand", "Mayor Olsen"},
		{"focus adverb before the name",
			`Even Norway said it was "deeply concerned" by the result of the vote.`,
			"deeply concerned", "Norway"},
		{"the subject after an opening adverbial, not the adverbial",
			`In a report labelled "notes," the clerk wrote that "urgent review is needed" for the bridge.`,
			"urgent review is needed", "the clerk"},
		{"a direct quote before a speech tag that goes on with a partial one",
			`"The bridge will open in May," the mayor said, adding that the work would cost "far less than feared."`,
			"The bridge will open in May", "the mayor"},
		{"the partial quote after it",
			`"The bridge will open in May," the mayor said, adding that the work would cost "far less than feared."`,
			"far less than feared", "the mayor"},
		{"a quotation standing alone after a partial quote is the same speaker's",
			`The new rules are "too little, too late," says Anna Berg, head of the port authority. "We asked for a sea wall ten years ago and we are still waiting."`,
			"We asked for a sea wall", "Anna Berg"},
		{"a title abbreviation does not end the sentence of a speech tag",
			`"The church will stay open all night," said the Rev. Anna Berg, of St. Mary's. "Nobody will be turned away from its doors tonight."`,
			"Nobody will be turned away", "the Rev. Anna Berg"},
		{"a list of quotes, each credited on its line (the first)",
			"Readers wrote in.\n\n“The harbour floods every spring.” ― Anna Berg\n“Nobody listens to us.”― Lars Dahl\n“We will vote for the first time in our lives.” ― Mia Holm",
			"harbour floods", "Anna Berg"},
		{"a list of quotes, each credited on its line (a dash glued to the quote)",
			"Readers wrote in.\n\n“The harbour floods every spring.” ― Anna Berg\n“Nobody listens to us.”― Lars Dahl\n“We will vote for the first time in our lives.” ― Mia Holm",
			"Nobody listens", "Lars Dahl"},
		{"a list of quotes, each credited on its line (the last)",
			"Readers wrote in.\n\n“The harbour floods every spring.” ― Anna Berg\n“Nobody listens to us.”― Lars Dahl\n“We will vote for the first time in our lives.” ― Mia Holm",
			"We will vote", "Mia Holm"},
	}
	for _, tc := range tests {
		q := findQuote(t, tc.in, tc.quote)
		if got := q.Speaker.Of(tc.in); got != tc.speaker {
			t.Errorf("%s: speaker %q, want %q", tc.name, got, tc.speaker)
		}
	}
}

func TestPlausibleSpeaker(t *testing.T) {
	tests := []struct {
		phrase string
		ok     bool
	}{
		{"forcefully", false},
		{"In recent weeks", false},
		{"Meanwhile", false},
		{"him favorably", false},
		{"they can't", false},
		{"the family", true},
		{"Sen. Rubio", true},
		{"she", true},
		{"the top US diplomat", true},
	}
	for _, tc := range tests {
		p := paragraphs(words.Sentences(tc.phrase))[0]
		if got := p.plausibleSpeaker(0, len(p.toks)-1); got != tc.ok {
			t.Errorf("plausibleSpeaker(%q) = %v, want %v", tc.phrase, got, tc.ok)
		}
	}
}

// TestPartialQuotePieces: a speech tag inside a partial quote is not part
// of the content.
func TestPartialQuotePieces(t *testing.T) {
	s := `The new signing is "quick as lightning," Maria Lopez wrote in her column, and "hungry for goals."`
	q := findQuote(t, s, "quick as lightning")
	var got []string
	for _, c := range q.Content() {
		got = append(got, c.Of(s))
	}
	if len(got) != 2 || strings.Contains(strings.Join(got, " "), "Maria Lopez") || !strings.Contains(got[1], "hungry for goals") {
		t.Errorf("content pieces %q (kind %s, span %q)", got, q.Kind, q.Span.Of(s))
	}
}

// TestCliticIsNotAWordStart checks the tokens a quote's content may not
// start at: the clitic of "Friday's" is part of the word before it, a
// quotation mark's "'s" after a space is not.
func TestCliticIsNotAWordStart(t *testing.T) {
	text := `Pepper called Friday's decision a "huge win." It's the 's key.`
	ps := paragraphs(words.Sentences(text))
	if len(ps) != 1 {
		t.Fatalf("%d paragraphs", len(ps))
	}
	p := ps[0]
	var got []string
	for k := range p.toks {
		if p.isCliticAt(k) {
			got = append(got, p.toks[k-1].Text+"|"+p.toks[k].Text)
		}
	}
	if want := []string{"Friday|'s", "It|'s"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("clitics %q, want %q", got, want)
	}
}

// A quote's fragments are quotations its content holds: a quotation after
// a partial quote's content is a quote of its own, not also a fragment of
// the one before ("conceded that “A” and praised “B” that…").
func TestQuoteFragmentsLieInTheirQuote(t *testing.T) {
	texts := []string{
		`He conceded that “we do not need a wall from sea to shining sea — we never did” and praised the use of “smart walls” that replace barriers with drones.`,
		`The mayor said the plan was “a good start” but called the budget “far too small” for the city.`,
	}
	for _, name := range []string{"000_9cfc92a05877532c.txt", "004_9db2e0d9894f95f3.txt"} {
		texts = append(texts, cleanSeed(t, name))
	}
	for _, s := range texts {
		for _, q := range Find(s, words.Sentences(s)) {
			for _, f := range q.Fragments {
				if !q.Span.Overlaps(f) {
					t.Errorf("%s quote %q has fragment %q outside it", q.Kind, q.Span.Of(s), f.Of(s))
				}
			}
		}
	}
}

func TestIndirectSpeech(t *testing.T) {
	tests := []struct {
		in, content, speaker string
	}{
		{"Chancellor Olaf Brandt said that the budget would be balanced by 2027.", "the budget would be balanced by 2027", "Chancellor Olaf Brandt"},
		{"The harbour will reopen next month, the port authority said.", "The harbour will reopen next month", "the port authority"},
		{"Mayor Ines Rossi told reporters the subway fares would not rise this year.", "the subway fares would not rise this year", "Mayor Ines Rossi"},
		{"According to the ministry, more than 400 schools were closed.", "more than 400 schools were closed", "the ministry"},
	}
	for _, tc := range tests {
		var got *Quote
		for _, q := range Find(tc.in, words.Sentences(tc.in)) {
			if q.Kind == "indirect" {
				got = &q
			}
		}
		if got == nil {
			t.Errorf("%q: no indirect speech found", tc.in)
			continue
		}
		if c := got.Span.Of(tc.in); c != tc.content {
			t.Errorf("%q: content %q, want %q", tc.in, c, tc.content)
		}
		if sp := got.Speaker.Of(tc.in); sp != tc.speaker {
			t.Errorf("%q: speaker %q, want %q", tc.in, sp, tc.speaker)
		}
	}
	// Sentences that report nothing.
	for _, in := range []string{
		"He said this during a press conference in the capital.",
		"The company said so.",
		"Prices rose sharply in the last quarter of the year.",
	} {
		for _, q := range Find(in, words.Sentences(in)) {
			if q.Kind == "indirect" {
				t.Errorf("%q: spurious indirect speech %q", in, q.Span.Of(in))
			}
		}
	}
}

// cleanSeed returns a seed article's cleaned text.
func cleanSeed(t *testing.T, name string) string {
	t.Helper()
	arts, errs := ingest.ReadFiles([]string{filepath.Join("../../examples/seeds", name)}, ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return extract.Clean(&arts[0]).Text
}
