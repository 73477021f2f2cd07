package eval

import "strings"

// ClusterScore holds the clustering measures of README-events.md:
// pairwise and BCubed precision, recall and F1, with diagnostics.
type ClusterScore struct {
	PairP, PairR, PairF1 float64
	B3P, B3R, B3F1       float64
	Clusters             int // predicted clusters
	GoldClusters         int
	Docs                 int
	// Merged counts predicted clusters holding articles of two gold
	// events of the same topic (the part of the label before "_").
	Merged int
}

// ScoreClusters scores predicted cluster labels against gold labels, both
// keyed by article id. An id missing from pred is its own singleton, as in
// the reference scorer.
func ScoreClusters(gold, pred map[string]string) ClusterScore {
	type cell struct{ g, p string }
	table := map[cell]int{}
	for _, id := range SortedKeys(gold) {
		p, ok := pred[id]
		if !ok {
			p = "\x00single:" + id
		}
		table[cell{gold[id], p}]++
	}
	a, b := map[string]int{}, map[string]int{}
	n := 0
	for c, k := range table {
		a[c.g] += k
		b[c.p] += k
		n += k
	}
	c2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var tp, pp, gp, bp, br float64
	for c, k := range table {
		tp += c2(k)
		bp += float64(k*k) / float64(b[c.p])
		br += float64(k*k) / float64(a[c.g])
	}
	for _, k := range b {
		pp += c2(k)
	}
	for _, k := range a {
		gp += c2(k)
	}
	s := ClusterScore{Clusters: len(b), GoldClusters: len(a), Docs: n}
	if pp > 0 {
		s.PairP = tp / pp
	}
	if gp > 0 {
		s.PairR = tp / gp
	}
	s.PairF1 = f1(s.PairP, s.PairR)
	if n > 0 {
		s.B3P, s.B3R = bp/float64(n), br/float64(n)
	}
	s.B3F1 = f1(s.B3P, s.B3R)
	// Look-alike events merged: a predicted cluster with two gold labels
	// of one topic.
	topics := map[string]map[string]map[string]bool{} // pred → topic → gold labels
	for c := range table {
		topic, _, found := strings.Cut(c.g, "_")
		if !found {
			continue
		}
		if topics[c.p] == nil {
			topics[c.p] = map[string]map[string]bool{}
		}
		if topics[c.p][topic] == nil {
			topics[c.p][topic] = map[string]bool{}
		}
		topics[c.p][topic][c.g] = true
	}
	for _, ts := range topics {
		for _, gs := range ts {
			if len(gs) > 1 {
				s.Merged++
				break
			}
		}
	}
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
