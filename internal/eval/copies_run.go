package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/synth"
)

// RunCopies builds a copy-detection set from the articles of JSON lines
// files (every first article of an event an original, most with up to
// three copies with paragraphs deleted and added, the headline replaced
// and words edited), streams it through copy detection and writes the
// precision and recall to w (see the help of 'parallax eval copies').
func RunCopies(w io.Writer, files []string, seed uint64) error {
	// One article per event: reports of one event in these files often
	// share wire text already, and the measure needs originals that are
	// not copies of each other.
	var texts []string
	events := map[string]bool{}
	for _, f := range files {
		err := EachJSONLine(f, func(b []byte) error {
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
	docs := synth.MakeCopies(texts, seed, synth.CopyOptions{})
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
			fmt.Fprintf(w, "FP %s(%d) %s(%d) %s aligned %d %.2f %.2f\n%.300q\n%.300q\n", p.a, len(sa.Words), p.b, len(sb.Words), rel, n, x, y, byID[p.a].Text, byID[p.b].Text)
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
	fmt.Fprintf(w, "generated %d articles from %d texts (seed %d)\n", len(docs), len(texts), seed)
	fmt.Fprintf(w, "copies    P %.4f (%d/%d)  R %.4f (%d/%d pairs with ≥50%% shared text)\n", p, correct, predicted, r, found, gold)
	fmt.Fprintf(w, "also      %d links reported as sharing passages only\n", shares)
	fmt.Fprintf(w, "speed     %.0f articles/s (signing and matching)\n", float64(len(docs))/elapsed.Seconds())
	return nil
}
