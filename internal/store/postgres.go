package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Postgres is the store on a PostgreSQL server, for a team that runs
// several processes (servers, workers, a clusterer) on one collection.
// It keeps what SQLite keeps, with the same outcomes: the same article
// twice is stored once, under concurrency too, and a batch is stored
// whole or not at all.
type Postgres struct {
	pool *pgxpool.Pool
	// schema is the schema the store's tables are in: advisory locks are
	// the database's, so each lock is named for the schema too, and two
	// stores in one database never wait on each other.
	schema string
}

var _ Store = (*Postgres)(nil)

// lockSpace names a space of advisory locks of this store: the first
// of the two keys PostgreSQL's advisory locks take, for one purpose
// ("migrate", "clustering", "articles", "roles") in this store's schema.
func (s *Postgres) lockSpace(purpose string) int32 {
	h := fnv.New32a()
	h.Write([]byte("parallax\x00" + s.schema + "\x00" + purpose))
	return int32(h.Sum32())
}

// OpenPostgres connects to the server the URL names
// (postgres://user@host:port/database?options) and brings the schema up
// to date.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %w", redactURL(url), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %w", redactURL(url), err)
	}
	s := &Postgres{pool: pool}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres store %s: %w (is the server running, and does the database exist?)", redactURL(url), err)
	}
	if err := pool.QueryRow(ctx, `SELECT COALESCE(current_schema(), '')`).Scan(&s.schema); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres store %s: %w", redactURL(url), err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres store %s: %w", redactURL(url), err)
	}
	return s, nil
}

// redactURL hides a password in a connection URL shown in a message.
func redactURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	creds, host, ok := strings.Cut(rest, "@")
	if !ok {
		return u
	}
	if user, _, hasPass := strings.Cut(creds, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return u
}

// Close closes the connections.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// Pool exposes the connections for tests and maintenance commands.
func (s *Postgres) Pool() *pgxpool.Pool { return s.pool }

// migrate applies the migrations the database has not seen, in one
// transaction each, under an advisory lock: processes starting together
// apply each migration once.
func (s *Postgres) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, s.lockSpace("migrate")); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
			return fmt.Errorf("create migrations table: %w", err)
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return err
		}
		if current > len(postgresMigrations) {
			return fmt.Errorf("schema version %d is newer than this program knows (%d): upgrade parallax", current, len(postgresMigrations))
		}
		for v := current + 1; v <= len(postgresMigrations); v++ {
			if _, err := tx.Exec(ctx, postgresMigrations[v-1]); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES ($1, now())`, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// SchemaVersion returns the applied schema version.
func (s *Postgres) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// PutArticles stores a batch in one transaction. Before reading, it
// locks every key and every (outlet, content) of the batch, in one
// order: a concurrent batch holding the same article waits for this one
// to commit and then finds it stored.
func (s *Postgres) PutArticles(ctx context.Context, recs []Record) ([]Put, error) {
	out := make([]Put, len(recs))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, k) FROM unnest($2::int[]) AS k`, s.lockSpace("articles"), lockKeys(recs)); err != nil {
			return err
		}
		left := map[string]bool{}
		for i := range recs {
			p, oldStory, err := pgPutArticle(ctx, tx, &recs[i])
			if err != nil {
				return fmt.Errorf("store %s (%s): %w", recs[i].Article.ID, recs[i].Article.Source, err)
			}
			out[i] = p
			if oldStory != "" {
				left[oldStory] = true
			}
		}
		if len(left) == 0 {
			return nil
		}
		st, err := pgAdvance(ctx, tx, true)
		if err != nil {
			return err
		}
		return pgRefreshStories(ctx, tx, sortedKeys(left), st.Generation)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// lockKeys are the advisory locks a batch takes, sorted so that two
// batches never wait on each other in a cycle.
func lockKeys(recs []Record) []int32 {
	seen := map[int32]bool{}
	for i := range recs {
		a := &recs[i].Article
		for _, k := range []string{"key\x00" + a.Key, "content\x00" + a.Outlet + "\x00" + a.Hash} {
			h := fnv.New32a()
			h.Write([]byte(k))
			seen[int32(h.Sum32())] = true
		}
	}
	keys := make([]int32, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// pgPutArticle stores one record and says what it did; oldStory is the
// story a revised article left. The rules are SQLite's putArticle.
func pgPutArticle(ctx context.Context, tx pgx.Tx, r *Record) (p Put, oldStory string, err error) {
	a := &r.Article
	if a.Key == "" {
		return p, "", errors.New("article has no identity key")
	}
	var cur stored
	var story *string
	err = tx.QueryRow(ctx, `SELECT id, hash, revision, story_id FROM articles WHERE key = $1`, a.Key).Scan(&cur.id, &cur.hash, &cur.revision, &story)
	switch {
	case err == nil:
		if story != nil {
			cur.story = *story
		}
		if cur.hash == a.Hash {
			return Put{Outcome: Unchanged, ID: cur.id, Revision: cur.revision}, "", nil
		}
		var n int
		err := tx.QueryRow(ctx, `SELECT number FROM revisions WHERE article_id = $1 AND hash = $2 ORDER BY number DESC LIMIT 1`, cur.id, a.Hash).Scan(&n)
		if err == nil {
			return Put{Outcome: Unchanged, ID: cur.id, Revision: n}, "", nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return p, "", err
		}
		a.ID = cur.id
		if err := pgRevise(ctx, tx, r, cur); err != nil {
			return p, "", err
		}
		return Put{Outcome: Revised, ID: cur.id, Revision: cur.revision + 1}, cur.story, nil
	case !errors.Is(err, pgx.ErrNoRows):
		return p, "", err
	}
	var other string
	err = tx.QueryRow(ctx, `SELECT id FROM articles WHERE outlet = $1 AND hash = $2 ORDER BY id LIMIT 1`, a.Outlet, a.Hash).Scan(&other)
	if err == nil {
		return Put{Outcome: Duplicate, ID: other, Revision: 1}, "", nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return p, "", err
	}
	if err := pgInsertArticle(ctx, tx, r); err != nil {
		return p, "", err
	}
	return Put{Outcome: Added, ID: a.ID, Revision: 1}, "", nil
}

// pgArticleColumns are the columns pgInsertArticle and pgRevise write,
// in the order pgArticleArgs gives them.
const pgArticleColumns = `outlet, url, source, format, title, published, language, hash, fetched, raw, text, meta, analysis,
	story_id, ingested_at, words, cluster_doc, signature, key`

func pgArticleArgs(r *Record) ([]any, error) {
	args, err := articleArgs(r) // SQLite's, in articleColumns order
	if err != nil {
		return nil, err
	}
	a := &r.Article
	fetched := ""
	if !a.Fetched.IsZero() {
		fetched = a.Fetched.UTC().Format(time.RFC3339Nano)
	}
	bytesOf := func(v any) any {
		if s, ok := v.(string); ok {
			return []byte(s)
		}
		return v // nil
	}
	return []any{args[0], args[1], pgText(a.Source), args[3], pgText(r.Doc.Title().Value), args[5], args[6], args[7], fetched,
		[]byte(a.Raw), pgText(r.Doc.Text), args[10], bytesOf(args[11]), args[12], r.IngestedAt, args[14], bytesOf(args[15]), args[16], args[17]}, nil
}

// pgText is s as PostgreSQL text can hold it: text cannot hold NUL, and
// a space keeps every span into the text where it was. (The raw input,
// which spans also point into, is kept exactly, as bytea.)
func pgText(s string) string {
	if !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.ReplaceAll(s, "\x00", " ")
}

func pgInsertArticle(ctx context.Context, tx pgx.Tx, r *Record) error {
	args, err := pgArticleArgs(r)
	if err != nil {
		return err
	}
	base := r.Article.ID
	for n := 2; ; n++ {
		tag, err := tx.Exec(ctx, `INSERT INTO articles(`+pgArticleColumns+`, id, revision)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,1)
			ON CONFLICT (id) DO NOTHING`, append(args[:len(args):len(args)], r.Article.ID)...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		r.Article.ID = fmt.Sprintf("%s-%d", base, n)
	}
}

// pgRevise makes a record the article's new current revision, as
// SQLite's revise does.
func pgRevise(ctx context.Context, tx pgx.Tx, r *Record, cur stored) error {
	id := r.Article.ID
	if _, err := tx.Exec(ctx, `INSERT INTO revisions(article_id, number, hash, source, fetched, ingested_at, title, raw, text, meta)
		SELECT id, revision, hash, source, fetched, ingested_at, title, raw, text, meta FROM articles WHERE id = $1
		ON CONFLICT (article_id, number) DO UPDATE SET raw = excluded.raw, text = excluded.text, meta = excluded.meta`, id); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM copies WHERE article_id = $1 OR of_id = $1`, id); err != nil {
		return err
	}
	r.StoryID = ""
	args, err := pgArticleArgs(r)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE articles SET (`+pgArticleColumns+`, revision, cluster_gen) =
		($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,0) WHERE id = $21`,
		append(args, cur.revision+1, id)...)
	return err
}
