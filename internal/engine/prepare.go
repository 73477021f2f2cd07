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
	doc, err := extract.CleanContext(ctx, a)
	rec := store.Record{Article: *a, Doc: doc}
	if err != nil {
		return rec // cancelled: Prepare returns the context's error
	}
	if an != nil {
		analysis, err := an.AnalyzeContext(ctx, &rec.Doc, a.Published)
		if err != nil {
			return rec // cancelled: Prepare returns the context's error
		}
		rec.Analysis = analysis
	}
	rec.Profile = cluster.FromAnalysis(a.ID, rec.Published().UTC, rec.Doc.Title().Value, rec.Doc.Text, rec.Analysis)
	rec.Signature = dedup.Sign(outsideQuotations(rec.Doc.Text, rec.Analysis))
	return rec
}

// outsideQuotations is the text with its direct quotations blanked: two
// outlets quoting the same statement, release or post share its words
// without one copying the other, so copy detection compares the rest.
func outsideQuotations(s string, an *nlp.Analysis) string {
	if an == nil || len(an.Quotes) == 0 {
		return s
	}
	b := []byte(s)
	for _, q := range an.Quotes {
		if q.Kind != "direct" {
			continue
		}
		for _, f := range q.Fragments {
			for i := max(f.Start, 0); i < min(f.End, len(b)); i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}
