package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// A copy into PostgreSQL stopped after its first batch resumes where it
// stopped, and the finished copy reads back as the source does.
func TestCopyToPostgresResumes(t *testing.T) {
	defer func(n int) { copyBatch = n }(copyBatch)
	copyBatch = 2
	ctx := context.Background()
	src := openTemp(t)
	var recs []Record
	for i := range 7 {
		recs = append(recs, record("Alpha", fmt.Sprintf("%d.txt", i), fmt.Sprintf("Title %d\n\nStorm hit the coast, report %d said.", i, i)))
	}
	if _, err := src.PutArticles(ctx, recs); err != nil {
		t.Fatal(err)
	}
	st := saveClustering(t, src, []Assignment{{recs[0].Article.ID, "s1"}, {recs[1].Article.ID, "s1"}}, nil)
	if err := src.SaveReport(ctx, "s1", st.Generation, []byte(`{"id":"s1"}`), ReportIndex{Entities: []StoryEntity{{Name: "Coast Guard", Type: "ORG"}}}); err != nil {
		t.Fatal(err)
	}
	// A revision, so that an earlier version is copied too.
	if _, err := src.PutArticles(ctx, []Record{record("Alpha", "6.txt", "Title 6\n\nStorm hit the coast; two were hurt.")}); err != nil {
		t.Fatal(err)
	}
	dst := openTempPostgres(t)
	stopped, stop := context.WithCancel(ctx)
	_, err := CopyToPostgres(stopped, src, dst, func(done, total int) {
		if done > 0 {
			stop()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped copy: %v", err)
	}
	if n, _ := dst.CountArticles(ctx); n == 0 || n == len(recs) {
		t.Fatalf("stopped copy holds %d articles, want some but not all", n)
	}
	counts, err := CopyToPostgres(ctx, src, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Articles != 7 || counts.Revisions != 1 || counts.Stories != 1 || counts.Entities != 1 {
		t.Errorf("counts %+v", counts)
	}
	for _, r := range recs {
		a, _ := src.Article(ctx, r.Article.ID)
		b, err := dst.Article(ctx, r.Article.ID)
		if err != nil || a.Article.Raw != b.Article.Raw || a.Doc.Text != b.Doc.Text || a.StoryID != b.StoryID || a.Article.Key != b.Article.Key {
			t.Errorf("article %s differs: %v", r.Article.ID, err)
		}
	}
	revs, err := dst.Revisions(ctx, recs[6].Article.ID)
	if err != nil || len(revs) != 2 || revs[0].Raw != recs[6].Article.Raw {
		t.Errorf("revisions: %v %v", revs, err)
	}
	if rep, err := dst.Report(ctx, "s1"); err != nil || string(rep) != `{"id":"s1"}` {
		t.Errorf("report: %s %v", rep, err)
	}
	a, _ := src.ClusterItems(ctx, ClusterQuery{}, func(ClusterItem) error { return nil })
	b, _ := dst.ClusterItems(ctx, ClusterQuery{}, func(ClusterItem) error { return nil })
	if a != b {
		t.Errorf("clustering state %+v, source %+v", b, a)
	}
	// The copy goes on where the source does: the same input again is
	// unchanged, not a new article.
	if out, err := dst.PutArticles(ctx, recs[:1]); err != nil || !slices.Equal(outcomes(out), []Outcome{Unchanged}) {
		t.Errorf("re-put into the copy: %v %v", out, err)
	}
	// Another store cannot be copied over this one.
	other := openTemp(t)
	if _, err := other.PutArticles(ctx, recs[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := CopyToPostgres(ctx, other, dst, nil); err == nil {
		t.Error("copied a second source into a non-empty store")
	}
}
