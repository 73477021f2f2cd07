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

// BenchmarkAnalyze measures the full analysis (sentences, entities,
// coreference, quotes, places, times, quantities, attributions) of the two
// seed articles, one core. Bytes/s is over the cleaned text; articles/s
// for a 3 KB article is 3072 / (ns/op / bytes per op).
func BenchmarkAnalyze(b *testing.B) {
	an, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	arts, docs := seedDocuments(b)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(docs)
		an.Analyze(&docs[k], arts[k].Published)
	}
}

// seedDocuments reads and cleans the seed articles.
func seedDocuments(tb testing.TB) ([]ingest.Article, []extract.Document) {
	tb.Helper()
	arts, errs := ingest.ReadFiles([]string{"../../examples/seeds"}, ingest.Options{})
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	docs := make([]extract.Document, len(arts))
	for i := range arts {
		docs[i] = extract.Clean(&arts[i])
	}
	return arts, docs
}

// BenchmarkAnalyzeNews analyses the 84 PolNeAR dev articles (political
// news of seven US outlets, 4.8 KB of text on average), one core: a
// sample of ordinary news rather than the two dense seeds. It reads
// ../shared/data and is skipped without it.
func BenchmarkAnalyzeNews(b *testing.B) {
	benchmarkAnalyzeFile(b, "../../../shared/data/quotes-dev.jsonl.gz")
}

// BenchmarkAnalyzeNewsStream analyses the 840 PolNeAR training articles
// in turn: enough distinct text that the tagger's word cache fills up and
// the rarer words are tagged without it, as in a long stream.
func BenchmarkAnalyzeNewsStream(b *testing.B) {
	benchmarkAnalyzeFile(b, "../../../shared/data/quotes-train.jsonl.gz")
}

func benchmarkAnalyzeFile(b *testing.B, path string) {
	f, err := os.Open(path)
	if err != nil {
		b.Skip("no " + path)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var docs []extract.Document
	size := 0
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		a := ingest.Article{Format: ingest.FormatText, Title: rec.Title, Raw: rec.Text}
		d := extract.Clean(&a)
		docs = append(docs, d)
		size += len(d.Text)
	}
	an, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		an.Analyze(&docs[i%len(docs)], timex.Moment{})
	}
}
