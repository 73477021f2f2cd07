package cluster

import (
	"math"
	"sort"
)

// entry is one weighted term of a sparse vector.
type entry struct {
	term uint32
	w    float32
}

// vec is a sparse vector sorted by term, of unit length.
type vec []entry

// newVec builds a unit vector from term weights.
func newVec(ws map[uint32]float32) vec {
	v := make(vec, 0, len(ws))
	var norm float64
	for t, w := range ws {
		v = append(v, entry{t, w})
		norm += float64(w) * float64(w)
	}
	sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range v {
			v[i].w *= inv
		}
	}
	return v
}

// top returns the n heaviest entries of v, sorted by term.
func (v vec) top(n int) vec {
	if len(v) <= n {
		return v
	}
	c := append(vec(nil), v...)
	sort.Slice(c, func(i, j int) bool { return c[i].w > c[j].w || c[i].w == c[j].w && c[i].term < c[j].term })
	c = c[:n]
	sort.Slice(c, func(i, j int) bool { return c[i].term < c[j].term })
	return c
}

// centroid is the sum of the unit vectors of a story's articles, kept
// with its squared norm so that cosines need no pass over it.
type centroid struct {
	w     map[uint32]float32
	sumsq float64
}

// add adds a unit vector to the centroid. When the centroid grows past
// limit terms it keeps the heaviest half: a story's long tail of terms
// says little and would make memory grow with the stream.
func (c *centroid) add(v vec, limit int) {
	if c.w == nil {
		c.w = make(map[uint32]float32, len(v))
	}
	for _, e := range v {
		old := c.w[e.term]
		nw := old + e.w
		c.w[e.term] = nw
		c.sumsq += float64(nw)*float64(nw) - float64(old)*float64(old)
	}
	if limit > 0 && len(c.w) > 2*limit {
		c.prune(limit)
	}
}

func (c *centroid) prune(keep int) {
	ws := make([]float32, 0, len(c.w))
	for _, w := range c.w {
		ws = append(ws, w)
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i] > ws[j] })
	cut := ws[keep-1]
	kept := 0
	c.sumsq = 0
	for t, w := range c.w {
		if w < cut || w == cut && kept >= keep {
			delete(c.w, t)
			continue
		}
		kept++
		c.sumsq += float64(w) * float64(w)
	}
}

// cosine is the cosine between a unit vector and the centroid.
func (c *centroid) cosine(v vec) float64 {
	if c.sumsq <= 0 || len(v) == 0 {
		return 0
	}
	var s float64
	for _, e := range v {
		s += float64(e.w) * float64(c.w[e.term])
	}
	return s / math.Sqrt(c.sumsq)
}

// novel is the share of a unit vector's squared weight that lies on
// terms the centroid lacks (0 for an empty vector).
func (c *centroid) novel(v vec) float64 {
	var s float64
	for _, e := range v {
		if c.w[e.term] == 0 {
			s += float64(e.w) * float64(e.w)
		}
	}
	return s
}

// empty reports whether nothing was added.
func (c *centroid) empty() bool { return c.sumsq <= 0 }
