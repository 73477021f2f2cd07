package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
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
  ner   train the two-pass entity tagger on CoNLL-2003 train data and write
        its weights (the file the binary embeds). The same data and flags
        give the same model.`)
	train := fs.String("train", "../shared/data/ner-train.conll.gz", "CoNLL training `file`")
	dev := fs.String("dev", "../shared/data/ner-dev.conll.gz", "CoNLL `file` to report F1 on (not trained on); empty to skip")
	out := fs.String("out", "internal/ner/model.bin.gz", "where to write the model")
	epochs := fs.Int("epochs", 12, "training `passes` over the data")
	folds := fs.Int("folds", 5, "folds for the second pass's first-pass predictions")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "ner" {
		fs.Usage()
		return errUsage
	}
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
	if *dev != "" {
		d, err := ner.ReadCoNLL(*dev)
		if err != nil {
			return err
		}
		s := scoreNER(tg, d, nil)
		logf("dev F1 %.4f (P %.4f R %.4f) on %s", s.F1, s.P, s.R, *dev)
	}
	return nil
}
