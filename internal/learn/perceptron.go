package learn

import "github.com/parallax-news/parallax/internal/featmap"

// Perceptron is a perceptron over hashed features, for binary and ranking
// decisions, whose final weights are the average of the weights over all
// steps. The average uses the standard trick: avg = w − u/c, with u the
// sum of c·update over time.
type Perceptron struct {
	w, u map[uint64]float32
	c    float32
}

// NewPerceptron returns a perceptron with no weights.
func NewPerceptron() *Perceptron {
	return &Perceptron{w: map[uint64]float32{}, u: map[uint64]float32{}, c: 1}
}

// Score sums the current weights of the features.
func (p *Perceptron) Score(feats []uint64) float32 {
	var s float32
	for _, f := range feats {
		s += p.w[f]
	}
	return s
}

// Update adds sign to the weight of each feature.
func (p *Perceptron) Update(feats []uint64, sign float32) {
	for _, h := range feats {
		p.w[h] += sign
		p.u[h] += sign * p.c
	}
}

// Tick ends a step: one example seen.
func (p *Perceptron) Tick() { p.c++ }

// Averaged returns the averaged weights, without the zero ones.
func (p *Perceptron) Averaged() *featmap.Map[float32] {
	out := featmap.New[float32](len(p.w))
	for k, v := range p.w {
		if x := v - p.u[k]/p.c; x != 0 {
			out.Set(k, x)
		}
	}
	return out
}

// Score sums a learned weight table's weights of the features.
func Score(w *featmap.Map[float32], feats []uint64) float32 {
	var s float32
	for _, f := range feats {
		v, _ := w.Get(f)
		s += v
	}
	return s
}
