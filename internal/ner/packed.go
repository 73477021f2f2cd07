package ner

import (
	"math"
	"sync"

	"github.com/parallax-news/parallax/internal/featmap"
)

// packedTagger holds both passes' weights in one table for tagging: a
// feature is looked up once and gives its weights in the first and the
// second model side by side, as int16 (the precision the model is saved
// with). Tagging is bound by memory look-ups, and this halves them.
type packedTagger struct {
	index *featmap.Map[int32]
	w     []int16 // per entry: nLabels weights of the first model, then of the second
	inv   [2]float32
	cache wordCache
}

var packedCache sync.Map // *Model (first pass) → *packedTagger

// packed returns the tagger's packed table, building it on first use.
func (t *Tagger) packed() *packedTagger {
	if p, ok := packedCache.Load(t.First); ok {
		return p.(*packedTagger)
	}
	p := pack(t.First, t.Second)
	actual, _ := packedCache.LoadOrStore(t.First, p)
	return actual.(*packedTagger)
}

func pack(models ...*Model) *packedTagger {
	p := &packedTagger{index: featmap.New[int32](models[0].index.Len() + models[1].index.Len()/4)}
	for k, m := range models {
		scale := m.scale
		if scale == 0 {
			maxAbs := 1e-9
			for _, v := range m.w {
				maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
			}
			scale = 32000 / maxAbs
		}
		p.inv[k] = float32(1 / scale)
		m.index.Each(func(h uint64, row int32) {
			e, ok := p.index.Get(h)
			if !ok {
				e = int32(len(p.w) / (2 * nLabels))
				p.index.Set(h, e)
				p.w = append(p.w, make([]int16, 2*nLabels)...)
			}
			dst := p.w[int(e)*2*nLabels+k*nLabels:]
			for l := 0; l < nLabels; l++ {
				v := math.Round(float64(m.w[int(row)*nLabels+l]) * scale)
				dst[l] = int16(math.Max(math.MinInt16, math.Min(math.MaxInt16, v)))
			}
		})
	}
	return p
}

// firstEmissions turns a sentence's sums into the first model's scores.
func (p *packedTagger) firstEmissions(buf *[][nLabels]float32, ss []sums) [][nLabels]float32 {
	*buf = grow(*buf, len(ss))
	em := *buf
	for i := range ss {
		for l := 0; l < nLabels; l++ {
			em[i][l] = float32(ss[i][l]) * p.inv[0]
		}
	}
	return em
}

// secondEmissions adds the weights of the document hints to the second
// model's sums and returns its scores.
func (p *packedTagger) secondEmissions(buf *[][nLabels]float32, ss [][nLabels]int32, sent []token, hints [][]string) [][nLabels]float32 {
	*buf = grow(*buf, len(ss))
	em := *buf
	for i := range ss {
		sum := ss[i]
		for _, h := range hints[i] {
			for _, f := range hintFeatures(h, sent[i].shape) {
				if e, ok := p.index.Get(uint64(f)); ok {
					ws := p.w[int(e)*2*nLabels+nLabels:][:nLabels]
					for l, v := range ws {
						sum[l] += int32(v)
					}
				}
			}
		}
		for l := range sum {
			em[i][l] = float32(sum[l]) * p.inv[1]
		}
	}
	return em
}
