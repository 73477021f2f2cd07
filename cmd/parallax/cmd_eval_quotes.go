package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/parallax-news/parallax/internal/eval"
	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

type polnearSpan struct {
	Start     int           `json:"start"`
	End       int           `json:"end"`
	Text      string        `json:"text"`
	Fragments []polnearSpan `json:"fragments"`
}

type polnearArticle struct {
	ID           string `json:"id"`
	Text         string `json:"text"`
	Attributions []struct {
		Direct  bool         `json:"direct"`
		Content polnearSpan  `json:"content"`
		Source  *polnearSpan `json:"source"`
	} `json:"attributions"`
}

// goldQuotes are the article's direct quotes as the benchmark scores
// them: the characters of every content fragment, and the source text.
func (a *polnearArticle) goldQuotes() []eval.GoldQuote {
	var out []eval.GoldQuote
	for _, at := range a.Attributions {
		if !at.Direct {
			continue
		}
		g := eval.GoldQuote{HasSrc: at.Source != nil}
		if at.Source != nil {
			g.Speaker = at.Source.Text
		}
		frs := at.Content.Fragments
		if len(frs) == 0 {
			frs = []polnearSpan{at.Content}
		}
		for _, fr := range frs {
			for k := fr.Start; k < fr.End; k++ {
				g.Chars = append(g.Chars, k)
			}
		}
		out = append(out, g)
	}
	return out
}

// quotePredictions are the quotes found in text as the benchmark wants
// them: quotations only (no indirect speech), code-point offsets, and
// interrupted quotes fragment by fragment, as it annotates them.
func quotePredictions(s string, qs []quotes.Quote) []eval.PredQuote {
	off := text.NewOffsets(s)
	var pred []eval.PredQuote
	for _, q := range qs {
		if q.Kind == "indirect" {
			continue
		}
		speaker := q.Speaker.Of(s)
		for _, sp := range q.Content() {
			pred = append(pred, eval.PredQuote{Start: off.Rune(sp.Start), End: off.Rune(sp.End), Speaker: speaker})
		}
	}
	return pred
}

func evalQuotes(c *command, args []string) error {
	fs := newFlags(c, evalHelp)
	gold := fs.String("gold", "", "PolNeAR-style JSON lines `file` (gzip accepted)")
	fs.StringVar(gold, "data", "", "same as --gold")
	preds := fs.String("predictions", "", "write {\"id\",\"quotes\":[{\"start\",\"end\",\"speaker\"}]} lines to `file`")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("--gold FILE is required")
	}
	var out *bufio.Writer
	if *preds != "" {
		f, err := os.Create(*preds)
		if err != nil {
			return err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	var counter eval.QuoteCounter
	var elapsed time.Duration
	articles := 0
	err := eachJSONLine(*gold, func(line []byte) error {
		var a polnearArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		articles++
		start := time.Now()
		sents := words.Sentences(a.Text)
		pred := quotePredictions(a.Text, quotes.Find(a.Text, sents))
		elapsed += time.Since(start)
		goldQs := a.goldQuotes()
		counter.Add([]rune(a.Text), goldQs, pred)
		if out != nil {
			type pq struct {
				Start   int     `json:"start"`
				End     int     `json:"end"`
				Speaker *string `json:"speaker"`
			}
			rec := struct {
				ID     string `json:"id"`
				Quotes []pq   `json:"quotes"`
			}{ID: a.ID, Quotes: []pq{}}
			for _, p := range pred {
				sp := p.Speaker
				var spp *string
				if sp != "" {
					spp = &sp
				}
				rec.Quotes = append(rec.Quotes, pq{p.Start, p.End, spp})
			}
			b, _ := json.Marshal(rec)
			out.Write(append(b, '\n'))
		}
		return nil
	})
	if err != nil {
		return err
	}
	s := counter.Score()
	fmt.Printf("gold direct quotes %d, predicted quotes %d (grouped)\n", s.Gold, s.Pred)
	fmt.Printf("strict    P %.4f  R %.4f  F1 %.4f\n", s.SP, s.SR, s.SF1)
	fmt.Printf("lenient   P %.4f  R %.4f  F1 %.4f\n", s.LP, s.LR, s.LF1)
	fmt.Printf("speaker   accuracy %.4f over %d lenient matches (exact string %.4f)\n", s.SpeakerAcc, s.SpeakerN, s.ExactSpeakerAcc)
	fmt.Printf("joint     P %.4f  R %.4f  F1 %.4f (lenient match with correct speaker)\n", s.JointP, s.JointR, s.JointF1)
	fmt.Printf("speed     %.0f articles/s (%d articles)\n", float64(articles)/elapsed.Seconds(), articles)
	return nil
}
