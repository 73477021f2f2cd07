package compare

import (
	"context"
	"encoding/json"
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
	arts := storyOf(b, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := make([]Article, len(arts))
		copy(in, arts)
		Build("bench", in, nil)
	}
}

// storyOf returns n analysed articles: the two seeds and generated ones.
func storyOf(tb testing.TB, n int) []Article {
	arts := seedArticles(tb)
	an, err := nlp.Default()
	if err != nil {
		tb.Fatal(err)
	}
	g := synth.New(7)
	for i := 0; len(arts) < n; i++ {
		p := g.SeedPage(i)
		read, _ := ingest.ReadBytes(context.Background(), p.Name, p.Body, ingest.Options{})
		if len(read) != 1 {
			tb.Fatalf("generated page %s did not read", p.Name)
		}
		a := read[0]
		d := extract.Clean(&a)
		arts = append(arts, Article{ID: fmt.Sprintf("gen-%d", i), Outlet: fmt.Sprintf("outlet-%d", i%12), Raw: a.Raw, Doc: &d,
			Analysis: an.Analyze(&d, a.Published), Published: a.Published})
	}
	return arts
}

// TestLargeStoryStaysBounded: a story of hundreds of reports lists them
// all but compares a bounded set, so its report grows with the number of
// articles, not with their pairs.
func TestLargeStoryStaysBounded(t *testing.T) {
	size := func(n int) (int, *Report) {
		st := Build("big", storyOf(t, n), nil)
		b, err := json.Marshal(Reports{Reports: []*Report{st}})
		if err != nil {
			t.Fatal(err)
		}
		if _, bad := CheckSpans(b); len(bad) > 0 {
			t.Fatalf("%d articles: bad spans %v", n, bad[:min(3, len(bad))])
		}
		return len(b), st
	}
	small, st := size(20)
	if len(st.Compared) != 0 || st.ComparedNote() != "" {
		t.Errorf("a story of 20 says it compared a subset: %v", st.Compared)
	}
	big, st := size(200)
	if len(st.Articles) != 200 || len(st.Compared) != MaxCompared {
		t.Errorf("200 articles: %d listed, %d compared", len(st.Articles), len(st.Compared))
	}
	if perSmall, perBig := small/20, big/200; perBig > 2*perSmall {
		t.Errorf("report size per article grows with the story: %d bytes at 20, %d at 200", perSmall, perBig)
	}
}
