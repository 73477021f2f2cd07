package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

func init() {
	register(&command{
		name:    "train",
		args:    "ner [flags]",
		summary: "Rebuild a learned model from its training data (reproducibly).",
		run:     runTrain,
	})
}

func runTrain(ctx context.Context, args []string) error {
	c := commands[indexOf("train")]
	fs := newFlags(c, `Subcommands:
  ner      train the two-pass entity tagger on CoNLL-2003 train data and write
           its weights (the file the binary embeds).
  quotes   train the quote model (is a quotation attributed; where does the
           attributed content start and end) on PolNeAR train data.
  cluster  learn the story-join model (logistic weights and threshold) on
           event-labelled files (--train FILE, repeatable with commas;
           default the ECB+ and BASIL dev files).
The same data and flags give the same model. Defaults read ../shared/data.`)
	train := fs.String("train", "", "training `file` (default: the subcommand's file in ../shared/data)")
	dev := fs.String("dev", "", "`file` to report scores on (not trained on); \"none\" to skip")
	out := fs.String("out", "", "where to write the model (default: the file the binary embeds)")
	epochs := fs.Int("epochs", 0, "training `passes` over the data (default: ner 12; quotes 8, the best strict F1 in 5-fold cross-validation on the training split)")
	folds := fs.Int("folds", 5, "ner: folds for the second pass's first-pass predictions")
	cv := fs.Int("cv", 5, "quotes: choose the attribution threshold by `K`-fold cross-validation on the training file (0: keep 0)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "ner" && pos[0] != "quotes" && pos[0] != "cluster" {
		fs.Usage()
		return errUsage
	}
	if pos[0] == "cluster" {
		return trainCluster(or(*train, "../shared/data/events-dev.jsonl.gz,../shared/data/basil-dev.jsonl.gz"), or(*out, "internal/cluster/model.json"))
	}
	if pos[0] == "quotes" {
		return trainQuotes(or(*train, "../shared/data/quotes-train.jsonl.gz"), or(*out, "internal/quotes/model.gz"), orInt(*epochs, quoteEpochs), *cv)
	}
	*epochs = orInt(*epochs, nerEpochs)
	*train = or(*train, "../shared/data/ner-train.conll.gz")
	*out = or(*out, "internal/ner/model.bin.gz")
	*dev = or(*dev, "../shared/data/ner-dev.conll.gz")
	start := time.Now()
	data, err := ner.ReadCoNLL(*train)
	if err != nil {
		return err
	}
	logf := func(f string, a ...any) { fmt.Fprintf(os.Stderr, "train ner: "+f+"\n", a...) }
	logf("%d documents from %s", len(data.Docs), *train)
	tg := ner.TrainTagger(data.Docs, lexicon.Default(), *folds, ner.TrainOptions{Epochs: *epochs, Seed: 1}, logf)
	if err := ner.SaveFile(*out, tg); err != nil {
		return err
	}
	logf("wrote %s (%d + %d features) in %s", *out, tg.First.Features(), tg.Second.Features(), time.Since(start).Round(time.Second))
	if *dev != "none" {
		d, err := ner.ReadCoNLL(*dev)
		if err != nil {
			return err
		}
		s := scoreNER(tg, d, nil)
		logf("dev F1 %.4f (P %.4f R %.4f) on %s", s.F1, s.P, s.R, *dev)
	}
	return nil
}

// trainCluster learns the clustering model on event-labelled files, each
// a stream of its own.
func trainCluster(files, out string) error {
	var streams [][]cluster.Profile
	var labels [][]string
	for _, f := range strings.Split(files, ",") {
		set, err := loadClusterSet(f)
		if err != nil {
			return err
		}
		streams = append(streams, set.docs)
		labels = append(labels, set.labels)
	}
	m := cluster.Learn(streams, labels, clusterObjective(streams, labels), "logistic regression on oracle comparisons, threshold by mean pairwise/BCubed F1; data: "+files)
	if err := cluster.SaveModel(out, m); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train cluster: wrote %s (threshold %.2f)\n", out, m.Threshold)
	return nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Default training passes. For quotes, 8 had the best strict F1 of 6, 8,
// 10, 12, 15 and 20 in 5-fold cross-validation on the training split
// (0.7499 against 0.7472–0.7492; BENCHMARKS.md).
const nerEpochs, quoteEpochs = 12, 8

// orInt returns v, or def when v is 0.
func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func trainQuotes(train, out string, epochs, folds int) error {
	start := time.Now()
	var docs []quotes.AnnotatedText
	var articles []polnearArticle
	err := eachJSONLine(train, func(line []byte) error {
		var a polnearArticle
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
func crossValidateQuotes(docs []quotes.AnnotatedText, articles []polnearArticle, epochs, folds int) float32 {
	grid := []float32{-3, 0, 1.5, 3, 5, 7, 10, 14}
	counters := make([]eval.QuoteCounter, len(grid))
	for f := 0; f < folds; f++ {
		var learn []quotes.AnnotatedText
		for i, d := range docs {
			if i%folds != f {
				learn = append(learn, d)
			}
		}
		m := quotes.Train(learn, epochs)
		for g, th := range grid {
			m.AttrThreshold = th
			for i := range articles {
				if i%folds != f {
					continue
				}
				a := &articles[i]
				pred := quotePredictions(a.Text, quotes.FindWith(a.Text, words.Sentences(a.Text), m))
				counters[g].Add([]rune(a.Text), a.goldQuotes(), pred)
			}
		}
	}
	scores := make([]eval.QuoteScore, len(grid))
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
