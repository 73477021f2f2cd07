package ingest_test

import (
	"context"
	"fmt"

	"github.com/parallax-news/parallax/internal/ingest"
)

// An upload of a seed-format page: the date header, then the page text.
// The outlet comes from the text's own syndication notice; the article is
// known by its content, since it has no URL, id or path.
func ExampleReadBytes() {
	page := " date 2025-12-01 Talks end in Florida\n\nThe talks ended on Sunday, officials said.\n\nThis story has been published from a wire agency feed without modifications to the text. Only the headline has been changed. No editing has been done in the copy by Coastal Herald.\n"
	arts, errs := ingest.ReadBytes(context.Background(), "page.txt", []byte(page), ingest.Options{})
	if len(errs) > 0 {
		fmt.Println(errs)
		return
	}
	a := arts[0]
	fmt.Println(a.Format, a.Outlet, a.OutletFrom, a.Published.Date())
	fmt.Println(a.ID, a.Key[:15])
	// Output:
	// seed Coastal Herald text 2025-12-01
	// coastal-herald-b7d998e97375 hash:coastal he
}
