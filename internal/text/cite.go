package text

// Citation is a span as every JSON output writes it: Unicode code-point
// offsets into the article's cleaned text (or its raw input when In is
// "raw"), end exclusive, with the text they cover.
type Citation struct {
	ArticleID string `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	In        string `json:"in,omitempty"`
}

// Citer turns byte spans of one article into Citations.
type Citer struct {
	ID        string
	text, raw string
	to, ro    *Offsets
}

// NewCiter prepares span conversion for the article with the given id,
// cleaned text and raw input.
func NewCiter(id, text, raw string) *Citer {
	return &Citer{ID: id, text: text, raw: raw}
}

// Span converts s. A span that does not fit its text is clamped.
func (c *Citer) Span(s Span) Citation {
	str, off := c.text, &c.to
	in := ""
	if s.InRaw {
		str, off, in = c.raw, &c.ro, "raw"
	}
	if *off == nil {
		*off = NewOffsets(str)
	}
	s.Start = max(0, min(s.Start, len(str)))
	s.End = max(s.Start, min(s.End, len(str)))
	return Citation{ArticleID: c.ID, Start: (*off).Rune(s.Start), End: (*off).Rune(s.End), Text: str[s.Start:s.End], In: in}
}

// Ptr is Span for optional fields: nil for the zero span.
func (c *Citer) Ptr(s Span) *Citation {
	if s.IsZero() {
		return nil
	}
	j := c.Span(s)
	return &j
}

// Text returns the cleaned text the citer cites.
func (c *Citer) Text() string { return c.text }
