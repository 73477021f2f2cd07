package ner

import (
	"math/rand/v2"

	"github.com/parallax-news/parallax/internal/featmap"
	"github.com/parallax-news/parallax/internal/learn"
)

// Sentence is a training sentence: tokens and their gold entity spans.
type Sentence struct {
	Tokens []string
	Spans  []Name
}

// Document is a run of sentences that share context (a news story).
type Document []Sentence

// TrainOptions control training.
type TrainOptions struct {
	Epochs int
	Seed   uint64
	// Progress, if set, is called after each epoch; returning false stops.
	Progress func(epoch int, m *Model) bool
}

type example struct {
	feats [][]uint64
	gold  []label
}

// Train learns a model from documents with an averaged structured
// perceptron. Features are computed once; each epoch visits the sentences
// in a fixed pseudo-random order, so training is reproducible. hints, when
// not nil, are the per-document first-pass hints of a second-pass model.
func Train(docs []Document, lex Lexicon, hints [][][][]string, opt TrainOptions) *Model {
	if opt.Epochs == 0 {
		opt.Epochs = 12
	}
	var exs []example
	for di, d := range docs {
		toks := docTokens(d)
		ctx := newDocContext(toks)
		for i, s := range d {
			if len(s.Tokens) == 0 {
				continue
			}
			var h [][]string
			if hints != nil {
				h = hints[di][i]
			}
			exs = append(exs, example{feats: sentenceFeatures(toks[i], ctx, lex, h), gold: fromSpans(len(s.Tokens), s.Spans)})
		}
	}
	t := newTrainer(exs, lex)
	r := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			t.learn(exs[k])
		}
		if opt.Progress != nil && !opt.Progress(epoch, t.averaged()) {
			break
		}
	}
	return t.averaged()
}

// trainer holds the perceptron's weights as they are learned: the emission
// weights (feature × label) and the transition scores, each an averaged
// table. The model's own weights are the tables' current ones, which
// decoding reads as training goes.
type trainer struct {
	m     Model
	w     *learn.Table
	trans *learn.Table // (nLabels+1) × nLabels, mirrored in m.trans
}

func newTrainer(exs []example, lex Lexicon) *trainer {
	idx := featmap.New[int32](1 << 16)
	for _, ex := range exs {
		for _, fs := range ex.feats {
			for _, f := range fs {
				if _, ok := idx.Get(f); !ok {
					idx.Set(f, int32(idx.Len()))
				}
			}
		}
	}
	w := learn.NewTable(idx.Len() * nLabels)
	return &trainer{m: Model{index: idx, w: w.W, lex: lex}, w: w, trans: learn.NewTable((nLabels + 1) * nLabels)}
}

func (t *trainer) learn(ex example) {
	pred := t.m.viterbi(ex.feats)
	prev, prevPred := label(nLabels), label(nLabels)
	for i := range ex.gold {
		g, p := ex.gold[i], pred[i]
		if g != p {
			for _, f := range ex.feats[i] {
				r, _ := t.m.index.Get(f)
				row := int(r) * nLabels
				t.w.Add(row+int(g), 1)
				t.w.Add(row+int(p), -1)
			}
		}
		if g != p || prev != prevPred {
			t.addTrans(prev, g, 1)
			t.addTrans(prevPred, p, -1)
		}
		prev, prevPred = g, p
	}
	t.w.Tick()
	t.trans.Tick()
}

// addTrans changes the score of the transition a → b.
func (t *trainer) addTrans(a, b label, delta float32) {
	i := int(a)*nLabels + int(b)
	t.trans.Add(i, delta)
	t.m.trans[a][b] = t.trans.W[i]
}

// averaged returns the averaged model (a copy; training can go on).
func (t *trainer) averaged() *Model {
	m := &Model{index: t.m.index, w: t.w.Averaged(), lex: t.m.lex}
	tr := t.trans.Averaged()
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] = tr[a*nLabels+b]
		}
	}
	return m
}

func docTokens(d Document) [][]token {
	toks := make([][]token, len(d))
	for i, s := range d {
		toks[i] = newTokens(s.Tokens)
	}
	return toks
}

// TrainTagger trains the two-pass tagger. The second pass must learn from
// first-pass predictions as good as on unseen text, so the training
// documents' hints come from models trained on the other folds.
func TrainTagger(docs []Document, lex Lexicon, folds int, opt TrainOptions, logf func(string, ...any)) *Tagger {
	hints := make([][][][]string, len(docs))
	for k := 0; k < folds; k++ {
		var train []Document
		var held []int
		for i, d := range docs {
			if i%folds == k {
				held = append(held, i)
			} else {
				train = append(train, d)
			}
		}
		m := Train(train, lex, nil, TrainOptions{Epochs: opt.Epochs, Seed: opt.Seed})
		for _, i := range held {
			toks := docTokens(docs[i])
			hints[i] = documentHints(toks, m.tagTokens(toks, newDocContext(toks), nil))
		}
		if logf != nil {
			logf("fold %d/%d trained", k+1, folds)
		}
	}
	first := Train(docs, lex, nil, TrainOptions{Epochs: opt.Epochs, Seed: opt.Seed})
	if logf != nil {
		logf("first pass trained")
	}
	second := Train(docs, lex, hints, opt)
	return &Tagger{First: first, Second: second}
}
