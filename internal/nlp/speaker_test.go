package nlp

import (
	"testing"
	"time"
)

// Who said it: each case is a short text of our own, the words of one
// quotation and the speaker it must be given (with the least confidence
// the attribution should carry).
func TestSpeakerRules(t *testing.T) {
	day := time.Date(2024, 5, 8, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, body, words, speaker string
		minConfidence              float64
	}{
		{"a name that modifies a title is not the speaker",
			`"The numbers speak for themselves," said Keller campaign manager Rosa Imbert.`,
			"numbers speak", "Rosa Imbert", 0.85},
		{"the owner of a possessive is not the speaker; the apposition is",
			`In a statement, Keller's attorney, Victor Hale, said, "My client has done nothing wrong and will be cleared."`,
			"done nothing wrong", "Victor Hale", 0.7},
		{"a title before a name makes a person of it",
			`"We will not back down on the budget," Mr. Ostrowski said on Tuesday.`,
			"not back down", "Ostrowski", 0.85},
		{"a description no one holds continues the last speaker",
			"\"We never sell the data of our users,\" the company's founder Lena Strand said on Monday.\n\n" +
				"\"We rank posts by how recent they are and nothing else,\" the statement said.",
			"rank posts", "Lena Strand", 0.4},
		{"'they' is an organisation, not the person named before",
			"The Riverside Tenants Union sent a letter to Mayor Paul Dorn on Friday.\n\n" +
				"\"Your plan will push families out of the city,\" they said.",
			"push families", "Riverside Tenants Union", 0.5},
		{"a name inside another quotation is not the subject",
			"Pastor Ellen Moor spoke first. \"Mary and Joseph were refugees too,\" she said.\n\n" +
				"\"If they deport him, they deport all of us,\" she said.",
			"deport all", "Ellen Moor", 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, a := analyzeText(t, tc.body, day)
			q := quoteWith(a, tc.words)
			if q == nil {
				t.Fatalf("no quotation with %q in %+v", tc.words, a.Quotes)
			}
			if q.SpeakerName != tc.speaker || q.SpeakerConfidence < tc.minConfidence {
				t.Errorf("speaker %q (confidence %.2f), want %q (at least %.2f)", q.SpeakerName, q.SpeakerConfidence, tc.speaker, tc.minConfidence)
			}
		})
	}
}
