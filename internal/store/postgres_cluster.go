package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallax-news/parallax/internal/dedup"
)

// ClusterItems reads the articles q selects from one snapshot.
func (s *Postgres) ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) (ClusterState, error) {
	var st ClusterState
	// Repeatable read: the items and the generation agree.
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		c := pgClusterTx{tx}
		var err error
		if st, err = c.State(ctx); err != nil {
			return err
		}
		return c.ClusterItems(ctx, q, fn)
	})
	return st, err
}

// Clustering runs fn in one transaction holding the clustering lock (a
// transaction-level advisory lock): one clusterer decides at a time,
// across processes and machines, and a process that dies releases the
// lock with its connection.
func (s *Postgres) Clustering(ctx context.Context, fn func(ClusterTx) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, pgLockClustering); err != nil {
			return err
		}
		return fn(pgClusterTx{tx})
	})
}

type pgClusterTx struct{ tx pgx.Tx }

func (c pgClusterTx) State(ctx context.Context) (ClusterState, error) {
	return pgReadState(ctx, c.tx)
}

func pgReadState(ctx context.Context, tx pgx.Tx) (ClusterState, error) {
	var st ClusterState
	err := tx.QueryRow(ctx, `SELECT (SELECT value FROM counters WHERE name = 'cluster_generation'),
		(SELECT value FROM counters WHERE name = 'cluster_epoch')`).Scan(&st.Generation, &st.Epoch)
	return st, err
}

// pgAdvance starts a new clustering generation, and a new epoch when the
// change takes articles out of stories.
func pgAdvance(ctx context.Context, tx pgx.Tx, epoch bool) (ClusterState, error) {
	names := []string{"cluster_generation"}
	if epoch {
		names = append(names, "cluster_epoch")
	}
	if _, err := tx.Exec(ctx, `UPDATE counters SET value = value + 1 WHERE name = ANY($1)`, names); err != nil {
		return ClusterState{}, err
	}
	return pgReadState(ctx, tx)
}

func (c pgClusterTx) ClusterItems(ctx context.Context, q ClusterQuery, fn func(ClusterItem) error) error {
	cond, args := "story_id IS NOT NULL AND story_id != ''", []any{}
	switch {
	case q.Pending:
		cond = "(story_id IS NULL OR story_id = '')"
	case q.Since > 0:
		cond += " AND cluster_gen > $1"
		args = append(args, q.Since)
	}
	text := `SELECT id, outlet, COALESCE(story_id, ''), published, cluster_doc, signature
		FROM articles WHERE ` + cond + ` ORDER BY published = '', published, id`
	if q.Limit > 0 {
		text += fmt.Sprintf(" LIMIT $%d", len(args)+1)
		args = append(args, q.Limit)
	}
	rows, err := c.tx.Query(ctx, text, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var it ClusterItem
		var profile, sig []byte
		if err := rows.Scan(&it.ID, &it.Outlet, &it.StoryID, &it.Published, &profile, &sig); err != nil {
			return err
		}
		if err := decodeClusterItem(&it, profile, sig); err != nil {
			return err
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return rows.Err()
}

// SaveClustering stores assignments and copy links as SQLite's does, in
// fewer round trips: the current stories are read in one query and the
// writes are sent as one batch.
func (c pgClusterTx) SaveClustering(ctx context.Context, as []Assignment, links []dedup.CopyLink) (ClusterState, error) {
	tx := c.tx
	ids := make([]string, 0, len(as)+len(links))
	for _, a := range as {
		ids = append(ids, a.ArticleID)
	}
	for _, l := range links {
		ids = append(ids, l.ArticleID)
	}
	current := map[string]string{}
	rows, err := tx.Query(ctx, `SELECT id, COALESCE(story_id, '') FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return ClusterState{}, err
	}
	for rows.Next() {
		var id, story string
		if err := rows.Scan(&id, &story); err != nil {
			rows.Close()
			return ClusterState{}, err
		}
		current[id] = story
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ClusterState{}, err
	}
	moved := false
	touched := map[string]bool{}
	var changes []Assignment
	for _, a := range as {
		old, ok := current[a.ArticleID]
		if !ok {
			return ClusterState{}, fmt.Errorf("assign %s: %w", a.ArticleID, ErrNotFound)
		}
		if old == a.StoryID {
			continue
		}
		if old != "" {
			touched[old] = true
			moved = true
		}
		touched[a.StoryID] = true
		changes = append(changes, a)
	}
	for _, l := range links {
		if story := current[l.ArticleID]; story != "" {
			touched[story] = true
		}
	}
	st, err := pgAdvance(ctx, tx, moved)
	if err != nil {
		return st, err
	}
	b := &pgx.Batch{}
	for _, a := range changes {
		b.Queue(`UPDATE articles SET story_id = $1, cluster_gen = $2 WHERE id = $3`, a.StoryID, st.Generation, a.ArticleID)
	}
	for _, l := range links {
		b.Queue(`INSERT INTO copies(article_id, of_id, relation, jaccard, contained, contains) VALUES ($1,$2,$3,$4,$5,$6)
			ON CONFLICT (article_id, of_id) DO UPDATE SET relation = excluded.relation, jaccard = excluded.jaccard,
			contained = excluded.contained, contains = excluded.contains`,
			l.ArticleID, l.OfID, l.Relation, l.Jaccard, l.Contained, l.Contains)
	}
	if b.Len() > 0 {
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return st, err
		}
	}
	return st, pgRefreshStories(ctx, tx, sortedKeys(touched), st.Generation)
}

// refreshStories recomputes the summary rows of stories from their
// articles, as SQLite's refreshStory does, in one round trip: a story
// left without articles is removed with what its report named.
func pgRefreshStories(ctx context.Context, tx pgx.Tx, ids []string, gen int64) error {
	if len(ids) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	now := time.Now().UTC()
	for _, id := range ids {
		b.Queue(`INSERT INTO stories(id, title, first, last, articles, outlets, copies, updated_at, changed_gen)
			SELECT $1,
				(SELECT title FROM articles WHERE story_id = $1 ORDER BY published = '', published, id LIMIT 1),
				COALESCE(MIN(NULLIF(published, '')), ''), COALESCE(MAX(NULLIF(published, '')), ''),
				COUNT(*), COUNT(DISTINCT outlet),
				(SELECT COUNT(DISTINCT c.article_id) FROM copies c JOIN articles a ON a.id = c.article_id
					WHERE a.story_id = $1 AND c.relation != 'shares passages'),
				$2, $3
			FROM articles WHERE story_id = $1
			HAVING COUNT(*) > 0
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
				articles = excluded.articles, outlets = excluded.outlets, copies = excluded.copies,
				updated_at = excluded.updated_at, changed_gen = excluded.changed_gen`, id, now, gen)
	}
	gone := `NOT EXISTS (SELECT 1 FROM articles WHERE story_id = $1)`
	for _, id := range ids {
		b.Queue(`DELETE FROM stories WHERE id = $1 AND `+gone, id)
		b.Queue(`DELETE FROM story_entities WHERE story_id = $1 AND `+gone, id)
		b.Queue(`DELETE FROM story_quotes WHERE story_id = $1 AND `+gone, id)
	}
	return tx.SendBatch(ctx, b).Close()
}
