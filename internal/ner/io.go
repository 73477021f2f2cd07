package ner

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sort"
	"sync"

	"github.com/parallax-news/parallax/internal/featmap"
	"github.com/parallax-news/parallax/internal/learn"
)

//go:embed model.bin.gz
var shippedModel []byte

var (
	loadOnce sync.Once
	loaded   *Tagger
	loadErr  error
)

// Default returns the shipped tagger (trained by `parallax train ner`),
// loaded on first use, with the given lexicon.
func Default(lex Lexicon) (*Tagger, error) {
	loadOnce.Do(func() {
		loaded, loadErr = ReadTagger(bytes.NewReader(shippedModel))
	})
	if loadErr != nil {
		return nil, loadErr
	}
	t := *loaded
	t.First.lex = lex
	if t.Second != nil {
		t.Second.lex = lex
	}
	return &t, nil
}

const magic = "PXNER2"

// WriteTagger saves a tagger: gzip of both models, each a list of
// features with their non-zero weights as int16 and the transition table.
func WriteTagger(w io.Writer, t *Tagger) error {
	return learn.Write(w, magic, func(bw *bufio.Writer) error { return writeModels(bw, t) })
}

// SaveFile writes the tagger to path.
func SaveFile(path string, t *Tagger) error {
	return learn.WriteFile(path, magic, func(bw *bufio.Writer) error { return writeModels(bw, t) })
}

func writeModels(bw *bufio.Writer, t *Tagger) error {
	for _, m := range []*Model{t.First, t.Second} {
		if err := writeModel(bw, m); err != nil {
			return err
		}
	}
	return nil
}

func writeModel(w *bufio.Writer, m *Model) error {
	type entry struct {
		h    uint64
		mask uint32
		ws   []int16
	}
	// Weights become int16 on a scale that fits the largest one.
	maxAbs := 1e-9
	for _, v := range m.w {
		maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
	}
	scale := 32000 / maxAbs
	var es []entry
	m.index.Each(func(h uint64, row int32) {
		var e entry
		for l := 0; l < nLabels; l++ {
			v := math.Round(float64(m.w[int(row)*nLabels+l]) * scale)
			if v == 0 {
				continue
			}
			v = math.Max(math.MinInt16, math.Min(math.MaxInt16, v))
			e.mask |= 1 << l
			e.ws = append(e.ws, int16(v))
		}
		if e.mask != 0 {
			e.h = h
			es = append(es, e)
		}
	})
	sort.Slice(es, func(i, j int) bool { return es[i].h < es[j].h })
	binary.Write(w, binary.LittleEndian, scale)
	binary.Write(w, binary.LittleEndian, uint32(len(es)))
	for _, e := range es {
		binary.Write(w, binary.LittleEndian, e.h)
		binary.Write(w, binary.LittleEndian, e.mask)
		binary.Write(w, binary.LittleEndian, e.ws)
	}
	return binary.Write(w, binary.LittleEndian, m.trans)
}

// ReadTagger loads a tagger saved by WriteTagger.
func ReadTagger(r io.Reader) (*Tagger, error) {
	br, _, err := learn.Read(r, "NER model", magic)
	if err != nil {
		return nil, err
	}
	first, err := readModel(br)
	if err != nil {
		return nil, err
	}
	second, err := readModel(br)
	if err != nil {
		return nil, err
	}
	return &Tagger{First: first, Second: second}, nil
}

func readModel(r io.Reader) (*Model, error) {
	var scale float64
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	m := &Model{index: featmap.New[int32](int(n)), w: make([]float32, int(n)*nLabels), scale: scale}
	for i := 0; i < int(n); i++ {
		var h uint64
		var mask uint32
		if err := binary.Read(r, binary.LittleEndian, &h); err != nil {
			return nil, fmt.Errorf("ner model: %w", err)
		}
		if err := binary.Read(r, binary.LittleEndian, &mask); err != nil {
			return nil, err
		}
		ws := make([]int16, bits.OnesCount32(mask))
		if err := binary.Read(r, binary.LittleEndian, ws); err != nil {
			return nil, err
		}
		m.index.Set(h, int32(i))
		k := 0
		for l := 0; l < nLabels; l++ {
			if mask&(1<<l) != 0 {
				m.w[i*nLabels+l] = float32(float64(ws[k]) / scale)
				k++
			}
		}
	}
	if err := binary.Read(r, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	return m, nil
}
