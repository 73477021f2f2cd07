package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax/internal/dedup"
)

// Stories lists stories, most recently active first.
func (s *SQLite) Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error) {
	var where []string
	var args []any
	if q.Since != "" {
		where = append(where, "s.last >= ?")
		args = append(args, q.Since)
	}
	if q.Until != "" {
		where = append(where, "s.first <= ?")
		args = append(args, q.Until)
	}
	if q.Outlet != "" {
		where = append(where, "s.id IN (SELECT story_id FROM articles WHERE outlet = ? COLLATE NOCASE)")
		args = append(args, q.Outlet)
	}
	for _, f := range []struct {
		op      string
		outlets []string
	}{{"IN", q.AnyOutlet}, {"NOT IN", q.NoOutlet}} {
		if len(f.outlets) == 0 {
			continue
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.outlets)), ", ")
		where = append(where, "s.id "+f.op+" (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND lower(outlet) IN ("+marks+"))")
		for _, o := range f.outlets {
			args = append(args, strings.ToLower(o))
		}
	}
	if q.Entity != "" {
		where = append(where, `s.id IN (SELECT story_id FROM story_entities WHERE name = ? COLLATE NOCASE
			OR name LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\')`)
		args = append(args, q.Entity)
		for _, p := range nameParts(q.Entity) {
			args = append(args, p)
		}
	}
	if q.Query != "" {
		where = append(where, "s.id IN (SELECT a.story_id FROM articles a JOIN articles_fts f ON f.rowid = a.rowid WHERE articles_fts MATCH ?)")
		args = append(args, FTSQuery(q.Query))
	}
	if q.After != nil {
		where = append(where, "(s.last < ? OR s.last = ? AND s.id > ?)")
		args = append(args, q.After.Last, q.After.Last, q.After.ID)
	}
	if len(q.IDs) > 0 {
		where = append(where, "s.id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(q.IDs)), ",")+")")
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	text := `SELECT s.id, s.title, s.first, s.last, s.articles, s.outlets, s.copies, s.updated_at, COALESCE(s.glance, ''), s.changed_gen FROM stories s`
	if len(where) > 0 {
		text += " WHERE " + strings.Join(where, " AND ")
	}
	text += " ORDER BY s.last DESC, s.id LIMIT ? OFFSET ?"
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, text, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StorySummary
	for rows.Next() {
		var st StorySummary
		var updated, glance string
		if err := rows.Scan(&st.ID, &st.Title, &st.First, &st.Last, &st.Articles, &st.Outlets, &st.Copies, &updated, &glance, &st.Generation); err != nil {
			return nil, err
		}
		if glance != "" {
			var g struct{ Main, Times []string }
			if json.Unmarshal([]byte(glance), &g) == nil {
				st.Entities, st.Times = g.Main, g.Times
			}
		}
		st.Updated, _ = time.Parse(time.RFC3339Nano, updated)
		out = append(out, st)
	}
	return out, rows.Err()
}

// Story returns one story's summary and its articles, oldest first.
func (s *SQLite) Story(ctx context.Context, id string) (StorySummary, []Summary, error) {
	list, err := s.Stories(ctx, StoryQuery{IDs: []string{id}})
	if err != nil {
		return StorySummary{}, nil, err
	}
	if len(list) == 0 {
		return StorySummary{}, nil, fmt.Errorf("story %s: %w", id, ErrNotFound)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, outlet, title, published, language, source, COALESCE(story_id, ''), ingested_at, words, revision
		FROM articles WHERE story_id = ? ORDER BY published = '', published, id`, id)
	if err != nil {
		return StorySummary{}, nil, err
	}
	defer rows.Close()
	var arts []Summary
	for rows.Next() {
		var sm Summary
		var ingested string
		if err := rows.Scan(&sm.ID, &sm.Outlet, &sm.Title, &sm.Published, &sm.Language, &sm.Source, &sm.StoryID, &ingested, &sm.Words, &sm.Revision); err != nil {
			return StorySummary{}, nil, err
		}
		sm.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		arts = append(arts, sm)
	}
	return list[0], arts, rows.Err()
}

// Copies returns the copy links from or to the given articles.
func (s *SQLite) Copies(ctx context.Context, ids []string) ([]dedup.CopyLink, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, args...)
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, of_id, relation, jaccard, contained, contains FROM copies
		WHERE article_id IN (`+marks+`) OR of_id IN (`+marks+`) ORDER BY article_id, of_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanCopyLink)
}

// SaveReport stores a story's computed report and its index, unless a
// report of a later generation is stored already.
func (s *SQLite) SaveReport(ctx context.Context, storyID string, gen int64, report []byte, idx ReportIndex) error {
	return saveOne(ctx, s, StoryReport{StoryID: storyID, Generation: gen, JSON: report, Index: idx})
}

// SaveReports stores reports in one transaction: a thousand reports
// commit once, not a thousand times.
func (s *SQLite) SaveReports(ctx context.Context, reports []StoryReport) ([]string, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var gone []string
	for _, r := range reports {
		ok, err := saveReport(ctx, tx, r)
		if err != nil {
			return nil, fmt.Errorf("report of %s: %w", r.StoryID, err)
		}
		if !ok {
			gone = append(gone, r.StoryID)
		}
	}
	return gone, tx.Commit()
}

// saveReport stores one report in tx; ok is false when the story is gone.
func saveReport(ctx context.Context, tx *sql.Tx, r StoryReport) (ok bool, err error) {
	var stored sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT report_gen FROM stories WHERE id = ?`, r.StoryID).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil || stored.Valid && stored.Int64 > r.Generation {
		return err == nil, err
	}
	glance, _ := json.Marshal(struct{ Main, Times []string }{r.Index.Main, r.Index.Times})
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET report = ?, glance = ?, report_gen = ? WHERE id = ?`, string(r.JSON), string(glance), r.Generation, r.StoryID); err != nil {
		return false, err
	}
	for _, q := range []string{`DELETE FROM story_entities WHERE story_id = ?`, `DELETE FROM story_quotes WHERE story_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, r.StoryID); err != nil {
			return false, err
		}
	}
	for _, e := range r.Index.Entities {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO story_entities(story_id, name, type, outlets) VALUES (?,?,?,?)`, r.StoryID, e.Name, e.Type, e.Outlets); err != nil {
			return false, err
		}
	}
	for _, q := range r.Index.Quotes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_quotes(story_id, article_id, speaker, words) VALUES (?,?,?,?)`, r.StoryID, q.ArticleID, q.Speaker, q.Words); err != nil {
			return false, err
		}
	}
	return true, nil
}

// StaleReports lists the stories whose report is missing or older than
// their last change.
func (s *SQLite) StaleReports(ctx context.Context) ([]StoryVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, changed_gen FROM stories WHERE report_gen IS NULL OR report_gen < changed_gen ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanStoryVersion)
}

// Entities finds entities whose name contains q (case-insensitive).
func (s *SQLite) Entities(ctx context.Context, q string, limit int) ([]EntityHit, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, type, COUNT(DISTINCT story_id) AS n FROM story_entities
		WHERE name LIKE ? ESCAPE '\' GROUP BY name, type ORDER BY n DESC, name LIMIT ?`, "%"+likeEscape(q)+"%", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanEntityHit)
}

// EntityStories lists the stories naming an entity.
func (s *SQLite) EntityStories(ctx context.Context, name string) ([]StorySummary, error) {
	return s.Stories(ctx, StoryQuery{Entity: name})
}

// SearchQuotes finds quotes by full-text query over words and speaker.
func (s *SQLite) SearchQuotes(ctx context.Context, q string, limit int) ([]StoryQuote, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT q.story_id, q.article_id, q.speaker, q.words FROM story_quotes q
		JOIN story_quotes_fts f ON f.rowid = q.id WHERE story_quotes_fts MATCH ? ORDER BY rank LIMIT ?`, FTSQuery(q), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collect(rows, scanStoryQuote)
}

// nameParts are the LIKE patterns that find a name as whole words of a
// longer one: "Schumer" finds "Chuck Schumer", "Schumer Jr." and "Sen.
// Chuck Schumer Jr.", not "Schumeria".
func nameParts(name string) []string {
	n := likeEscape(name)
	return []string{"% " + n, n + " %", "% " + n + " %"}
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// Report returns a story's stored report.
func (s *SQLite) Report(ctx context.Context, storyID string) ([]byte, error) {
	var r sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT report FROM stories WHERE id = ?`, storyID).Scan(&r)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !r.Valid {
		return nil, fmt.Errorf("report of story %s: %w", storyID, ErrNotFound)
	}
	return []byte(r.String), err
}

// CountStories returns the number of stories.
func (s *SQLite) CountStories(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM stories`).Scan(&n)
	return n, err
}
