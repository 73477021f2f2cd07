package extract

import (
	"strings"

	"github.com/parallax-news/parallax/internal/timex"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Dates the markup shows. A page with no machine-readable publication time
// often prints one in an element its class names as a date ("post-date",
// "published-date", "DateTime"), or in a <time> whose datetime attribute
// is prose ("on Friday December 19, 2025 @08:00PM"). Such a date is read
// only when nothing declared one, and only to the day or finer.

// dateClassWords are the words of a class name that mark a date.
var dateClassWords = map[string]bool{"date": true, "datetime": true, "time": true, "timestamp": true,
	"published": true, "pubdate": true, "posted": true, "postdate": true, "publish": true, "dateline": true}

// dateClass reports whether a class attribute names its element as a
// date: a class token one of whose words (split at - and _) is a date
// word ("publish-date-author", "post_time").
func dateClass(class string) bool {
	for _, t := range strings.Fields(strings.ToLower(class)) {
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == '_' }) {
			if dateClassWords[w] {
				return true
			}
		}
	}
	return false
}

// readDateMarkup notes the date an element shows, if its class names it
// a date.
func (b *builder) readDateMarkup(n *xhtml.Node) {
	if n.DataAtom == atom.Time || !dateClass(attr(n, "class")) {
		return
	}
	b.noteShownDate(nodeText(n), attr(n, "title"))
}

// noteShownDate keeps the first of the texts that holds a date to the
// day.
func (b *builder) noteShownDate(texts ...string) {
	for _, s := range texts {
		if m, ok := timex.Find(s, timex.Options{}); ok && m.Precision >= timex.Day {
			b.shownDates = append(b.shownDates, m.Moment)
			return
		}
	}
}

// useShownDate takes the first date the markup shows as the publication
// time when no meta tag, JSON-LD, <time> element or visible byline gave
// one. It beats an update time standing in for the publication time.
func (b *builder) useShownDate() {
	d := &b.doc
	standIn := d.Published.Field == d.Updated.Field
	if len(b.shownDates) == 0 || !d.Published.Moment.IsZero() && !standIn {
		return
	}
	m := b.shownDates[0]
	b.doc.Published = TimeField{Field: Field{Value: m.String(), From: "a date the markup shows"}, Moment: m}
}
