package compare

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
)

// Verdicts on a difference between outlets.
const (
	VerdictConflict   = "conflict"
	VerdictCompatible = "compatible"
	VerdictUnclear    = "unclear"
)

// nearbyKm is how close two places must be to read as the same scene
// given at different precision (a venue and the city next to it).
const nearbyKm = 60

// conflicts compares the values outlets give: the event's place, the
// publication dates, and within each shared fact its places, numbers,
// dates and polarity; and who each quote is given to.
func (b *builder) conflicts(quotes []QuoteGroup) []Conflict {
	out := []Conflict{}
	out = append(out, b.venueConflicts()...)
	out = append(out, b.publicationConflicts()...)
	for _, f := range b.facts {
		out = append(out, b.factConflicts(f)...)
	}
	for _, q := range quotes {
		if c, ok := speakerConflict(q); ok {
			out = append(out, c)
		}
		out = append(out, withSpans(quoteConflicts(q))...)
	}
	return out
}

// venueConflicts compares the place each outlet gives the event.
func (b *builder) venueConflicts() []Conflict {
	var out []Conflict
	seen := map[[2]string]bool{} // each pair of places once, cited from the first two articles giving them
	for i := range b.arts {
		for j := i + 1; j < len(b.arts); j++ {
			p, q := b.venues[i], b.venues[j]
			if p == nil || q == nil || p.GeoID == q.GeoID || seen[[2]string{p.GeoID, q.GeoID}] {
				continue
			}
			seen[[2]string{p.GeoID, q.GeoID}], seen[[2]string{q.GeoID, p.GeoID}] = true, true
			verdict, reason := placeVerdict(p, q)
			if verdict != VerdictCompatible {
				// The place each names first need not be the same slot: one
				// may say where the talks were, the other where a man flew.
				// Which place is the event's is the engine's reading, not
				// the outlets' claim; only a difference of precision is
				// worth explaining.
				continue
			}
			out = append(out, Conflict{Kind: "place", Verdict: verdict, Reason: reason,
				Values: []ConflictValue{b.placeValue(i, p), b.placeValue(j, q)}})
		}
	}
	return withSpans(out)
}

func (b *builder) placeValue(i int, p *nlp.Place) ConflictValue {
	v := p.Name
	if p.Region != "" && p.Region != p.Name {
		v += ", " + p.Region
	}
	return ConflictValue{Outlet: b.arts[i].Outlet, Value: v, Spans: []text.Citation{b.cite(i, p.Mention)}}
}

// placeVerdict judges two readings of one place.
func placeVerdict(p, q *nlp.Place) (string, string) {
	d := distanceKm(p, q)
	contains := func(big, small *nlp.Place) bool {
		switch big.Kind {
		case "country":
			return small.Country == big.Country
		case "region":
			return small.Country == big.Country && small.Region == big.Name
		}
		return false
	}
	switch {
	case contains(p, q) || contains(q, p):
		return VerdictCompatible, "one place contains the other: a difference of precision"
	case p.Kind == "city" && q.Kind == "city" && d <= nearbyKm:
		where := ""
		if p.Region != "" && p.Region == q.Region {
			where = "both in " + p.Region + ", "
		}
		return VerdictCompatible, fmt.Sprintf("%s%.0f km apart: the same area named at different precision", where, d)
	case p.Region != "" && p.Region == q.Region && p.Country == q.Country:
		return VerdictUnclear, fmt.Sprintf("different places %.0f km apart, both in %s", d, p.Region)
	case p.Country == q.Country && d <= 3*nearbyKm:
		return VerdictUnclear, fmt.Sprintf("%.0f km apart in the same country", d)
	}
	return VerdictConflict, fmt.Sprintf("%.0f km apart", d)
}

// publicationConflicts explains differing publication dates: a date-only
// stamp and a time stamp in another zone may be the same day.
//
// Dates further apart than a day and a half are later coverage, not a
// difference to explain, and each pair of stamps is judged once.
func (b *builder) publicationConflicts() []Conflict {
	var out []Conflict
	seen := map[[2]string]bool{}
	for i := range b.arts {
		for j := i + 1; j < len(b.arts); j++ {
			p, q := b.arts[i].Published, b.arts[j].Published
			if p.IsZero() || q.IsZero() || math.Abs(p.UTC.Sub(q.UTC).Hours()) > 36 {
				continue
			}
			dp, dq := p.Local().Format("2006-01-02"), q.Local().Format("2006-01-02")
			key := [2]string{p.String(), q.String()}
			if dp == dq || seen[key] {
				continue
			}
			seen[key] = true
			verdict, reason := dateVerdict(p, q, b.eventZone())
			out = append(out, Conflict{Kind: "date", Verdict: verdict, Reason: "publication dates: " + reason,
				Values: []ConflictValue{b.pubValue(i), b.pubValue(j)}})
		}
	}
	return withSpans(out)
}

func (b *builder) pubValue(i int) ConflictValue {
	a := b.arts[i]
	v := ConflictValue{Outlet: a.Outlet, Value: a.Published.String(), Spans: []text.Citation{}}
	if f := a.Doc.Published; !f.Moment.IsZero() && f.From == "" && !f.Span.IsZero() {
		v.Spans = append(v.Spans, b.cite(i, f.Span))
	}
	return v
}

func (b *builder) eventZone() string {
	for _, p := range b.venues {
		if p != nil && p.Zone != "" {
			return p.Zone
		}
	}
	return ""
}

// dateVerdict judges two dates: equal on the event's clock, a day apart
// across zones, or really different.
func dateVerdict(p, q timex.Moment, zone string) (string, string) {
	diff := math.Abs(p.UTC.Sub(q.UTC).Hours())
	if p.Precision <= timex.Day || q.Precision <= timex.Day {
		// A date alone covers a whole day somewhere: compare the timed one
		// on the event's clock with it.
		timed, day := p, q
		if p.Precision <= timex.Day {
			timed, day = q, p
		}
		if timed.Precision > timex.Day && zone != "" {
			if local := atZone(timed, zone); strings.HasPrefix(local, day.UTC.Format("2006-01-02")) {
				return VerdictCompatible, fmt.Sprintf("%s is %s on the event's clock: the same day", timed.String(), local)
			}
		}
		if diff <= 36 {
			return VerdictCompatible, "a day apart, within what time zones and a date without a time explain"
		}
		return VerdictConflict, fmt.Sprintf("%.0f days apart", diff/24)
	}
	if diff <= 14 {
		return VerdictCompatible, "the same hours written in different time zones"
	}
	return VerdictUnclear, fmt.Sprintf("%.0f hours apart: reports may follow one another", diff)
}

// factConflicts compares what the sentences of one shared fact assert,
// pair by pair: only pairs the model is confident state one claim, since
// a difference between two sentences that are not about the same thing
// is no discrepancy.
func (b *builder) factConflicts(f *fact) []Conflict {
	var out []Conflict
	for x, s := range f.sents {
		for _, t := range f.sents[x+1:] {
			p := b.prob(s, t)
			if p >= b.model.Compare/2 {
				// The same verb told as ahead and as done is evidence of one
				// claim by itself.
				out = append(out, b.statusConflicts(s, t)...)
			}
			if p < b.model.Compare {
				continue
			}
			out = append(out, b.numberConflicts(s, t)...)
			out = append(out, b.timeConflicts(s, t)...)
			out = append(out, b.yearConflicts(s, t)...)
			out = append(out, b.nameConflicts(s, t)...)
		}
	}
	return withSpans(out)
}

func hasValue(qs []nlp.Quantity, q nlp.Quantity) bool {
	for _, x := range qs {
		if x.Kind == q.Kind && x.Unit == q.Unit && x.Value == q.Value {
			return true
		}
	}
	return false
}

// timeConflicts compares the one day each sentence names. A date within
// the other's range ("on Monday" in "next week") is the same time at a
// different precision; days a week or more apart are taken to date
// different things; "today" and "yesterday" read from publication times
// in different zones may differ by one.
func (b *builder) timeConflicts(s, t *sentence) []Conflict {
	p, okp := onlyDate(s)
	q, okq := onlyDate(t)
	if !okp || !okq {
		return nil
	}
	switch dateRelation(p, q) {
	case "same":
		return nil
	case "within":
		return []Conflict{b.timeConflict(s, t, p, q, VerdictCompatible, "one date falls within the other's range: the same time at a different precision")}
	}
	if !p.Until.IsZero() || !q.Until.IsZero() {
		return nil
	}
	d := math.Abs(p.When.UTC.Sub(q.When.UTC).Hours())
	switch {
	case d >= 7*24 || !b.sameAction(s, p.Span, t, q.Span):
		return nil
	case d <= 24 && (p.Kind == "relative" || q.Kind == "relative"):
		return []Conflict{b.timeConflict(s, t, p, q, VerdictCompatible, "a day apart: a relative day (today, yesterday) read from publication times in different zones")}
	}
	return []Conflict{b.timeConflict(s, t, p, q, VerdictConflict, "different days for the same fact")}
}

// onlyDate returns the one resolved time a sentence gives.
func onlyDate(s *sentence) (*nlp.TimeExpr, bool) {
	var found *nlp.TimeExpr
	for i := range s.times {
		if !s.times[i].When.IsZero() {
			if found != nil {
				return nil, false
			}
			found = &s.times[i]
		}
	}
	return found, found != nil
}

// dateRelation says how two resolved times relate: "same" day, one
// "within" the other's range, or "" for neither.
func dateRelation(p, q *nlp.TimeExpr) string {
	dp, dq := p.When.Local().Format("2006-01-02"), q.When.Local().Format("2006-01-02")
	if dp == dq && p.Until.IsZero() == q.Until.IsZero() {
		return "same"
	}
	in := func(x, rng *nlp.TimeExpr) bool {
		if rng.Until.IsZero() {
			return false
		}
		d := x.When.Local().Format("2006-01-02")
		return d >= rng.When.Local().Format("2006-01-02") && d <= rng.Until.Local().Format("2006-01-02")
	}
	if in(p, q) || in(q, p) {
		return "within"
	}
	return ""
}

func (b *builder) timeConflict(s, t *sentence, p, q *nlp.TimeExpr, verdict, reason string) Conflict {
	show := func(x *nlp.TimeExpr) string {
		v := x.Text + " → " + x.When.Local().Format("2006-01-02")
		if !x.Until.IsZero() {
			v += ".." + x.Until.Local().Format("2006-01-02")
		}
		return v
	}
	return Conflict{Kind: "date", Verdict: verdict, Reason: reason, Values: []ConflictValue{
		{Outlet: b.arts[s.art].Outlet, Value: show(p), Spans: []text.Citation{b.cite(s.art, p.Span)}},
		{Outlet: b.arts[t.art].Outlet, Value: show(q), Spans: []text.Citation{b.cite(t.art, q.Span)}},
	}}
}

// speakerConflict flags one utterance given to different speakers.
func speakerConflict(q QuoteGroup) (Conflict, bool) {
	// Only attributions the engine is sure of are compared: a speaker it
	// guessed from a pronoun or a role is its own reading, not the
	// outlet's claim.
	var sure []Wording
	for _, w := range q.Wordings {
		if w.Speaker != "" && w.SpeakerConfidence >= sureSpeaker && len(strings.Fields(w.Words)) >= minGroupedWords {
			sure = append(sure, w)
		}
	}
	differ := false
	for i, w := range sure {
		for _, v := range sure[i+1:] {
			// The two wordings themselves must quote one utterance, not
			// merely each resemble the group's first.
			differ = differ || !samePerson(w.Speaker, v.Speaker) && sameUtterance(normWords(w.Words), normWords(v.Words))
		}
	}
	if !differ {
		return Conflict{}, false
	}
	c := Conflict{Kind: "speaker", Verdict: VerdictConflict, Reason: "the same words are given to different speakers"}
	for _, w := range q.Wordings {
		c.Values = append(c.Values, ConflictValue{Outlet: w.Outlet, Value: w.Speaker, Spans: w.Spans})
	}
	return withSpans([]Conflict{c})[0], true
}

// normWords are a text's words, normalised for matching.
func normWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		out = append(out, normWord(w))
	}
	return out
}

// sureSpeaker is the least confidence of the attributions a speaker
// conflict compares.
const sureSpeaker = 0.85

// samePerson reports whether two names can be one person: they share a
// name word ("Barack Obama", "Obama", "Mr. Obama"; and a headline's
// "Obama Taunts").
func samePerson(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(a)) {
		words[strings.Trim(w, ".,")] = true
	}
	for _, w := range strings.Fields(strings.ToLower(b)) {
		if w = strings.Trim(w, ".,"); words[w] && !honorifics[w] {
			return true
		}
	}
	return false
}

var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "president": true}

// withSpans gathers each conflict's value spans into its own spans.
func withSpans(cs []Conflict) []Conflict {
	for i := range cs {
		cs[i].Spans = []text.Citation{}
		for _, v := range cs[i].Values {
			cs[i].Spans = append(cs[i].Spans, v.Spans...)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Kind < cs[j].Kind })
	return cs
}
