package extract

import (
	"testing"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/synth"
)

func BenchmarkCleanSeedPage(b *testing.B) {
	g := synth.New(1)
	var arts []ingest.Article
	for i := 0; i < 100; i++ {
		p := g.SeedPage(i)
		arts = append(arts, ingest.Article{Raw: string(p.Body), Format: ingest.FormatSeed})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Clean(&arts[i%len(arts)])
	}
}

func BenchmarkCleanHTMLPage(b *testing.B) {
	g := synth.New(1)
	var arts []ingest.Article
	for i := 0; i < 100; i++ {
		p := g.HTMLPage(i)
		arts = append(arts, ingest.Article{Raw: string(p.Body), Format: ingest.FormatHTML})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Clean(&arts[i%len(arts)])
	}
}
