package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/lexicon"
	"github.com/parallax-news/parallax/internal/ner"
)

// RunNER tags a CoNLL-2003 file with the shipped tagger and writes to w
// entity-level micro and per-type precision, recall and F1, and tokens/s.
// With predictions set it writes the gold file there with the predicted
// IOB2 tag as an extra last column.
func RunNER(w io.Writer, gold, predictions string) error {
	data, err := ner.ReadCoNLL(gold)
	if err != nil {
		return err
	}
	tg, err := ner.Default(lexicon.Default())
	if err != nil {
		return err
	}
	var predTags map[int]string
	if predictions != "" {
		predTags = map[int]string{}
	}
	start := time.Now()
	s := ScoreTagger(tg, data, predTags)
	el := time.Since(start)
	tokens := 0
	for _, d := range data.Docs {
		for _, sent := range d {
			tokens += len(sent.Tokens)
		}
	}
	fmt.Fprintf(w, "entities: gold %d, predicted %d, correct %d\n", s.Gold, s.Pred, s.Correct)
	fmt.Fprintf(w, "micro     P %.4f  R %.4f  F1 %.4f\n", s.P, s.R, s.F1)
	for _, t := range ner.Types {
		v := s.ByType[t]
		fmt.Fprintf(w, "%-9s P %.4f  R %.4f  F1 %.4f\n", t, v[0], v[1], v[2])
	}
	fmt.Fprintf(w, "speed     %.0f tokens/s (%d tokens, %s)\n", float64(tokens)/el.Seconds(), tokens, el.Round(time.Millisecond))
	if predictions != "" {
		return writeCoNLLPredictions(predictions, data, predTags)
	}
	return nil
}

// ScoreTagger tags every document and scores it; predTags, when not nil,
// receives the predicted IOB2 tag of every token line.
func ScoreTagger(tg *ner.Tagger, data *ner.CoNLLFile, predTags map[int]string) NERScore {
	var counter NERCounter
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
	bw := bufio.NewWriter(f)
	for i, line := range data.Lines {
		if tag, ok := tags[i]; ok {
			fmt.Fprintf(bw, "%s %s\n", strings.TrimRight(line, " "), tag)
		} else {
			fmt.Fprintln(bw, line)
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
