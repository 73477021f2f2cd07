package nlp

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/geo"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
)

// analyzeText analyses a plain text published at the given instant.
func analyzeText(t *testing.T, body string, published time.Time) (*extract.Document, *Analysis) {
	t.Helper()
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := &extract.Document{Text: body}
	for _, p := range strings.Split(body, "\n\n") {
		start := strings.Index(body, p)
		d.Paragraphs = append(d.Paragraphs, spanOf(start, start+len(p)))
	}
	return d, an.Analyze(d, timex.At(published, timex.Minute))
}

func analyzeSeed(t *testing.T, name string) (*extract.Document, *Analysis) {
	t.Helper()
	arts, errs := ingest.ReadFiles([]string{"../../examples/seeds/" + name}, ingest.Options{})
	if len(errs) > 0 || len(arts) != 1 {
		t.Fatalf("read seed %s: %v", name, errs)
	}
	d := extract.Clean(&arts[0])
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return &d, an.Analyze(&d, arts[0].Published)
}

func entityNamed(a *Analysis, name string) *Entity {
	for _, e := range a.Entities {
		if e.Name == name && len(e.Mentions) > 0 {
			return e
		}
	}
	return nil
}

func quoteWith(a *Analysis, words string) *QuoteInfo {
	for i := range a.Quotes {
		if strings.Contains(a.Quotes[i].Words, words) {
			return &a.Quotes[i]
		}
	}
	return nil
}

func placeOf(a *Analysis, mention string) *Place {
	for i := range a.Places {
		if a.Places[i].Text == mention {
			return &a.Places[i]
		}
	}
	return nil
}

func TestSeedWireCopy(t *testing.T) {
	d, a := analyzeSeed(t, "000_9cfc92a05877532c.txt")
	s := d.Text
	rubio := entityNamed(a, "Marco Rubio")
	if rubio == nil {
		t.Fatal("no entity Marco Rubio")
	}
	if !hasMention(a, rubio, "the top US diplomat") {
		t.Error("'the top US diplomat' is not a mention of Rubio")
	}
	if !hasRole(rubio, "Secretary of State") {
		t.Errorf("Rubio roles %v lack Secretary of State", rubio.Roles)
	}
	umerov := entityNamed(a, "Rustem Umerov")
	if umerov == nil || !hasRole(umerov, "National Security and Defence Council") || !hasRole(umerov, "heads the Ukrainian negotiating team") {
		t.Errorf("Umerov roles wrong: %+v", umerov)
	}
	if q := quoteWith(a, "safe forever"); q == nil || q.SpeakerName != "Marco Rubio" || q.Kind != "direct" {
		t.Errorf("safe-forever quote: %+v", q)
	}
	if q := quoteWith(a, "tangible progress"); q == nil || q.SpeakerName != "Rustem Umerov" || q.Channel != "Facebook" {
		t.Errorf("Facebook quote: %+v", q)
	}
	if q := quoteWith(a, "meaningful and successful"); q == nil || q.Kind != "indirect" || q.SpeakerName != "Rustem Umerov" {
		t.Errorf("reported speech 'he wrote': %+v", q)
	}
	checkPlace(t, a, "Hallandale Beach", "US", 25.98, -80.15)
	checkPlace(t, a, "Florida", "US", 27.6, -81.5)
	checkPlace(t, a, "Washington", "US", 38.9, -77.0)
	checkPlace(t, a, "Moscow", "RU", 55.75, 37.6)
	if !hasTime(a, s, "on Sunday", "2025-11-30") || !hasTime(a, s, "on Monday", "2025-12-01") || !hasTime(a, s, "earlier in the day", "2025-11-30") {
		t.Errorf("times: %+v", a.Times)
	}
	for _, want := range []string{"wire:IANS", "cites:Xinhua", "cites:Wall Street Journal", "channel:Facebook"} {
		if !hasAttribution(a, want) {
			t.Errorf("no attribution %s in %+v", want, a.Attributions)
		}
	}
	if !hasQuantity(a, "duration", 4, true) {
		t.Errorf("four-hour talks not found: %+v", a.Quantities)
	}
}

func TestSeedReport(t *testing.T) {
	d, a := analyzeSeed(t, "004_9db2e0d9894f95f3.txt")
	s := d.Text
	rubio := entityNamed(a, "Marco Rubio")
	if rubio == nil || !hasMention(a, rubio, "the secretary of State") || !hasMention(a, rubio, "The official") {
		t.Fatalf("Rubio's descriptions not linked: %+v", rubio)
	}
	if q := quoteWith(a, "secure forever"); q == nil || q.SpeakerName != "Marco Rubio" {
		t.Errorf("secure-forever quote: %+v", q)
	}
	if q := quoteWith(a, "work on the peace plan will continue"); q == nil || q.Kind != "indirect" || q.SpeakerName != "Marco Rubio" {
		t.Errorf("indirect speech: %+v", q)
	}
	if q := quoteWith(a, "prosperous, strong Ukraine"); q == nil || q.SpeakerName != "Rustem Umerov" {
		t.Errorf("Umerov quote via 'the head of the Ukrainian delegation': %+v", q)
	}
	checkPlace(t, a, "Miami", "US", 25.77, -80.19)
	checkPlace(t, a, "Geneva", "CH", 46.2, 6.15)
	checkPlace(t, a, "Kyiv", "UA", 50.45, 30.52)
	if !hasTime(a, s, "this morning", "2025-11-30") || !hasTime(a, s, "next week", "2025-12-01") {
		t.Errorf("times: %+v", a.Times)
	}
	for _, want := range []string{"cites:DRM News", "photo:EPA"} {
		if !hasAttribution(a, want) {
			t.Errorf("no attribution %s in %+v", want, a.Attributions)
		}
	}
}

func hasMention(a *Analysis, e *Entity, text string) bool {
	for _, mi := range e.Mentions {
		if a.Mentions[mi].Text == text {
			return true
		}
	}
	return false
}

func hasRole(e *Entity, part string) bool {
	for _, r := range e.Roles {
		if strings.Contains(strings.ToLower(r.Text), strings.ToLower(part)) {
			return true
		}
	}
	return false
}

func checkPlace(t *testing.T, a *Analysis, mention, country string, lat, lon float64) {
	t.Helper()
	p := placeOf(a, mention)
	if p == nil {
		t.Errorf("place %q not resolved", mention)
		return
	}
	if p.Country != country || math.Abs(p.Lat-lat) > 0.5 || math.Abs(p.Lon-lon) > 0.5 {
		t.Errorf("%s resolved to %s, %s (%.2f, %.2f); want %s near (%.2f, %.2f)", mention, p.Name, p.Country, p.Lat, p.Lon, country, lat, lon)
	}
}

func hasTime(a *Analysis, s, text, date string) bool {
	for _, tm := range a.Times {
		if tm.Span.Of(s) == text && strings.HasPrefix(tm.When.String(), date) {
			return true
		}
	}
	return false
}

func hasAttribution(a *Analysis, kindSource string) bool {
	for _, at := range a.Attributions {
		if at.Kind+":"+at.Source == kindSource {
			return true
		}
	}
	return false
}

func hasQuantity(a *Analysis, kind string, v float64, approx bool) bool {
	for _, q := range a.Quantities {
		if q.Kind == kind && q.Value == v && q.Approx == approx {
			return true
		}
	}
	return false
}

// A place that only describes the speaker ("the New York businessman") is
// not the speaker.
func TestSpeakerIsNotAPlaceThatDescribesIt(t *testing.T) {
	_, a := analyzeText(t, `Trump spoke in Virginia on Monday.

"We need change," the New York businessman said, before he left for Ohio.`, time.Date(2016, 9, 8, 12, 0, 0, 0, time.UTC))
	if len(a.Quotes) == 0 {
		t.Fatal("no quote found")
	}
	if got := a.Quotes[0].SpeakerName; got == "New York" {
		t.Errorf("speaker resolved to %q, a place describing the speaker", got)
	}
}

// Two or three capitals the gazetteer does not know as an abbreviation are
// not a place: "the IG report" is not Ig, Slovenia.
func TestAcronymsAreNotPlaces(t *testing.T) {
	_, a := analyzeText(t, "The IG found that the agency had erred. The IG report was released in Washington on Monday.", time.Date(2018, 8, 13, 12, 0, 0, 0, time.UTC))
	for _, p := range a.Places {
		if p.Text == "IG" {
			t.Errorf("IG resolved to %s, %s", p.Name, p.Country)
		}
	}
	if len(a.Places) == 0 {
		t.Error("Washington not resolved")
	}
}

func TestNamesAPerson(t *testing.T) {
	g := geo.Default()
	place := func(name, country string) *geo.Place {
		for _, p := range g.Lookup(name) {
			if p.Country == country && (p.Kind == geo.City || p.Kind == geo.Country) {
				return p
			}
		}
		t.Fatalf("no %s in %s", name, country)
		return nil
	}
	people := map[string]bool{"Obama": true, "Washington": true, "France": true}
	tests := []struct {
		name     string
		p        *geo.Place
		dominant string
		want     bool
	}{
		{"Obama", place("Obama", "JP"), "US", true},            // a town abroad named like the person
		{"Washington", place("Washington", "US"), "US", false}, // a large city of the story's country
		{"France", place("France", "FR"), "US", false},         // a country
		{"Lyon", place("Lyon", "FR"), "US", false},             // nobody of that name
	}
	for _, tc := range tests {
		if got := namesAPerson(people, tc.name, tc.p, tc.dominant); got != tc.want {
			t.Errorf("namesAPerson(%s → %s, %s) = %v", tc.name, tc.p.Name, tc.p.Country, got)
		}
	}
}

// A state abbreviation after a city names the state, and places the city
// in it: "Ferguson, Mo." is Ferguson, Missouri, not Mo in Norway.
func TestStateAbbreviations(t *testing.T) {
	_, a := analyzeText(t, "Protesters gathered in Ferguson, Mo., on Sunday. Others marched in Exeter, N.H., the next day.", time.Date(2014, 8, 17, 12, 0, 0, 0, time.UTC))
	got := map[string]string{}
	for _, p := range a.Places {
		got[p.Text] = p.Name + ", " + p.Region
	}
	for text, want := range map[string]string{"Mo.": "Missouri, Missouri", "Ferguson": "Ferguson, Missouri", "N.H.": "New Hampshire, New Hampshire", "Exeter": "Exeter, New Hampshire"} {
		if got[text] != want {
			t.Errorf("%s resolved to %q, want %q (all: %v)", text, got[text], want, got)
		}
	}
}

func TestStrayTown(t *testing.T) {
	g := geo.Default()
	city := func(name, country string) *geo.Place {
		for _, p := range g.Lookup(name) {
			if p.Country == country && p.Kind == geo.City {
				return p
			}
		}
		t.Fatalf("no %s in %s", name, country)
		return nil
	}
	usStory := geo.Context{Dominant: "US", Countries: map[string]bool{"US": true}}
	withJapan := geo.Context{Dominant: "US", Countries: map[string]bool{"US": true, "JP": true}}
	tests := []struct {
		p    *geo.Place
		ctx  geo.Context
		want bool
	}{
		{city("Obama", "JP"), usStory, true},        // a word that is a small town's name abroad
		{city("Obama", "JP"), withJapan, false},     // the text names Japan
		{city("Tokyo", "JP"), usStory, false},       // a large city
		{city("Fresno", "US"), usStory, false},      // the story's own country
		{city("Obama", "JP"), geo.Context{}, false}, // no country dominates
	}
	for _, tc := range tests {
		if got := strayTown(tc.p, tc.ctx); got != tc.want {
			t.Errorf("strayTown(%s, %s) = %v", tc.p.Name, tc.p.Country, got)
		}
	}
}
