package diff_test

import (
	"fmt"

	"github.com/parallax-news/parallax/internal/diff"
)

// What changed between two revisions of an article, sentence by sentence.
func ExampleTexts() {
	before := "Storm hits coast\n\nThe storm killed 12 people on Monday. Power is out."
	after := "Storm hits coast\n\nThe storm killed 15 people on Monday. Power is out. Schools are closed."
	c := diff.Texts(before, after)
	for _, e := range c.Edited {
		fmt.Println("edited:", e.Summary())
	}
	fmt.Println("added:", c.Added)
	// Output:
	// edited: “12” → “15”
	// added: [Schools are closed.]
}
