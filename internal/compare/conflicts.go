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
			if verdict == VerdictConflict {
				// The first place each names need not be the same slot: one
				// may say where the talks were, the other where a man flew.
				verdict = VerdictUnclear
				reason += ": the outlets name different places first; check which is the event's"
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

// factConflicts compares the values of one shared fact's sentences.
func (b *builder) factConflicts(f *fact) []Conflict {
	var out []Conflict
	for x, s := range f.sents {
		for _, t := range f.sents[x+1:] {
			out = append(out, b.numberConflicts(s, t)...)
			out = append(out, b.timeConflicts(s, t)...)
			if c, ok := b.polarityConflict(s, t); ok {
				out = append(out, c)
			}
		}
	}
	return withSpans(out)
}

// numberConflicts compares quantities of the same kind and unit.
func (b *builder) numberConflicts(s, t *sentence) []Conflict {
	var out []Conflict
	for _, p := range s.quants {
		for _, q := range t.quants {
			if p.Kind != q.Kind || p.Unit != q.Unit || p.Value == q.Value {
				continue
			}
			if hasValue(t.quants, p) || hasValue(s.quants, q) {
				continue // both values stated by both
			}
			verdict, reason := VerdictConflict, "different values"
			if rel := math.Abs(p.Value-q.Value) / math.Max(p.Value, q.Value); rel <= 0.15 && (p.Approx || q.Approx) {
				verdict, reason = VerdictCompatible, "within the approximation one of them states"
			} else if rel <= 0.05 {
				verdict, reason = VerdictCompatible, "rounded differently"
			}
			out = append(out, Conflict{Kind: "number", Verdict: verdict, Reason: reason, Values: []ConflictValue{
				{Outlet: b.arts[s.art].Outlet, Value: p.Text, Spans: []text.Citation{b.cite(s.art, p.Span)}},
				{Outlet: b.arts[t.art].Outlet, Value: q.Text, Spans: []text.Citation{b.cite(t.art, q.Span)}},
			}})
		}
	}
	return out
}

func hasValue(qs []nlp.Quantity, q nlp.Quantity) bool {
	for _, x := range qs {
		if x.Kind == q.Kind && x.Unit == q.Unit && x.Value == q.Value {
			return true
		}
	}
	return false
}

// timeConflicts compares the dates two sentences of one fact give. A
// date within the other's range ("on Monday" in "next week") is the same
// time at a different precision; only when no date of one sentence fits
// any date of the other is the difference reported as a conflict.
func (b *builder) timeConflicts(s, t *sentence) []Conflict {
	var firstP, firstQ *nlp.TimeExpr
	for i := range s.times {
		p := &s.times[i]
		for j := range t.times {
			q := &t.times[j]
			if p.When.IsZero() || q.When.IsZero() {
				continue
			}
			if firstP == nil {
				firstP, firstQ = p, q
			}
			switch rel := dateRelation(p, q); rel {
			case "same":
				return nil
			case "within":
				return []Conflict{b.timeConflict(s, t, p, q, VerdictCompatible, "one date falls within the other's range: the same time at a different precision")}
			}
		}
	}
	if firstP == nil {
		return nil
	}
	verdict, reason := VerdictConflict, "different dates for the same fact"
	switch d := math.Abs(firstP.When.UTC.Sub(firstQ.When.UTC).Hours()); {
	case d <= 24 && (firstP.Relative || firstQ.Relative):
		verdict, reason = VerdictUnclear, "a day apart: relative days read from different time zones can differ so"
	case dated(s) > 1 || dated(t) > 1:
		// "since introducing the budget last month, … an interview a
		// couple of weeks ago": which date is the shared claim's?
		verdict, reason = VerdictUnclear, "different dates, but a sentence dates more than one thing"
	}
	return []Conflict{b.timeConflict(s, t, firstP, firstQ, verdict, reason)}
}

// dated counts a sentence's resolved time expressions.
func dated(s *sentence) int {
	n := 0
	for _, t := range s.times {
		if !t.When.IsZero() {
			n++
		}
	}
	return n
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

// polarityConflict flags a fact one outlet states and another negates.
func (b *builder) polarityConflict(s, t *sentence) (Conflict, bool) {
	if s.negated == t.negated || s.quoted || t.quoted || similarity(s, t) < 0.5 {
		return Conflict{}, false
	}
	return Conflict{Kind: "statement", Verdict: VerdictUnclear, Reason: "one sentence is negated, the other not: check whether they contradict",
		Values: []ConflictValue{
			{Outlet: b.arts[s.art].Outlet, Value: s.text, Spans: []text.Citation{b.cite(s.art, s.span)}},
			{Outlet: b.arts[t.art].Outlet, Value: t.text, Spans: []text.Citation{b.cite(t.art, t.span)}},
		}}, true
}

// speakerConflict flags one utterance given to different speakers.
func speakerConflict(q QuoteGroup) (Conflict, bool) {
	var speakers []string
	for _, w := range q.Wordings {
		if w.Speaker != "" && len(strings.Fields(w.Words)) >= minGroupedWords {
			speakers = append(speakers, w.Speaker)
		}
	}
	differ := false
	for i := range speakers {
		for _, t := range speakers[i+1:] {
			differ = differ || !samePerson(speakers[i], t)
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
