package compare

import (
	"context"
	"fmt"
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/synth"
)

// BenchmarkReport50 builds the report of a story of 50 articles: the two
// seeds and 48 generated articles (about 15 sentences each), analysed
// beforehand, as the engine has them when a story changes.
func BenchmarkReport50(b *testing.B) {
	t := &testing.T{}
	arts := seedArticles(t)
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	g := synth.New(7)
	for i := 0; len(arts) < 50; i++ {
		p := g.SeedPage(i)
		read, _ := ingest.ReadBytes(context.Background(), p.Name, p.Body, ingest.Options{})
		if len(read) != 1 {
			b.Fatalf("generated page %s did not read", p.Name)
		}
		a := read[0]
		d := extract.Clean(&a)
		arts = append(arts, Article{ID: fmt.Sprintf("gen-%d", i), Outlet: fmt.Sprintf("outlet-%d", i%12), Raw: a.Raw, Doc: &d,
			Analysis: an.Analyze(&d, a.Published), Published: a.Published})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := make([]Article, len(arts))
		copy(in, arts)
		Build("bench", in, nil)
	}
}
