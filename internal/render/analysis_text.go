package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
)

// AnalysisText writes an article's language analysis for people: one
// section per kind of finding, each item with where it is in the text.
func AnalysisText(w io.Writer, c *text.Citer, a *nlp.Analysis) error {
	p := &printer{w: w}
	p.printf("\nEntities\n")
	for _, e := range a.Entities {
		var ms []string
		for _, mi := range e.Mentions {
			m := a.Mentions[mi]
			if m.Kind != "name" {
				ms = append(ms, fmt.Sprintf("%q %s", m.Text, where(c, m.Span, "")))
			}
		}
		p.printf("  %-4s %s ×%d\n", e.Type, e.Name, len(e.Mentions))
		for _, r := range e.Roles {
			p.printf("         role: %s %s\n", r.Text, where(c, r.Span, ""))
		}
		if len(ms) > 0 {
			p.printf("         also: %s\n", strings.Join(ms, ", "))
		}
	}
	p.printf("\nQuotes\n")
	for _, q := range a.Quotes {
		speaker := q.SpeakerName
		if speaker == "" {
			speaker = q.Speaker.Of(c.Text())
		}
		if speaker == "" {
			speaker = "(unknown speaker)"
		}
		if q.Channel != "" {
			speaker += " on " + q.Channel
		}
		p.printf("  %-8s %s: %q %s\n", q.Kind, speaker, clip(q.Words, 160), where(c, q.Span, ""))
	}
	p.printf("\nPlaces\n")
	for _, pl := range a.Places {
		at := pl.Country
		if pl.Region != "" {
			at = pl.Region + ", " + at
		}
		p.printf("  %-22s → %s (%s, %s) %.4f, %.4f %s\n", pl.Text, pl.Name, pl.Kind, at, pl.Lat, pl.Lon, where(c, pl.Mention, ""))
	}
	p.printf("\nTimes (reference %s)\n", a.Reference)
	for _, t := range a.Times {
		v := t.When.String()
		if !t.Until.IsZero() {
			v += " .. " + t.Until.String()
		}
		p.printf("  %-22s → %s %s\n", t.Text, v, where(c, t.Span, ""))
	}
	p.printf("\nQuantities\n")
	for _, q := range a.Quantities {
		approx := ""
		if q.Approx {
			approx = "≈"
		}
		p.printf("  %-22s → %s %s%g %s %s\n", q.Text, q.Kind, approx, q.Value, q.Unit, where(c, q.Span, ""))
	}
	p.printf("\nAttributions\n")
	for _, at := range a.Attributions {
		p.printf("  %-8s %s %s\n", at.Kind, at.Source, where(c, at.Span, ""))
	}
	return p.err
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
