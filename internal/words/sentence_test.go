package words

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"This is delicate, it's complicated," Rubio told reporters.`,
			[]string{`"`, "This", "is", "delicate", ",", "it", "'s", "complicated", ",", `"`, "Rubio", "told", "reporters", "."}},
		{"The U.S. Secretary of State Marco Rubio didn't speak.", []string{"The", "U.S.", "Secretary", "of", "State", "Marco", "Rubio", "did", "n't", "speak", "."}},
		{"roughly four-hour talks cost $4.2 billion (about 1,000 jobs)—officials said",
			[]string{"roughly", "four-hour", "talks", "cost", "$4.2", "billion", "(", "about", "1,000", "jobs", ")", "—", "officials", "said"}},
		{"“Ukraine’s future,” he wrote… on Facebook", []string{"“", "Ukraine", "’s", "future", ",", "”", "he", "wrote", "…", "on", "Facebook"}},
		{"Sen. J. K. Smith met Dec. 1 in Washington, D.C.", []string{"Sen.", "J.", "K.", "Smith", "met", "Dec.", "1", "in", "Washington", ",", "D.C."}},
		{"the states' budgets", []string{"the", "states'", "budgets"}},
		{"lives.”― Jane Doe", []string{"lives", ".", "”", "―", "Jane", "Doe"}},
		{"war―and peace", []string{"war", "―", "and", "peace"}},
	}
	for _, tc := range tests {
		var got []string
		for _, tk := range Tokenize(tc.in) {
			if tc.in[tk.Span.Start:tk.Span.End] != tk.Text {
				t.Errorf("%q: span %v does not slice %q", tc.in, tk.Span, tk.Text)
			}
			got = append(got, tk.Text)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"This is delicate, it's complicated," Rubio told reporters after the meeting on Sunday. "There are a lot of moving parts."`,
			[]string{`"This is delicate, it's complicated," Rubio told reporters after the meeting on Sunday.`, `"There are a lot of moving parts."`}},
		{"Washington, Dec 1 (IANS) US Secretary of State Marco Rubio said talks made progress. Umerov agreed.",
			[]string{"Washington, Dec 1 (IANS) US Secretary of State Marco Rubio said talks made progress.", "Umerov agreed."}},
		{"He met Sen. Smith and Dr. J. Doe in the U.S. capital. The talks lasted 4.5 hours.",
			[]string{"He met Sen. Smith and Dr. J. Doe in the U.S. capital.", "The talks lasted 4.5 hours."}},
		{"Growth slowed in the U.S. The euro fell.", []string{"Growth slowed in the U.S.", "The euro fell."}},
		{"“Why now?” she asked. Nobody answered.", []string{"“Why now?” she asked.", "Nobody answered."}},
		{"She posted it on X. The post was deleted. J. R. Ortiz replied.", []string{"She posted it on X.", "The post was deleted.", "J. R. Ortiz replied."}},
		{"First paragraph without a stop\n\nSecond paragraph.", []string{"First paragraph without a stop", "Second paragraph."}},
		// A line opening a quotation starts a sentence; other line breaks
		// are spaces.
		{"“We go.” ― Jane Doe\n“We stay.” ― John Roe", []string{"“We go.”", "― Jane Doe", "“We stay.”", "― John Roe"}},
		{"talks that ran\nlate into the night", []string{"talks that ran\nlate into the night"}},
	}
	for _, tc := range tests {
		var got []string
		for _, s := range Sentences(tc.in) {
			got = append(got, s.Span.Of(tc.in))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
