package nlp

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/geo"
	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/words"
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
	quotes.Quote
	SpeakerEntity int    `json:"speaker_entity"` // -1 when unresolved
	SpeakerName   string `json:"speaker_name,omitempty"`
	// SpeakerConfidence is how sure the attribution is, by how the speaker
	// was found: a name in the speech tag is surest, a pronoun resolved
	// sentences back least (0 when unresolved).
	SpeakerConfidence float64 `json:"speaker_confidence,omitempty"`
	Words             string  `json:"words"`
}

// Speaker confidences by how the speaker was found.
const (
	confidenceNamed      = 0.9  // a person's name in the speech tag
	confidenceDescribed  = 0.75 // a description of a known person ("the senator")
	confidenceOrg        = 0.7  // an organisation in the speech tag
	confidencePronoun    = 0.6  // "he said", resolved
	confidenceByRole     = 0.5  // a role the text gives someone ("the spokesman")
	confidenceOtherThing = 0.4
	confidenceContinued  = 0.5 // taken to continue the quotation before
	confidenceSubject    = 0.5 // the subject of the narrative sentence holding the quotation
)

// Analyzer holds the models analysis uses; it is safe for concurrent use.
type Analyzer struct {
	tagger *ner.Tagger
	quotes *quotes.Model
	lex    *lexicon.Lexicon
	gaz    *geo.Gazetteer
}

// New returns an analyzer that tags entities with tagger, decides quotes
// with the quote model (nil: the rules alone), reads words in lex and
// places in gaz.
func New(tagger *ner.Tagger, quoteModel *quotes.Model, lex *lexicon.Lexicon, gaz *geo.Gazetteer) *Analyzer {
	return &Analyzer{tagger: tagger, quotes: quoteModel, lex: lex, gaz: gaz}
}

var (
	defaultOnce sync.Once
	defaultA    *Analyzer
	defaultErr  error
)

// Default returns the analyzer with the shipped models, made once.
func Default() (*Analyzer, error) {
	defaultOnce.Do(func() {
		lex := lexicon.Default()
		tg, err := ner.Default(lex)
		if err != nil {
			defaultErr = err
			return
		}
		defaultA = New(tg, quotes.DefaultModel(), lex, geo.Default())
	})
	return defaultA, defaultErr
}

// Analyze analyses a cleaned document published at the given time.
func (an *Analyzer) Analyze(d *extract.Document, published timex.Moment) *Analysis {
	a, _ := an.AnalyzeContext(context.Background(), d, published)
	return a
}

// AnalyzeContext analyses a cleaned document published at the given time.
// It checks ctx between stages and inside the long ones, and returns
// ctx's error (with no analysis) soon after ctx ends: a long page on a
// server whose client left, or a run stopped by a signal.
func (an *Analyzer) AnalyzeContext(ctx context.Context, d *extract.Document, published timex.Moment) (*Analysis, error) {
	s := d.Text
	stop := newStopper(ctx)
	sents := words.SentencesUntil(s, stop.every)
	a := &Analysis{}
	for _, se := range sents {
		a.Sentences = append(a.Sentences, se.Span)
	}
	if stop.now() {
		return nil, ctx.Err()
	}
	a.Mentions, a.Entities = findEntities(s, sents, an.tagger, an.lex, stop)
	if stop.now() {
		return nil, ctx.Err()
	}
	dropHeadlineNoise(d, a)
	a.Places = an.resolvePlaces(s, a, d, stop)
	a.Reference = an.reference(d, published)
	if stop.now() {
		return nil, ctx.Err()
	}
	a.Times = findTimesUntil(s, sents, a.Reference, stop.every)
	a.Quantities = FindQuantities(s)
	if stop.now() {
		return nil, ctx.Err()
	}
	found := quotes.FindUntil(s, sents, an.quotes, stop.every)
	if stop.now() {
		return nil, ctx.Err()
	}
	a.Quotes = resolveSpeakers(s, found, a, an.lex, stop)
	if stop.now() {
		return nil, ctx.Err()
	}
	orgs := map[string]bool{}
	for _, e := range a.Entities {
		if e.Type == "ORG" && len(e.Mentions) > 0 {
			orgs[strings.ToLower(e.Name)] = true
		}
	}
	a.Attributions = append(wireAttributions(d), FindAttributions(s, found, orgs)...)
	for _, at := range a.Attributions {
		if at.Kind == "channel" && at.Quote >= 0 && at.Quote < len(a.Quotes) {
			a.Quotes[at.Quote].Channel = at.Source
		}
	}
	if stop.now() {
		return nil, ctx.Err()
	}
	return a, nil
}

// stopper checks a context cheaply from inside loops: a context's Err
// takes a lock, so a loop asks every so many steps.
type stopper struct {
	ctx   context.Context
	steps int
}

func newStopper(ctx context.Context) *stopper { return &stopper{ctx: ctx} }

// now reports whether the context has ended.
func (s *stopper) now() bool { return s != nil && s.ctx.Err() != nil }

// every reports whether the context has ended, asking it once per 64
// calls.
func (s *stopper) every() bool {
	if s == nil {
		return false
	}
	s.steps++
	return s.steps&63 == 0 && s.ctx.Err() != nil
}

// reference is the moment the article speaks from. When the publication
// instant is known and the dateline names a place, it is that instant on
// the place's clock: an IANS story stamped 08:34 IST on Dec 1 from
// Washington speaks from Sunday evening, Nov 30, in Washington. Otherwise
// the dateline's date, else the publication date.
func (an *Analyzer) reference(d *extract.Document, published timex.Moment) timex.Moment {
	pub := extract.PublishedTime(d, published)
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

// resolveSpeakers links each quote's speaker mention to an entity: a name
// in the speaker span, else a description, else a pronoun resolved to the
// last person mentioned before it.
func resolveSpeakers(s string, qs []quotes.Quote, a *Analysis, lex *lexicon.Lexicon, stop *stopper) []QuoteInfo {
	out := make([]QuoteInfo, len(qs))
	x := newSpeakerIndex(a, lex)
	// Names inside any quotation are talked about, not speaking.
	var quoted []text.Span
	for _, q := range qs {
		if q.Kind == "direct" {
			quoted = append(quoted, q.Fragments...)
		}
	}
	quoted = quoted[:len(quoted):len(quoted)]
	for i, q := range qs {
		if stop.every() {
			return nil
		}
		qi := QuoteInfo{Quote: q, SpeakerEntity: -1, Words: q.Text(s)}
		if q.Speaker.Len() > 0 {
			best, bestRank, possessive := speakerMention(s, q.Speaker, a, x)
			switch {
			case best < 0 && possessive:
				// The owner named, the speaker described: an apposition
				// names them ("Trump Jr.'s attorney, Alan Futerfas, said"),
				// else the role may be someone's the text names.
				if e := x.apposition(s, q.Speaker.End); e >= 0 {
					qi.SpeakerEntity, qi.SpeakerConfidence = e, confidenceDescribed
				} else {
					qi.SpeakerEntity, qi.SpeakerConfidence = x.entityByRole(ownedNoun(q.Speaker.Of(s))), confidenceByRole
				}
			case best >= 0:
				qi.SpeakerEntity = a.Mentions[best].Entity
				qi.SpeakerConfidence = [...]float64{0, confidenceOtherThing, confidenceOrg, confidenceDescribed, confidenceNamed}[bestRank]
			case words.Pronouns[strings.ToLower(q.Speaker.Of(s))]:
				qi.SpeakerEntity = x.resolvePronoun(s, q.Speaker.Of(s), q.Speaker.Start, append(quoted, q.Fragments...))
				qi.SpeakerConfidence = confidencePronoun
			default:
				qi.SpeakerEntity = x.entityByRole(q.Speaker.Of(s))
				qi.SpeakerConfidence = confidenceByRole
			}
		}
		switch {
		case qi.SpeakerEntity >= 0:
			qi.SpeakerName = a.Entities[qi.SpeakerEntity].Name
		case properName(q.Speaker.Of(s)):
			// A name the tagger missed ("Mr. Vantress") is still the
			// speaker the text gives, not whoever spoke before.
			qi.SpeakerName, qi.SpeakerConfidence = q.Speaker.Of(s), confidenceOtherThing
		default:
			qi.SpeakerConfidence = 0
		}
		out[i] = qi
	}
	subjectSpeakers(s, out, x, quoted)
	continueSpeakers(s, out, a)
	return out
}

// subjectSpeakers gives a quotation whose speaker is unresolved — no
// speech tag, or a thing no one in the text is ("a news release") — that
// sits inside a sentence of narrative the sentence's subject: the first
// person or organisation it names before the quotation and its tag,
// outside quotations. "Ms. Herrod issued a news release calling the
// attacks “politics at its worst”" is Herrod's words. A quotation that
// opens its sentence has no subject before it and is left to
// continueSpeakers.
func subjectSpeakers(s string, qs []QuoteInfo, x *speakerIndex, quoted []text.Span) {
	for i := range qs {
		q := &qs[i]
		if q.SpeakerEntity >= 0 || q.SpeakerName != "" || words.Pronouns[strings.ToLower(q.Speaker.Of(s))] {
			continue
		}
		end := q.Span.Start
		if q.Speaker.Len() > 0 {
			end = min(end, q.Speaker.Start)
		}
		sent := x.a.Sentences[x.sentenceAt(q.Span.Start)]
		if sent.Start >= end {
			continue
		}
		found := -1
		x.mentions.Within(text.Span{Start: sent.Start, End: end}, func(k int) {
			m := &x.a.Mentions[k]
			if found < 0 && m.Entity >= 0 && (m.Type == "PER" || m.Type == "ORG") && !spansOverlap(m.Span, quoted) && nameRole(s, m.Span) == "" {
				found = m.Entity
			}
		})
		if found >= 0 {
			q.SpeakerEntity, q.SpeakerName, q.SpeakerConfidence = found, x.a.Entities[found].Name, confidenceSubject
		}
	}
}

// continueSpeakers gives a quotation whose speaker is unresolved — no
// speech tag, or a description no one in the text holds ("the
// statement said", "the tech giant said") — the speaker of the quotation
// just before it, when that one ended shortly before: a quote running on
// into the next paragraph, or more of the same statement.
func continueSpeakers(s string, qs []QuoteInfo, a *Analysis) {
	for i := 1; i < len(qs); i++ {
		q, prev := &qs[i], &qs[i-1]
		if q.SpeakerEntity >= 0 || q.SpeakerName != "" || prev.SpeakerEntity < 0 || words.Pronouns[strings.ToLower(q.Speaker.Of(s))] {
			continue
		}
		if gap := q.Span.Start - prev.Span.End; gap < 0 || gap > maxContinuationGap {
			continue
		}
		q.SpeakerEntity, q.SpeakerName = prev.SpeakerEntity, prev.SpeakerName
		q.SpeakerConfidence = min(prev.SpeakerConfidence, confidenceContinued)
	}
}

// properName reports whether a speech tag's speaker is a name: one to
// four capitalised words, a personal title allowed first ("Mr.
// Vantress"), not a description ("the statement", "The company").
func properName(sp string) bool {
	ws := strings.Fields(sp)
	if len(ws) == 0 || len(ws) > 4 || strings.EqualFold(ws[0], "the") || words.Pronouns[strings.ToLower(ws[0])] {
		return false
	}
	if personalTitles[strings.ToLower(ws[0])] {
		ws = ws[1:]
	}
	for _, w := range ws {
		if !words.StartsUpper(w) || roleWords[strings.ToLower(w)] {
			return false
		}
	}
	return len(ws) > 0
}

// maxContinuationGap is the most text, in bytes, between a quotation and
// the one it continues: about a short paragraph.
const maxContinuationGap = 300

// speakerMention picks the mention in a quote's speaker span that names
// the speaker, with its rank: a person named (4) beats a person
// described (3) beats an organisation (2) beats anything else (1). It
// reports whether the span is a possessive whose owner is named.
func speakerMention(s string, speaker text.Span, a *Analysis, x *speakerIndex) (best, bestRank int, possessive bool) {
	var in []int
	x.mentions.Overlapping(speaker, func(mi int) {
		if a.Mentions[mi].Entity >= 0 {
			in = append(in, mi)
		}
	})
	best = -1
	for k, mi := range in {
		m := &a.Mentions[mi]
		// "Trump Jr.'s attorney" is the attorney, "Obama campaign manager
		// Jim Messina" is Messina: a name that owns or modifies the
		// speaker's description is not the speaker.
		switch nameRole(s[:speaker.End], m.Span) {
		case "possessive":
			possessive = true
			continue
		case "modifier":
			if personAfter(a, in[k+1:]) {
				continue
			}
		}
		rank := 1
		if m.Type == "PER" || a.Entities[m.Entity].Type == "PER" {
			rank = 3
			if m.Kind == "name" {
				rank = 4
			}
		} else if m.Type == "ORG" {
			rank = 2
		} else if describes(s, speaker, m.Span) {
			continue // "the New York businessman" is not New York
		}
		if rank > bestRank {
			best, bestRank = mi, rank
		}
	}
	return best, bestRank, possessive
}

// personAfter reports whether one of the mentions names a person.
func personAfter(a *Analysis, mentions []int) bool {
	for _, mi := range mentions {
		if m := &a.Mentions[mi]; m.Kind == "name" && (m.Type == "PER" || a.Entities[m.Entity].Type == "PER") {
			return true
		}
	}
	return false
}

// ownedNoun is what a possessive description names: "attorney" of
// "Trump Jr.'s attorney".
func ownedNoun(desc string) string {
	for _, mark := range []string{"'s ", "’s "} {
		if i := strings.LastIndex(desc, mark); i >= 0 {
			return desc[i+len(mark):]
		}
	}
	return desc
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
		if words.StartsUpper(w) {
			up++
		}
	}
	return n > 0 && up*10 >= n*7
}

// describes reports whether a place or other name only modifies a speaker
// described by a noun phrase ("the New York businessman", "a Texas
// official"): the phrase opens with an article and goes on past the name.
func describes(s string, speaker, name text.Span) bool {
	f := strings.Fields(strings.ToLower(speaker.Of(s)))
	return len(f) > 1 && (f[0] == "the" || f[0] == "a" || f[0] == "an") && name.End < speaker.End
}
