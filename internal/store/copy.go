package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
)

// CopyCounts are the rows of each table in both stores after a copy.
type CopyCounts struct {
	Articles, Revisions, Stories, Copies, Entities, Quotes int
}

// copyBatch is the number of articles copied per transaction: a copy
// stopped at any point keeps every whole batch, and resumes after it.
// (A variable for the tests.)
var copyBatch = 500

// CopyToPostgres copies an embedded store into a PostgreSQL one, for a
// collection moving up to a server. Articles go in batches, each its own
// transaction, in id order: a copy stopped at any point resumes after
// the last batch it committed. Stories, copy links, reports and the
// clustering generation go last, in one transaction. At the end the rows
// of every table are counted on both sides, and any difference is an
// error. The target must be empty, or hold an earlier copy of the same
// source; writers on the source should be stopped first.
//
// progress, when not nil, is called with the articles copied so far and
// the total.
func CopyToPostgres(ctx context.Context, from *SQLite, to *Postgres, progress func(done, total int)) (CopyCounts, error) {
	source, err := filepath.Abs(from.path)
	if err != nil {
		return CopyCounts{}, err
	}
	if err := to.startCopy(ctx, source); err != nil {
		return CopyCounts{}, err
	}
	total, err := from.CountArticles(ctx)
	if err != nil {
		return CopyCounts{}, err
	}
	done, err := to.CountArticles(ctx)
	if err != nil {
		return CopyCounts{}, err
	}
	for {
		if progress != nil {
			progress(done, total)
		}
		n, err := copyArticles(ctx, from.db, to.pool)
		if err != nil {
			return CopyCounts{}, fmt.Errorf("copy articles: %w", err)
		}
		if n == 0 {
			break
		}
		done += n
	}
	if err := copyTheRest(ctx, from.db, to.pool); err != nil {
		return CopyCounts{}, err
	}
	want, err := countRows(ctx, from.db.QueryRowContext)
	if err != nil {
		return want, err
	}
	got, err := countRows(ctx, func(ctx context.Context, q string, _ ...any) interface{ Scan(...any) error } {
		return to.pool.QueryRow(ctx, q)
	})
	if err != nil {
		return got, err
	}
	if got != want {
		return got, fmt.Errorf("copy incomplete: the source has %+v, the target %+v; run the same command again", want, got)
	}
	_, err = to.pool.Exec(ctx, `UPDATE store_copies SET finished_at = now() WHERE source = $1`, source)
	return got, err
}

// startCopy checks that the target is empty or an earlier copy of
// source, and records the copy.
func (s *Postgres) startCopy(ctx context.Context, source string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var articles int
		var known bool
		err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM articles), EXISTS(SELECT 1 FROM store_copies WHERE source = $1)`, source).Scan(&articles, &known)
		if err != nil {
			return err
		}
		if articles > 0 && !known {
			return fmt.Errorf("the target store already holds %d articles, not copied from %s: copy into an empty database or schema", articles, source)
		}
		_, err = tx.Exec(ctx, `INSERT INTO store_copies(source, started_at) VALUES ($1, now()) ON CONFLICT (source) DO NOTHING`, source)
		return err
	})
}

// copyArticles copies the next batch of articles after the last one the
// target holds, and reports how many it copied.
func copyArticles(ctx context.Context, from *sql.DB, to pgxPool) (int, error) {
	var after string
	if err := to.QueryRow(ctx, `SELECT COALESCE(MAX(id), '') FROM articles`).Scan(&after); err != nil {
		return 0, err
	}
	rows, err := from.QueryContext(ctx, `SELECT id, COALESCE(key, 'legacy:' || id), revision, outlet, url, source, format, title, published,
		language, hash, `+fetchedOf+`, raw, text, meta, analysis, cluster_doc, signature, story_id, cluster_gen, ingested_at, words
		FROM articles WHERE id > ? ORDER BY id LIMIT ?`, after, copyBatch)
	if err != nil {
		return 0, err
	}
	var batch [][]any
	for rows.Next() {
		var id, key, outlet, url, source, format, title, published, language, hash, fetched, raw, text, meta, ingested string
		var revision, words int
		var gen int64
		var analysis, profile, story sql.NullString
		var sig []byte
		if err := rows.Scan(&id, &key, &revision, &outlet, &url, &source, &format, &title, &published, &language, &hash, &fetched,
			&raw, &text, &meta, &analysis, &profile, &sig, &story, &gen, &ingested, &words); err != nil {
			rows.Close()
			return 0, err
		}
		at, _ := time.Parse(time.RFC3339Nano, ingested)
		batch = append(batch, []any{id, key, revision, outlet, url, pgText(source), format, pgText(title), published, language, hash, fetched,
			[]byte(raw), pgText(text), meta, nullableBytes(analysis), nullableBytes(profile), sig, nullableText(story), gen, at, words})
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(batch) == 0 {
		return 0, err
	}
	cols := []string{"id", "key", "revision", "outlet", "url", "source", "format", "title", "published", "language", "hash", "fetched",
		"raw", "text", "meta", "analysis", "cluster_doc", "signature", "story_id", "cluster_gen", "ingested_at", "words"}
	_, err = to.CopyFrom(ctx, pgx.Identifier{"articles"}, cols, pgx.CopyFromRows(batch))
	return len(batch), err
}

// pgxPool is what the copy needs of a pool (or a transaction).
type pgxPool interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error)
}

func nullableBytes(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return []byte(s.String)
}

func nullableText(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

// copyTheRest replaces the target's revisions, stories, copy links,
// story index and counters with the source's, in one transaction.
func copyTheRest(ctx context.Context, from *sql.DB, to pgxBeginner) error {
	return pgx.BeginFunc(ctx, to, func(tx pgx.Tx) error {
		for _, t := range []struct {
			table, query string
			cols         []string
			convert      func([]any) []any
		}{
			{"revisions", `SELECT article_id, number, hash, source, fetched, ingested_at, title, raw, text, meta FROM revisions`,
				[]string{"article_id", "number", "hash", "source", "fetched", "ingested_at", "title", "raw", "text", "meta"},
				func(r []any) []any {
					r[5] = parseTime(r[5])
					r[7] = bytesOrNil(r[7])
					return r
				}},
			{"stories", `SELECT id, title, first, last, articles, outlets, copies, updated_at, changed_gen, report, report_gen, glance FROM stories`,
				[]string{"id", "title", "first", "last", "articles", "outlets", "copies", "updated_at", "changed_gen", "report", "report_gen", "glance"},
				func(r []any) []any {
					r[7] = parseTime(r[7])
					return r
				}},
			{"copies", `SELECT article_id, of_id, relation, jaccard, contained, contains FROM copies`,
				[]string{"article_id", "of_id", "relation", "jaccard", "contained", "contains"}, nil},
			{"story_entities", `SELECT story_id, name, type, outlets FROM story_entities`,
				[]string{"story_id", "name", "type", "outlets"}, nil},
			{"story_quotes", `SELECT story_id, article_id, speaker, words FROM story_quotes ORDER BY id`,
				[]string{"story_id", "article_id", "speaker", "words"}, nil},
			{"counters", `SELECT name, value FROM counters`, []string{"name", "value"}, nil},
		} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+t.table); err != nil {
				return err
			}
			rows, err := readAll(ctx, from, t.query, len(t.cols), t.convert)
			if err != nil {
				return fmt.Errorf("read %s: %w", t.table, err)
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(rows)); err != nil {
				return fmt.Errorf("copy %s: %w", t.table, err)
			}
		}
		return nil
	})
}

// pgxBeginner starts transactions (a pool).
type pgxBeginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// readAll reads every row of a query as n values each, converted.
func readAll(ctx context.Context, db *sql.DB, query string, n int, convert func([]any) []any) ([][]any, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		vals := make([]any, n)
		ptrs := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok { // SQLite text read as bytes
				vals[i] = pgText(string(b))
			} else if s, ok := v.(string); ok {
				vals[i] = pgText(s)
			}
		}
		if convert != nil {
			vals = convert(vals)
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func parseTime(v any) any {
	s, _ := v.(string)
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func bytesOrNil(v any) any {
	if s, ok := v.(string); ok {
		return []byte(s)
	}
	return nil
}

// countRows counts the rows of every copied table.
func countRows[R interface{ Scan(...any) error }](ctx context.Context, queryRow func(ctx context.Context, q string, args ...any) R) (CopyCounts, error) {
	var c CopyCounts
	err := queryRow(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM stories),
		(SELECT COUNT(*) FROM copies), (SELECT COUNT(*) FROM story_entities), (SELECT COUNT(*) FROM story_quotes)`).
		Scan(&c.Articles, &c.Revisions, &c.Stories, &c.Copies, &c.Entities, &c.Quotes)
	return c, err
}
