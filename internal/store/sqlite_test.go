package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/dedup"
	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
)

func openTemp(t *testing.T) *SQLite {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func record(outlet, key, raw string) Record {
	a := ingest.Article{Outlet: outlet, Raw: raw, Format: ingest.FormatText, Source: key, Container: "file", Encoding: "utf-8"}
	a.Hash = ingest.ContentHash(raw)
	a.ID = ingest.MakeID(outlet, key)
	a.Key = "path:/" + strings.ToLower(outlet) + "/" + key
	return Record{Article: a, Doc: extract.Clean(&a)}
}

func outcomes(ps []Put) []Outcome {
	var out []Outcome
	for _, p := range ps {
		out = append(out, p.Outcome)
	}
	return out
}

func TestPutOutcomes(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	recs := []Record{
		record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
		record("Beta", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
		record("Alpha", "b.txt", "Other story\n\nSomething else happened in the city today."),
	}
	out, err := s.PutArticles(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(out); !slices.Equal(got, []Outcome{Added, Added, Added}) {
		t.Fatalf("first put: %v", got)
	}
	again, err := s.PutArticles(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(again); !slices.Equal(got, []Outcome{Unchanged, Unchanged, Unchanged}) {
		t.Errorf("re-put: %v, want unchanged", got)
	}
	// Same outlet and content under another key: one article, reported.
	renamed := record("Alpha", "copy-of-a.txt", recs[0].Article.Raw)
	if o, _ := s.PutArticles(ctx, []Record{renamed}); o[0].Outcome != Duplicate || o[0].ID != recs[0].Article.ID {
		t.Errorf("renamed copy: %+v", o[0])
	}
	// Same key, new content: a revision; the first is kept.
	changed := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday; two people were hurt.")
	if o, _ := s.PutArticles(ctx, []Record{changed}); o[0].Outcome != Revised || o[0].Revision != 2 {
		t.Errorf("changed content: %+v", o[0])
	}
	// The first content again is a re-read, not a third revision.
	if o, _ := s.PutArticles(ctx, []Record{recs[0]}); o[0].Outcome != Unchanged || o[0].Revision != 1 {
		t.Errorf("old content again: %+v", o[0])
	}
	if n, _ := s.CountArticles(ctx); n != 3 {
		t.Errorf("count = %d, want 3", n)
	}
	got, err := s.Article(ctx, changed.Article.ID)
	if err != nil || got.Article.Raw != changed.Article.Raw || got.Doc.Text != changed.Doc.Text || got.Doc.Headline.Value != "Storm hits coast" {
		t.Errorf("read back: %v %+v", err, got.Doc.Headline)
	}
	revs, err := s.Revisions(ctx, changed.Article.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions: %v %d", err, len(revs))
	}
	if revs[0].Raw != recs[0].Article.Raw || revs[0].Current || revs[1].Raw != changed.Article.Raw || !revs[1].Current || revs[0].Hash == revs[1].Hash {
		t.Errorf("revisions read back wrong: %+v", revs)
	}
}

func TestBatchIsAtomic(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	// A trigger makes the second insert of the batch fail inside the
	// transaction: the first must not survive.
	if _, err := s.DB().Exec(`CREATE TRIGGER fail_boom BEFORE INSERT ON articles WHEN new.outlet = 'Boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	good := record("Alpha", "a.txt", "Title\n\nBody text one.")
	boom := record("Boom", "b.txt", "Title\n\nBody text two.")
	if _, err := s.PutArticles(ctx, []Record{good, boom}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("batch with a failing record: err = %v", err)
	}
	if n, _ := s.CountArticles(ctx); n != 0 {
		t.Errorf("failed batch left %d rows", n)
	}
	if out, err := s.PutArticles(ctx, []Record{good}); err != nil || out[0].Outcome != Added {
		t.Errorf("store usable after a failed batch: %v %v", out, err)
	}
}

func TestArticlesListingAndSearch(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	_, err := s.PutArticles(ctx, []Record{
		record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday, officials said."),
		record("Beta", "b.txt", "Budget passes\n\nThe council passed the budget after a long debate."),
	})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.Articles(ctx, ArticleQuery{})
	if len(all) != 2 {
		t.Fatalf("listing: %d", len(all))
	}
	hits, err := s.Articles(ctx, ArticleQuery{Query: "storm coast"})
	if err != nil || len(hits) != 1 || hits[0].Outlet != "Alpha" {
		t.Errorf("search: %v %v", err, hits)
	}
	if hits, err := s.Articles(ctx, ArticleQuery{Query: `"unbalanced AND (`}); err != nil || len(hits) != 0 {
		t.Errorf("odd query: %v %v", err, hits)
	}
	if only, _ := s.Articles(ctx, ArticleQuery{Outlet: "Beta"}); len(only) != 1 {
		t.Errorf("outlet filter: %v", only)
	}
	if _, err := s.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing article: %v", err)
	}
}

func TestMigrationsAreVersioned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := context.Background()
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.SchemaVersion(ctx)
	if v != len(sqliteMigrations) {
		t.Errorf("version %d, want %d", v, len(sqliteMigrations))
	}
	s.Close()
	// Reopening applies nothing twice.
	s, err = OpenSQLite(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var rows int
	s.DB().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&rows)
	if rows != len(sqliteMigrations) {
		t.Errorf("%d migration rows", rows)
	}
	// A database from a newer program is refused, not damaged.
	s.DB().Exec(`INSERT INTO schema_migrations(version, applied_at) VALUES (999, 'x')`)
	s.Close()
	if _, err := OpenSQLite(ctx, path); err == nil {
		t.Error("newer schema accepted")
	}
}

// The full-text index follows the text through updates, and assigning a
// story (which changes neither title nor text) leaves it consistent.
func TestSearchIndexFollowsUpdates(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.PutArticles(ctx, []Record{record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")}); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Articles(ctx, ArticleQuery{})
	saveClustering(t, s, []Assignment{{ArticleID: all[0].ID, StoryID: "story-1"}}, nil)
	check := func(query string, want int) {
		t.Helper()
		hits, err := s.Articles(ctx, ArticleQuery{Query: query})
		if err != nil || len(hits) != want {
			t.Errorf("search %q: %d hits (%v), want %d", query, len(hits), err, want)
		}
	}
	check("storm", 1)
	// The same source, edited: its new words are found, its old ones not.
	if _, err := s.PutArticles(ctx, []Record{record("Alpha", "a.txt", "Flood hits valley\n\nA flood hit the valley on Tuesday.")}); err != nil {
		t.Fatal(err)
	}
	check("storm", 0)
	check("flood valley", 1)
	if _, err := s.DB().Exec(`INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("full-text index out of step with the articles: %v", err)
	}
}

// saveClustering stores assignments as a clusterer does, under the lock.
func saveClustering(t *testing.T, s Store, as []Assignment, links []dedup.CopyLink) ClusterState {
	t.Helper()
	var st ClusterState
	err := s.Clustering(context.Background(), func(tx ClusterTx) error {
		var err error
		st, err = tx.SaveClustering(context.Background(), as, links)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}
