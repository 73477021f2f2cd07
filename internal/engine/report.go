package engine

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/parallax-news/parallax/internal/compare"
	"github.com/parallax-news/parallax/internal/nlp"
	"github.com/parallax-news/parallax/internal/store"
)

// BuildReport compares the articles of a stored story.
func (e *Engine) BuildReport(ctx context.Context, storyID string) (*compare.Story, error) {
	_, list, err := e.Store.Story(ctx, storyID)
	if err != nil {
		return nil, err
	}
	var arts []compare.Article
	var ids []string
	for _, sm := range list {
		rec, err := e.Store.Article(ctx, sm.ID)
		if err != nil {
			return nil, err
		}
		arts = append(arts, CompareArticle(&rec))
		ids = append(ids, sm.ID)
	}
	links, err := e.Store.Copies(ctx, ids)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var copies []compare.Copy
	for _, l := range links {
		if in[l.ArticleID] && in[l.OfID] {
			copies = append(copies, compare.Copy{ArticleID: l.ArticleID, OfID: l.OfID, Relation: l.Relation,
				Jaccard: l.Jaccard, Contained: l.Contained, Contains: l.Contains})
		}
	}
	return compare.Build(storyID, arts, copies), nil
}

// CompareArticle is the comparison's view of a stored article.
func CompareArticle(rec *store.Record) compare.Article {
	a := compare.Article{ID: rec.Article.ID, Outlet: rec.Article.Outlet, URL: rec.Article.URL, Raw: rec.Article.Raw, Doc: &rec.Doc}
	if len(rec.Analysis) > 0 {
		a.Analysis, _ = nlp.DecodeAnalysis(rec.Analysis)
	}
	a.Published = rec.Doc.Published.Moment
	if a.Published.IsZero() {
		a.Published = rec.Article.Published
	}
	return a
}

// UpdateReports computes and stores the reports of the given stories
// (convention: reports are computed when a story changes, and read
// afterwards, not recomputed per request).
func (e *Engine) UpdateReports(ctx context.Context, storyIDs []string) error {
	for _, id := range storyIDs {
		st, err := e.BuildReport(ctx, id)
		if err != nil {
			return fmt.Errorf("report of %s: %w", id, err)
		}
		b, err := json.Marshal(st)
		if err != nil {
			return err
		}
		if err := e.Store.SaveReport(ctx, id, b, reportIndex(st)); err != nil {
			return err
		}
	}
	return nil
}

// Report returns a story's stored report, building and storing it first
// if it is missing.
func (e *Engine) Report(ctx context.Context, storyID string) (*compare.Story, error) {
	b, err := e.Store.Report(ctx, storyID)
	if err == nil {
		var st compare.Story
		if err := json.Unmarshal(b, &st); err == nil {
			return &st, nil
		}
	}
	if err := e.UpdateReports(ctx, []string{storyID}); err != nil {
		return nil, err
	}
	b, err = e.Store.Report(ctx, storyID)
	if err != nil {
		return nil, err
	}
	var st compare.Story
	return &st, json.Unmarshal(b, &st)
}

// reportIndex lists what a report names: participants, the places the
// outlets give, and every quote wording.
func reportIndex(st *compare.Story) store.ReportIndex {
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
