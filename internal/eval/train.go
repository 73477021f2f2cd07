package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// TrainNER trains the two-pass entity tagger on a CoNLL-2003 file (folds:
// for the second pass's first-pass predictions), writes it to out, and
// reports its F1 on dev unless dev is "none".
func TrainNER(train, dev, out string, epochs, folds int) error {
	start := time.Now()
	data, err := ner.ReadCoNLL(train)
	if err != nil {
		return err
	}
	logf := func(f string, a ...any) { fmt.Fprintf(os.Stderr, "train ner: "+f+"\n", a...) }
	logf("%d documents from %s", len(data.Docs), train)
	tg := ner.TrainTagger(data.Docs, lexicon.Default(), folds, ner.TrainOptions{Epochs: epochs, Seed: 1}, logf)
	if err := ner.SaveFile(out, tg); err != nil {
		return err
	}
	logf("wrote %s (%d + %d features) in %s", out, tg.First.Features(), tg.Second.Features(), time.Since(start).Round(time.Second))
	if dev != "none" {
		d, err := ner.ReadCoNLL(dev)
		if err != nil {
			return err
		}
		s := ScoreTagger(tg, d, nil)
		logf("dev F1 %.4f (P %.4f R %.4f) on %s", s.F1, s.P, s.R, dev)
	}
	return nil
}

// TrainCluster learns the clustering model on event-labelled files, each
// a stream of its own, and writes it to out.
func TrainCluster(files []string, out string) error {
	var streams [][]cluster.Profile
	var labels [][]string
	for _, f := range files {
		set, err := LoadClusterSet(f)
		if err != nil {
			return err
		}
		streams = append(streams, set.Docs)
		labels = append(labels, set.Labels)
	}
	m := cluster.Learn(streams, labels, ClusterObjective(streams, labels), "logistic regression on oracle comparisons, threshold by mean pairwise/BCubed F1; data: "+strings.Join(files, ","))
	if err := cluster.SaveModel(out, m); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train cluster: wrote %s (join threshold %.2f, undated %.2f, bridge %.2f, merge %.2f)\n", out, m.Threshold, m.UndatedThreshold, m.BridgeThreshold, m.MergeThreshold)
	return nil
}

// Default training passes. For quotes, 8 had the best strict F1 of 6, 8,
// 10, 12, 15 and 20 in 5-fold cross-validation on the training split
// (0.7499 against 0.7472–0.7492; BENCHMARKS.md).
const NEREpochs, QuoteEpochs = 12, 8

// TrainQuotes trains the quote model on PolNeAR-style training data, its
// attribution threshold chosen by folds-fold cross-validation (folds < 2:
// kept at 0), and writes it to out.
func TrainQuotes(train, out string, epochs, folds int) error {
	start := time.Now()
	var docs []quotes.AnnotatedText
	var articles []PolnearArticle
	err := EachJSONLine(train, func(line []byte) error {
		var a PolnearArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		articles = append(articles, a)
		off := text.NewOffsets(a.Text)
		d := quotes.AnnotatedText{Text: a.Text}
		for _, at := range a.Attributions {
			if at.Direct {
				d.Quote = append(d.Quote, text.Span{Start: off.Byte(at.Content.Start), End: off.Byte(at.Content.End)})
				var src text.Span
				if at.Source != nil {
					src = text.Span{Start: off.Byte(at.Source.Start), End: off.Byte(at.Source.End)}
				}
				d.Source = append(d.Source, src)
			}
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return err
	}
	m := quotes.Train(docs, epochs)
	if folds > 1 {
		m.AttrThreshold = crossValidateQuotes(docs, articles, epochs, folds)
	}
	if err := quotes.SaveModel(out, m); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train quotes: %d articles from %s; wrote %s in %s (rebuild the binary to embed it)\n", len(docs), train, out, time.Since(start).Round(time.Second))
	return nil
}

// crossValidateQuotes trains on all folds but one and scores the one left
// out, for each fold and each attribution threshold of a grid, prints the
// pooled scores, and returns the threshold to ship: the best strict F1
// among those whose lenient F1 is within a point of the best lenient F1
// (a higher threshold trades recall of quotes for exact boundaries).
func crossValidateQuotes(docs []quotes.AnnotatedText, articles []PolnearArticle, epochs, folds int) float32 {
	grid := []float32{-3, 0, 1.5, 3, 5, 7, 10, 14}
	counters := make([]QuoteCounter, len(grid))
	for f := 0; f < folds; f++ {
		var fold []quotes.AnnotatedText
		for i, d := range docs {
			if i%folds != f {
				fold = append(fold, d)
			}
		}
		m := quotes.Train(fold, epochs)
		for g, th := range grid {
			m.AttrThreshold = th
			for i := range articles {
				if i%folds != f {
					continue
				}
				a := &articles[i]
				pred := QuotePredictions(a.Text, quotes.FindWith(a.Text, words.Sentences(a.Text), m))
				counters[g].Add([]rune(a.Text), a.GoldQuotes(), pred)
			}
		}
	}
	scores := make([]QuoteScore, len(grid))
	bestLenient := 0.0
	for g := range grid {
		scores[g] = counters[g].Score()
		bestLenient = max(bestLenient, scores[g].LF1)
		fmt.Fprintf(os.Stderr, "train quotes: %d-fold cross-validation, threshold %5.1f: strict F1 %.4f, lenient F1 %.4f, speaker %.4f\n",
			folds, grid[g], scores[g].SF1, scores[g].LF1, scores[g].SpeakerAcc)
	}
	best := 0
	for g := range grid {
		if scores[g].LF1 >= bestLenient-0.01 && scores[g].SF1 > scores[best].SF1 {
			best = g
		}
	}
	fmt.Fprintf(os.Stderr, "train quotes: attribution threshold %.1f\n", grid[best])
	return grid[best]
}
