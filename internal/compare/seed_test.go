package compare

import (
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
)

// seedArticles reads and analyses the two seed articles.
func seedArticles(t testing.TB) []Article {
	t.Helper()
	raw, errs := ingest.ReadFiles([]string{"../../examples/seeds"}, ingest.Options{})
	if len(errs) > 0 || len(raw) != 2 {
		t.Fatalf("read seeds: %v", errs)
	}
	an, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out []Article
	for i := range raw {
		d := extract.Clean(&raw[i])
		a := Article{ID: raw[i].ID, Outlet: raw[i].Outlet, Raw: raw[i].Raw, Doc: &d, Analysis: an.Analyze(&d, raw[i].Published)}
		a.Published = d.Published.Moment
		if a.Published.IsZero() {
			a.Published = raw[i].Published
		}
		out = append(out, a)
	}
	return out
}
