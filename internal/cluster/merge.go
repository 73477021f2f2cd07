package cluster

import "math"

// The merge pass. A single pass splits an event whose first reports
// share little: the second report opens its own story, and each later
// report joins whichever half it resembles more. Once the halves have
// grown, their centroids show what single articles could not, so a story
// that just took an article is compared with the other stories that
// article was compared with, and absorbs those as alike as one story.

// mergePass merges into s each candidate story whose centroid is as alike
// as the model's MergeThreshold and whose time span is within the window
// of s's, and returns the story s now is.
func (c *Clusterer) mergePass(s *story, cands []int) *story {
	th := c.opt.Model.MergeThreshold
	if th <= 0 {
		return s
	}
	for _, si := range cands {
		t := c.stories[si]
		if t == s || t.evicted || !c.spansMeet(s, t) {
			continue
		}
		if storyLikeness(s, t) >= th {
			s = c.merge(s, t)
		}
	}
	return s
}

// spansMeet reports whether two stories' recent members lie within the
// window of each other (true when either has no times).
func (c *Clusterer) spansMeet(s, t *story) bool {
	sf, sl := s.span()
	tf, tl := t.span()
	if sf.IsZero() || tf.IsZero() {
		return true
	}
	return !tf.After(sl.Add(c.opt.Window)) && !sf.After(tl.Add(c.opt.Window))
}

// storyLikeness is the cosine of two stories' centroids. A centroid is
// the sum of its recent members, so the dot product is summed over the
// other story's members, in order, term by term: the sum, and any
// decision at the threshold, is the same from run to run (a sum over a
// map's terms is not).
func storyLikeness(s, t *story) float64 {
	a := &s.cent[fieldAll]
	if a.sumsq <= 0 || t.cent[fieldAll].sumsq <= 0 {
		return 0
	}
	var dot float64
	for _, m := range t.recent {
		for _, e := range m.v[fieldAll] {
			dot += float64(e.w) * float64(a.w[e.term])
		}
	}
	return dot / math.Sqrt(a.sumsq*t.cent[fieldAll].sumsq)
}
