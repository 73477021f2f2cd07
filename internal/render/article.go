// Package render writes stored articles (and, later, story reports) for
// people — plain text for terminals — and for machines — JSON whose spans
// follow the project's span contract (code-point offsets that slice the
// article's text or raw input exactly).
package render

import (
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// FieldJSON is a metadata value with its span, or with the HTML attribute
// it came from.
type FieldJSON struct {
	Value  string         `json:"value"`
	Span   *text.Citation `json:"span,omitempty"`
	From   string         `json:"from,omitempty"`
	Moment *timex.Moment  `json:"moment,omitempty"`
}

// ArticleJSON is the machine form of one article and its cleaning.
type ArticleJSON struct {
	ID          string          `json:"id"`
	Outlet      string          `json:"outlet"`
	OutletFrom  string          `json:"outlet_from"`
	URL         string          `json:"url,omitempty"`
	Source      string          `json:"source"`
	Container   string          `json:"container"`
	Format      string          `json:"format"`
	Encoding    string          `json:"encoding"`
	Hash        string          `json:"hash"`
	Key         string          `json:"key,omitempty"`
	RecordID    string          `json:"record_id,omitempty"`
	Language    string          `json:"language,omitempty"`
	StoryID     string          `json:"story_id,omitempty"`
	Headline    *FieldJSON      `json:"headline,omitempty"`
	Dek         *FieldJSON      `json:"dek,omitempty"`
	Authors     []FieldJSON     `json:"authors,omitempty"`
	Agency      *FieldJSON      `json:"agency,omitempty"`
	Dateline    *DatelineJSON   `json:"dateline,omitempty"`
	Published   *FieldJSON      `json:"published,omitempty"`
	Updated     *FieldJSON      `json:"updated,omitempty"`
	Photos      []PhotoJSON     `json:"photos,omitempty"`
	Syndication *FieldJSON      `json:"syndication,omitempty"`
	Verbatim    bool            `json:"syndication_verbatim,omitempty"`
	Notices     []NoticeJSON    `json:"notices,omitempty"`
	Tags        []FieldJSON     `json:"tags,omitempty"`
	SiteName    *FieldJSON      `json:"site_name,omitempty"`
	Canonical   *FieldJSON      `json:"canonical,omitempty"`
	Section     *FieldJSON      `json:"section,omitempty"`
	Image       *FieldJSON      `json:"image,omitempty"`
	ImageCredit *FieldJSON      `json:"image_credit,omitempty"`
	Paragraphs  []text.Citation `json:"paragraphs"`
	Removed     []RemovedJSON   `json:"removed,omitempty"`
	Text        string          `json:"text"`
	Raw         string          `json:"raw"`
	Analysis    *AnalysisJSON   `json:"analysis,omitempty"`
}

// DatelineJSON is a dateline with its parts.
type DatelineJSON struct {
	Span   text.Citation `json:"span"`
	Place  *FieldJSON    `json:"place,omitempty"`
	Date   *FieldJSON    `json:"date,omitempty"`
	Agency *FieldJSON    `json:"agency,omitempty"`
}

// PhotoJSON is a caption and credit.
type PhotoJSON struct {
	Caption *FieldJSON `json:"caption,omitempty"`
	Credit  *FieldJSON `json:"credit,omitempty"`
	Agency  string     `json:"agency,omitempty"`
}

// NoticeJSON is a correction or update note of the outlet's.
type NoticeJSON struct {
	Kind string `json:"kind"`
	FieldJSON
	Time *FieldJSON `json:"time,omitempty"`
}

// RemovedJSON is a piece cleaning removed.
type RemovedJSON struct {
	Kind string         `json:"kind"`
	Span *text.Citation `json:"span,omitempty"`
	Text string         `json:"text"`
}

// NewArticleJSON converts a stored record to its JSON form.
func NewArticleJSON(r *store.Record) ArticleJSON {
	a, d := &r.Article, &r.Doc
	c := text.NewCiter(a.ID, d.Text, a.Raw)
	out := ArticleJSON{
		ID: a.ID, Outlet: a.Outlet, OutletFrom: a.OutletFrom, URL: a.URL, Source: a.Source,
		Container: a.Container, Format: a.Format, Encoding: a.Encoding, Hash: a.Hash, Key: a.Key, RecordID: a.RecordID,
		Language: d.Language, StoryID: r.StoryID, Text: d.Text, Raw: a.Raw,
		Headline: field(c, d.Headline), Dek: field(c, d.Dek), Agency: field(c, d.Agency),
		Published: timeField(c, d.Published), Updated: timeField(c, d.Updated),
		Syndication: field(c, d.Syndication.Field), Verbatim: d.Syndication.Verbatim,
		SiteName: field(c, d.SiteName), Canonical: field(c, d.Canonical), Section: field(c, d.Section), Image: field(c, d.Image), ImageCredit: field(c, d.ImageCredit),
		Paragraphs: []text.Citation{},
	}
	for _, f := range d.Authors {
		out.Authors = append(out.Authors, *field(c, f))
	}
	for _, f := range d.Tags {
		out.Tags = append(out.Tags, *field(c, f))
	}
	for _, p := range d.Photos {
		out.Photos = append(out.Photos, PhotoJSON{Caption: field(c, p.Caption), Credit: field(c, p.Credit), Agency: p.Agency})
	}
	for _, n := range d.Notices {
		out.Notices = append(out.Notices, NoticeJSON{Kind: n.Kind, FieldJSON: *field(c, n.Field), Time: timeField(c, n.Time)})
	}
	if dl := d.Dateline; dl != nil {
		out.Dateline = &DatelineJSON{Span: c.Span(dl.Span), Place: field(c, dl.Place), Date: timeField(c, dl.Date), Agency: field(c, dl.Agency)}
	}
	for _, p := range d.Paragraphs {
		out.Paragraphs = append(out.Paragraphs, c.Span(p))
	}
	for _, rm := range d.Removed {
		out.Removed = append(out.Removed, RemovedJSON{Kind: rm.Kind, Span: c.Ptr(rm.Span), Text: rm.Text})
	}
	if r.Analysis != nil {
		out.Analysis = NewAnalysisJSON(c, r.Analysis)
	}
	return out
}

func field(c *text.Citer, f extract.Field) *FieldJSON {
	if f.Value == "" {
		return nil
	}
	j := &FieldJSON{Value: f.Value, From: f.From}
	if f.From == "" {
		j.Span = c.Ptr(f.Span)
	}
	return j
}

func timeField(c *text.Citer, f extract.TimeField) *FieldJSON {
	j := field(c, f.Field)
	if j == nil {
		return nil
	}
	if !f.Moment.IsZero() {
		m := f.Moment
		j.Moment = &m
	}
	return j
}
