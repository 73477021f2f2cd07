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

// dotUnit is the dot product of two sorted sparse vectors (the second
// may be a cut of a unit vector, so the result is at most 1).
func dotUnit(a, b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

// newVec builds a unit vector from term weights.
func newVec(ws map[uint32]float32) vec {
	v := make(vec, 0, len(ws))
	for t, w := range ws {
		v = append(v, entry{t, w})
	}
	sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
	// The norm is summed in term order: in map order its last bits would
	// change from run to run, and a decision at the threshold with them.
	var norm float64
	for _, e := range v {
		norm += float64(e.w) * float64(e.w)
	}
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

// centroid is a sum of unit vectors, kept with its squared norm so that
// cosines need no pass over it.
type centroid struct {
	w     map[uint32]float32
	sumsq float64
}

// add adds sign times a vector to the centroid (sign -1 takes back one
// added before); terms whose weight falls to nothing are dropped.
func (c *centroid) add(v vec, sign float32) {
	if c.w == nil {
		c.w = make(map[uint32]float32, len(v))
	}
	for _, e := range v {
		old := c.w[e.term]
		nw := old + sign*e.w
		if nw < 1e-6 && nw > -1e-6 {
			delete(c.w, e.term)
			nw = 0
		} else {
			c.w[e.term] = nw
		}
		c.sumsq += float64(nw)*float64(nw) - float64(old)*float64(old)
	}
	if c.sumsq < 0 {
		c.sumsq = 0
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
