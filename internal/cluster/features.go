package cluster

import (
	"math"
	"time"
)

// FeatureNames name the similarities the model weighs, in order.
var FeatureNames = []string{"similarity", "time_near", "time_known", "headline_names_new"}

const nFeatures = 4

// features compares an article with a story:
//   - the cosine of the article's words-and-names vector with the story's
//     centroid;
//   - how near in time (1 inside the story's span, falling off over two
//     days outside it), and whether both times are known;
//   - the share of the names in the article's headline that the story's
//     headlines never gave: a look-alike event shares the vocabulary, not
//     the people and places its reports are about.
func (c *Clusterer) features(dv *docVecs, s *story) []float64 {
	x := make([]float64, nFeatures)
	x[0] = s.cent[fieldAll].cosine(dv.v[fieldAll])
	if !dv.time.IsZero() && !s.first.IsZero() {
		x[2] = 1
		gap := time.Duration(0)
		if dv.time.Before(s.first) {
			gap = s.first.Sub(dv.time)
		} else if dv.time.After(s.last) {
			gap = dv.time.Sub(s.last)
		}
		x[1] = math.Exp(-gap.Hours() / 48)
	}
	if len(dv.v[fieldHead]) > 0 && !s.cent[fieldHead].empty() {
		x[3] = s.cent[fieldHead].novel(dv.v[fieldHead])
	}
	return x
}
