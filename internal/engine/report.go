package engine

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/diff"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/store"
	"github.com/parallax-news/parallax/internal/timex"
)

// BuildReport compares the articles of a stored story. It returns the
// story's generation it was built from.
func (e *Engine) BuildReport(ctx context.Context, storyID string) (*compare.Report, int64, error) {
	sum, list, err := e.Store.Story(ctx, storyID)
	if err != nil {
		return nil, 0, err
	}
	st, err := e.compareStory(ctx, storyID, list)
	return st, sum.Generation, err
}

func (e *Engine) compareStory(ctx context.Context, storyID string, list []store.Summary) (*compare.Report, error) {
	arts, copies, err := e.CompareInputs(ctx, list)
	if err != nil {
		return nil, err
	}
	return compare.BuildWith(ctx, storyID, arts, copies, compare.Options{})
}

// CompareInputs reads what the comparison of the listed articles reads:
// each article with its revisions, and the copy links among them. Of a
// story larger than the report compares, only the compared articles are
// read in full; the others are passed Listed, from the listing, so that
// a new article in a story of thousands costs what it costs in a small
// one.
func (e *Engine) CompareInputs(ctx context.Context, list []store.Summary) ([]compare.Article, []dedup.CopyLink, error) {
	ids := make([]string, len(list))
	for i, sm := range list {
		ids[i] = sm.ID
	}
	copies, err := e.copiesAmong(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	arts := make([]compare.Article, len(list))
	full := func(int) bool { return true }
	if len(list) > compare.MaxCompared {
		for i, sm := range list {
			arts[i] = listedArticle(sm)
		}
		picked := map[string]bool{}
		for _, id := range compare.Representatives(arts, copies) {
			picked[id] = true
		}
		// A revised article is read in full too: its revisions are news
		// the report's updates give, whichever articles it compares.
		full = func(i int) bool { return picked[list[i].ID] || list[i].Revision > 1 }
	}
	for i, sm := range list {
		if !full(i) {
			continue
		}
		rec, err := e.Store.Article(ctx, sm.ID)
		if err != nil {
			return nil, nil, err
		}
		arts[i] = CompareArticle(&rec)
		if sm.Revision > 1 {
			if arts[i].Revisions, err = e.revisions(ctx, sm.ID); err != nil {
				return nil, nil, err
			}
		}
	}
	return arts, copies, nil
}

// listedArticle is an article a report lists without comparing it.
func listedArticle(sm store.Summary) compare.Article {
	a := compare.Article{ID: sm.ID, Outlet: sm.Outlet, Listed: true,
		Doc: &extract.Document{Headline: extract.Field{Value: sm.Title}}}
	if t, err := time.Parse(time.RFC3339, sm.Published); err == nil {
		a.Published = timex.At(t, timex.Minute)
	}
	return a
}

// copiesAmong returns the copy links between the articles, asking the
// store for a thousand at a time.
func (e *Engine) copiesAmong(ctx context.Context, ids []string) ([]dedup.CopyLink, error) {
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	var out []dedup.CopyLink
	seen := map[[2]string]bool{}
	for start := 0; start < len(ids); start += 1000 {
		links, err := e.Store.Copies(ctx, ids[start:min(start+1000, len(ids))])
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			// A link between two chunks comes with each; keep it once.
			k := [2]string{l.ArticleID, l.OfID}
			if in[l.ArticleID] && in[l.OfID] && !seen[k] {
				seen[k] = true
				out = append(out, l)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].ArticleID < out[j].ArticleID || out[i].ArticleID == out[j].ArticleID && out[i].OfID < out[j].OfID
	})
	return out, nil
}

// revisions says what changed in each revision of an article after the
// first, and when the revision was read.
func (e *Engine) revisions(ctx context.Context, id string) ([]compare.Revision, error) {
	revs, err := e.Store.Revisions(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []compare.Revision
	for k := 1; k < len(revs); k++ {
		at := revs[k].Fetched
		if at.IsZero() {
			at = revs[k].Ingested
		}
		out = append(out, compare.Revision{Number: revs[k].Number, At: at, Changes: diff.Texts(revs[k-1].Text, revs[k].Text)})
	}
	return out, nil
}

// CompareArticle is the comparison's view of a stored article.
func CompareArticle(rec *store.Record) compare.Article {
	return compare.Article{ID: rec.Article.ID, Outlet: rec.Article.Outlet, URL: rec.Article.URL, Raw: rec.Article.Raw,
		Doc: &rec.Doc, Analysis: rec.Analysis, Published: rec.Published()}
}

// UpdateReport rebuilds and stores one story's report (reports are
// computed when a story changes, and read afterwards, not recomputed per
// request). A story that no longer exists is ErrNotFound.
func (e *Engine) UpdateReport(ctx context.Context, storyID string) error {
	r, err := e.storyReport(ctx, storyID)
	if err != nil {
		return err
	}
	return e.Store.SaveReport(ctx, storyID, r.Generation, r.JSON, r.Index)
}

// storyReport builds a story's report as the store keeps it.
func (e *Engine) storyReport(ctx context.Context, storyID string) (store.StoryReport, error) {
	st, gen, err := e.BuildReport(ctx, storyID)
	if err != nil {
		return store.StoryReport{}, fmt.Errorf("report of %s: %w", storyID, err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return store.StoryReport{}, err
	}
	return store.StoryReport{StoryID: storyID, Generation: gen, JSON: b, Index: reportIndex(st)}, nil
}

// BuildReports builds the reports of the stories on every core, as the
// store keeps them; a story that no longer exists is left out.
func (e *Engine) BuildReports(ctx context.Context, ids []string) ([]store.StoryReport, error) {
	out := make([]store.StoryReport, len(ids))
	found := make([]bool, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range min(runtime.GOMAXPROCS(0), len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := e.storyReport(ctx, ids[i])
				switch {
				case err == nil:
					out[i], found[i] = r, true
				case !errors.Is(err, store.ErrNotFound):
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	var reports []store.StoryReport
	for i, r := range out {
		if found[i] {
			reports = append(reports, r)
		}
	}
	return reports, nil
}

// reportBatch is the number of reports stored per transaction.
const reportBatch = 64

// RefreshReports rebuilds every report the store lists as missing or
// stale: those of the stories that changed since their report was made,
// by this process or another, and those a crash left unwritten. Reports
// are built on every core (BuildReports) and stored in batches, each one
// transaction, the next batch building while the last one is stored; a
// story changed many times since its last report is built once. It
// returns the stories whose report it rebuilt.
func (e *Engine) RefreshReports(ctx context.Context) ([]string, error) {
	stale, err := e.Store.StaleReports(ctx)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		reports []store.StoryReport
		err     error
	}
	built := make(chan batch, 1)
	go func() {
		defer close(built)
		for start := 0; start < len(stale) && ctx.Err() == nil; start += reportBatch {
			var ids []string
			for _, v := range stale[start:min(start+reportBatch, len(stale))] {
				ids = append(ids, v.ID)
			}
			rs, err := e.BuildReports(ctx, ids)
			built <- batch{rs, err}
			if err != nil {
				return
			}
		}
	}()
	var done []string
	for b := range built {
		if b.err != nil {
			cancel()
			return done, b.err
		}
		gone, err := e.Store.SaveReports(ctx, b.reports)
		if err != nil {
			cancel()
			for range built { // let the builder finish
			}
			return done, err
		}
		for _, r := range b.reports {
			if !slices.Contains(gone, r.StoryID) {
				done = append(done, r.StoryID)
			}
		}
		if e.OnReport != nil {
			e.OnReport(len(done), len(stale))
		}
	}
	sort.Strings(done)
	return done, ctx.Err()
}

// Report returns a story's stored report, building and storing it first
// if it is missing.
func (e *Engine) Report(ctx context.Context, storyID string) (*compare.Report, error) {
	b, err := e.Store.Report(ctx, storyID)
	if err == nil {
		var st compare.Report
		if err := json.Unmarshal(b, &st); err == nil {
			return &st, nil
		}
	}
	if err := e.UpdateReport(ctx, storyID); err != nil {
		return nil, err
	}
	b, err = e.Store.Report(ctx, storyID)
	if err != nil {
		return nil, err
	}
	var st compare.Report
	return &st, json.Unmarshal(b, &st)
}

// reportIndex lists what a report names: participants, the places the
// outlets give, and every quote wording.
func reportIndex(st *compare.Report) store.ReportIndex {
	var idx store.ReportIndex
	for i, p := range st.Event.Participants {
		if i < 4 {
			idx.Main = append(idx.Main, p.Name)
		}
		idx.Entities = append(idx.Entities, store.StoryEntity{Name: p.Name, Type: p.Type, Outlets: len(p.Outlets)})
	}
	if w := st.Event.Where; w != nil {
		for _, v := range w.ByOutlet {
			idx.Entities = append(idx.Entities, store.StoryEntity{Name: v.Name, Type: "LOC", Outlets: 1})
		}
	}
	for _, a := range st.Articles {
		if a.Published != "" {
			idx.Times = append(idx.Times, a.Published)
		}
	}
	for _, q := range st.Quotes {
		for _, w := range q.Wordings {
			art := ""
			if len(w.Spans) > 0 {
				art = w.Spans[0].ArticleID
			}
			idx.Quotes = append(idx.Quotes, store.StoryQuote{StoryID: st.ID, ArticleID: art, Speaker: w.Speaker, Words: w.Words})
		}
	}
	return idx
}
