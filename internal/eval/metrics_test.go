package eval

import (
	"math"
	"testing"

	"github.com/parallax-news/parallax/internal/ner"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Four articles of two events; the clusterer puts three in one story.
//
//	pairwise: gold pairs ab, cd; predicted pairs ab, ac, bc; right: ab.
//	          P = 1/3, R = 1/2, F1 = 0.4.
//	BCubed:   precision per article |its story ∩ its event| / |its story|:
//	          a 2/3, b 2/3, c 1/3, d 1/1 → P = 2/3;
//	          recall |its story ∩ its event| / |its event|: a 1, b 1, c 1/2,
//	          d 1/2 → R = 3/4; F1 = 2·(2/3)·(3/4) / (2/3 + 3/4) = 12/17.
func TestScoreClustersByHand(t *testing.T) {
	gold := map[string]string{"a": "e1", "b": "e1", "c": "e2", "d": "e2"}
	pred := map[string]string{"a": "x", "b": "x", "c": "x", "d": "y"}
	s := ScoreClusters(gold, pred)
	for name, got := range map[string][2]float64{
		"pair P": {s.PairP, 1.0 / 3}, "pair R": {s.PairR, 0.5}, "pair F1": {s.PairF1, 0.4},
		"B3 P": {s.B3P, 2.0 / 3}, "B3 R": {s.B3R, 0.75}, "B3 F1": {s.B3F1, 12.0 / 17},
	} {
		if !near(got[0], got[1]) {
			t.Errorf("%s = %.6f, want %.6f", name, got[0], got[1])
		}
	}
	if s.Clusters != 2 || s.GoldClusters != 2 || s.Docs != 4 {
		t.Errorf("counts %+v", s)
	}
	// An article the clusterer never saw is a story of its own.
	delete(pred, "d")
	if s2 := ScoreClusters(gold, pred); !near(s2.PairP, 1.0/3) || s2.Clusters != 2 {
		t.Errorf("missing article: %+v", s2)
	}
}

// Three pages:
//
//	p1: gold "one two three four five six" has the 4-shingles 1234, 2345,
//	    3456; "one two three four seven" has 1234, 2347: tp 1, fp 1, fn 2,
//	    P 1/2, R 1/3.
//	p2: nothing predicted: left out of precision, recall 0.
//	p3: the same three tokens: one shingle each, P = R = 1, exact.
//	precision = (1/2 + 1) / 2 = 3/4; recall = (1/3 + 0 + 1) / 3 = 4/9;
//	F1 = 2·(3/4)·(4/9) / (3/4 + 4/9) = 24/43; accuracy 1/3.
func TestExtractionScoreByHand(t *testing.T) {
	pages := []PageCounts{
		ScorePage("one two three four five six", "one two three four seven"),
		ScorePage("Ünï côdé words here now", ""),
		ScorePage("three short words", "three short words"),
	}
	if c := pages[0]; c.TP != 1 || c.FP != 1 || c.FN != 2 || c.Exact {
		t.Errorf("p1 counts %+v", c)
	}
	s := Aggregate(pages)
	if !near(s.Precision, 0.75) || !near(s.Recall, 4.0/9) || !near(s.F1, 24.0/43) || !near(s.Accuracy, 1.0/3) || s.Empty != 1 {
		t.Errorf("corpus %+v", s)
	}
}

// Two sentences: gold PER 0-2 and LOC 3-4; ORG 0-1. Predicted PER 0-2
// (right), LOC 3-5 (wrong end), ORG 0-1 (right), MISC 2-3 (spurious):
// 2 right of 4 predicted and 3 gold → P 1/2, R 2/3, F1 4/7.
func TestNERScoreByHand(t *testing.T) {
	var c NERCounter
	c.Add([]ner.Name{{Start: 0, End: 2, Type: ner.PER}, {Start: 3, End: 4, Type: ner.LOC}},
		[]ner.Name{{Start: 0, End: 2, Type: ner.PER}, {Start: 3, End: 5, Type: ner.LOC}})
	c.Add([]ner.Name{{Start: 0, End: 1, Type: ner.ORG}},
		[]ner.Name{{Start: 0, End: 1, Type: ner.ORG}, {Start: 2, End: 3, Type: ner.MISC}})
	s := c.Score()
	if !near(s.P, 0.5) || !near(s.R, 2.0/3) || !near(s.F1, 4.0/7) {
		t.Errorf("micro %+v", s)
	}
	if loc := s.ByType[ner.LOC]; loc != [3]float64{0, 0, 0} {
		t.Errorf("LOC %v", loc)
	}
}

// One article, two gold quotes:
//
//	“We will win,” she said. He called it “a farce”.
//
// The first prediction covers the first quotation with its marks (strict:
// marks and spaces do not count), speaker "she"; the second covers only
// "farce" of the second (5 of 7 characters: lenient, not strict), no
// speaker. Strict 1/2, lenient 2/2; speaker right on 1 of the 2 lenient
// matches.
func TestQuoteScoreByHand(t *testing.T) {
	text := []rune(`“We will win,” she said. He called it “a farce”.`)
	idx := func(s string) int { return indexRunes(text, []rune(s)) }
	gold := []GoldQuote{
		{Chars: span(idx("We will win,"), idx("We will win,")+len([]rune("We will win,"))), Speaker: "she", HasSrc: true},
		{Chars: span(idx("a farce"), idx("a farce")+7), Speaker: "He", HasSrc: true},
	}
	pred := []PredQuote{
		{Start: idx("“We"), End: idx("” she") + 1, Speaker: "she"},
		{Start: idx("farce"), End: idx("farce") + 5},
	}
	var c QuoteCounter
	c.Add(text, gold, pred)
	s := c.Score()
	if s.Strict != 1 || s.Lenient != 2 || !near(s.SP, 0.5) || !near(s.LR, 1) || s.SpeakerN != 2 || s.SpeakerOK != 1 {
		t.Errorf("quotes %+v", s)
	}
}

func span(a, b int) []int {
	var out []int
	for k := a; k < b; k++ {
		out = append(out, k)
	}
	return out
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if string(s[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}
