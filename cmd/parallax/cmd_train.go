package main

import (
	"context"
	"os"
	"strings"

	"github.com/parallax-news/parallax/internal/eval"
)

func init() {
	register(&command{
		name:    "train",
		args:    "ner|quotes|cluster|compare [flags]",
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
  compare  learn the report's sentence-alignment model (which sentences of
           two outlets state one fact) on BASIL events (--train) and the
           fact-checker's gold (--gold); prints its --cv K-fold
           cross-validated scores (folds by event) first.
The same data and flags give the same model. Defaults read ../shared/data.`)
	train := fs.String("train", "", "training `file` (default: the subcommand's file in ../shared/data)")
	dev := fs.String("dev", "", "`file` to report scores on (not trained on); \"none\" to skip")
	out := fs.String("out", "", "where to write the model (default: the file the binary embeds)")
	epochs := fs.Int("epochs", 0, "training `passes` over the data (default: ner 12; quotes 8, the best strict F1 in 5-fold cross-validation on the training split)")
	folds := fs.Int("folds", 5, "ner: folds for the second pass's first-pass predictions")
	cv := fs.Int("cv", 5, "quotes: choose the attribution threshold by `K`-fold cross-validation on the training file (0: keep 0); compare: report K-fold cross-validated scores (0: skip)")
	gold := fs.String("gold", "", "compare: the comparison gold `file` (default ../shared/data/basil-compare-dev.jsonl)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "ner" && pos[0] != "quotes" && pos[0] != "cluster" && pos[0] != "compare" {
		fs.Usage()
		return errUsage
	}
	if pos[0] == "compare" {
		return eval.TrainCompare(ctx, os.Stdout, or(*train, "../shared/data/basil-dev.jsonl.gz"), or(*gold, "../shared/data/basil-compare-dev.jsonl"),
			or(*out, "internal/compare/align_model.json"), *cv)
	}
	if pos[0] == "cluster" {
		return eval.TrainCluster(strings.Split(or(*train, "../shared/data/events-dev.jsonl.gz,../shared/data/basil-dev.jsonl.gz"), ","), or(*out, "internal/cluster/model.json"))
	}
	if pos[0] == "quotes" {
		return eval.TrainQuotes(or(*train, "../shared/data/quotes-train.jsonl.gz"), or(*out, "internal/quotes/model.gz"), orInt(*epochs, eval.QuoteEpochs), *cv)
	}
	return eval.TrainNER(or(*train, "../shared/data/ner-train.conll.gz"), or(*dev, "../shared/data/ner-dev.conll.gz"),
		or(*out, "internal/ner/model.bin.gz"), orInt(*epochs, eval.NEREpochs), *folds)
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// orInt returns v, or def when v is 0.
func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
