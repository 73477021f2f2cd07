package ner

import (
	"fmt"
	"os"
	"testing"

	"github.com/parallax-news/parallax/internal/lexicon"
)

// TestTrainDev trains on CoNLL train and scores dev: a development aid
// (PARALLAX_NER_DEV=1), not part of the suite.
func TestTrainDev(t *testing.T) {
	if os.Getenv("PARALLAX_NER_DEV") == "" {
		t.Skip("set PARALLAX_NER_DEV=1")
	}
	train, err := ReadCoNLL("../../../shared/data/ner-train.conll.gz")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := ReadCoNLL("../../../shared/data/ner-dev.conll.gz")
	if err != nil {
		t.Fatal(err)
	}
	var first *Model
	tg := TrainTagger(train.Docs, testLexicon, 5, TrainOptions{Epochs: 12, Progress: func(e int, m *Model) bool {
		if first != nil {
			fmt.Printf("epoch %d: two-pass dev F1 %.4f\n", e, devF1(&Tagger{First: first, Second: m}, dev))
		}
		return true
	}}, func(f string, a ...any) { fmt.Printf(f+"\n", a...) })
	fmt.Printf("first pass alone: %.4f; two-pass: %.4f\n", devF1(&Tagger{First: tg.First}, dev), devF1(tg, dev))
	_ = first
}

type tagger interface{ Tag([][]string) [][]Name }

var testLexicon Lexicon = lexicon.Default()

func devF1(m tagger, f *CoNLLFile) float64 {
	correct, pred, gold := 0, 0, 0
	for _, d := range f.Docs {
		doc := make([][]string, len(d))
		for i, s := range d {
			doc[i] = s.Tokens
		}
		got := m.Tag(doc)
		for i, s := range d {
			g := map[Name]bool{}
			for _, x := range s.Spans {
				g[x] = true
			}
			for _, x := range got[i] {
				if g[x] {
					correct++
				}
			}
			pred += len(got[i])
			gold += len(s.Spans)
		}
	}
	p, r := float64(correct)/float64(pred), float64(correct)/float64(gold)
	return 2 * p * r / (p + r)
}
