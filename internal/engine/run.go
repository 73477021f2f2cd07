package engine

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/parallax-news/parallax/internal/ingest"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// Source feeds a run: it calls emit with each article read, or each input
// that failed or was skipped, and stops when emit returns an error.
type Source func(ctx context.Context, emit func(ingest.Result) error) error

// Files reads the inputs the command line names: files, folders, URLs,
// standard input.
func Files(inputs []string, opt ingest.Options) Source {
	return func(ctx context.Context, emit func(ingest.Result) error) error {
		return ingest.Read(ctx, inputs, opt, emit)
	}
}

// Articles feeds articles already read (an upload, a feed poll).
func Articles(arts []ingest.Article) Source {
	return func(ctx context.Context, emit func(ingest.Result) error) error {
		for _, a := range arts {
			if err := emit(ingest.Result{Article: a}); err != nil {
				return err
			}
		}
		return nil
	}
}

// Options control a run.
type Options struct {
	// BatchSize is the number of articles stored per transaction.
	BatchSize int
	// NoAnalysis skips the language analysis (cleaning only).
	NoAnalysis bool
	// OnError is called with each input that failed or was skipped; the
	// run goes on.
	OnError func(error)
	// OnStored is called after each batch with the running totals.
	OnStored func(IngestResult)
	// OnStage is called as a run moves to clustering ("stories") and to
	// reports ("reports"), for progress.
	OnStage func(stage string)
}

// Result is what a run did: the articles stored, the stories they went
// to, the reports rebuilt.
type Result struct {
	IngestResult
	Cluster ClusterResult
	// Reports are the stories whose report was rebuilt.
	Reports []string
	// Articles says, for each article read, what was stored and the story
	// it is in, in input order.
	Articles []Added
	// Time spent in each phase: reading, cleaning, analysing and storing;
	// placing in stories; rebuilding reports.
	StoreTime, ClusterTime, ReportTime time.Duration
}

// Added is what a run did with one article.
type Added struct {
	ID       string `json:"id"`
	Outcome  string `json:"outcome"` // added, revised, unchanged, duplicate
	Revision int    `json:"revision"`
	StoryID  string `json:"story_id"`
}

// Run is the pipeline: it reads the source, cleans, analyses and stores
// the articles in batches, places every article without a story (in
// publication order, copies first), then rebuilds every report that is
// missing or stale. Each phase commits what it did: a run stopped at any
// point loses nothing stored, and the next run (or Repair) finishes the
// rest.
func (e *Engine) Run(ctx context.Context, src Source, opt Options) (Result, error) {
	var res Result
	var err error
	start := time.Now()
	res.IngestResult, err = e.store(ctx, src, opt)
	res.StoreTime = time.Since(start)
	if err != nil {
		return res, err
	}
	if err := e.finish(ctx, &res, opt); err != nil {
		return res, err
	}
	res.Articles, err = e.placed(ctx, res.puts)
	return res, err
}

// Repair finishes what an interrupted run left: it places the articles
// without a story and rebuilds the reports missing or stale.
func (e *Engine) Repair(ctx context.Context, opt Options) (Result, error) {
	var res Result
	return res, e.finish(ctx, &res, opt)
}

// finish clusters and reports.
func (e *Engine) finish(ctx context.Context, res *Result, opt Options) error {
	if opt.OnStage != nil {
		opt.OnStage("stories")
	}
	var err error
	start := time.Now()
	res.Cluster, err = e.Cluster(ctx)
	res.ClusterTime = time.Since(start)
	if err != nil {
		return fmt.Errorf("articles stored, but clustering failed: %w (run the command again, or 'parallax repair', to finish)", err)
	}
	if opt.OnStage != nil {
		opt.OnStage("reports")
	}
	start = time.Now()
	res.Reports, err = e.RefreshReports(ctx)
	res.ReportTime = time.Since(start)
	if err != nil {
		return fmt.Errorf("articles stored and clustered, but a report failed: %w (run 'parallax repair' to finish)", err)
	}
	return nil
}

// placed reads back the story of each article stored.
func (e *Engine) placed(ctx context.Context, puts []store.Put) ([]Added, error) {
	ids := make([]string, len(puts))
	for i, p := range puts {
		ids[i] = p.ID
	}
	stories, err := e.storiesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Added, len(puts))
	for i, p := range puts {
		out[i] = Added{ID: p.ID, Outcome: p.Outcome.String(), Revision: p.Revision, StoryID: stories[p.ID]}
	}
	return out, nil
}

// storiesOf maps article ids to their stories.
func (e *Engine) storiesOf(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	const chunk = 500 // bound the query's parameters
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		list, err := e.Store.Articles(ctx, store.ArticleQuery{IDs: ids[:n]})
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			out[a.ID] = a.StoryID
		}
		ids = ids[n:]
	}
	return out, nil
}

// StoriesOf returns the stories holding the given articles, in order of
// first appearance, each once.
func (e *Engine) StoriesOf(ctx context.Context, ids []string) ([]string, error) {
	m, err := e.storiesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if s := m[id]; s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// IngestResult counts what storing did.
type IngestResult struct {
	Added, Revised, Unchanged, Duplicates, Failed, Skipped int
	// IDs are the ids of every article read, new or not, in input order.
	IDs  []string
	puts []store.Put
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
	r.puts = append(r.puts, puts...)
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

// store reads the source, cleans and analyses every article and stores
// them in batches, each batch in one transaction. Reading, preparing and
// storing run as three stages, so that disk, CPU and database work
// overlap.
func (e *Engine) store(ctx context.Context, src Source, opt Options) (IngestResult, error) {
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
		readErr = src(ctx, func(r ingest.Result) error {
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
