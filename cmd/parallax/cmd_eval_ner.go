package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
)

func evalNER(c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	gold := fs.String("gold", "", "CoNLL-2003 `file` (gzip accepted)")
	fs.StringVar(gold, "data", "", "same as --gold")
	preds := fs.String("predictions", "", "write the gold file with a predicted-tag column to `file`")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("--gold FILE is required")
	}
	data, err := ner.ReadCoNLL(*gold)
	if err != nil {
		return err
	}
	tg, err := ner.Default(lexicon.Default())
	if err != nil {
		return err
	}
	var predTags map[int]string
	if *preds != "" {
		predTags = map[int]string{}
	}
	start := time.Now()
	s := scoreNER(tg, data, predTags)
	el := time.Since(start)
	tokens := 0
	for _, d := range data.Docs {
		for _, sent := range d {
			tokens += len(sent.Tokens)
		}
	}
	fmt.Printf("entities: gold %d, predicted %d, correct %d\n", s.Gold, s.Pred, s.Correct)
	fmt.Printf("micro     P %.4f  R %.4f  F1 %.4f\n", s.P, s.R, s.F1)
	for _, t := range ner.Types {
		v := s.ByType[t]
		fmt.Printf("%-9s P %.4f  R %.4f  F1 %.4f\n", t, v[0], v[1], v[2])
	}
	fmt.Printf("speed     %.0f tokens/s (%d tokens, %s)\n", float64(tokens)/el.Seconds(), tokens, el.Round(time.Millisecond))
	if *preds != "" {
		return writeCoNLLPredictions(*preds, data, predTags)
	}
	return nil
}

// scoreNER tags every document and scores it; predTags, when not nil,
// receives the predicted IOB2 tag of every token line.
func scoreNER(tg *ner.Tagger, data *ner.CoNLLFile, predTags map[int]string) eval.NERScore {
	var counter eval.NERCounter
	for di, d := range data.Docs {
		doc := make([][]string, len(d))
		for i, s := range d {
			doc[i] = s.Tokens
		}
		got := tg.Tag(doc)
		for i, s := range d {
			counter.Add(s.Spans, got[i])
			if predTags != nil {
				for k, tag := range ner.IOB2(len(s.Tokens), got[i]) {
					predTags[data.TokenLine[di][i][k]] = tag
				}
			}
		}
	}
	return counter.Score()
}

func writeCoNLLPredictions(path string, data *ner.CoNLLFile, tags map[int]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i, line := range data.Lines {
		if tag, ok := tags[i]; ok {
			fmt.Fprintf(w, "%s %s\n", strings.TrimRight(line, " "), tag)
		} else {
			fmt.Fprintln(w, line)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
