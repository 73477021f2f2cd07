package compare

import (
	"sort"
	"strings"

	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// timeline places the dated events the articles mention on their
// resolved dates: one entry per date and fact (sentences of one shared
// fact are one entry), each citing its time expression and sentence.
func (b *builder) timeline() []TimelineEntry {
	type key struct {
		date string
		f    *fact
		s    *sentence
	}
	entries := map[key]*TimelineEntry{}
	var order []key
	for i, a := range b.arts {
		for _, s := range a.sents {
			for _, t := range s.times {
				if t.When.IsZero() {
					continue
				}
				if a.Doc.Dateline != nil && a.Doc.Dateline.Span.Contains(t.Span) {
					continue // the dateline dates the report, not an event
				}
				k := key{date: t.When.Local().Format("2006-01-02"), f: s.fact}
				if s.fact == nil {
					k.s = s
				}
				e := entries[k]
				if e == nil {
					e = &TimelineEntry{Date: k.date, Label: t.Text, Sentence: b.cited(i, s.span), Spans: []text.Citation{}}
					if !t.Until.IsZero() {
						e.Until = t.Until.Local().Format("2006-01-02")
					}
					entries[k] = e
					order = append(order, k)
				}
				e.Spans = append(e.Spans, b.cite(i, t.Span))
				if !contains(e.Outlets, a.Outlet) {
					e.Outlets = append(e.Outlets, a.Outlet)
				}
			}
		}
	}
	out := []TimelineEntry{}
	for _, k := range order {
		out = append(out, *entries[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// summaryLength bounds the extractive summary; minSummary is what it
// fills up to with less certain facts and lead sentences.
const (
	summaryLength = 5
	minSummary    = 3
)

// sureFact is the mean alignment probability of a fact the summary
// takes beyond its first minSummary: more likely one fact than not.
const sureFact = 0.5

// summary picks three to five distinct facts, the most widely shared
// first, each in the words of the earliest report that states it; then,
// until there are three, the reports' opening sentences. A headline, a
// quotation, or a sentence that leans on the one before it ("He said
// …") does not stand alone and is never picked; nor is a sentence that
// states a fact already picked. Every sentence is quoted as written.
func (b *builder) summary() []Cited {
	var picked []*sentence
	taken := func(s *sentence) bool {
		for _, p := range picked {
			if p == s || similarity(p, s) >= 0.5 || sharesFact(p, s) || p.art != s.art && b.prob(p, s) >= b.model.Threshold {
				return true
			}
		}
		return false
	}
	// b.facts is in order of how widely each is carried.
	for _, f := range b.facts {
		if len(picked) >= summaryLength {
			break
		}
		if len(picked) >= minSummary && f.score/float64(f.links) < sureFact {
			// Past the first three, a fact the model is unsure is one fact
			// at all is noise in a summary.
			continue
		}
		var best *sentence
		for _, s := range f.sents {
			if b.standsAlone(s) && (best == nil || s.art < best.art) {
				best = s
			}
		}
		if best != nil && !taken(best) {
			picked = append(picked, best)
		}
	}
	var rest []*sentence
	for _, a := range b.arts {
		rest = append(rest, a.sents...)
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].idx < rest[j].idx })
	for _, s := range rest {
		if len(picked) >= minSummary {
			break
		}
		if s.words >= 10 && b.standsAlone(s) && !taken(s) {
			picked = append(picked, s)
		}
	}
	out := []Cited{}
	for _, s := range picked {
		out = append(out, b.cited(s.art, s.span))
	}
	return out
}

// standsAlone reports whether a sentence can be read without the text
// around it: not a headline, not a quotation, not opening with a pronoun
// or a conjunction that points back, and a whole sentence — one that
// ends as sentences do, not a subheading, a caption or a lead-in to a
// quotation ("…, tweeting:").
func (b *builder) standsAlone(s *sentence) bool {
	if s.quoted || s.words < 6 || b.isHeadline(s) || !endsSentence(s.text) {
		return false
	}
	first := strings.ToLower(strings.Trim(strings.Fields(s.text)[0], "\"“‘'(,"))
	return !leansBack[first]
}

// leansBack are first words that make a sentence lean on the one before.
var leansBack = words.Set(`he she they it his her their its this that these those but and also so then still yet meanwhile
instead however`)

// sharesFact reports whether two sentences are in one fact.
func sharesFact(s, t *sentence) bool {
	for _, f := range s.facts {
		for _, g := range t.facts {
			if f == g {
				return true
			}
		}
	}
	return false
}

// isHeadline reports whether a sentence is its article's headline.
func (b *builder) isHeadline(s *sentence) bool {
	h := b.arts[s.art].Doc.Title()
	return h.Value != "" && !h.Span.InRaw && h.Span.Contains(s.span)
}

// endsSentence reports whether a text ends with a full stop, a question
// or an exclamation mark, before any closing quotation marks or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, " \n\"”’')]")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!")
}
