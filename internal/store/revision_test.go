package store

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
)

// A revised article leaves its story: the story's summary no longer
// counts it, its report is stale, and clusterers are told to rebuild.
func TestRevisionLeavesItsStory(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
	b := record("Alpha", "b.txt", "Storm toll rises\n\nThe storm that hit the coast killed three.")
	if _, err := s.PutArticles(ctx, []Record{a, b}); err != nil {
		t.Fatal(err)
	}
	st := saveClustering(t, s, []Assignment{{a.Article.ID, "story-1"}, {b.Article.ID, "story-1"}}, nil)
	if err := s.SaveReport(ctx, "story-1", st.Generation, []byte(`{}`), ReportIndex{}); err != nil {
		t.Fatal(err)
	}
	if stale, _ := s.StaleReports(ctx); len(stale) != 0 {
		t.Fatalf("fresh report listed stale: %v", stale)
	}
	edited := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday; two were hurt.")
	if _, err := s.PutArticles(ctx, []Record{edited}); err != nil {
		t.Fatal(err)
	}
	sum, arts, err := s.Story(ctx, "story-1")
	if err != nil || sum.Articles != 1 || len(arts) != 1 || arts[0].ID != b.Article.ID {
		t.Errorf("story after the revision: %+v %v %v", sum, arts, err)
	}
	stale, _ := s.StaleReports(ctx)
	if len(stale) != 1 || stale[0].ID != "story-1" {
		t.Errorf("stale reports: %v", stale)
	}
	var pending []string
	now, err := s.ClusterItems(ctx, ClusterQuery{Pending: true}, func(it ClusterItem) error {
		pending = append(pending, it.ID)
		return nil
	})
	if err != nil || len(pending) != 1 || pending[0] != a.Article.ID {
		t.Errorf("pending after the revision: %v %v", pending, err)
	}
	if now.Epoch <= st.Epoch || now.Generation <= st.Generation {
		t.Errorf("state %+v did not move on from %+v", now, st)
	}
}

// A report built from an older generation never replaces a newer one, and
// a report of a story that is gone is ErrNotFound.
func TestReportsKeepTheLatestGeneration(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := record("Alpha", "a.txt", "Storm hits coast\n\nA storm hit the coast on Monday.")
	if _, err := s.PutArticles(ctx, []Record{a}); err != nil {
		t.Fatal(err)
	}
	st := saveClustering(t, s, []Assignment{{a.Article.ID, "story-1"}}, nil)
	if err := s.SaveReport(ctx, "story-1", st.Generation+5, []byte(`{"n":"new"}`), ReportIndex{}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReport(ctx, "story-1", st.Generation, []byte(`{"n":"old"}`), ReportIndex{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Report(ctx, "story-1"); string(got) != `{"n":"new"}` {
		t.Errorf("report = %s", got)
	}
	if err := s.SaveReport(ctx, "story-gone", 1, []byte(`{}`), ReportIndex{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("report of a missing story: %v", err)
	}
}

// A store written by the version before identity keys (schema 5) opens,
// gets its keys, and keeps every article; inputs read again are matched to
// the articles they were, not stored twice.
func TestMigrationFromVersion5(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v5.db")
	unzip(t, "testdata/v5.db.gz", path)
	ctx := context.Background()
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, _ := s.CountArticles(ctx)
	if n != 5 {
		t.Fatalf("%d articles after the migration, want 5", n)
	}
	var unkeyed int
	s.DB().QueryRow(`SELECT COUNT(*) FROM articles WHERE key IS NULL OR key = ''`).Scan(&unkeyed)
	if unkeyed != 0 {
		t.Errorf("%d articles without a key", unkeyed)
	}
	list, _ := s.Articles(ctx, ArticleQuery{})
	for _, sm := range list {
		if _, err := s.Article(ctx, sm.ID); err != nil {
			t.Errorf("%s unreadable: %v", sm.ID, err)
		}
		if revs, err := s.Revisions(ctx, sm.ID); err != nil || len(revs) != 1 || !revs[0].Current {
			t.Errorf("%s revisions: %v %v", sm.ID, revs, err)
		}
	}
	// The JSON records and the page, read again, are the articles stored.
	feed := `{"id":"r1","source":"Wire Daily","date":"2025-03-01","title":"Ferry delayed","text":"The ferry to the island was delayed by fog on Saturday morning, the operator said."}
{"id":"r2","source":"Wire Daily","date":"2025-03-02","title":"Bridge opens","text":"A new bridge over the river opened to traffic on Sunday after three years of work, the council said."}
`
	arts, errs := ingest.ReadBytes(ctx, "feed.jsonl", []byte(feed), ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var recs []Record
	for i := range arts {
		recs = append(recs, Record{Article: arts[i], Doc: extract.Clean(&arts[i])})
	}
	puts, err := s.PutArticles(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if puts[0].Outcome != Unchanged || puts[1].Outcome != Revised || puts[1].Revision != 2 {
		t.Errorf("records read again: %+v", puts)
	}
	if n, _ := s.CountArticles(ctx); n != 5 {
		t.Errorf("%d articles after reading the records again, want 5", n)
	}
}

func unzip(t *testing.T, from, to string) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
}
