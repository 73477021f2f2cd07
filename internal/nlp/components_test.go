package nlp

import (
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/ner"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/timex"
	"github.com/parallax-news/parallax/internal/words"
)

func spanOf(start, end int) text.Span { return text.Span{Start: start, End: end} }

func TestFindTimes(t *testing.T) {
	// Reference: Wednesday 2024-03-13.
	ref := timex.At(time.Date(2024, 3, 13, 15, 0, 0, 0, time.UTC), timex.Minute)
	tests := []struct {
		in, text, when string
	}{
		{"The vote took place on Monday after a long debate.", "on Monday", "2024-03-11"},
		{"Talks will resume on Friday.", "on Friday", "2024-03-15"},
		{"The minister said yesterday that prices will fall.", "yesterday", "2024-03-12"},
		{"Officials met earlier in the day to prepare.", "earlier in the day", "2024-03-13"},
		{"The court will rule next week.", "next week", "2024-03-18"},
		{"The law was passed on March 3, 2021, by parliament.", "March 3, 2021", "2021-03-03"},
		{"Last night the storm reached the coast.", "Last night", "2024-03-12"},
		{"He gave an interview a couple weeks ago.", "a couple weeks ago", "2024-02-28"},
		{"The plant closed a few days ago.", "a few days ago", "2024-03-10"},
	}
	for _, tc := range tests {
		got := FindTimes(tc.in, words.Sentences(tc.in), ref)
		found := false
		for _, tm := range got {
			if tm.Span.Of(tc.in) == tc.text && strings.HasPrefix(tm.When.String(), tc.when) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %q → %s, got %+v", tc.in, tc.text, tc.when, got)
		}
	}
}

func TestFindQuantities(t *testing.T) {
	tests := []struct {
		in     string
		kind   string
		value  float64
		unit   string
		approx bool
	}{
		{"after roughly four-hour talks", "duration", 4, "hour", true},
		{"the deal is worth $4.2 billion", "money", 4.2e9, "USD", false},
		{"a fine of 300 euros", "money", 300, "EUR", false},
		{"unemployment rose to 7.5% in May", "percent", 7.5, "", false},
		{"nearly 1,200 people were evacuated", "count", 1200, "people", true},
		{"the strike lasted three days", "duration", 3, "day", false},
		{"A dozen protesters were held", "count", 12, "protesters", false},
		{"a loan of US$300 million", "money", 300e6, "USD", false},
		{"turnout was about\n 60 percent", "percent", 60, "", true},
		{"a room of 40 people", "count", 40, "people", false},
	}
	for _, tc := range tests {
		got := FindQuantities(tc.in)
		ok := false
		for _, q := range got {
			if q.Kind == tc.kind && q.Value == tc.value && q.Approx == tc.approx && (tc.unit == "" || q.Unit == tc.unit) && q.Span.Of(tc.in) == q.Text {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want %s %g %s approx=%v, got %+v", tc.in, tc.kind, tc.value, tc.unit, tc.approx, got)
		}
	}
}

func TestFindAttributions(t *testing.T) {
	tests := []struct {
		in, kind, source string
	}{
		{"The minister resigned, Reuters news agency reported.", "cites", "Reuters"},
		{"The plan was leaked, according to a Financial Times report.", "cites", "Financial Times"},
		{"She announced the decision on Telegram late on Friday.", "channel", "Telegram"},
		{"The video was published by the channel, the Kyiv Independent reported.", "cites", "Kyiv Independent"},
		// A six-word name with a two-word description: the longest the
		// pattern allows before its verb.
		{"Talks stalled, the State Bank of New South Wales news service reported.", "cites", "State Bank of New South Wales"},
	}
	for _, tc := range tests {
		// The analysis passes the organisations the tagger found.
		orgs := map[string]bool{"kyiv independent": true}
		got := FindAttributions(tc.in, quotes.Find(tc.in, words.Sentences(tc.in)), orgs)
		ok := false
		for _, at := range got {
			if at.Kind == tc.kind && strings.TrimPrefix(at.Source, "the ") == tc.source && strings.Contains(tc.in, at.Span.Of(tc.in)) && at.Span.Len() > 0 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: want %s %s, got %+v", tc.in, tc.kind, tc.source, got)
		}
	}
}

func TestPronounSpeakerAndDescriptions(t *testing.T) {
	body := "Ukrainian Foreign Minister Andrii Sybiha met his Polish counterpart in Warsaw on Tuesday.\n\n" +
		"\"We agreed on the next steps,\" he wrote on X. The Ukrainian foreign minister added that a new meeting is planned."
	_, a := analyzeText(t, body, time.Date(2024, 5, 8, 12, 0, 0, 0, time.UTC))
	q := quoteWith(a, "next steps")
	if q == nil || q.SpeakerName != "Andrii Sybiha" || q.Channel != "X" {
		t.Fatalf("quote 'he wrote on X' not resolved to Sybiha: %+v", q)
	}
	ind := quoteWith(a, "a new meeting is planned")
	if ind == nil || ind.Kind != "indirect" || ind.SpeakerName != "Andrii Sybiha" {
		t.Errorf("'The Ukrainian foreign minister added that…' not resolved: %+v", ind)
	}
	if p := placeOf(a, "Warsaw"); p == nil || p.Country != "PL" {
		t.Errorf("Warsaw: %+v", p)
	}
	if !hasTime(a, body, "on Tuesday", "2024-05-07") {
		t.Errorf("on Tuesday: %+v", a.Times)
	}
}

func TestPlacesUseContext(t *testing.T) {
	tests := []struct {
		body, mention, country string
	}{
		// A bare large city beats small namesakes...
		{"Delegates gathered in Geneva for the conference.", "Geneva", "CH"},
		// ...but the text can say which one it means.
		{"The storm hit Geneva, Alabama, overnight, flooding several streets.", "Geneva", "US"},
		{"Police in Paris, Texas, closed the highway after the crash.", "Paris", "US"},
		{"Floods in Ontario and Toronto left thousands without power, while London escaped damage.", "Toronto", "CA"},
	}
	for _, tc := range tests {
		_, a := analyzeText(t, tc.body, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		p := placeOf(a, tc.mention)
		if p == nil || p.Country != tc.country {
			t.Errorf("%q: %s resolved to %+v, want country %s", tc.body, tc.mention, p, tc.country)
		}
	}
}

func TestAttributionSources(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Christie told supporters of his plans in a phone call, according to NBC and the AP. Christie then spoke in Livingston.", []string{"NBC", "AP"}},
		{"The talks will resume, according to the U.S. Department of State.", []string{"U.S. Department of State"}},
		{"Prices rose, according to a Wall Street Journal report.", []string{"Wall Street Journal"}},
	}
	for _, tc := range tests {
		var got []string
		for _, a := range FindAttributions(tc.in, nil, map[string]bool{}) {
			got = append(got, a.Source)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: sources %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsMediaName(t *testing.T) {
	for name, want := range map[string]bool{
		"The Washington Post": true, "New York Times": true, "NBC": true, "AP": true, "Fox News": true, "YouTube": true,
		"Daily Mail": true, "Xinhua": true, "Associated Press": true,
		"International Energy Agency": false, "FBI": false, "Senate": false, "Times Square": false, "White House": false,
	} {
		if got := IsMediaName(name); got != want {
			t.Errorf("IsMediaName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestPronounContinuesTheSubject: "he said" after a sentence whose subject
// is one man and whose object names others is the subject.
func TestPronounContinuesTheSubject(t *testing.T) {
	body := "Governor Anna Keller took a swipe at her rivals in the Senate, like Tom Brandt and Paul Ocker, who have never run a state.\n\n" +
		"\"Unlike some people, you will not have to wonder whether I can do the job,\" she said at the rally."
	_, a := analyzeText(t, body, time.Date(2024, 5, 8, 12, 0, 0, 0, time.UTC))
	if q := quoteWith(a, "wonder whether"); q == nil || q.SpeakerName != "Anna Keller" {
		t.Errorf("'she said' resolved to %+v", q)
	}
}

func TestSplitPersonAfterOrg(t *testing.T) {
	tests := []struct {
		words string
		want  string // the spans' types and words, "|" between spans
	}{
		{"Defense Council Rustem Umerov", "ORG Defense Council|PER Rustem Umerov"},
		{"the Federal Reserve Board Jerome Powell", "ORG Federal Reserve Board|PER Jerome Powell"},
		{"Trump International Hotel Las Vegas", "ORG Trump International Hotel Las Vegas"},
		{"Bank of America Merrill Lynch", "ORG Bank of America Merrill Lynch"},
		{"Ministry of Foreign Affairs", "ORG Ministry of Foreign Affairs"},
	}
	for _, tc := range tests {
		words := strings.Fields(tc.words)
		start := 0
		if words[0] == "the" {
			start = 1
		}
		var got []string
		for _, sp := range splitPersonAfterOrg(lexicon.Default(), words, ner.Name{Start: start, End: len(words), Type: ner.ORG}) {
			got = append(got, sp.Type+" "+strings.Join(words[sp.Start:sp.End], " "))
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("%q: got %q, want %q", tc.words, g, tc.want)
		}
	}
}

// TestEntityIndexFindsWhatAScanFinds links a stream of name mentions
// twice, through the index and by comparing each with every entity, and
// checks that both give every mention the same entity.
func TestEntityIndexFindsWhatAScanFinds(t *testing.T) {
	type mention struct{ typ, text string }
	stream := []mention{
		{"PER", "Marco Rubio"}, {"ORG", "National Security and Defense Council"}, {"PER", "Rubio"},
		{"ORG", "NSDC"}, {"PER", "Rustem Umerov"}, {"PER", "Umerov"}, {"PER", "Marco"},
		{"LOC", "Miami"}, {"MISC", "Miami"}, {"ORG", "Federal Bureau of Investigation"}, {"ORG", "F.B.I."},
		{"PER", "Mr. Rubio"}, {"PER", "Steve Witkoff"}, {"PER", "Witkoff's"}, {"ORG", "Rubio"}, {"PER", "Jared Kushner"},
		{"PER", "Kushner"}, {"PER", "Jared"}, {"ORG", "FBI"}, {"PER", "Steve"},
	}
	link := func(indexed bool) []int {
		var ents []*Entity
		idx := entityIndex{}
		var out []int
		for _, m := range stream {
			key := nameTokens(m.text)
			found := -1
			var ids []int
			if indexed {
				ids = idx.candidates(m.typ, key, m.text)
			} else {
				for _, e := range ents {
					ids = append(ids, e.ID)
				}
			}
			for _, id := range ids {
				if e := ents[id]; sameReferent(e, m.typ, key, m.text) {
					found = id
					if len(strings.Join(key, " ")) > len(strings.Join(e.key, " ")) {
						e.key = key
						idx.add(e)
					}
					break
				}
			}
			if found < 0 {
				e := &Entity{ID: len(ents), Type: m.typ, key: key}
				ents = append(ents, e)
				idx.add(e)
				found = e.ID
			}
			out = append(out, found)
		}
		return out
	}
	scan, indexed := link(false), link(true)
	for i := range stream {
		if scan[i] != indexed[i] {
			t.Errorf("%q: the index linked it to entity %d, a scan to %d", stream[i].text, indexed[i], scan[i])
		}
	}
	if scan[2] != scan[0] || scan[3] != scan[1] || scan[10] != scan[9] {
		t.Errorf("expected links missing: %v", scan)
	}
}
