package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/synth"
)

func evalCopies(c *command, args []string) error {
	fs := newFlags(c, `eval copies --data FILE[,FILE...] [--seed N]

Builds a copy-detection set from the articles of JSON lines files (any
record with a "text" field, or BASIL events with "articles"): every article
of a different event is an original (the first of each event), and most
get up to three copies with
paragraphs deleted (up to 40%), paragraphs of other articles added (up to
30%), the headline replaced, and 5-30% of words replaced. The set is fed
to copy detection as a stream, and precision and recall are printed:

  precision  links reported as "verbatim" or "edited copy" that join two
             articles of one family (an original and its copies)
  recall     pairs of one family where at least half of one article's words
             are reproduced unchanged in the other, that were linked`)
	data := fs.String("data", "", "JSON lines `files`, comma-separated")
	fs.StringVar(data, "gold", "", "synonym of --data")
	seed := fs.Uint64("seed", 1, "random `seed` of the generator")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("--data FILE is required")
	}
	// One article per event: reports of one event in these files often
	// share wire text already, and the measure needs originals that are
	// not copies of each other.
	var texts []string
	events := map[string]bool{}
	for _, f := range strings.Split(*data, ",") {
		err := eachJSONLine(f, func(b []byte) error {
			var rec struct {
				Text     string `json:"text"`
				Cluster  string `json:"cluster"`
				Articles []struct {
					Text string `json:"text"`
				} `json:"articles"`
			}
			if err := json.Unmarshal(b, &rec); err != nil {
				return err
			}
			if len(rec.Articles) > 0 {
				texts = append(texts, rec.Articles[0].Text)
			}
			if strings.TrimSpace(rec.Text) != "" && (rec.Cluster == "" || !events[rec.Cluster]) {
				events[rec.Cluster] = true
				texts = append(texts, rec.Text)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	docs := synth.MakeCopies(texts, *seed, synth.CopyOptions{})
	byID := map[string]*synth.CopyDoc{}
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	start := time.Now()
	idx := dedup.NewIndex(0)
	type pair struct{ a, b string }
	linked := map[pair]string{}
	for _, d := range docs {
		for _, l := range idx.Add(d.ID, time.Time{}, dedup.Sign(d.Text)) {
			linked[pair{d.ID, l.OfID}] = l.Relation
		}
	}
	elapsed := time.Since(start)
	var predicted, correct, gold, found, shares int
	for p, rel := range linked {
		if rel == dedup.Shares {
			shares++
			continue
		}
		predicted++
		if byID[p.a].Family == byID[p.b].Family {
			correct++
		} else if os.Getenv("DEBUGCOPIES") != "" {
			sa, sb := dedup.Sign(byID[p.a].Text), dedup.Sign(byID[p.b].Text)
			n, x, y := dedup.Aligned(&sa, &sb)
			fmt.Printf("FP %s(%d) %s(%d) %s aligned %d %.2f %.2f\n%.300q\n%.300q\n", p.a, len(sa.Words), p.b, len(sb.Words), rel, n, x, y, byID[p.a].Text, byID[p.b].Text)
		}
	}
	for i := range docs {
		for j := 0; j < i; j++ {
			a, b := &docs[i], &docs[j]
			if a.Family != b.Family || max(synth.Shared(a, b), synth.Shared(b, a)) < 0.5 {
				continue
			}
			gold++
			if rel, ok := linked[pair{a.ID, b.ID}]; ok && rel != dedup.Shares {
				found++
			}
		}
	}
	p, r := ratio(correct, predicted), ratio(found, gold)
	fmt.Printf("generated %d articles from %d texts (seed %d)\n", len(docs), len(texts), *seed)
	fmt.Printf("copies    P %.4f (%d/%d)  R %.4f (%d/%d pairs with ≥50%% shared text)\n", p, correct, predicted, r, found, gold)
	fmt.Printf("also      %d links reported as sharing passages only\n", shares)
	fmt.Printf("speed     %.0f articles/s (signing and matching)\n", float64(len(docs))/elapsed.Seconds())
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
