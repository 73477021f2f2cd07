package eval

import (
	"fmt"
	"sort"
	"strings"
)

// WCXB scores extraction as the WCXB benchmark defines it (reference:
// ../shared/scorers/score_wcxb.py): per page, the bag-of-words overlap of
// the lower-cased \w+ tokens of the prediction and the reference
// (precision, recall, F1); the benchmark's figure is the mean of the
// per-page F1, overall and per page type, with the mean share of the
// snippets a correct extraction must contain ("with") and must not
// ("without").

// WCXBPage is one page's score.
type WCXBPage struct {
	Type                  string
	Precision, Recall, F1 float64
	With, Without         float64
	Empty                 bool // nothing predicted where the reference has text
}

// ScoreWCXBPage scores a predicted body against a page's ground truth.
func ScoreWCXBPage(gold GoldPage, pred string) WCXBPage {
	p := WCXBPage{Type: gold.PageType}
	pt, rt := ExtractionTokens(strings.ToLower(pred)), ExtractionTokens(strings.ToLower(gold.ArticleBody))
	switch {
	case len(rt) == 0 && len(pt) == 0:
		p.Precision, p.Recall, p.F1 = 1, 1, 1
	case len(rt) == 0:
	case len(pt) == 0:
		p.Empty = true
	default:
		ref := map[string]int{}
		for _, t := range rt {
			ref[t]++
		}
		overlap := 0
		for _, t := range pt {
			if ref[t] > 0 {
				ref[t]--
				overlap++
			}
		}
		p.Precision, p.Recall = float64(overlap)/float64(len(pt)), float64(overlap)/float64(len(rt))
		if overlap > 0 {
			p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
		}
	}
	low := strings.ToLower(pred)
	p.With = 1
	if len(gold.With) > 0 {
		p.With = snippetShare(low, gold.With)
	}
	if len(gold.Without) > 0 {
		p.Without = snippetShare(low, gold.Without)
	}
	return p
}

// snippetShare is the share of snippets found in text (already lower
// case).
func snippetShare(low string, snippets []string) float64 {
	n := 0
	for _, s := range snippets {
		if strings.Contains(low, strings.ToLower(s)) {
			n++
		}
	}
	return float64(n) / float64(len(snippets))
}

// WCXBScore is the benchmark's score of a set of pages: means over pages.
type WCXBScore struct {
	Pages                 int
	Precision, Recall, F1 float64
	With, Without         float64
	Empty                 int
	ByType                map[string]TypeScore
}

// TypeScore is the mean F1 of the pages of one type.
type TypeScore struct {
	Pages int
	F1    float64
}

// AggregateWCXB averages per-page scores as the benchmark does.
func AggregateWCXB(pages []WCXBPage) WCXBScore {
	s := WCXBScore{Pages: len(pages), ByType: map[string]TypeScore{}}
	if len(pages) == 0 {
		return s
	}
	sums := map[string]float64{}
	for _, p := range pages {
		s.Precision += p.Precision
		s.Recall += p.Recall
		s.F1 += p.F1
		s.With += p.With
		s.Without += p.Without
		if p.Empty {
			s.Empty++
		}
		t := s.ByType[p.Type]
		t.Pages++
		s.ByType[p.Type] = t
		sums[p.Type] += p.F1
	}
	n := float64(len(pages))
	s.Precision, s.Recall, s.F1, s.With, s.Without = s.Precision/n, s.Recall/n, s.F1/n, s.With/n, s.Without/n
	for k, t := range s.ByType {
		t.F1 = sums[k] / float64(t.Pages)
		s.ByType[k] = t
	}
	return s
}

// Lines are the score as score_wcxb.py prints it, line for line.
func (s WCXBScore) Lines() []string {
	out := []string{fmt.Sprintf("pages %d  P %.4f  R %.4f  F1 %.4f  with %.3f  without %.3f", s.Pages, s.Precision, s.Recall, s.F1, s.With, s.Without)}
	for _, t := range s.Types() {
		out = append(out, fmt.Sprintf("  %-14s %4d  F1 %.4f", t, s.ByType[t].Pages, s.ByType[t].F1))
	}
	return append(out, fmt.Sprintf("%.4f", s.F1))
}

// Types lists the page types scored, sorted.
func (s WCXBScore) Types() []string {
	var out []string
	for t := range s.ByType {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
