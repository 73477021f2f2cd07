package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallax-news/parallax/internal/dedup"
)

// Article returns one stored article.
func (s *Postgres) Article(ctx context.Context, id string) (Record, error) {
	var r Record
	var raw, analysis []byte
	var text, meta string
	var story *string
	err := s.pool.QueryRow(ctx, `SELECT raw, text, meta, analysis, story_id, ingested_at FROM articles WHERE id = $1`, id).
		Scan(&raw, &text, &meta, &analysis, &story, &r.IngestedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, err
	}
	if err := decodeMeta([]byte(meta), string(raw), text, &r); err != nil {
		return r, fmt.Errorf("article %s: corrupt metadata: %w", id, err)
	}
	if r.Analysis, err = decodeAnalysis(analysis); err != nil {
		return r, fmt.Errorf("article %s: %w", id, err)
	}
	if story != nil {
		r.StoryID = *story
	}
	r.IngestedAt = r.IngestedAt.UTC()
	return r, nil
}

// Revisions returns every revision of an article, oldest first.
func (s *Postgres) Revisions(ctx context.Context, id string) ([]Revision, error) {
	rows, err := s.pool.Query(ctx, `SELECT number, hash, source, fetched, ingested_at, title, COALESCE(raw, ''::bytea), COALESCE(text, ''), false
		FROM revisions WHERE article_id = $1 AND number < (SELECT revision FROM articles WHERE id = $1)
		UNION ALL
		SELECT revision, hash, source, fetched, ingested_at, title, raw, text, true FROM articles WHERE id = $1
		ORDER BY 1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var fetched string
		var raw []byte
		if err := rows.Scan(&r.Number, &r.Hash, &r.Source, &fetched, &r.Ingested, &r.Title, &raw, &r.Text, &r.Current); err != nil {
			return nil, err
		}
		r.Raw = string(raw)
		r.Fetched, _ = time.Parse(time.RFC3339Nano, fetched)
		r.Ingested = r.Ingested.UTC()
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

// pgArgs collects the arguments of a query and names their placeholders.
type pgArgs []any

func (a *pgArgs) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// limitOf is a listing's limit: none (NULL) for zero or less.
func limitOf(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

const pgSummaryColumns = `a.id, a.outlet, a.title, a.published, a.language, a.source, COALESCE(a.story_id, ''), a.ingested_at, a.words, a.revision`

func scanSummaries(rows pgx.Rows) ([]Summary, error) {
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var sm Summary
		if err := rows.Scan(&sm.ID, &sm.Outlet, &sm.Title, &sm.Published, &sm.Language, &sm.Source, &sm.StoryID, &sm.Ingested, &sm.Words, &sm.Revision); err != nil {
			return nil, err
		}
		sm.Ingested = sm.Ingested.UTC()
		out = append(out, sm)
	}
	return out, rows.Err()
}

// Articles lists stored articles, newest first.
func (s *Postgres) Articles(ctx context.Context, q ArticleQuery) ([]Summary, error) {
	var where []string
	var args pgArgs
	if q.Outlet != "" {
		where = append(where, "lower(a.outlet) = lower("+args.add(q.Outlet)+")")
	}
	if q.Query != "" {
		where = append(where, "a.id IN (SELECT id FROM article_search WHERE search @@ plainto_tsquery('simple', "+args.add(q.Query)+"))")
	}
	if len(q.IDs) > 0 {
		where = append(where, "a.id = ANY("+args.add(q.IDs)+")")
	}
	if q.After != nil {
		p, id := args.add(q.After.Published), args.add(q.After.ID)
		where = append(where, "(a.published < "+p+" OR a.published = "+p+" AND a.id > "+id+")")
	}
	text := `SELECT ` + pgSummaryColumns + ` FROM articles a`
	if len(where) > 0 {
		text += " WHERE " + strings.Join(where, " AND ")
	}
	text += " ORDER BY a.published DESC, a.id LIMIT " + args.add(limitOf(q.Limit)) + " OFFSET " + args.add(q.Offset)
	rows, err := s.pool.Query(ctx, text, args...)
	if err != nil {
		return nil, err
	}
	return scanSummaries(rows)
}

// CountArticles returns the number of stored articles.
// Outlets counts each stored outlet's articles and stories.
func (s *Postgres) Outlets(ctx context.Context) ([]OutletCount, error) {
	rows, err := s.pool.Query(ctx, outletsSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanOutletCount)
}

// PerDay counts articles and stories by publication day and outlet.
func (s *Postgres) PerDay(ctx context.Context, since string) ([]DayCount, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf(perDaySQL, "$1"), since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanDayCount)
}

func (s *Postgres) CountArticles(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n)
	return n, err
}

// CountStories returns the number of stories.
func (s *Postgres) CountStories(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM stories`).Scan(&n)
	return n, err
}

// Stories lists stories, most recently active first.
func (s *Postgres) Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error) {
	var where []string
	var args pgArgs
	if q.Since != "" {
		where = append(where, "s.last >= "+args.add(q.Since))
	}
	if q.Until != "" {
		where = append(where, "s.first <= "+args.add(q.Until))
	}
	if q.Outlet != "" {
		where = append(where, "s.id IN (SELECT story_id FROM articles WHERE lower(outlet) = lower("+args.add(q.Outlet)+"))")
	}
	lower := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.ToLower(x)
		}
		return out
	}
	if len(q.AnyOutlet) > 0 {
		where = append(where, "s.id IN (SELECT story_id FROM articles WHERE lower(outlet) = ANY("+args.add(lower(q.AnyOutlet))+"))")
	}
	if len(q.NoOutlet) > 0 {
		where = append(where, "s.id NOT IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND lower(outlet) = ANY("+args.add(lower(q.NoOutlet))+"))")
	}
	if q.Entity != "" {
		parts := nameParts(q.Entity)
		where = append(where, "s.id IN (SELECT story_id FROM story_entities WHERE lower(name) = lower("+args.add(q.Entity)+")"+
			" OR name ILIKE "+args.add(parts[0])+" OR name ILIKE "+args.add(parts[1])+" OR name ILIKE "+args.add(parts[2])+")")
	}
	if q.Query != "" {
		where = append(where, "s.id IN (SELECT a.story_id FROM articles a JOIN article_search f ON f.id = a.id WHERE f.search @@ plainto_tsquery('simple', "+args.add(q.Query)+"))")
	}
	if len(q.IDs) > 0 {
		where = append(where, "s.id = ANY("+args.add(q.IDs)+")")
	}
	if q.After != nil {
		l, id := args.add(q.After.Last), args.add(q.After.ID)
		where = append(where, "(s.last < "+l+" OR s.last = "+l+" AND s.id > "+id+")")
	}
	text := `SELECT s.id, s.title, s.first, s.last, s.articles, s.outlets, s.copies, s.updated_at, COALESCE(s.glance, ''), s.changed_gen FROM stories s`
	if len(where) > 0 {
		text += " WHERE " + strings.Join(where, " AND ")
	}
	text += " ORDER BY s.last DESC, s.id LIMIT " + args.add(limitOf(q.Limit)) + " OFFSET " + args.add(q.Offset)
	rows, err := s.pool.Query(ctx, text, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StorySummary
	for rows.Next() {
		var st StorySummary
		var glance string
		if err := rows.Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets, &st.Copies, &st.Updated, &glance, &st.Generation); err != nil {
			return nil, err
		}
		if glance != "" {
			var g struct{ Main, Times []string }
			if json.Unmarshal([]byte(glance), &g) == nil {
				st.Entities, st.Times = g.Main, g.Times
			}
		}
		st.Updated = st.Updated.UTC()
		out = append(out, st)
	}
	return out, rows.Err()
}

// Story returns one story's summary and its articles, oldest first.
func (s *Postgres) Story(ctx context.Context, id string) (StorySummary, []Summary, error) {
	list, err := s.Stories(ctx, StoryQuery{IDs: []string{id}})
	if err != nil {
		return StorySummary{}, nil, err
	}
	if len(list) == 0 {
		return StorySummary{}, nil, fmt.Errorf("story %s: %w", id, ErrNotFound)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+pgSummaryColumns+` FROM articles a WHERE a.story_id = $1 ORDER BY a.published = '', a.published, a.id`, id)
	if err != nil {
		return StorySummary{}, nil, err
	}
	arts, err := scanSummaries(rows)
	return list[0], arts, err
}

// Copies returns the copy links from or to the given articles.
func (s *Postgres) Copies(ctx context.Context, ids []string) ([]dedup.CopyLink, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT article_id, of_id, relation, jaccard, contained, contains FROM copies
		WHERE article_id = ANY($1) OR of_id = ANY($1) ORDER BY article_id, of_id`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanCopyLink)
}

// SaveReport stores a story's computed report and its index, unless a
// report of a later generation is stored already.
func (s *Postgres) SaveReport(ctx context.Context, storyID string, gen int64, report []byte, idx ReportIndex) error {
	return saveOne(ctx, s, StoryReport{StoryID: storyID, Generation: gen, JSON: report, Index: idx})
}

// SaveReports stores reports in one transaction. Each story's row is
// locked (FOR UPDATE) before its generation is compared: two processes
// saving one story's report take turns, and the later generation stays.
func (s *Postgres) SaveReports(ctx context.Context, reports []StoryReport) ([]string, error) {
	var gone []string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		gone = nil
		b := &pgx.Batch{}
		for _, r := range reports {
			var stored *int64
			err := tx.QueryRow(ctx, `SELECT report_gen FROM stories WHERE id = $1 FOR UPDATE`, r.StoryID).Scan(&stored)
			if errors.Is(err, pgx.ErrNoRows) {
				gone = append(gone, r.StoryID)
				continue
			}
			if err != nil {
				return fmt.Errorf("report of %s: %w", r.StoryID, err)
			}
			if stored != nil && *stored > r.Generation {
				continue
			}
			glance, _ := json.Marshal(struct{ Main, Times []string }{r.Index.Main, r.Index.Times})
			b.Queue(`UPDATE stories SET report = $1, glance = $2, report_gen = $3 WHERE id = $4`, pgText(string(r.JSON)), string(glance), r.Generation, r.StoryID)
			b.Queue(`DELETE FROM story_entities WHERE story_id = $1`, r.StoryID)
			b.Queue(`DELETE FROM story_quotes WHERE story_id = $1`, r.StoryID)
			for _, e := range r.Index.Entities {
				b.Queue(`INSERT INTO story_entities(story_id, name, type, outlets) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, r.StoryID, pgText(e.Name), e.Type, e.Outlets)
			}
			for _, q := range r.Index.Quotes {
				b.Queue(`INSERT INTO story_quotes(story_id, article_id, speaker, words) VALUES ($1,$2,$3,$4)`, r.StoryID, q.ArticleID, pgText(q.Speaker), pgText(q.Words))
			}
		}
		if b.Len() == 0 {
			return nil
		}
		return tx.SendBatch(ctx, b).Close()
	})
	return gone, err
}

// StaleReports lists the stories whose report is missing or older than
// their last change.
func (s *Postgres) StaleReports(ctx context.Context) ([]StoryVersion, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, changed_gen FROM stories WHERE report_gen IS NULL OR report_gen < changed_gen ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanStoryVersion)
}

// Entities finds entities whose name contains q (case-insensitive).
func (s *Postgres) Entities(ctx context.Context, q string, limit int) ([]EntityHit, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.pool.Query(ctx, `SELECT name, type, COUNT(DISTINCT story_id) AS n FROM story_entities
		WHERE name ILIKE $1 ESCAPE '\' GROUP BY name, type ORDER BY n DESC, name LIMIT $2`, "%"+likeEscape(q)+"%", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanEntityHit)
}

// EntityStories lists the stories naming an entity.
func (s *Postgres) EntityStories(ctx context.Context, name string) ([]StorySummary, error) {
	return s.Stories(ctx, StoryQuery{Entity: name})
}

// SearchQuotes finds quotes by full-text query over words and speaker,
// best match first.
func (s *Postgres) SearchQuotes(ctx context.Context, q string, limit int) ([]StoryQuote, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.pool.Query(ctx, `SELECT story_id, article_id, speaker, words FROM story_quotes, plainto_tsquery('simple', $1) query
		WHERE search @@ query ORDER BY ts_rank(search, query) DESC, id LIMIT $2`, q, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanStoryQuote)
}

// Report returns a story's stored report.
func (s *Postgres) Report(ctx context.Context, storyID string) ([]byte, error) {
	var r *string
	err := s.pool.QueryRow(ctx, `SELECT report FROM stories WHERE id = $1`, storyID).Scan(&r)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && r == nil {
		return nil, fmt.Errorf("report of story %s: %w", storyID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return []byte(*r), nil
}
