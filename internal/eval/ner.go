package eval

import "github.com/parallax-news/parallax/internal/ner"

// NERScore is entity-level micro precision, recall and F1, overall and
// per type (conlleval semantics: type and both ends must match).
type NERScore struct {
	P, R, F1      float64
	Gold, Pred    int
	Correct       int
	ByType        map[string][3]float64 // P, R, F1
	correctByType map[string]int
	goldByType    map[string]int
	predByType    map[string]int
}

// NERCounter accumulates sentences.
type NERCounter struct{ s NERScore }

// Add compares one sentence's gold and predicted spans.
func (c *NERCounter) Add(gold, pred []ner.Name) {
	if c.s.correctByType == nil {
		c.s.correctByType, c.s.goldByType, c.s.predByType = map[string]int{}, map[string]int{}, map[string]int{}
	}
	g := map[ner.Name]bool{}
	for _, s := range gold {
		g[s] = true
		c.s.goldByType[s.Type]++
	}
	for _, s := range pred {
		c.s.predByType[s.Type]++
		if g[s] {
			c.s.Correct++
			c.s.correctByType[s.Type]++
		}
	}
	c.s.Gold += len(gold)
	c.s.Pred += len(pred)
}

// Score returns the totals.
func (c *NERCounter) Score() NERScore {
	s := c.s
	s.P, s.R, s.F1 = prf(s.Correct, s.Pred, s.Gold)
	s.ByType = map[string][3]float64{}
	for _, t := range ner.Types {
		p, r, f := prf(s.correctByType[t], s.predByType[t], s.goldByType[t])
		s.ByType[t] = [3]float64{p, r, f}
	}
	return s
}

func prf(correct, pred, gold int) (float64, float64, float64) {
	var p, r, f float64
	if pred > 0 {
		p = float64(correct) / float64(pred)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
