package nlp

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/geo"
	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// Place is a place mention resolved against the gazetteer.
type Place struct {
	Mention     text.Span `json:"mention"`
	Text        string    `json:"text"`
	Entity      int       `json:"entity"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	Country     string    `json:"country"`
	CountryName string    `json:"country_name,omitempty"`
	Region      string    `json:"region,omitempty"`
	Lat         float64   `json:"lat"`
	Lon         float64   `json:"lon"`
	Population  int       `json:"population,omitempty"`
	GeoID       string    `json:"geo_id"`
	Zone        string    `json:"zone,omitempty"`
	place       *geo.Place
}

// Geo returns the gazetteer entry.
func (p *Place) Geo() *geo.Place { return p.place }

// Analysis is everything the language analysis found in one article.
// Every span points into the cleaned text (Document.Text).
type Analysis struct {
	Sentences    []text.Span   `json:"sentences"`
	Mentions     []Mention     `json:"mentions"`
	Entities     []*Entity     `json:"entities"`
	Quotes       []QuoteInfo   `json:"quotes"`
	Places       []Place       `json:"places"`
	Times        []TimeExpr    `json:"times"`
	Quantities   []Quantity    `json:"quantities"`
	Attributions []Attribution `json:"attributions"`
	// Reference is the date relative times were resolved against.
	Reference timex.Moment `json:"reference"`
}

// QuoteInfo is a quote with its speaker resolved to an entity.
type QuoteInfo struct {
	Quote
	SpeakerEntity int    `json:"speaker_entity"` // -1 when unresolved
	SpeakerName   string `json:"speaker_name,omitempty"`
	Words         string `json:"words"`
}

// Analyzer holds the models analysis uses; it is safe for concurrent use.
type Analyzer struct {
	tagger *ner.Tagger
	gaz    *geo.Gazetteer
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
	defaultErr  error
)

// Default returns the analyzer with the shipped models.
func Default() (*Analyzer, error) {
	defaultOnce.Do(func() {
		tg, err := ner.Default(lexicon.Default())
		if err != nil {
			defaultErr = err
			return
		}
		defaultA = &Analyzer{tagger: tg, gaz: geo.Default()}
	})
	return defaultA, defaultErr
}

// Analyze analyses a cleaned document published at the given time.
func (an *Analyzer) Analyze(d *extract.Document, published timex.Moment) *Analysis {
	s := d.Text
	sents := Sentences(s)
	a := &Analysis{}
	for _, se := range sents {
		a.Sentences = append(a.Sentences, se.Span)
	}
	a.Mentions, a.Entities = findEntities(s, sents, an.tagger)
	dropHeadlineNoise(d, a)
	a.Places = an.resolvePlaces(s, a, d)
	a.Reference = an.reference(d, published)
	a.Times = FindTimes(s, sents, a.Reference)
	a.Quantities = FindQuantities(s)
	quotes := FindQuotes(s, sents)
	a.Quotes = resolveSpeakers(s, quotes, a)
	orgs := map[string]bool{}
	for _, e := range a.Entities {
		if e.Type == "ORG" && len(e.Mentions) > 0 {
			orgs[strings.ToLower(e.Name)] = true
		}
	}
	a.Attributions = append(wireAttributions(d), FindAttributions(s, quotes, orgs)...)
	for _, at := range a.Attributions {
		if at.Kind == "channel" && at.Quote >= 0 && at.Quote < len(a.Quotes) {
			a.Quotes[at.Quote].Channel = at.Source
		}
	}
	return a
}

// reference is the moment the article speaks from. When the publication
// instant is known and the dateline names a place, it is that instant on
// the place's clock: an IANS story stamped 08:34 IST on Dec 1 from
// Washington speaks from Sunday evening, Nov 30, in Washington. Otherwise
// the dateline's date, else the publication date.
func (an *Analyzer) reference(d *extract.Document, published timex.Moment) timex.Moment {
	pub := d.Published.Moment
	if pub.IsZero() {
		pub = published
	}
	if d.Dateline != nil && d.Dateline.Place.Value != "" && pub.ZoneKnown && pub.Precision > timex.Day {
		if p, ok := an.gaz.Resolve(placeName(d.Dateline.Place.Value), geo.Context{}); ok {
			if zone := an.gaz.Zone(p); zone != "" {
				if loc, err := time.LoadLocation(zone); err == nil {
					return timex.At(pub.UTC.In(loc), pub.Precision)
				}
			}
		}
	}
	if d.Dateline != nil && !d.Dateline.Date.Moment.IsZero() {
		return d.Dateline.Date.Moment
	}
	return pub
}

// resolvePlaces resolves every LOC entity against the gazetteer, using the
// article's other places as context.
func (an *Analyzer) resolvePlaces(s string, a *Analysis, d *extract.Document) []Place {
	ctx := geo.Context{Countries: map[string]bool{}, Regions: map[string]bool{}}
	// Countries and regions first: they are the context for cities.
	var locs []int
	institutions := institutionNames(a)
	for i, m := range a.Mentions {
		if m.Kind == "name" && m.Entity >= 0 && a.Entities[m.Entity].Type == "LOC" && !institutions[strings.ToLower(placeName(m.Text))] &&
			!unknownAcronym(placeName(m.Text)) {
			locs = append(locs, i)
		}
	}
	if d.Dateline != nil && d.Dateline.Place.Value != "" {
		if p, ok := an.gaz.Resolve(d.Dateline.Place.Value, ctx); ok && p.Kind != geo.City {
			ctx.Countries[p.Country] = true
		}
	}
	firstReading := map[string]int{} // country → mentions read in it, context aside
	for _, i := range locs {
		name := placeName(a.Mentions[i].Text)
		p, ok := an.gaz.Resolve(name, geo.Context{})
		if !ok {
			continue
		}
		firstReading[p.Country]++
		bigCity := false
		for _, c := range an.gaz.Lookup(name) {
			if c.Kind == geo.City && (c.Capital || c.Population > 100000) {
				bigCity = true
			}
		}
		switch {
		case p.Kind == geo.Country:
			ctx.Countries[p.Country] = true
		case p.Kind == geo.Region && !bigCity:
			// "Florida" sets the scene; "Washington" or "Kyiv" may
			// name the city as well as its region, so they do not.
			ctx.Regions[p.ID] = true
			ctx.Countries[p.Country] = true
		}
	}
	ctx.Dominant = dominantCountry(firstReading)
	surnames := map[string]bool{} // of the people the article names in full
	for _, e := range a.Entities {
		if f := strings.Fields(e.Name); e.Type == "PER" && len(f) >= 2 {
			surnames[f[len(f)-1]] = true
		}
	}
	var out []Place
	resolved := map[int]*geo.Place{}
	for k, i := range locs {
		m := a.Mentions[i]
		ctx.Within = ""
		// "Miami, Florida", "Geneva, Alabama": the next name says where.
		if k+1 < len(locs) {
			next := a.Mentions[locs[k+1]]
			if gap := s[m.Span.End:next.Span.Start]; strings.TrimSpace(gap) == "," {
				if w, ok := an.gaz.Resolve(placeName(next.Text), geo.Context{}); ok && w.Kind != geo.City {
					ctx.Within = w.Country
					if w.Kind == geo.Region {
						if strings.Contains(w.ID, ".") {
							ctx.Within = w.ID
						} else {
							ctx.Within = w.Country + "." + w.ID[3:]
						}
					}
				}
			}
		}
		p, ok := an.gaz.Resolve(placeName(m.Text), ctx)
		if !ok || namesAPerson(surnames, placeName(m.Text), p, ctx.Dominant) || strayTown(p, ctx) {
			continue
		}
		ctx.Near = append(ctx.Near, p)
		resolved[m.Entity] = p
		pl := Place{Mention: m.Span, Text: m.Text, Entity: m.Entity, Name: p.Name, Kind: p.Kind, Country: p.Country,
			Lat: p.Lat, Lon: p.Lon, Population: p.Population, GeoID: p.ID, Zone: an.gaz.Zone(p), place: p}
		if c := an.gaz.Country(p.Country); c != nil {
			pl.CountryName = c.Name
		}
		if r := an.gaz.Region(p); r != nil {
			pl.Region = r.Name
		}
		out = append(out, pl)
	}
	for id, p := range resolved {
		for _, pl := range out {
			if pl.Entity == id && pl.place == p {
				cp := pl
				a.Entities[id].Place = &cp
				break
			}
		}
	}
	return out
}

// dominantCountry returns the country at least 70% of the place mentions
// (three or more) are in on a first reading, or "".
func dominantCountry(mentions map[string]int) string {
	n := 0
	for _, k := range mentions {
		n += k
	}
	for c, k := range mentions {
		if k >= 3 && k*10 >= n*7 {
			return c
		}
	}
	return ""
}

// institutionNames returns the lower-cased names that an organisation of
// the article extends with an institution word ("Georgetown" of
// "Georgetown University"): the bare name then means the institution, not
// a town.
func institutionNames(a *Analysis) map[string]bool {
	out := map[string]bool{}
	for _, e := range a.Entities {
		if e.Type != "ORG" {
			continue
		}
		f := strings.Fields(e.Name)
		if len(f) >= 2 && institutionWords[strings.ToLower(f[len(f)-1])] {
			out[strings.ToLower(strings.Join(f[:len(f)-1], " "))] = true
		}
	}
	return out
}

var institutionWords = toSet(`university college school hospital institute academy seminary`)

// namesAPerson reports whether a name tagged as a place that resolved to
// p is rather the person the article names with that surname: "Obama" in
// a story about Barack Obama is not Obama, Japan. A country, a region or
// a large city of the story's own country keeps the place reading
// ("Washington" next to George Washington).
func namesAPerson(surnames map[string]bool, name string, p *geo.Place, dominant string) bool {
	return surnames[name] && p.Kind == geo.City && (p.Population < 100000 || p.Country != dominant)
}

// strayTown reports whether p is a small town abroad that nothing in the
// text points to: a story set in one country whose text never names the
// town's country nor says where the town is. Such a reading is a word
// that happens to be a town's name ("Obama" in Fukui, Japan, in a story
// set in Washington).
func strayTown(p *geo.Place, ctx geo.Context) bool {
	return p.Kind == geo.City && !p.Capital && p.Population < 100000 && ctx.Dominant != "" && p.Country != ctx.Dominant &&
		!ctx.Countries[p.Country] && ctx.Within == ""
}

// unknownAcronym reports whether a name is two or three capitals the
// gazetteer does not know as an abbreviation: "IG" for an inspector
// general is not Ig, Slovenia, nor "WA" Wa, Ghana; "US" is the United
// States. (Longer words in capitals are place names set in capitals, as
// datelines are: "DES MOINES, IOWA".)
func unknownAcronym(name string) bool {
	if len(name) < 2 || len(name) > 3 || geo.IsAlias(name) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 'A' || name[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeName drops a possessive ("Ukraine's" → "Ukraine") and spells out
// a state abbreviation ("Mo." → "Missouri").
func placeName(s string) string {
	return geo.Expand(strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s"))
}

// resolveSpeakers links each quote's speaker mention to an entity: a name
// in the speaker span, else a description, else a pronoun resolved to the
// last person mentioned before it.
func resolveSpeakers(s string, qs []Quote, a *Analysis) []QuoteInfo {
	out := make([]QuoteInfo, len(qs))
	x := newSpeakerIndex(a)
	for i, q := range qs {
		qi := QuoteInfo{Quote: q, SpeakerEntity: -1, Words: q.Text(s)}
		if q.Speaker.Len() > 0 {
			best, bestRank := -1, 0
			x.mentions.Overlapping(q.Speaker, func(mi int) {
				m := &a.Mentions[mi]
				if m.Entity < 0 {
					return
				}
				// A person named beats a person described beats anything else.
				rank := 1
				if m.Type == "PER" || a.Entities[m.Entity].Type == "PER" {
					rank = 3
					if m.Kind == "name" {
						rank = 4
					}
				} else if m.Type == "ORG" {
					rank = 2
				} else if describes(s, q.Speaker, m.Span) {
					return // "the New York businessman" is not New York
				}
				if rank > bestRank {
					best, bestRank = mi, rank
				}
			})
			switch {
			case best >= 0:
				qi.SpeakerEntity = a.Mentions[best].Entity
			case pronouns[strings.ToLower(q.Speaker.Of(s))]:
				qi.SpeakerEntity = x.resolvePronoun(q.Speaker.Start, q.Fragments)
			default:
				qi.SpeakerEntity = x.entityByRole(q.Speaker.Of(s))
			}
		}
		if qi.SpeakerEntity >= 0 {
			qi.SpeakerName = a.Entities[qi.SpeakerEntity].Name
		}
		out[i] = qi
	}
	return out
}

// wireAttributions are what cleaning found: the wire agency of the copy
// and the agencies credited for photos. Their spans may be in Raw.
func wireAttributions(d *extract.Document) []Attribution {
	var out []Attribution
	if d.Agency.Value != "" {
		out = append(out, Attribution{Kind: "wire", Source: d.Agency.Value, Cue: "copy", Span: d.Agency.Span, Quote: -1})
	}
	for _, p := range d.Photos {
		if p.Agency != "" {
			out = append(out, Attribution{Kind: "photo", Source: p.Agency, Cue: "photo credit", Span: p.Credit.Span, Quote: -1})
		}
	}
	return out
}

// dropHeadlineNoise removes names the tagger found in a title-case
// headline or dek that the body never mentions: capitalised headline
// words fool a tagger trained on running text.
func dropHeadlineNoise(d *extract.Document, a *Analysis) {
	var zone []text.Span
	for _, f := range []extract.Field{d.Headline, d.Dek} {
		if f.Value != "" && !f.Span.InRaw && titleCase(f.Value) {
			zone = append(zone, f.Span)
		}
	}
	if len(zone) == 0 {
		return
	}
	inZone := func(sp text.Span) bool {
		for _, z := range zone {
			if z.Contains(sp) {
				return true
			}
		}
		return false
	}
	for _, e := range a.Entities {
		body := false
		for _, mi := range e.Mentions {
			if !inZone(a.Mentions[mi].Span) {
				body = true
			}
		}
		if !body {
			for _, mi := range e.Mentions {
				a.Mentions[mi].Entity = -1
			}
			e.Mentions = nil
		}
	}
}

func titleCase(s string) bool {
	n, up := 0, 0
	for _, w := range strings.Fields(s) {
		if len(w) < 4 {
			continue
		}
		n++
		if firstUpperTok(w) {
			up++
		}
	}
	return n > 0 && up*10 >= n*7
}

// Encode serialises the analysis for storage.
func (a *Analysis) Encode() ([]byte, error) { return json.Marshal(a) }

// DecodeAnalysis reads an analysis stored by Encode.
func DecodeAnalysis(b []byte) (*Analysis, error) {
	a := &Analysis{}
	if err := json.Unmarshal(b, a); err != nil {
		return nil, fmt.Errorf("stored analysis: %w", err)
	}
	return a, nil
}

// describes reports whether a place or other name only modifies a speaker
// described by a noun phrase ("the New York businessman", "a Texas
// official"): the phrase opens with an article and goes on past the name.
func describes(s string, speaker, name text.Span) bool {
	f := strings.Fields(strings.ToLower(speaker.Of(s)))
	return len(f) > 1 && (f[0] == "the" || f[0] == "a" || f[0] == "an") && name.End < speaker.End
}
