package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultPath is where the embedded store lives unless --db or PARALLAX_DB
// say otherwise.
const DefaultPath = "parallax.db"

// Path returns the database path: flag, then $PARALLAX_DB, then DefaultPath.
func Path(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv("PARALLAX_DB"); env != "" {
		return env
	}
	return DefaultPath
}

// maxConns bounds the open connections: readers run in parallel under
// WAL, writers queue on the write lock.
const maxConns = 16

// SQLite is the embedded default store.
type SQLite struct {
	db   *sql.DB
	path string
}

// OpenSQLite opens (creating if needed) the database at path and brings its
// schema up to date.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create directory for database %s: %w", path, err)
		}
	}
	q := url.Values{}
	// Write transactions take the write lock at BEGIN, so two processes
	// never both read-then-upgrade (which deadlocks) or both migrate.
	q.Set("_txlock", "immediate")
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "mmap_size(268435456)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// Keep connections open: each SQLite connection has its own page
	// cache, and database/sql's default of two idle connections would
	// make a busy server open (and warm) a new one per request.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &SQLite{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }

// DB exposes the handle for tests and maintenance commands.
func (s *SQLite) DB() *sql.DB { return s.db }

// migrate applies the migrations the database has not seen, each in its
// own transaction, recording the version. The version is read inside the
// (immediate) transaction, so concurrent openers cannot apply one twice.
func (s *SQLite) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for {
		done, err := s.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, or reports that none is left.
func (s *SQLite) migrateOne(ctx context.Context) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return false, err
	}
	if current > len(sqliteMigrations) {
		return false, fmt.Errorf("schema version %d is newer than this program knows (%d): upgrade parallax", current, len(sqliteMigrations))
	}
	if current == len(sqliteMigrations) {
		return true, nil
	}
	v := current + 1
	if _, err := tx.ExecContext(ctx, sqliteMigrations[v-1]); err != nil {
		return false, fmt.Errorf("migration %d: %w", v, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, v, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

// SchemaVersion returns the applied schema version.
func (s *SQLite) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// PutArticles stores a batch in one transaction.
func (s *SQLite) PutArticles(ctx context.Context, recs []Record) ([]Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]Outcome, len(recs))
	for i := range recs {
		o, err := putArticle(ctx, tx, &recs[i])
		if err != nil {
			return nil, fmt.Errorf("store %s (%s): %w", recs[i].Article.ID, recs[i].Article.Source, err)
		}
		out[i] = o
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out, nil
}

func putArticle(ctx context.Context, tx *sql.Tx, r *Record) (Outcome, error) {
	a := &r.Article
	var oldHash string
	err := tx.QueryRowContext(ctx, `SELECT hash FROM articles WHERE id = ?`, a.ID).Scan(&oldHash)
	switch {
	case err == nil && oldHash == a.Hash:
		return Duplicate, nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	exists := err == nil
	if !exists {
		var other string
		err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE outlet = ? AND hash = ?`, a.Outlet, a.Hash).Scan(&other)
		if err == nil {
			return Duplicate, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if r.IngestedAt.IsZero() {
		r.IngestedAt = time.Now().UTC()
	}
	meta, err := encodeMeta(r)
	if err != nil {
		return 0, err
	}
	published := ""
	if m := r.Doc.Published.Moment; !m.IsZero() {
		published = m.UTC.Format(time.RFC3339)
	} else if !a.Published.IsZero() {
		published = a.Published.UTC.Format(time.RFC3339)
	}
	args := []any{a.Outlet, a.URL, a.Source, a.Format, r.Doc.Title().Value, published, r.Doc.Language,
		a.Hash, a.Raw, r.Doc.Text, string(meta), nullBytes(r.Analysis), nullString(r.StoryID), r.IngestedAt.Format(time.RFC3339Nano),
		len(strings.Fields(r.Doc.Body())), nullBytes(r.ClusterDoc), r.Signature}
	if exists {
		// New content: the article is clustered again, and its copy links
		// are recomputed.
		if _, err := tx.ExecContext(ctx, `DELETE FROM copies WHERE article_id = ? OR of_id = ?`, a.ID, a.ID); err != nil {
			return 0, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET outlet=?, url=?, source=?, format=?, title=?, published=?, language=?,
			hash=?, raw=?, text=?, meta=?, analysis=?, story_id=?, ingested_at=?, words=?, cluster_doc=?, signature=? WHERE id=?`, append(args, a.ID)...)
		return Updated, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO articles(outlet, url, source, format, title, published, language,
		hash, raw, text, meta, analysis, story_id, ingested_at, words, cluster_doc, signature, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(args, a.ID)...)
	return Added, err
}

// articleMeta is what the meta column holds: the article without its raw
// text and the document without its text (both have their own columns).
type articleMeta struct {
	Article ingest.Article   `json:"article"`
	Doc     extract.Document `json:"doc"`
}

func encodeMeta(r *Record) ([]byte, error) {
	m := articleMeta{Article: r.Article, Doc: r.Doc}
	m.Article.Raw, m.Doc.Text = "", ""
	return json.Marshal(m)
}

func decodeMeta(b []byte, raw, text string, r *Record) error {
	var m articleMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	r.Article, r.Doc = m.Article, m.Doc
	r.Article.Raw, r.Doc.Text = raw, text
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}
