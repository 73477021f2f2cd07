package store

import (
	"context"
	"path/filepath"
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
