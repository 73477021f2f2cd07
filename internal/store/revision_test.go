package store

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
)

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
