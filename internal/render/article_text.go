package render

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// ArticleText writes one article for people: its metadata, each value with
// where it came from, then the cleaned text.
// Control characters in the article are shown as stand-ins (TerminalSafe).
func ArticleText(w io.Writer, r *store.Record) error {
	w = SafeWriter(w)
	a, d := &r.Article, &r.Doc
	c := text.NewCiter(a.ID, d.Text, a.Raw)
	p := &printer{w: w}
	p.printf("%s\n", a.ID)
	p.row("Outlet", a.Outlet+" (from "+a.OutletFrom+")")
	if a.URL != "" {
		p.row("URL", a.URL)
	}
	p.row("Source", fmt.Sprintf("%s [%s, %s, %s]", a.Source, a.Container, a.Format, a.Encoding))
	p.field(c, "Headline", d.Headline)
	p.field(c, "Dek", d.Dek)
	for _, f := range d.Authors {
		p.field(c, "Byline", f)
	}
	for _, n := range d.Notices {
		p.field(c, strings.ToUpper(n.Kind[:1])+n.Kind[1:], n.Field)
	}
	p.field(c, "Agency", d.Agency)
	if dl := d.Dateline; dl != nil {
		var parts []string
		if dl.Place.Value != "" {
			parts = append(parts, dl.Place.Value)
		}
		if dl.Date.Value != "" {
			d := dl.Date.Value
			if !dl.Date.Moment.IsZero() {
				d += " → " + dl.Date.Moment.String()
			}
			parts = append(parts, d)
		}
		if dl.Agency.Value != "" {
			parts = append(parts, dl.Agency.Value)
		}
		p.row("Dateline", strings.Join(parts, " · ")+"  "+where(c, dl.Span, ""))
	}
	p.time(c, "Published", d.Published)
	p.time(c, "Updated", d.Updated)
	for _, ph := range d.Photos {
		v := ph.Caption.Value
		if ph.Credit.Value != "" {
			v += " — credit " + ph.Credit.Value
		}
		if ph.Agency != "" {
			v += " (" + ph.Agency + ")"
		}
		p.row("Photo", strings.TrimPrefix(v, " — ")+"  "+where(c, ph.Credit.Span, ph.Credit.From))
	}
	if s := d.Syndication; s.Value != "" {
		kind := "wire copy"
		if s.Verbatim {
			kind = "verbatim wire copy"
		}
		p.row("Syndication", kind+": "+s.Value+"  "+where(c, s.Span, s.From))
	}
	if len(d.Tags) > 0 {
		var tags []string
		for _, t := range d.Tags {
			tags = append(tags, t.Value)
		}
		p.row("Tags", strings.Join(tags, " · "))
	}
	p.field(c, "Site name", d.SiteName)
	p.field(c, "Canonical", d.Canonical)
	p.field(c, "Section", d.Section)
	p.field(c, "Image", d.Image)
	p.field(c, "Image credit", d.ImageCredit)
	if d.Language != "" {
		p.row("Language", d.Language)
	}
	if r.StoryID != "" {
		p.row("Story", r.StoryID)
	}
	p.row("Removed", removedSummary(d.Removed))
	if d.Kept != "" {
		p.row("Kept", d.Kept)
	}
	p.printf("\n%s\n", d.Text)
	if p.err != nil || r.Analysis == nil {
		return p.err
	}
	return AnalysisText(w, c, r.Analysis)
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) row(label, value string) { p.printf("  %-12s %s\n", label, value) }

func (p *printer) field(c *text.Citer, label string, f extract.Field) {
	if f.Value != "" {
		p.row(label, f.Value+"  "+where(c, f.Span, f.From))
	}
}

func (p *printer) time(c *text.Citer, label string, f extract.TimeField) {
	if f.Moment.IsZero() {
		if f.Value != "" {
			p.field(c, label, f.Field)
		}
		return
	}
	v := f.Moment.String()
	if f.Moment.Precision > timex.Day && f.Moment.ZoneKnown {
		v += " (" + f.Value + ")"
	}
	if f.Moment.Precision <= timex.Day {
		v += " (date only)"
	}
	p.row(label, v+"  "+where(c, f.Span, f.From))
}

// where shows a value's origin: [text 0:92], [raw 248:252] or {meta[...]}.
func where(c *text.Citer, s text.Span, from string) string {
	if from != "" {
		return "{" + from + "}"
	}
	if s.IsZero() {
		return ""
	}
	j := c.Span(s)
	in := "text"
	if j.In != "" {
		in = j.In
	}
	return fmt.Sprintf("[%s %d:%d]", in, j.Start, j.End)
}

func removedSummary(rs []extract.Removed) string {
	if len(rs) == 0 {
		return "nothing"
	}
	counts := map[string]int{}
	for _, r := range rs {
		counts[r.Kind]++
	}
	var parts []string
	for k, n := range counts {
		if n > 1 {
			k = fmt.Sprintf("%s ×%d", k, n)
		}
		parts = append(parts, k)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
