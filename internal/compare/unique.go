package compare

import (
	"fmt"
	"math"
	"sort"

	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/text"
)

// uniqueFacts lists, for each article, the sentences no other report
// carries (what only it reports) and the sentences of other reports it
// does not carry (what it leaves out), most newsworthy first. Copies of
// one text are one report: a wire copy's sentences are not unique to it
// when the other copy carries them too, and it does not leave out what
// its copy says.
func (b *builder) uniqueFacts() []OutletFacts {
	group := b.reportGroups()
	content := b.contents()
	carried := b.carriedBy(group, content)
	news := b.newsworthiness(group, content)
	out := []OutletFacts{}
	for i, a := range b.arts {
		of := OutletFacts{Outlet: a.Outlet, Article: a.ID, Only: []Cited{}, Details: b.details(i, group), LeftOut: []Cited{}}
		var only []*sentence
		rank := map[*sentence]float64{}
		for _, s := range a.sents {
			if s.words < 5 {
				continue
			}
			if p := b.mostCarried(carried[s], i, group); p < b.model.Carry {
				only = append(only, s)
				// Newsworthy and surely nowhere else first.
				rank[s] = news[s] * (1 - p)
			}
		}
		for _, s := range byNews(only, rank) {
			of.Only = append(of.Only, b.cited(i, s.span))
		}
		left := byNews(b.leftOut(i, group, carried), news)
		if len(left) > maxLeftOut {
			of.LeftOutMore = len(left) - maxLeftOut
			left = left[:maxLeftOut]
		}
		for _, s := range left {
			of.LeftOut = append(of.LeftOut, b.cited(s.art, s.span))
		}
		out = append(out, of)
	}
	return out
}

// maxLeftOut bounds the list of what one report leaves out: the most
// newsworthy, with the count of the rest.
const maxLeftOut = 10

// mostCarried is the highest probability that a report other than
// article i's (and its copies') carries a sentence.
func (b *builder) mostCarried(ps []float64, i int, group []int) float64 {
	most := 0.0
	for j, p := range ps {
		if group[j] != group[i] {
			most = math.Max(most, p)
		}
	}
	return most
}

// leftOut lists the sentences of other reports that article i does not
// carry: each fact once (by its earliest sentence), and nothing i's own
// copies carry.
func (b *builder) leftOut(i int, group []int, carried map[*sentence][]float64) []*sentence {
	var out []*sentence
	seen := map[*fact]bool{}
	for j, o := range b.arts {
		if group[j] == group[i] {
			continue
		}
		for _, s := range o.sents {
			if s.words < 5 || s.fact != nil && seen[s.fact] {
				continue
			}
			missing := true
			for k := range b.arts {
				if group[k] == group[i] && carried[s][k] >= b.model.Carry {
					missing = false
				}
			}
			if missing {
				out = append(out, s)
				if s.fact != nil {
					seen[s.fact] = true
				}
			}
		}
	}
	return out
}

// newsworthiness scores every sentence by the news model.
func (b *builder) newsworthiness(group []int, content []reportContent) map[*sentence]float64 {
	out := map[*sentence]float64{}
	for i, a := range b.arts {
		others := othersOf(i, group, content)
		for _, s := range a.sents {
			out[s] = b.model.News.Prob(b.newsFeatures(s, others))
		}
	}
	return out
}

// byNews orders sentences most newsworthy first, in report order among
// equals.
func byNews(ss []*sentence, news map[*sentence]float64) []*sentence {
	sort.SliceStable(ss, func(x, y int) bool {
		if news[ss[x]] != news[ss[y]] {
			return news[ss[x]] > news[ss[y]]
		}
		if ss[x].art != ss[y].art {
			return ss[x].art < ss[y].art
		}
		return ss[x].idx < ss[y].idx
	})
	return ss
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
