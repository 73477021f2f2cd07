package eval

import (
	"math"
	"strconv"

	"github.com/parallax-news/parallax/internal/cluster"
)

// The plainest story clusterer, the yardstick the learned one must beat
// on data it was not tuned on: each article, in stream order, joins the
// cluster whose centroid is the most cosine-similar to its TF-IDF vector
// (headline and body words), if that similarity reaches one threshold,
// and opens a cluster otherwise.

// tfidf weighs words by their inverse document frequency in a set of
// documents; a word the set never had weighs as one seen once.
type tfidf struct {
	idf    map[string]float64
	unseen float64
}

func newTFIDF(docs []cluster.Profile) *tfidf {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range append(append([]string{}, d.Title...), d.Body...) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(docs))
	t := &tfidf{idf: make(map[string]float64, len(df)), unseen: math.Log(1 + n)}
	for w, k := range df {
		t.idf[w] = math.Log(1 + n/float64(k))
	}
	return t
}

// vector is a document's unit TF-IDF vector.
func (t *tfidf) vector(d cluster.Profile) map[string]float64 {
	v := map[string]float64{}
	for _, w := range append(append([]string{}, d.Title...), d.Body...) {
		idf, ok := t.idf[w]
		if !ok {
			idf = t.unseen
		}
		v[w] += idf
	}
	norm := 0.0
	for _, x := range v {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	for w := range v {
		v[w] /= norm
	}
	return v
}

// singlePass clusters docs in order with one similarity threshold and
// returns each document's cluster number.
func singlePass(docs []cluster.Profile, t *tfidf, threshold float64) []int {
	type centroid struct {
		sum  map[string]float64
		norm float64
	}
	var cs []*centroid
	out := make([]int, len(docs))
	for k, d := range docs {
		v := t.vector(d)
		best, bestSim := -1, threshold
		for i, c := range cs {
			dot := 0.0
			for w, x := range v {
				dot += x * c.sum[w]
			}
			if sim := dot / c.norm; sim >= bestSim {
				best, bestSim = i, sim
			}
		}
		if best < 0 {
			cs = append(cs, &centroid{sum: map[string]float64{}})
			best = len(cs) - 1
		}
		c := cs[best]
		for w, x := range v {
			c.sum[w] += x
		}
		norm := 0.0
		for _, x := range c.sum {
			norm += x * x
		}
		c.norm = math.Sqrt(norm)
		out[k] = best
	}
	return out
}

// baselineThresholds are the thresholds the baseline chooses among.
func baselineThresholds() []float64 {
	var out []float64
	for t := 0.05; t < 0.801; t += 0.025 {
		out = append(out, t)
	}
	return out
}

// chooseBaseline picks the threshold with the best mean of pairwise and
// BCubed F1 on the training documents.
func chooseBaseline(docs []cluster.Profile, labels []string, t *tfidf) float64 {
	gold := map[string]string{}
	for i, d := range docs {
		gold[d.ID] = labels[i]
	}
	best, bestScore := 0.0, -1.0
	for _, th := range baselineThresholds() {
		s := ScoreClusters(gold, labelled(docs, singlePass(docs, t, th)))
		if score := (s.PairF1 + s.B3F1) / 2; score > bestScore {
			best, bestScore = th, score
		}
	}
	return best
}

// labelled names each document's cluster as a story label.
func labelled(docs []cluster.Profile, clusters []int) map[string]string {
	out := make(map[string]string, len(docs))
	for i, d := range docs {
		out[d.ID] = "b" + strconv.Itoa(clusters[i])
	}
	return out
}
