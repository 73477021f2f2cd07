package extract

import (
	"fmt"
	"slices"
)

// The chrome rules judge lines by their shape and words: a short line of
// links is a teaser, a row of dates a time stamp, a run of short lines
// after the article its footer. On a page that is not a news article — a
// listing, a data table, a directory, a forum — those shapes are the
// content, and the rules could take a page an extractor read well down to
// its headline. The guard below keeps the extractor's reading when the
// rules removed most of it.

// chromeKinds are the kinds the chrome rules give lines by their shape;
// metadata (headline, byline, dateline, syndication, notices) is not
// among them.
var chromeKinds = map[string]bool{kindMenu: true, kindBreadcrumb: true, kindTime: true, kindWidget: true, kindTags: true,
	kindTeaser: true, kindAd: true, kindPromo: true, kindHeader: true, kindFooter: true}

// minKeptShare is the least share of an extractor's reading that the
// rules may leave: below it, they removed the article, not its chrome.
const minKeptShare = 0.5

// runGuarded runs the line rules on an extractor's reading of a page and,
// when they leave less than minKeptShare of its words, runs them again
// keeping every line but metadata. Either way --explain says what
// happened.
func (b *builder) runGuarded(lines []line) (Document, error) {
	saved := slices.Clone(lines)
	before := b.doc
	before.Removed = slices.Clone(b.doc.Removed)
	if err := b.run(lines); err != nil {
		return Document{}, err
	}
	read, kept := wordsIn(saved), len(words(b.doc.Body()))
	if read == 0 || float64(kept) >= minKeptShare*float64(read) {
		b.finishHTML()
		return b.doc, nil
	}
	b.doc, b.trust, b.keptText = before, true, nil
	if err := b.run(saved); err != nil {
		return Document{}, err
	}
	b.doc.Kept = fmt.Sprintf("the chrome rules left %d of the %d words the extractor read as the body, so its reading is kept with only metadata taken out", kept, read)
	b.finishHTML()
	return b.doc, nil
}

// finishHTML adds what the whole page's reading found to the document,
// then a date the markup shows where nothing better gave one.
func (b *builder) finishHTML() {
	if b.page != nil {
		b.mergePageMetadata()
	}
	b.useShownDate()
}

// wordsIn counts the words of lines.
func wordsIn(lines []line) int {
	n := 0
	for _, l := range lines {
		n += len(words(l.text))
	}
	return n
}
