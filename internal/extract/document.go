// Package extract turns an ingested article into a clean Document: the
// article's own text (headline, dek, body paragraphs) with the page chrome
// removed — menus, breadcrumbs, bylines, share prompts, captions, credits,
// tag lists, syndication notices — and what that chrome said kept as
// metadata, each value with the span it came from.
package extract

import (
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// Field is one metadata value and where it came from: a span of the
// article's Text or Raw, or, for values read from HTML attributes (meta
// tags, JSON-LD), a description of the attribute in From.
type Field struct {
	Value string    `json:"value"`
	Span  text.Span `json:"span"`
	From  string    `json:"from,omitempty"`
}

// IsZero reports whether the field is unset.
func (f Field) IsZero() bool { return f.Value == "" }

// TimeField is a date or time with its normalised value.
type TimeField struct {
	Field
	Moment timex.Moment `json:"moment"`
}

// Dateline is the place-and-date opening of a wire story:
// "Washington, Dec 1 (IANS)", "KYIV, Ukraine (AP) —".
type Dateline struct {
	Span   text.Span `json:"span"` // the whole dateline, in Text
	Place  Field     `json:"place"`
	Date   TimeField `json:"date"`
	Agency Field     `json:"agency"`
}

// Photo is a picture caption and its credit.
type Photo struct {
	Caption Field  `json:"caption"`
	Credit  Field  `json:"credit"`
	Agency  string `json:"agency,omitempty"` // photo or wire agency named in the credit
}

// Syndication is a notice that the copy is a wire feed republished.
type Syndication struct {
	Field
	Verbatim bool `json:"verbatim"` // the notice says nothing was edited
}

// Removed is a piece of the input that cleaning left out of Text, and why.
type Removed struct {
	Kind string    `json:"kind"` // menu, breadcrumb, byline, time, widget, caption, credit, syndication, tags, teaser, footer, header, notice, too short
	Span text.Span `json:"span"`
	Text string    `json:"text"`
}

// Document is a cleaned article.
type Document struct {
	// Text is headline, dek, then body paragraphs, separated by blank lines.
	// Every non-raw span of the article points into it.
	Text       string      `json:"text"`
	Headline   Field       `json:"headline"`
	Dek        Field       `json:"dek"`
	Paragraphs []text.Span `json:"paragraphs"`

	Authors     []Field     `json:"authors,omitempty"`
	Agency      Field       `json:"agency"`
	Dateline    *Dateline   `json:"dateline,omitempty"`
	Published   TimeField   `json:"published"`
	Updated     TimeField   `json:"updated"`
	Photos      []Photo     `json:"photos,omitempty"`
	Syndication Syndication `json:"syndication"`
	// Notices are the outlet's corrections and update notes.
	Notices  []Notice `json:"notices,omitempty"`
	Tags     []Field  `json:"tags,omitempty"`
	Language string   `json:"language,omitempty"`

	SiteName  Field `json:"site_name"`
	Canonical Field `json:"canonical"`
	Section   Field `json:"section"`
	Image     Field `json:"image"`
	// ImageCredit is the lead image's credit, from the first captioned
	// photo on the page.
	ImageCredit Field `json:"image_credit"`

	Removed []Removed `json:"removed,omitempty"`
	// Kept says why cleaning kept text its rules would have removed: they
	// would have taken most of the page's article (see runGuarded).
	Kept string `json:"kept,omitempty"`
}

// Title returns the headline, or the dek when the page had no headline.
func (d *Document) Title() Field {
	if d.Headline.Value != "" {
		return d.Headline
	}
	return d.Dek
}

// Body returns the body paragraphs' text, separated by blank lines.
func (d *Document) Body() string {
	if len(d.Paragraphs) == 0 {
		return ""
	}
	return d.Text[d.Paragraphs[0].Start:d.Paragraphs[len(d.Paragraphs)-1].End]
}

// PublishedTime is an article's publication time as precisely as known:
// the time its page gives (Document.Published), else the date its
// container gave (a feed, a JSON field, the seed header). It is the one
// rule for an article's time everywhere.
func PublishedTime(d *Document, container timex.Moment) timex.Moment {
	if m := d.Published.Moment; !m.IsZero() {
		return m
	}
	return container
}
