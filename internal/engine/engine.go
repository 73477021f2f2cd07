// Package engine wires the pipeline stages together over a store: read,
// clean, (later) analyse, cluster and compare, then save. The command line
// and the server both drive Parallax through it, so they behave the same.
package engine

import (
	"context"
	"encoding/json"
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
	// OnError is called with each input that failed; the run goes on.
	OnError func(error)
	// OnStored is called after each batch with the running totals.
	OnStored func(IngestResult)
}

// IngestResult counts what an ingest run did.
type IngestResult struct {
	Added, Updated, Duplicates, Failed int
	// IDs are the ids of every article read, new or not, in input order.
	IDs     []string
	Elapsed time.Duration
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
	var failed atomic.Int64
	go func() {
		defer close(read)
		batch := make([]ingest.Article, 0, size)
		readErr = ingest.Read(ctx, inputs, opt.Read, func(r ingest.Result) error {
			if r.Err != nil {
				failed.Add(1)
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
	go func() {
		defer close(cleaned)
		for batch := range read {
			cleaned <- Prepare(batch, an)
		}
	}()
	var storeErr error
	for recs := range cleaned {
		if storeErr != nil {
			continue // drain so the other stages can finish
		}
		outcomes, err := e.Store.PutArticles(ctx, recs)
		if err != nil {
			storeErr = err
			cancel()
			continue
		}
		for i, o := range outcomes {
			res.IDs = append(res.IDs, recs[i].Article.ID)
			switch o {
			case store.Added:
				res.Added++
			case store.Updated:
				res.Updated++
			case store.Duplicate:
				res.Duplicates++
			}
		}
		if opt.OnStored != nil {
			res.Failed = int(failed.Load())
			opt.OnStored(res)
		}
	}
	res.Failed = int(failed.Load())
	res.Elapsed = time.Since(start)
	if storeErr != nil {
		return res, storeErr
	}
	return res, readErr
}

// Prepare cleans and analyses a batch of articles in parallel, keeping
// their order. A nil analyzer skips the analysis.
func Prepare(arts []ingest.Article, an *nlp.Analyzer) []store.Record {
	recs := make([]store.Record, len(arts))
	workers := min(runtime.GOMAXPROCS(0), len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				recs[i] = prepareOne(&arts[i], an)
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return recs
}

// prepareOne cleans one article and, given an analyzer, analyses it. The
// analysis is stored as JSON; a failure to encode it (never expected)
// leaves the article without one rather than losing it.
func prepareOne(a *ingest.Article, an *nlp.Analyzer) store.Record {
	rec := store.Record{Article: *a, Doc: extract.Clean(a)}
	var analysis *nlp.Analysis
	if an != nil {
		analysis = an.Analyze(&rec.Doc, a.Published)
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
	ID      string `json:"id"`
	Outcome string `json:"outcome"` // added, updated, duplicate
	StoryID string `json:"story_id"`
}

// IngestArticles stores, clusters and reports on articles read in memory
// (an upload, a feed poll): it prepares them, stores them in one
// transaction, assigns the new ones to stories and refreshes the reports
// of the stories that changed. It returns each article's outcome and
// story, and the stories that changed.
func (e *Engine) IngestArticles(ctx context.Context, arts []ingest.Article) ([]Added, []string, error) {
	if len(arts) == 0 {
		return nil, nil, nil
	}
	an, err := nlp.Default()
	if err != nil {
		return nil, nil, err
	}
	recs := Prepare(arts, an)
	outcomes, err := e.Store.PutArticles(ctx, recs)
	if err != nil {
		return nil, nil, err
	}
	cres, err := e.Cluster(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("articles stored, but clustering failed: %w", err)
	}
	if err := e.UpdateReports(ctx, cres.Stories); err != nil {
		return nil, nil, err
	}
	out := make([]Added, len(recs))
	for i := range recs {
		out[i] = Added{ID: recs[i].Article.ID, Outcome: outcomes[i].String()}
		if rec, err := e.Store.Article(ctx, recs[i].Article.ID); err == nil {
			out[i].StoryID = rec.StoryID
		} else if outcomes[i] == store.Duplicate {
			// The same text under another id of this outlet.
			out[i].Outcome = "duplicate"
		}
	}
	return out, cres.Stories, nil
}
