package compare

import (
	"fmt"
	"sort"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
)

// maxLeftOut bounds the facts listed as left out by one outlet.
const maxLeftOut = 12

// uniqueFacts lists, for each article, the sentences no other report
// carries (what only it reports), most informative first, and the facts
// other reports carry that it leaves out. Copies of one text are one
// report: a wire copy's sentences are not unique to it when the other copy
// carries them too.
func (b *builder) uniqueFacts() []OutletFacts {
	group := b.reportGroups()
	out := []OutletFacts{}
	for i, a := range b.arts {
		of := OutletFacts{Outlet: a.Outlet, Article: a.ID, Only: []Cited{}, Details: b.details(i, group), LeftOut: []Cited{}}
		var only []*sentence
		for _, s := range a.sents {
			if b.isHeadline(s) {
				continue // a headline frames the report; its facts are in the body
			}
			if s.fact == nil && s.words >= 5 && !b.inOtherCopy(i, group, s) {
				only = append(only, s)
			}
		}
		sort.SliceStable(only, func(x, y int) bool { return informative(only[x]) > informative(only[y]) })
		for _, s := range only {
			of.Only = append(of.Only, b.cited(i, s.span))
		}
		of.LeftOut = b.leftOut(i, group)
		out = append(out, of)
	}
	return out
}

// details lists the numbers and names article i gives within shared
// facts that no other report gives anywhere: each cited at the value,
// with the sentence it is in.
func (b *builder) details(i int, group []int) []Cited {
	out := []Cited{}
	elsewhere := map[string]bool{}
	var otherQuants []nlp.Quantity
	for j, o := range b.arts {
		if group[j] == group[i] {
			continue
		}
		for _, s := range o.sents {
			for k := range s.ents {
				elsewhere[k] = true
			}
			otherQuants = append(otherQuants, s.quants...)
		}
	}
	a := b.arts[i]
	for _, s := range a.sents {
		if s.fact == nil {
			continue
		}
		for _, q := range s.quants {
			if !hasValue(otherQuants, q) {
				out = append(out, b.detail(i, q.Span, s))
			}
		}
		a.mentions.Within(s.span, func(k int) {
			m := &a.Analysis.Mentions[k]
			if m.Entity < 0 || m.Kind != "name" {
				return
			}
			if dl := a.Doc.Dateline; dl != nil && dl.Span.Contains(m.Span) {
				return
			}
			e := a.Analysis.Entities[m.Entity]
			if (e.Type == "PER" || e.Type == "ORG") && !elsewhere[b.entityKey(e)] {
				out = append(out, b.detail(i, m.Span, s))
				elsewhere[b.entityKey(e)] = true // once per entity
			}
		})
	}
	return out
}

// detail cites a value and the sentence that holds it.
func (b *builder) detail(i int, v text.Span, s *sentence) Cited {
	return Cited{Text: v.Of(b.arts[i].Doc.Text), Spans: []text.Citation{b.cite(i, v), b.cite(i, s.span)}}
}

// inOtherCopy reports whether a copy of article i (same report group)
// carries the sentence too.
func (b *builder) inOtherCopy(i int, group []int, s *sentence) bool {
	for j, o := range b.arts {
		if j == i || group[j] != group[i] {
			continue
		}
		for _, t := range o.sents {
			if similarity(s, t) >= 0.8 {
				return true
			}
		}
	}
	return false
}

// leftOut lists what the other reports carry that article i does not:
// the facts they share without it. When there is only one other report,
// its own facts are all the others carry; with more, each one's own facts
// are listed under it already.
func (b *builder) leftOut(i int, group []int) []Cited {
	var out []Cited
	for _, f := range b.facts {
		if f.has(i) || len(out) >= maxLeftOut {
			continue
		}
		s := f.sents[0]
		c := b.cited(s.art, s.span)
		out = append(out, c)
	}
	others := map[int]bool{}
	for j := range b.arts {
		if group[j] != group[i] {
			others[group[j]] = true
		}
	}
	if len(others) > 1 {
		return out
	}
	for j, o := range b.arts {
		if group[j] == group[i] {
			continue
		}
		var theirs []*sentence
		for _, s := range o.sents {
			if s.fact == nil && s.words >= 5 {
				theirs = append(theirs, s)
			}
		}
		sort.SliceStable(theirs, func(x, y int) bool { return informative(theirs[x]) > informative(theirs[y]) })
		for _, s := range theirs {
			if len(out) >= maxLeftOut {
				break
			}
			out = append(out, b.cited(j, s.span))
		}
	}
	return out
}

// informative ranks sentences by what they state: names, numbers, places
// and dates weigh more than words; quotations a little less.
func informative(s *sentence) float64 {
	v := float64(len(s.ents))*2 + float64(len(s.quants))*2 + float64(len(s.places)) + float64(len(s.times)) + float64(min(s.words, 40))/10
	if s.quoted {
		v *= 0.8
	}
	return v
}

// copyNote says, for an article that copies another of the story, what
// it is: "verbatim copy of <id> (IANS wire)".
func (b *builder) copyNote(i int) string {
	a := b.arts[i]
	for _, c := range b.copies {
		if c.ArticleID != a.ID || c.Relation == "shares passages" {
			continue
		}
		note := fmt.Sprintf("%s of %s", c.Relation, c.OfID)
		if w := b.wire(i); w != "" {
			note += " (" + w + " wire)"
		}
		return note
	}
	if w := b.wire(i); w != "" && a.Doc.Syndication.Value != "" {
		kind := "wire copy"
		if a.Doc.Syndication.Verbatim {
			kind = "verbatim wire copy"
		}
		return kind + " of " + w
	}
	return ""
}

// wire is the news agency an article credits for its copy, if any.
func (b *builder) wire(i int) string {
	d := b.arts[i].Doc
	switch {
	case d.Agency.Value != "":
		return d.Agency.Value
	case d.Dateline != nil && d.Dateline.Agency.Value != "":
		return d.Dateline.Agency.Value
	}
	for _, at := range b.arts[i].Analysis.Attributions {
		if at.Kind == "wire" {
			return at.Source
		}
	}
	return ""
}
