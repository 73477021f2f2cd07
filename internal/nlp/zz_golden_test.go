package nlp

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/timex"
)

func TestZZGolden(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip()
	}
	an, _ := Default()
	w, _ := os.Create(out)
	defer w.Close()
	enc := json.NewEncoder(w)
	for _, file := range []string{"quotes-dev.jsonl.gz", "quotes-train.jsonl.gz", "basil-dev.jsonl.gz", "events-dev.jsonl.gz"} {
		f, _ := os.Open("../../../shared/data/" + file)
		zr, _ := gzip.NewReader(f)
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		n := 0
		for sc.Scan() && n < 400 {
			n++
			var rec map[string]any
			json.Unmarshal(sc.Bytes(), &rec)
			var texts []string
			if arts, ok := rec["articles"].([]any); ok {
				for _, a := range arts {
					m := a.(map[string]any)
					s, _ := m["text"].(string)
					texts = append(texts, s)
				}
			} else {
				s, _ := rec["text"].(string)
				texts = append(texts, s)
			}
			for _, tx := range texts {
				a := ingest.Article{Format: ingest.FormatText, Raw: tx}
				d := extract.Clean(&a)
				enc.Encode(an.Analyze(&d, timex.Moment{}))
			}
		}
		f.Close()
	}
}
