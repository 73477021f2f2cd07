package nlp

import (
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
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
	arts, errs := ingest.ReadFiles([]string{"../../examples/seeds"}, ingest.Options{})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var docs []extract.Document
	size := 0
	for i := range arts {
		d := extract.Clean(&arts[i])
		docs = append(docs, d)
		size += len(d.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(docs)
		an.Analyze(&docs[k], arts[k].Published)
	}
}
