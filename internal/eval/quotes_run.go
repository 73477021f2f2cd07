package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/parallax-news/parallax/internal/quotes"
	"github.com/parallax-news/parallax/internal/text"
	"github.com/parallax-news/parallax/internal/words"
)

// PolnearSpan is a span of a PolNeAR annotation, in code points.
type PolnearSpan struct {
	Start     int           `json:"start"`
	End       int           `json:"end"`
	Text      string        `json:"text"`
	Fragments []PolnearSpan `json:"fragments"`
}

// PolnearArticle is one article of the PolNeAR quote data with its
// attributions.
type PolnearArticle struct {
	ID           string `json:"id"`
	Text         string `json:"text"`
	Attributions []struct {
		Direct  bool         `json:"direct"`
		Content PolnearSpan  `json:"content"`
		Source  *PolnearSpan `json:"source"`
	} `json:"attributions"`
}

// GoldQuotes are the article's direct quotes as the benchmark scores
// them: the characters of every content fragment, and the source text.
func (a *PolnearArticle) GoldQuotes() []GoldQuote {
	var out []GoldQuote
	for _, at := range a.Attributions {
		if !at.Direct {
			continue
		}
		g := GoldQuote{HasSrc: at.Source != nil}
		if at.Source != nil {
			g.Speaker = at.Source.Text
		}
		frs := at.Content.Fragments
		if len(frs) == 0 {
			frs = []PolnearSpan{at.Content}
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

// QuotePredictions are the quotes found in text as the benchmark wants
// them: quotations only (no indirect speech), code-point offsets, and
// interrupted quotes fragment by fragment, as it annotates them.
func QuotePredictions(s string, qs []quotes.Quote) []PredQuote {
	off := text.NewOffsets(s)
	var pred []PredQuote
	for _, q := range qs {
		if q.Kind == "indirect" {
			continue
		}
		speaker := q.Speaker.Of(s)
		for _, sp := range q.Content() {
			pred = append(pred, PredQuote{Start: off.Rune(sp.Start), End: off.Rune(sp.End), Speaker: speaker})
		}
	}
	return pred
}

// RunQuotes finds the quotes of PolNeAR-style articles and writes to w
// strict and lenient precision, recall and F1 and speaker accuracy as the
// benchmark defines them. With predictions set it writes
// {"id","quotes":[{"start","end","speaker"}]} lines there.
func RunQuotes(w io.Writer, gold, predictions string) error {
	var out *bufio.Writer
	if predictions != "" {
		f, err := os.Create(predictions)
		if err != nil {
			return err
		}
		defer f.Close()
		out = bufio.NewWriter(f)
		defer out.Flush()
	}
	var counter QuoteCounter
	var elapsed time.Duration
	articles := 0
	err := EachJSONLine(gold, func(line []byte) error {
		var a PolnearArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		articles++
		start := time.Now()
		sents := words.Sentences(a.Text)
		pred := QuotePredictions(a.Text, quotes.Find(a.Text, sents))
		elapsed += time.Since(start)
		goldQs := a.GoldQuotes()
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
	fmt.Fprintf(w, "gold direct quotes %d, predicted quotes %d (grouped)\n", s.Gold, s.Pred)
	fmt.Fprintf(w, "strict    P %.4f  R %.4f  F1 %.4f\n", s.SP, s.SR, s.SF1)
	fmt.Fprintf(w, "lenient   P %.4f  R %.4f  F1 %.4f\n", s.LP, s.LR, s.LF1)
	fmt.Fprintf(w, "speaker   accuracy %.4f over %d lenient matches (exact string %.4f)\n", s.SpeakerAcc, s.SpeakerN, s.ExactSpeakerAcc)
	fmt.Fprintf(w, "joint     P %.4f  R %.4f  F1 %.4f (lenient match with correct speaker)\n", s.JointP, s.JointR, s.JointF1)
	fmt.Fprintf(w, "speed     %.0f articles/s (%d articles)\n", float64(articles)/elapsed.Seconds(), articles)
	return nil
}
