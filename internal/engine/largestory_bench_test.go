package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// BenchmarkAddToLargeStory adds one more copy of a wire story to a story
// that already holds 10,000 of them, in a warm engine (as a server or a
// worker has it): storing, copy detection, the story decision and the
// story's report. The report compares a bounded set of the story's
// articles and lists the rest, so this should cost what it costs in a
// small story.
func BenchmarkAddToLargeStory(b *testing.B) {
	const size = 10000
	ctx := context.Background()
	raw, err := os.ReadFile("../../examples/seeds/004_9db2e0d9894f95f3.txt")
	if err != nil {
		b.Fatal(err)
	}
	an, err := nlp.Default()
	if err != nil {
		b.Fatal(err)
	}
	copyOf := func(i int) ingest.Article {
		arts, errs := ingest.ReadBytes(ctx, "copy.txt", raw, ingest.Options{Outlet: fmt.Sprintf("outlet-%d", i), Path: fmt.Sprintf("/wire/%d/copy.txt", i)})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		return arts[0]
	}
	recs, err := Prepare(ctx, []ingest.Article{copyOf(0)}, an)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// The story: one analysed copy, cloned under 10,000 outlets, all in
	// one story, each linked to the first as a verbatim copy.
	batch := make([]store.Record, 0, 500)
	var as []store.Assignment
	var links []dedup.CopyLink
	for i := range size {
		r := recs[0]
		r.Article = copyOf(i)
		r.Profile.ID = r.Article.ID
		batch = append(batch, r)
		as = append(as, store.Assignment{ArticleID: r.Article.ID, StoryID: "story-big"})
		if i > 0 {
			links = append(links, dedup.CopyLink{ArticleID: r.Article.ID, OfID: as[0].ArticleID, Relation: dedup.Verbatim, Jaccard: 1, Contained: 1, Contains: 1})
		}
		if len(batch) == cap(batch) || i == size-1 {
			if _, err := st.PutArticles(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := st.Clustering(ctx, func(tx store.ClusterTx) error {
		_, err := tx.SaveClustering(ctx, as, links)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	e := &Engine{Store: st}
	if _, err := e.Cluster(ctx); err != nil { // load the state, as a running server has it
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := e.RefreshReports(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("the first report of the %d-article story: %s", size, time.Since(start).Round(time.Millisecond))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := e.Run(ctx, Articles([]ingest.Article{copyOf(size + i)}), Options{})
		if err != nil || res.Added != 1 || len(res.Reports) != 1 || res.Reports[0] != "story-big" {
			b.Fatalf("add: %+v %v", res, err)
		}
	}
}
