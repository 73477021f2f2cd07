package engine

import (
	"context"
	"runtime"
	"sync"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// Prepare cleans and analyses a batch of articles in parallel, keeping
// their order. A nil analyzer skips the analysis. It stops early, with
// ctx's error, when ctx ends.
func Prepare(ctx context.Context, arts []ingest.Article, an *nlp.Analyzer) ([]store.Record, error) {
	recs := make([]store.Record, len(arts))
	workers := min(runtime.GOMAXPROCS(0), len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if ctx.Err() == nil {
					recs[i] = prepareOne(ctx, &arts[i], an)
				}
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return recs, ctx.Err()
}

// prepareOne cleans one article and, given an analyzer, analyses it, and
// makes what clustering and copy detection need of it.
func prepareOne(ctx context.Context, a *ingest.Article, an *nlp.Analyzer) store.Record {
	rec := store.Record{Article: *a, Doc: extract.Clean(a)}
	if an != nil {
		analysis, err := an.AnalyzeContext(ctx, &rec.Doc, a.Published)
		if err != nil {
			return rec // cancelled: Prepare returns the context's error
		}
		rec.Analysis = analysis
	}
	rec.Profile = cluster.FromAnalysis(a.ID, rec.Published().UTC, rec.Doc.Title().Value, rec.Doc.Text, rec.Analysis)
	rec.Signature = dedup.Sign(rec.Doc.Text)
	return rec
}
