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
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, s.lockSpace("clustering")); err != nil {
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
	// Set-based writes: one statement for the assignments, one for the
	// links, whatever their number.
	if len(changes) > 0 {
		ids, stories := make([]string, len(changes)), make([]string, len(changes))
		for i, a := range changes {
			ids[i], stories[i] = a.ArticleID, a.StoryID
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET story_id = NULLIF(v.story, ''), cluster_gen = $3
			FROM unnest($1::text[], $2::text[]) AS v(id, story) WHERE articles.id = v.id`, ids, stories, st.Generation); err != nil {
			return st, err
		}
	}
	if len(links) > 0 {
		n := len(links)
		from, of, rel := make([]string, n), make([]string, n), make([]string, n)
		jac, in, cont := make([]float64, n), make([]float64, n), make([]float64, n)
		for i, l := range links {
			from[i], of[i], rel[i], jac[i], in[i], cont[i] = l.ArticleID, l.OfID, l.Relation, l.Jaccard, l.Contained, l.Contains
		}
		if _, err := tx.Exec(ctx, `INSERT INTO copies(article_id, of_id, relation, jaccard, contained, contains)
			SELECT DISTINCT ON (a, o) a, o, r, j, i, c FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]) AS v(a, o, r, j, i, c)
			ON CONFLICT (article_id, of_id) DO UPDATE SET relation = excluded.relation, jaccard = excluded.jaccard,
			contained = excluded.contained, contains = excluded.contains`, from, of, rel, jac, in, cont); err != nil {
			return st, err
		}
	}
	return st, pgRefreshStories(ctx, tx, sortedKeys(touched), st.Generation)
}

// pgRefreshStories recomputes the summary rows of stories from their
// articles, as SQLite's refreshStory does, in three set-based
// statements: a story left without articles is removed with what its
// report named.
func pgRefreshStories(ctx context.Context, tx pgx.Tx, ids []string, gen int64) error {
	if len(ids) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO stories(id, title, first, last, articles, outlets, copies, updated_at, changed_gen)
		SELECT s.story_id, f.title, s.first, s.last, s.n, s.outlets, COALESCE(c.copies, 0), $2, $3
		FROM (SELECT story_id, COALESCE(MIN(NULLIF(published, '')), '') AS first, COALESCE(MAX(NULLIF(published, '')), '') AS last,
				COUNT(*) AS n, COUNT(DISTINCT outlet) AS outlets
			FROM articles WHERE story_id = ANY($1) GROUP BY story_id) s
		JOIN (SELECT DISTINCT ON (story_id) story_id, title FROM articles WHERE story_id = ANY($1)
			ORDER BY story_id, published = '', published, id) f ON f.story_id = s.story_id
		LEFT JOIN (SELECT a.story_id, COUNT(DISTINCT c.article_id) AS copies FROM copies c JOIN articles a ON a.id = c.article_id
			WHERE a.story_id = ANY($1) AND c.relation != 'shares passages' GROUP BY a.story_id) c ON c.story_id = s.story_id
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
			articles = excluded.articles, outlets = excluded.outlets, copies = excluded.copies,
			updated_at = excluded.updated_at, changed_gen = excluded.changed_gen`, ids, time.Now().UTC(), gen)
	gone := `= ANY($1) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = `
	b.Queue(`DELETE FROM stories s WHERE s.id `+gone+`s.id)`, ids)
	b.Queue(`DELETE FROM story_entities e WHERE e.story_id `+gone+`e.story_id)`, ids)
	b.Queue(`DELETE FROM story_quotes q WHERE q.story_id `+gone+`q.story_id)`, ids)
	return tx.SendBatch(ctx, b).Close()
}
