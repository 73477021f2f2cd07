package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/parallax-news/parallax/internal/timex"
)

// readFeed reads an RSS 2.0, RSS 1.0 or Atom feed; each item with text
// becomes an article.
func (r *reader) readFeed(name string, in io.Reader) {
	b, err := readAll(in, 4*r.opt.maxBytes())
	if err != nil {
		r.fail(name, err)
		return
	}
	items, err := ParseFeed(b)
	if err != nil {
		r.fail(name, err)
		return
	}
	for i, a := range items {
		where := fmt.Sprintf("%s: item %d", name, i+1)
		if strings.TrimSpace(a.Raw) == "" {
			r.fail(where, fmt.Errorf("item %q has no text (the feed carries only links; fetch the pages with `parallax serve --feed`)", a.Title))
			continue
		}
		a.Source = where
		r.setOutlet(&a, a.Outlet)
		a.finish(Identity{})
		r.emit(a, nil)
	}
}

// ParseFeed parses feed bytes into articles (without ids). An item's Raw
// is its full content when the feed has it, else its description; Outlet
// holds the feed's own name.
func ParseFeed(b []byte) ([]Article, error) {
	s, _, err := Decode(b, "")
	if err != nil {
		return nil, err
	}
	feed, err := gofeed.NewParser().ParseString(s)
	if err != nil {
		return nil, fmt.Errorf("not a valid RSS or Atom feed: %w", err)
	}
	container := strings.ToLower(feed.FeedType)
	outlet := feedOutlet(feed.Title)
	var out []Article
	for _, it := range feed.Items {
		raw := it.Content
		if strings.TrimSpace(raw) == "" {
			raw = it.Description
		}
		a := Article{
			URL: strings.TrimSpace(it.Link), Title: strings.TrimSpace(it.Title), Raw: raw,
			Format: FormatText, Container: container, Encoding: "utf-8", Outlet: outlet,
			Language: feed.Language, RecordID: strings.TrimSpace(it.GUID),
		}
		if looksLikeHTML(raw) {
			a.Format = FormatHTML
		}
		if it.PublishedParsed != nil {
			a.Published = timex.At(*it.PublishedParsed, timex.Second)
		} else if it.UpdatedParsed != nil {
			a.Published = timex.At(*it.UpdatedParsed, timex.Second)
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			a.Author = it.Authors[0].Name
		}
		out = append(out, a)
	}
	return out, nil
}

// feedOutlet shortens a feed title to the publication's name:
// "BBC News - World" → "BBC News", "NYT > Top Stories" → "NYT".
func feedOutlet(title string) string {
	title = strings.TrimSpace(title)
	for _, sep := range []string{" - ", " > ", " | ", " : ", " – ", " — "} {
		if i := strings.Index(title, sep); i > 0 {
			title = title[:i]
		}
	}
	return strings.TrimSpace(title)
}
