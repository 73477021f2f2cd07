// Package engine wires the pipeline stages together over a store: read,
// clean, (later) analyse, cluster and compare, then save. The command line
// and the server both drive Parallax through it, so they behave the same.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parallax-news/parallax/internal/cluster"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// Engine runs the pipeline over one store. Its methods are safe for
// concurrent use; clustering runs one call at a time.
type Engine struct {
	Store store.Store
	// OnReport, if set, is told of each report rebuilt: how many of how
	// many (a progress bar).
	OnReport func(done, total int)

	mu sync.Mutex // guards tr
	tr *tracker   // clustering state, loaded on first use
}

// IngestOptions control an ingest run.
type IngestOptions struct {
	Read ingest.Options
	// BatchSize is the number of articles stored per transaction.
	BatchSize int
	// NoAnalysis skips the language analysis (cleaning only).
	NoAnalysis bool
	// OnError is called with each input that failed or was skipped; the
	// run goes on.
	OnError func(error)
	// OnStored is called after each batch with the running totals.
	OnStored func(IngestResult)
}

// IngestResult counts what an ingest run did.
type IngestResult struct {
	Added, Revised, Unchanged, Duplicates, Failed, Skipped int
	// IDs are the ids of every article read, new or not, in input order.
	IDs []string
	// RevisedIDs are the articles that got a new revision, with its number.
	RevisedIDs []RevisedArticle
	Elapsed    time.Duration
}

// RevisedArticle names an article that got a new revision.
type RevisedArticle struct {
	ID, Source string
	Revision   int
}

// Stored is the number of inputs the run accounted for as articles.
func (r IngestResult) Stored() int { return r.Added + r.Revised + r.Unchanged + r.Duplicates }

// count adds what PutArticles did with a batch.
func (r *IngestResult) count(recs []store.Record, puts []store.Put) {
	for i, p := range puts {
		r.IDs = append(r.IDs, p.ID)
		switch p.Outcome {
		case store.Added:
			r.Added++
		case store.Revised:
			r.Revised++
			r.RevisedIDs = append(r.RevisedIDs, RevisedArticle{ID: p.ID, Source: recs[i].Article.Source, Revision: p.Revision})
		case store.Unchanged:
			r.Unchanged++
		case store.Duplicate:
			r.Duplicates++
		}
	}
}

// Ingest reads the inputs, cleans every article and stores them in
// batches, each batch in one transaction. Reading, cleaning and storing run
// as three stages, so that disk, CPU and database work overlap.
func (e *Engine) Ingest(ctx context.Context, inputs []string, opt IngestOptions) (IngestResult, error) {
	start := time.Now()
	an, err := nlp.Default()
	if err != nil {
		return IngestResult{}, err
	}
	if opt.NoAnalysis {
		an = nil
	}
	size := opt.BatchSize
	if size <= 0 {
		size = 128
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	read := make(chan []ingest.Article, 2)
	cleaned := make(chan []store.Record, 2)
	var res IngestResult
	var readErr error
	var failed, skipped atomic.Int64
	go func() {
		defer close(read)
		batch := make([]ingest.Article, 0, size)
		readErr = ingest.Read(ctx, inputs, opt.Read, func(r ingest.Result) error {
			if r.Err != nil {
				var skip *ingest.SkipError
				if errors.As(r.Err, &skip) {
					skipped.Add(1)
				} else {
					failed.Add(1)
				}
				if opt.OnError != nil {
					opt.OnError(r.Err)
				}
				return nil
			}
			batch = append(batch, r.Article)
			if len(batch) < size {
				return nil
			}
			select {
			case read <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]ingest.Article, 0, size)
			return nil
		})
		if len(batch) > 0 && readErr == nil {
			read <- batch
		}
	}()
	var prepErr error
	go func() {
		defer close(cleaned)
		for batch := range read {
			recs, err := Prepare(ctx, batch, an)
			if err != nil {
				prepErr = err
				cancel()
				continue // drain
			}
			cleaned <- recs
		}
	}()
	var storeErr error
	for recs := range cleaned {
		if storeErr != nil {
			continue // drain so the other stages can finish
		}
		puts, err := e.Store.PutArticles(ctx, recs)
		if err != nil {
			storeErr = err
			cancel()
			continue
		}
		res.count(recs, puts)
		if opt.OnStored != nil {
			res.Failed, res.Skipped = int(failed.Load()), int(skipped.Load())
			opt.OnStored(res)
		}
	}
	res.Failed, res.Skipped = int(failed.Load()), int(skipped.Load())
	res.Elapsed = time.Since(start)
	for _, err := range []error{storeErr, prepErr, readErr} {
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

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

// prepareOne cleans one article and, given an analyzer, analyses it. The
// analysis is stored as JSON; a failure to encode it (never expected)
// leaves the article without one rather than losing it.
func prepareOne(ctx context.Context, a *ingest.Article, an *nlp.Analyzer) store.Record {
	rec := store.Record{Article: *a, Doc: extract.Clean(a)}
	var analysis *nlp.Analysis
	if an != nil {
		var err error
		if analysis, err = an.AnalyzeContext(ctx, &rec.Doc, a.Published); err != nil {
			return rec // cancelled: Prepare returns the context's error
		}
		if b, err := analysis.Encode(); err == nil {
			rec.Analysis = b
		}
	}
	doc := cluster.FromAnalysis(a.ID, ArticleTime(&rec), rec.Doc.Title().Value, rec.Doc.Text, analysis)
	rec.ClusterDoc, _ = json.Marshal(doc)
	sig := dedup.Sign(rec.Doc.Text)
	rec.Signature = sig.Encode()
	return rec
}

// Added is what IngestArticles did with one article.
type Added struct {
	ID       string `json:"id"`
	Outcome  string `json:"outcome"` // added, revised, unchanged, duplicate
	Revision int    `json:"revision"`
	StoryID  string `json:"story_id"`
}

// IngestArticles stores, clusters and reports on articles read in memory
// (an upload, a feed poll): it prepares them, stores them in one
// transaction, assigns the new ones to stories and refreshes the reports
// that are stale. It returns each article's outcome and story, and the
// stories whose reports changed.
func (e *Engine) IngestArticles(ctx context.Context, arts []ingest.Article) ([]Added, []string, error) {
	if len(arts) == 0 {
		return nil, nil, nil
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, nil, err
	}
	recs, err := Prepare(ctx, arts, an)
	if err != nil {
		return nil, nil, err
	}
	puts, err := e.Store.PutArticles(ctx, recs)
	if err != nil {
		return nil, nil, err
	}
	if _, err := e.Cluster(ctx); err != nil {
		return nil, nil, fmt.Errorf("articles stored, but clustering failed: %w", err)
	}
	changed, err := e.RefreshReports(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Added, len(recs))
	for i, p := range puts {
		out[i] = Added{ID: p.ID, Outcome: p.Outcome.String(), Revision: p.Revision}
		if rec, err := e.Store.Article(ctx, p.ID); err == nil {
			out[i].StoryID = rec.StoryID
		}
	}
	return out, changed, nil
}
