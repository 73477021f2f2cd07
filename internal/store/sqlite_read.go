package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Article returns one stored article.
func (s *SQLite) Article(ctx context.Context, id string) (Record, error) {
	var r Record
	var raw, text, meta, ingested string
	var analysis, story sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT raw, text, meta, analysis, story_id, ingested_at FROM articles WHERE id = ?`, id).
		Scan(&raw, &text, &meta, &analysis, &story, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, err
	}
	if err := decodeMeta([]byte(meta), raw, text, &r); err != nil {
		return r, fmt.Errorf("article %s: corrupt metadata: %w", id, err)
	}
	if r.Analysis, err = decodeAnalysis([]byte(analysis.String)); err != nil {
		return r, fmt.Errorf("article %s: %w", id, err)
	}
	r.StoryID = story.String
	r.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
	return r, nil
}

// Articles lists stored articles, newest first.
func (s *SQLite) Articles(ctx context.Context, q ArticleQuery) ([]Summary, error) {
	var where []string
	var args []any
	from := "articles a"
	if q.Outlet != "" {
		where = append(where, "a.outlet = ? COLLATE NOCASE")
		args = append(args, q.Outlet)
	}
	if q.Query != "" {
		from = "articles a JOIN articles_fts f ON f.rowid = a.rowid"
		where = append(where, "articles_fts MATCH ?")
		args = append(args, FTSQuery(q.Query))
	}
	if q.After != nil {
		where = append(where, "(a.published < ? OR a.published = ? AND a.id > ?)")
		args = append(args, q.After.Published, q.After.Published, q.After.ID)
	}
	if len(q.IDs) > 0 {
		where = append(where, "a.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(q.IDs)), ",")+")")
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	sqlText := `SELECT a.id, a.outlet, a.title, a.published, a.language, a.source, COALESCE(a.story_id, ''), a.ingested_at, a.words, a.revision FROM ` + from
	if len(where) > 0 {
		sqlText += " WHERE " + strings.Join(where, " AND ")
	}
	sqlText += " ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?"
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var sm Summary
		var ingested string
		if err := rows.Scan(&sm.ID, &sm.Outlet, &sm.Title, &sm.Published, &sm.Language, &sm.Source, &sm.StoryID, &ingested, &sm.Words, &sm.Revision); err != nil {
			return nil, err
		}
		sm.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		out = append(out, sm)
	}
	return out, rows.Err()
}

// CountArticles returns the number of stored articles.
// Outlets counts each stored outlet's articles and stories.
func (s *SQLite) Outlets(ctx context.Context) ([]OutletCount, error) {
	rows, err := s.db.QueryContext(ctx, outletsSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanOutletCount)
}

// PerDay counts articles and stories by publication day and outlet.
func (s *SQLite) PerDay(ctx context.Context, since string) ([]DayCount, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(perDaySQL, "?"), since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanDayCount)
}

func (s *SQLite) CountArticles(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n)
	return n, err
}

// FTSQuery turns user words into an FTS5 query that cannot fail to parse:
// each word quoted, all required.
func FTSQuery(q string) string {
	var parts []string
	for _, w := range strings.Fields(q) {
		w = strings.ReplaceAll(w, `"`, `""`)
		parts = append(parts, `"`+w+`"`)
	}
	return strings.Join(parts, " ")
}
