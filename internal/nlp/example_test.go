package nlp_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
)

// The analysis finds who is named, who said what, where and when.
func ExampleAnalyzer_Analyze() {
	a := ingest.Article{Format: ingest.FormatText, Raw: "Talks in Geneva\n\n" +
		"GENEVA, Nov 23 (Reuters) - US Secretary of State Marco Rubio met Ukrainian officials on Sunday. " +
		"\"We made tremendous progress,\" Rubio told reporters after the meeting."}
	d := extract.Clean(&a)
	an, err := nlp.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	res := an.Analyze(&d, a.Published)
	for _, e := range res.Entities {
		if e.Type == "PER" {
			fmt.Printf("person: %s (%s)\n", e.Name, e.Roles[0].Text)
		}
	}
	for _, q := range res.Quotes {
		fmt.Printf("quote: %s says %q\n", q.SpeakerName, q.Words)
	}
	p := res.Places[0]
	fmt.Printf("place: %q (%s), %s, %.2f %.2f\n", p.Text, p.Name, p.CountryName, p.Lat, p.Lon)
	// Output:
	// person: Marco Rubio (US Secretary of State)
	// quote: Marco Rubio says "We made tremendous progress"
	// place: "Geneva" (Genève), Switzerland, 46.20 6.15
}
