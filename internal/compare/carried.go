package compare

import (
	"math"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/learn"
	"github.com/parallax-news/parallax/internal/text"
)

// Whether another report states what a sentence states is asked of each
// other report in turn, and learned like the alignment: from the best
// aligned sentence there and from how much of the sentence's key content
// — its rare words, entities and numbers — that report holds anywhere
// (the fact may be spread over two of its sentences, or told in a
// clause of a longer one). A sentence no other report carries is "only
// in" its report; a sentence a report does not carry is what it "leaves
// out". Which of those a reader should see first is a second learned
// score, newsworthiness: a lead, names, numbers and sources, and content
// the other reports lack.

// CarriedFeatures names the features of "report Y carries sentence s".
var CarriedFeatures = []string{
	"best alignment with a sentence of Y",
	"rare words of s found in Y (weighted share)",
	"entities of s found in Y (share)",
	"numbers of s found in Y (share)",
	"s gives numbers",
	"s is a quotation",
	"s leads its report",
	"s is a headline",
	"length of s",
}

// NewsFeatures names the features of a sentence's newsworthiness.
var NewsFeatures = []string{
	"position in the report (0 first, 1 last)",
	"leads its report",
	"is a headline",
	"entities named",
	"gives numbers",
	"gives dates or places",
	"is a quotation",
	"attributes a statement",
	"length",
	"rare words the other reports lack (weighted share)",
}

// reportContent is what one report holds, for the carried test: its
// content words, entities and number values.
type reportContent struct {
	stems map[string]bool
	ents  map[string]bool
	nums  map[float64]bool
}

// contents gathers each report's content.
func (b *builder) contents() []reportContent {
	out := make([]reportContent, len(b.arts))
	for i, a := range b.arts {
		c := reportContent{stems: map[string]bool{}, ents: map[string]bool{}, nums: map[float64]bool{}}
		for _, s := range a.sents {
			for w := range s.stems {
				c.stems[w] = true
			}
			for k := range s.ents {
				c.ents[k] = true
			}
			for _, q := range s.quants {
				c.nums[q.Value] = true
			}
		}
		out[i] = c
	}
	return out
}

// othersOf is the content of the reports other than article i's (and
// its copies').
func othersOf(i int, group []int, content []reportContent) []reportContent {
	var out []reportContent
	for j := range content {
		if group[j] != group[i] {
			out = append(out, content[j])
		}
	}
	return out
}

// stemWeight is a content word's rarity among the story's sentences.
func (b *builder) stemWeight(w string) float64 {
	return math.Log(float64(b.nSents+1) / float64(b.stemDF[w]+1))
}

// carriedFeatures describes whether report y carries sentence s; best is
// s's best alignment probability with a sentence of y.
func (b *builder) carriedFeatures(s *sentence, y reportContent, best float64) []float64 {
	x := make([]float64, len(CarriedFeatures))
	x[0] = best
	var found, total float64
	for w := range s.stems {
		wt := b.stemWeight(w)
		total += wt
		if y.stems[w] {
			found += wt
		}
	}
	if total > 0 {
		x[1] = found / total
	}
	if len(s.ents) > 0 {
		n := 0
		for k := range s.ents {
			if y.ents[k] {
				n++
			}
		}
		x[2] = float64(n) / float64(len(s.ents))
	}
	if len(s.quants) > 0 {
		n := 0
		for _, q := range s.quants {
			if y.nums[q.Value] {
				n++
			}
		}
		x[3] = float64(n) / float64(len(s.quants))
		x[4] = 1
	}
	x[5] = b2f(s.quoted)
	x[6] = b2f(s.idx < 4)
	x[7] = b2f(s.idx == 0)
	x[8] = float64(min(s.words, 50)) / 50
	return x
}

// newsFeatures describes a sentence's newsworthiness; others is the
// content of the other reports.
func (b *builder) newsFeatures(s *sentence, others []reportContent) []float64 {
	x := make([]float64, len(NewsFeatures))
	n := len(b.arts[s.art].sents)
	x[0] = float64(s.idx) / float64(max(n-1, 1))
	x[1] = b2f(s.idx < 4)
	x[2] = b2f(s.idx == 0)
	x[3] = float64(min(len(s.ents), 4)) / 4
	x[4] = b2f(len(s.quants) > 0)
	x[5] = b2f(len(s.times) > 0 || len(s.places) > 0)
	x[6] = b2f(s.quoted)
	x[7] = b2f(s.attributed)
	x[8] = float64(min(s.words, 50)) / 50
	var lacking, total float64
	for w := range s.stems {
		wt := b.stemWeight(w)
		total += wt
		inOther := false
		for _, o := range others {
			inOther = inOther || o.stems[w]
		}
		if !inOther {
			lacking += wt
		}
	}
	if total > 0 {
		x[9] = lacking / total
	}
	return x
}

// bestAlignments returns, for each sentence, its best alignment
// probability with a sentence of each article.
func (b *builder) bestAlignments() map[*sentence][]float64 {
	best := map[*sentence][]float64{}
	for _, a := range b.arts {
		for _, s := range a.sents {
			best[s] = make([]float64, len(b.arts))
		}
	}
	for pair, p := range b.pairProb {
		s, t := pair[0], pair[1]
		best[s][t.art] = math.Max(best[s][t.art], p)
		best[t][s.art] = math.Max(best[t][s.art], p)
	}
	return best
}

// carriedBy returns, for each sentence, the probability that each other
// report carries it (indexed by article; the sentence's own report and
// its copies are left at 1).
func (b *builder) carriedBy(group []int, content []reportContent) map[*sentence][]float64 {
	best := b.bestAlignments()
	out := map[*sentence][]float64{}
	for i, a := range b.arts {
		for _, s := range a.sents {
			ps := make([]float64, len(b.arts))
			for j := range b.arts {
				if group[j] == group[i] {
					ps[j] = 1
					continue
				}
				ps[j] = b.model.Carried.Prob(b.carriedFeatures(s, content[j], best[s][j]))
			}
			out[s] = ps
		}
	}
	return out
}

// A SentenceExample is one sentence of a story with what the carried and
// newsworthiness models read of it: what they are trained on.
type SentenceExample struct {
	Article string
	Span    text.Span
	// Carried holds, for each other report, its id and the features of
	// "it carries this sentence".
	Carried []CarriedExample
	News    []float64
}

// CarriedExample is the features of "report Other carries a sentence".
type CarriedExample struct {
	Other string
	X     []float64
}

// SentenceExamples lists the sentences of the articles with the carried
// and newsworthiness features the alignment model m gives them.
func SentenceExamples(in []Article, copies []dedup.CopyLink, m AlignModel) []SentenceExample {
	b := newBuilder(in, copies)
	b.model = m
	b.sentences()
	b.align()
	group := b.reportGroups()
	content := b.contents()
	best := b.bestAlignments()
	var out []SentenceExample
	for i, a := range b.arts {
		others := othersOf(i, group, content)
		for _, s := range a.sents {
			ex := SentenceExample{Article: a.ID, Span: s.span, News: b.newsFeatures(s, others)}
			for j, o := range b.arts {
				if group[j] != group[i] {
					ex.Carried = append(ex.Carried, CarriedExample{Other: o.ID, X: b.carriedFeatures(s, content[j], best[s][j])})
				}
			}
			out = append(out, ex)
		}
	}
	return out
}

// FitSentenceModels fits the carried and newsworthiness models of m on
// labelled examples.
func FitSentenceModels(m *AlignModel, carried, news []learn.Example) {
	m.CarriedFeatures, m.NewsFeatures = CarriedFeatures, NewsFeatures
	m.Carried = learn.FitLogistic(carried, len(CarriedFeatures), 1.0)
	m.News = learn.FitLogistic(news, len(NewsFeatures), 1.0)
}
