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

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/parallax-news/parallax/internal/extract"
	"github.com/parallax-news/parallax/internal/ingest"
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
	// legacy is set when articles stored before identity keys remain
	// unmatched ("legacy:" keys): only then is a new key also looked up
	// by the id it computes.
	legacy bool
}

// OpenSQLite opens (creating if needed) the database at path and brings its
// schema up to date.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create directory for database %s: %w", path, err)
		}
	}
	return openSQLite(ctx, path, false)
}

// openSQLite opens the database at path; read-only, it neither creates
// nor migrates anything.
func openSQLite(ctx context.Context, path string, readOnly bool) (*SQLite, error) {
	q := url.Values{}
	// Write transactions take the write lock at BEGIN, so two processes
	// never both read-then-upgrade (which deadlocks) or both migrate.
	q.Set("_txlock", "immediate")
	pragmas := []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "mmap_size(268435456)"}
	if readOnly {
		q.Set("mode", "ro")
		pragmas = []string{"busy_timeout(10000)"}
	}
	for _, p := range pragmas {
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
	if readOnly {
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		return s, nil
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM articles WHERE key >= 'legacy:' AND key < 'legacy;')`).Scan(&s.legacy); err != nil {
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
	m := sqliteMigrations[v-1]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migration %d: %w", v, err)
	}
	if m.code != nil {
		if err := m.code(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %d: %w", v, err)
		}
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
func (s *SQLite) PutArticles(ctx context.Context, recs []Record) ([]Put, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]Put, len(recs))
	left := map[string]bool{} // stories that revised articles left
	for i := range recs {
		p, oldStory, err := s.putArticle(ctx, tx, &recs[i])
		if err != nil {
			return nil, fmt.Errorf("store %s (%s): %w", recs[i].Article.ID, recs[i].Article.Source, err)
		}
		out[i] = p
		if oldStory != "" {
			left[oldStory] = true
		}
	}
	if len(left) > 0 {
		// The clusterers' state still counts those articles in their
		// stories: a new epoch tells them to rebuild it.
		st, err := advance(ctx, tx, true)
		if err != nil {
			return nil, err
		}
		for id := range left {
			if err := refreshStory(ctx, tx, id, st.Generation); err != nil {
				return nil, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out, nil
}

// stored is what putArticle reads of the article a record's key names.
type stored struct {
	id, hash, story string
	revision        int
}

// putArticle stores one record and says what it did; oldStory is the
// story a revised article left.
func (s *SQLite) putArticle(ctx context.Context, tx *sql.Tx, r *Record) (p Put, oldStory string, err error) {
	a := &r.Article
	if a.Key == "" {
		return p, "", errors.New("article has no identity key")
	}
	cur, found, err := s.findByKey(ctx, tx, a)
	if err != nil {
		return p, "", err
	}
	if found {
		if cur.hash == a.Hash {
			return Put{Outcome: Unchanged, ID: cur.id, Revision: cur.revision}, "", nil
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT number FROM revisions WHERE article_id = ? AND hash = ? ORDER BY number DESC LIMIT 1`, cur.id, a.Hash).Scan(&n)
		if err == nil {
			// Content the article had before: an input read again (a
			// re-run after a crash), not a new version.
			return Put{Outcome: Unchanged, ID: cur.id, Revision: n}, "", nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return p, "", err
		}
		a.ID = cur.id
		if err := revise(ctx, tx, r, cur); err != nil {
			return p, "", err
		}
		return Put{Outcome: Revised, ID: cur.id, Revision: cur.revision + 1}, cur.story, nil
	}
	var other string
	err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE outlet = ? AND hash = ? ORDER BY id LIMIT 1`, a.Outlet, a.Hash).Scan(&other)
	if err == nil {
		return Put{Outcome: Duplicate, ID: other, Revision: 1}, "", nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return p, "", err
	}
	if err := insertArticle(ctx, tx, r); err != nil {
		return p, "", err
	}
	return Put{Outcome: Added, ID: a.ID, Revision: 1}, "", nil
}

// findByKey finds the article a record's key names. An article stored
// before keys existed (key "legacy:<id>") is found by the id the record
// computes, and takes the record's key.
func (s *SQLite) findByKey(ctx context.Context, tx *sql.Tx, a *ingest.Article) (stored, bool, error) {
	var cur stored
	var story sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT id, hash, revision, story_id FROM articles WHERE key = ?`, a.Key).Scan(&cur.id, &cur.hash, &cur.revision, &story)
	if errors.Is(err, sql.ErrNoRows) && s.legacy {
		err = tx.QueryRowContext(ctx, `SELECT id, hash, revision, story_id FROM articles WHERE id = ? AND key = ?`, a.ID, "legacy:"+a.ID).Scan(&cur.id, &cur.hash, &cur.revision, &story)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE articles SET key = ? WHERE id = ?`, a.Key, a.ID)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return cur, false, nil
	}
	cur.story = story.String
	return cur, err == nil, err
}

// articleColumns are the columns insertArticle and revise write, in the
// order articleArgs gives them.
const articleColumns = `outlet, url, source, format, title, published, language, hash, raw, text, meta, analysis,
	story_id, ingested_at, words, cluster_doc, signature, key`

func articleArgs(r *Record) ([]any, error) {
	a := &r.Article
	if r.IngestedAt.IsZero() {
		r.IngestedAt = time.Now().UTC()
	}
	meta, err := encodeMeta(r)
	if err != nil {
		return nil, err
	}
	analysis, err := encodeAnalysis(r.Analysis)
	if err != nil {
		return nil, err
	}
	profile, err := encodeProfile(r.Profile)
	if err != nil {
		return nil, err
	}
	published := ""
	if m := r.Published(); !m.IsZero() {
		published = m.UTC.Format(time.RFC3339)
	}
	return []any{a.Outlet, a.URL, a.Source, a.Format, r.Doc.Title().Value, published, r.Doc.Language,
		a.Hash, a.Raw, r.Doc.Text, string(meta), nullBytes(analysis), nullString(r.StoryID), r.IngestedAt.Format(time.RFC3339Nano),
		len(strings.Fields(r.Doc.Body())), nullBytes(profile), encodeSignature(r.Signature), a.Key}, nil
}

// insertArticle stores a new article. Ids are 48 bits of a hash, and an
// article stored before keys existed may hold the id another key now
// computes: a taken id gets a numbered suffix.
func insertArticle(ctx context.Context, tx *sql.Tx, r *Record) error {
	args, err := articleArgs(r)
	if err != nil {
		return err
	}
	base := r.Article.ID
	for n := 2; ; n++ {
		res, err := tx.ExecContext(ctx, `INSERT INTO articles(`+articleColumns+`, id, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)
			ON CONFLICT(id) DO NOTHING`, append(args[:len(args):len(args)], r.Article.ID)...)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 1 {
			return nil
		}
		r.Article.ID = fmt.Sprintf("%s-%d", base, n)
	}
}

// revise makes a record the article's new current revision: the current
// one moves to the revisions table with its text, the article takes the
// new content and leaves its story (it is clustered again), and its copy
// links, computed from the old text, go.
func revise(ctx context.Context, tx *sql.Tx, r *Record, cur stored) error {
	id := r.Article.ID
	if _, err := tx.ExecContext(ctx, `INSERT INTO revisions(article_id, number, hash, source, fetched, ingested_at, title, raw, text, meta)
		SELECT id, revision, hash, source, `+fetchedOf+`, ingested_at, title, raw, text, meta FROM articles WHERE id = ?
		ON CONFLICT(article_id, number) DO UPDATE SET raw = excluded.raw, text = excluded.text, meta = excluded.meta`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM copies WHERE article_id = ? OR of_id = ?`, id, id); err != nil {
		return err
	}
	r.StoryID = ""
	args, err := articleArgs(r)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET (`+articleColumns+`, revision, cluster_gen) = (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0) WHERE id = ?`,
		append(args, cur.revision+1, id)...)
	return err
}

// fetchedOf reads the fetched time out of an articles row's metadata.
const fetchedOf = `COALESCE(json_extract(meta, '$.article.fetched'), '')`

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
