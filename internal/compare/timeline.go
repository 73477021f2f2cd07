package compare

import (
	"sort"

	"github.com/parallax-news/parallax/internal/text"
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

// summaryLength bounds the extractive summary.
const summaryLength = 5

// summary picks three to five sentences: first the sentences of the most
// widely shared facts (in the words of the report stating each earliest),
// then the reports' opening sentences, skipping headlines, quotations and
// near-repeats. Every sentence is quoted as written.
func (b *builder) summary() []Cited {
	var picked []*sentence
	taken := func(s *sentence) bool {
		for _, p := range picked {
			if p == s || similarity(p, s) >= 0.5 || p.fact != nil && p.fact == s.fact {
				return true
			}
		}
		return false
	}
	// The shared facts, most widely carried first (b.facts is in that
	// order), each in the words of the report that states it earliest in
	// its text: a lede says it plainest.
	for _, f := range b.facts {
		if len(picked) >= summaryLength-1 {
			break
		}
		var best *sentence
		for _, s := range f.sents {
			if !s.quoted && (best == nil || s.idx < best.idx || s.idx == best.idx && s.words < best.words) {
				best = s
			}
		}
		if best != nil && !taken(best) {
			picked = append(picked, best)
		}
	}
	// Then the reports' opening statements, until there are three.
	var rest []*sentence
	for _, a := range b.arts {
		rest = append(rest, a.sents...)
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].idx < rest[j].idx })
	for _, s := range rest {
		if len(picked) >= max(3, min(summaryLength, len(picked)+1)) {
			break
		}
		if s.quoted || s.words < 10 || taken(s) || b.isHeadline(s) {
			continue // not "Here are his stances on the issues."
		}
		picked = append(picked, s)
	}
	// Leads first: by the sentences' places in their reports.
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].idx < picked[j].idx })
	out := []Cited{}
	for _, s := range picked {
		out = append(out, b.cited(s.art, s.span))
	}
	return out
}

// isHeadline reports whether a sentence is its article's headline.
func (b *builder) isHeadline(s *sentence) bool {
	h := b.arts[s.art].Doc.Title()
	return h.Value != "" && !h.Span.InRaw && h.Span.Contains(s.span)
}
