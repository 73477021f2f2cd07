package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
)

// ClusterItems reads the articles q selects from one snapshot.
func (s *SQLite) ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) (ClusterState, error) {
	// A read transaction: the items and the generation agree.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ClusterState{}, err
	}
	defer tx.Rollback()
	c := sqliteClusterTx{tx}
	st, err := c.State(ctx)
	if err != nil {
		return st, err
	}
	return st, c.ClusterItems(ctx, q, fn)
}

// Clustering runs fn in one write transaction. SQLite has one writer at a
// time, across processes: the transaction is the clustering lock, and a
// process killed while holding it releases it.
func (s *SQLite) Clustering(ctx context.Context, fn func(ClusterTx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(sqliteClusterTx{tx}); err != nil {
		return err
	}
	return tx.Commit()
}

type sqliteClusterTx struct{ tx *sql.Tx }

func (c sqliteClusterTx) State(ctx context.Context) (ClusterState, error) {
	return readState(ctx, c.tx)
}

func readState(ctx context.Context, tx *sql.Tx) (ClusterState, error) {
	var st ClusterState
	err := tx.QueryRowContext(ctx, `SELECT (SELECT value FROM counters WHERE name = 'cluster_generation'),
		(SELECT value FROM counters WHERE name = 'cluster_epoch')`).Scan(&st.Generation, &st.Epoch)
	return st, err
}

// advance starts a new clustering generation, and a new epoch when the
// change takes articles out of stories.
func advance(ctx context.Context, tx *sql.Tx, epoch bool) (ClusterState, error) {
	names := "'cluster_generation'"
	if epoch {
		names += ", 'cluster_epoch'"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE counters SET value = value + 1 WHERE name IN (`+names+`)`); err != nil {
		return ClusterState{}, err
	}
	return readState(ctx, tx)
}

func (c sqliteClusterTx) ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) error {
	cond, args := "story_id IS NOT NULL AND story_id != ''", []any{}
	switch {
	case q.Pending:
		cond = "(story_id IS NULL OR story_id = '')"
	case q.Since > 0:
		cond += " AND cluster_gen > ?"
		args = append(args, q.Since)
	}
	text := `SELECT id, outlet, COALESCE(story_id, ''), published, cluster_doc, signature
		FROM articles WHERE ` + cond + ` ORDER BY published = '', published, id`
	if q.Limit > 0 {
		text += " LIMIT ?"
		args = append(args, q.Limit)
	}
	rows, err := c.tx.QueryContext(ctx, text, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var it ClusterItem
		var profile sql.NullString
		var sig []byte
		if err := rows.Scan(&it.ID, &it.Outlet, &it.StoryID, &it.Published, &profile, &sig); err != nil {
			return err
		}
		if err := decodeClusterItem(&it, []byte(profile.String), sig); err != nil {
			return err
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (c sqliteClusterTx) SaveClustering(ctx context.Context, as []Assignment, links []dedup.CopyLink) (ClusterState, error) {
	tx := c.tx
	moved := false
	touched := map[string]bool{}
	var changes []Assignment
	for _, a := range as {
		var old sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE id = ?`, a.ArticleID).Scan(&old); err != nil {
			return ClusterState{}, fmt.Errorf("assign %s: %w", a.ArticleID, err)
		}
		if old.String == a.StoryID {
			continue
		}
		if old.String != "" {
			touched[old.String] = true
			moved = true // an article left a story: others must rebuild
		}
		touched[a.StoryID] = true
		changes = append(changes, a)
	}
	for _, l := range links {
		var story string
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(story_id, '') FROM articles WHERE id = ?`, l.ArticleID).Scan(&story); err == nil && story != "" {
			touched[story] = true
		}
	}
	st, err := advance(ctx, tx, moved)
	if err != nil {
		return st, err
	}
	for _, a := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ?, cluster_gen = ? WHERE id = ?`, a.StoryID, st.Generation, a.ArticleID); err != nil {
			return st, err
		}
	}
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO copies(article_id, of_id, relation, jaccard, contained, contains) VALUES (?,?,?,?,?,?)`,
			l.ArticleID, l.OfID, l.Relation, l.Jaccard, l.Contained, l.Contains); err != nil {
			return st, err
		}
	}
	for _, a := range changes {
		touched[a.StoryID] = true
	}
	for id := range touched {
		if err := refreshStory(ctx, tx, id, st.Generation); err != nil {
			return st, err
		}
	}
	return st, nil
}

// refreshStory recomputes a story's summary row from its articles and
// marks it changed at generation gen; a story left without articles is
// removed.
func refreshStory(ctx context.Context, tx *sql.Tx, id string, gen int64) error {
	var n, outlets int
	var first, last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT outlet), MIN(NULLIF(published, '')), MAX(NULLIF(published, ''))
		FROM articles WHERE story_id = ?`, id).Scan(&n, &outlets, &first, &last)
	if err != nil {
		return err
	}
	if n == 0 {
		for _, q := range []string{`DELETE FROM stories WHERE id = ?`, `DELETE FROM story_entities WHERE story_id = ?`, `DELETE FROM story_quotes WHERE story_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	}
	var title string
	// The title of the story's first article (in time, then id).
	if err := tx.QueryRowContext(ctx, `SELECT title FROM articles WHERE story_id = ? ORDER BY published = '', published, id LIMIT 1`, id).Scan(&title); err != nil {
		return err
	}
	var copies int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(DISTINCT c.article_id) FROM copies c JOIN articles a ON a.id = c.article_id
		WHERE a.story_id = ? AND c.relation != 'shares passages'`, id).Scan(&copies); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO stories(id, title, first, last, articles, outlets, copies, updated_at, changed_gen) VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET title=excluded.title, first=excluded.first, last=excluded.last, articles=excluded.articles,
		outlets=excluded.outlets, copies=excluded.copies, updated_at=excluded.updated_at, changed_gen=excluded.changed_gen`,
		id, title, first.String, last.String, n, outlets, copies, time.Now().UTC().Format(time.RFC3339Nano), gen)
	return err
}

// Revisions returns every revision of an article, oldest first: the
// earlier ones from the revisions table, the current one from the article.
func (s *SQLite) Revisions(ctx context.Context, id string) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT number, hash, source, fetched, ingested_at, title, COALESCE(raw, ''), COALESCE(text, ''), 0
		FROM revisions WHERE article_id = ? AND number < (SELECT revision FROM articles WHERE id = ?)
		UNION ALL
		SELECT revision, hash, source, `+fetchedOf+`, ingested_at, title, raw, text, 1 FROM articles WHERE id = ?
		ORDER BY 1`, id, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var fetched, ingested string
		if err := rows.Scan(&r.Number, &r.Hash, &r.Source, &fetched, &ingested, &r.Title, &r.Raw, &r.Text, &r.Current); err != nil {
			return nil, err
		}
		r.Fetched, _ = time.Parse(time.RFC3339Nano, fetched)
		r.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	return out, nil
}
