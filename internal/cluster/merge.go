package cluster

// A single pass splits a story when its first articles share too little:
// the third report may bridge two groups that each looked like a story of
// their own. After each article, the story it joined is compared, as a
// whole, with the stories near it, and merged with one the model finds it
// is part of.

// mergeNear merges s with the most probable other story when the model's
// probability reaches the merge threshold, and returns the surviving
// story.
func (c *Clusterer) mergeNear(s *story) *story {
	if c.opt.Model.MergeThreshold <= 0 || c.opt.Model.MergeThreshold > 1 {
		return s
	}
	view := c.storyView(s)
	best, bestP := (*story)(nil), 0.0
	for _, si := range c.candidates(view) {
		t := c.stories[si]
		if t == s {
			continue
		}
		if p := c.opt.Model.Prob(c.features(view, t)); p > bestP {
			best, bestP = t, p
		}
	}
	if best == nil || bestP < c.opt.Model.MergeThreshold {
		return s
	}
	return c.merge(best, s)
}

// storyView presents a story as if it were one article: its centroids as
// unit vectors, its time range, its indexed terms as the query.
func (c *Clusterer) storyView(s *story) *docVecs {
	dv := &docVecs{time: s.first, main: [2]uint32{noTerm, noTerm}}
	for k, mains := range s.mains {
		bestN := 0
		for m, n := range mains {
			if n > bestN || n == bestN && m < dv.main[k] {
				dv.main[k], bestN = m, n
			}
		}
	}
	for f := range s.cent {
		ws := make(map[uint32]float32, len(s.cent[f].w))
		for t, w := range s.cent[f].w {
			ws[t] = w
		}
		dv.v[f] = newVec(ws)
	}
	dv.nearBody = dv.v[fieldBody].top(memberTerms[fieldBody])
	for t := range s.indexed {
		dv.query = append(dv.query, t)
	}
	sortTerms(dv.query)
	return dv
}

// merge folds the smaller of two stories into the larger.
func (c *Clusterer) merge(a, b *story) *story {
	if b.size > a.size || b.size == a.size && b.id < a.id {
		a, b = b, a
	}
	a.size += b.size
	for f := range a.cent {
		v := make(vec, 0, len(b.cent[f].w))
		for t, w := range b.cent[f].w {
			v = append(v, entry{t, w})
		}
		a.cent[f].add(v, centroidLimit)
	}
	for k := range b.mains {
		for m, n := range b.mains[k] {
			if a.mains[k] == nil {
				a.mains[k] = map[uint32]int{}
			}
			a.mains[k][m] += n
		}
	}
	a.members = append(a.members, b.members...)
	if len(a.members) > membersKept {
		a.members = a.members[len(a.members)-membersKept:]
	}
	if !b.first.IsZero() && (a.first.IsZero() || b.first.Before(a.first)) {
		a.first = b.first
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
	for t := range b.indexed {
		if !a.indexed[t] {
			a.indexed[t] = true
			c.postings[t] = append(c.postings[t], int32(a.id))
		}
	}
	b.parent = a.id
	b.evicted = true
	b.cent = [nFields]centroid{}
	b.members = nil
	b.indexed = nil
	return a
}

func sortTerms(ts []uint32) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j] < ts[j-1]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
