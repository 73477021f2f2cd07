package cluster

import (
	"math"
	"time"
)

// FeatureNames name the similarities the model weighs, in order.
var FeatureNames = []string{"similarity", "similarity_when_near", "headline_names_new", "above_cohesion"}

const nFeatures = 4

// cohesion is the mean likeness of a story's recent members to each
// other; ok is false for a story of one.
func (s *story) cohesion() (float64, bool) {
	n := len(s.recent)
	if n < 2 {
		return 0, false
	}
	return s.pairSum / float64(n*(n-1)/2), true
}

// features compares an article with a story:
//   - how alike they are: the cosine of the article's words-and-names
//     vector with the centroid of the story's recent members, averaged
//     with its cosine with the nearest of them;
//   - that cosine again, scaled by how near in time the article is (1
//     inside the members' span, falling off over two days outside it):
//     nearness makes a likeness count more, never stands in for one;
//   - the share of the names in the article's headline that the story's
//     headlines never gave: a look-alike event shares the vocabulary, not
//     the people and places its reports are about.
func (c *Clusterer) features(dv *docVecs, s *story) []float64 {
	x := make([]float64, nFeatures)
	sim := s.similarity(dv)
	x[0] = sim
	if first, last := s.span(); !dv.time.IsZero() && !first.IsZero() {
		gap := time.Duration(0)
		if dv.time.Before(first) {
			gap = first.Sub(dv.time)
		} else if dv.time.After(last) {
			gap = dv.time.Sub(last)
		}
		x[1] = sim * math.Exp(-gap.Hours()/48)
	}
	if len(dv.v[fieldHead]) > 0 && !s.cent[fieldHead].empty() {
		x[2] = s.cent[fieldHead].novel(dv.v[fieldHead])
	}
	if coh, ok := s.cohesion(); ok {
		x[3] = min(0, sim-coh)
	}
	return x
}

// similarity is how alike an article and a story are: the mean of the
// cosine with the centroid of the story's recent members and the cosine
// with the nearest of them. A story whose members have little in
// common has a generic centroid that every article resembles; the
// nearest member keeps such a story from drawing in everything.
func (s *story) similarity(dv *docVecs) float64 {
	c := s.cent[fieldAll].cosine(dv.v[fieldAll])
	nearest := 0.0
	for _, m := range s.recent {
		nearest = max(nearest, dotUnit(dv.v[fieldAll], m.v[fieldAll]))
	}
	return (c + nearest) / 2
}
