package extract_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
)

// Cleaning keeps the article and turns the page's chrome into metadata,
// each value with the span it came from.
func ExampleClean() {
	a := ingest.Article{Format: ingest.FormatText, Raw: "Home > World\n" +
		"Storm hits the coast\n" +
		"By : Jane Doe | Updated at : 01 Dec 2025 08:34 AM (IST)\n" +
		"Share Facebook Twitter\n\n" +
		"A storm hit the coast on Monday, officials said. Three people were hurt.\n\n" +
		"Tags: Weather, Coast\n"}
	d := extract.Clean(&a)
	fmt.Printf("headline: %s\n", d.Headline.Value)
	fmt.Printf("author: %s, updated %s\n", d.Authors[0].Value, d.Updated.Moment.UTC.Format("2006-01-02 15:04 UTC"))
	fmt.Printf("text: %q\n", d.Text)
	for _, r := range d.Removed {
		fmt.Printf("removed %s: %q\n", r.Kind, r.Text)
	}
	// Output:
	// headline: Storm hits the coast
	// author: Jane Doe, updated 2025-12-01 03:04 UTC
	// text: "Storm hits the coast\n\nA storm hit the coast on Monday, officials said. Three people were hurt."
	// removed breadcrumb: "Home > World"
	// removed byline: "By : Jane Doe | Updated at : 01 Dec 2025 08:34 AM (IST)"
	// removed widget: "Share Facebook Twitter"
	// removed tags: "Tags: Weather, Coast"
}
