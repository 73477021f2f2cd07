package render

import (
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// AnalysisJSON is the machine form of an article's language analysis.
// Every span follows the span contract; entity and quote numbers index
// the lists of this object.
type AnalysisJSON struct {
	Reference    timex.Moment      `json:"reference"`
	Sentences    []text.Citation   `json:"sentences"`
	Entities     []EntityJSON      `json:"entities"`
	Quotes       []QuoteJSON       `json:"quotes"`
	Places       []PlaceJSON       `json:"places"`
	Times        []TimeJSON        `json:"times"`
	Quantities   []QuantityJSON    `json:"quantities"`
	Attributions []AttributionJSON `json:"attributions"`
}

// EntityJSON is one referent with its mentions and roles.
type EntityJSON struct {
	ID       int           `json:"id"`
	Type     string        `json:"type"`
	Name     string        `json:"name"`
	Mentions []MentionJSON `json:"mentions"`
	Roles    []RoleJSON    `json:"roles,omitempty"`
}

// MentionJSON is one mention: a name, a description or a pronoun.
type MentionJSON struct {
	Kind string        `json:"kind"`
	Span text.Citation `json:"span"`
}

// RoleJSON is a title or function the text gives an entity.
type RoleJSON struct {
	Text string        `json:"text"`
	Span text.Citation `json:"span"`
}

// QuoteJSON is a quote with its cue and speaker.
type QuoteJSON struct {
	Kind          string          `json:"kind"`
	Words         string          `json:"words"`
	Span          text.Citation   `json:"span"`
	Fragments     []text.Citation `json:"fragments"`
	Content       []text.Citation `json:"content"`
	Cue           *text.Citation  `json:"cue,omitempty"`
	Speaker       *text.Citation  `json:"speaker,omitempty"`
	SpeakerEntity int             `json:"speaker_entity"`
	SpeakerName   string          `json:"speaker_name,omitempty"`
	Channel       string          `json:"channel,omitempty"`
}

// PlaceJSON is a place mention resolved against the gazetteer.
type PlaceJSON struct {
	Span        text.Citation `json:"span"`
	Entity      int           `json:"entity"`
	Name        string        `json:"name"`
	Kind        string        `json:"kind"`
	Country     string        `json:"country"`
	CountryName string        `json:"country_name,omitempty"`
	Region      string        `json:"region,omitempty"`
	Lat         float64       `json:"lat"`
	Lon         float64       `json:"lon"`
	Population  int           `json:"population,omitempty"`
	GeoID       string        `json:"geo_id"`
	Zone        string        `json:"zone,omitempty"`
}

// TimeJSON is a time expression with the moment it resolves to.
type TimeJSON struct {
	Span     text.Citation `json:"span"`
	Kind     string        `json:"kind"`
	When     timex.Moment  `json:"when"`
	Until    *timex.Moment `json:"until,omitempty"`
	Relative bool          `json:"relative"`
}

// QuantityJSON is a number with its kind and unit.
type QuantityJSON struct {
	Span   text.Citation `json:"span"`
	Kind   string        `json:"kind"`
	Value  float64       `json:"value"`
	Unit   string        `json:"unit,omitempty"`
	Approx bool          `json:"approx,omitempty"`
}

// AttributionJSON is a source the article credits.
type AttributionJSON struct {
	Kind   string        `json:"kind"`
	Source string        `json:"source"`
	Cue    string        `json:"cue,omitempty"`
	Span   text.Citation `json:"span"`
	Quote  int           `json:"quote"`
}

// NewAnalysisJSON converts an analysis to its JSON form, citing spans
// through c.
func NewAnalysisJSON(c *text.Citer, a *nlp.Analysis) *AnalysisJSON {
	out := &AnalysisJSON{
		Reference: a.Reference, Sentences: []text.Citation{}, Entities: []EntityJSON{}, Quotes: []QuoteJSON{},
		Places: []PlaceJSON{}, Times: []TimeJSON{}, Quantities: []QuantityJSON{}, Attributions: []AttributionJSON{},
	}
	for _, s := range a.Sentences {
		out.Sentences = append(out.Sentences, c.Span(s))
	}
	for _, e := range a.Entities {
		ej := EntityJSON{ID: e.ID, Type: e.Type, Name: e.Name, Mentions: []MentionJSON{}}
		for _, mi := range e.Mentions {
			m := a.Mentions[mi]
			ej.Mentions = append(ej.Mentions, MentionJSON{Kind: m.Kind, Span: c.Span(m.Span)})
		}
		for _, r := range e.Roles {
			ej.Roles = append(ej.Roles, RoleJSON{Text: r.Text, Span: c.Span(r.Span)})
		}
		out.Entities = append(out.Entities, ej)
	}
	for _, q := range a.Quotes {
		qj := QuoteJSON{Kind: q.Kind, Words: q.Words, Span: c.Span(q.Span), Cue: c.Ptr(q.Cue), Speaker: c.Ptr(q.Speaker),
			SpeakerEntity: q.SpeakerEntity, SpeakerName: q.SpeakerName, Channel: q.Channel, Fragments: []text.Citation{}}
		for _, f := range q.Fragments {
			qj.Fragments = append(qj.Fragments, c.Span(f))
		}
		for _, p := range q.Content() {
			qj.Content = append(qj.Content, c.Span(p))
		}
		out.Quotes = append(out.Quotes, qj)
	}
	for _, p := range a.Places {
		out.Places = append(out.Places, PlaceJSON{Span: c.Span(p.Mention), Entity: p.Entity, Name: p.Name, Kind: p.Kind,
			Country: p.Country, CountryName: p.CountryName, Region: p.Region, Lat: p.Lat, Lon: p.Lon,
			Population: p.Population, GeoID: p.GeoID, Zone: p.Zone})
	}
	for _, t := range a.Times {
		tj := TimeJSON{Span: c.Span(t.Span), Kind: t.Kind, When: t.When, Relative: t.Relative}
		if !t.Until.IsZero() {
			u := t.Until
			tj.Until = &u
		}
		out.Times = append(out.Times, tj)
	}
	for _, q := range a.Quantities {
		out.Quantities = append(out.Quantities, QuantityJSON{Span: c.Span(q.Span), Kind: q.Kind, Value: q.Value, Unit: q.Unit, Approx: q.Approx})
	}
	for _, at := range a.Attributions {
		out.Attributions = append(out.Attributions, AttributionJSON{Kind: at.Kind, Source: at.Source, Cue: at.Cue, Span: c.Span(at.Span), Quote: at.Quote})
	}
	return out
}
